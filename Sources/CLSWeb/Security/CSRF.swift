import Foundation
import Vapor

/// Cross-site request forgery protection: every state-changing request made with the session
/// cookie must carry the session's token, in the `_csrf` form field or the `X-CSRF-Token` header.
/// API calls (`/api/v1`) authenticated with a Bearer token need no CSRF token; a Bearer header
/// anywhere else is no credential and exempts nothing.
struct CSRFMiddleware: AsyncMiddleware {
    static let sessionKey = "csrf"
    static let fieldName = "_csrf"
    static let headerName = "X-CSRF-Token"
    /// Uploads (imports, attachments) may reach 10 MB plus the multipart envelope.
    static let maxUploadBytes = 11 * 1024 * 1024
    /// The official reference files, sent together, are larger (the national COG, populations and
    /// EPCI files weigh about 9 MB); only administrators reach that route.
    static let maxReferenceUploadBytes = 48 * 1024 * 1024
    static let maxFormBytes = 1024 * 1024

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let safe: [HTTPMethod] = [.GET, .HEAD, .OPTIONS]
        if !safe.contains(request.method), !request.isTokenAPICall {
            // A body still streaming (an upload) is gathered first, within the upload limit,
            // so the token field can be read; the route then finds it already collected.
            if request.body.data == nil {
                let isUpload = request.headers.contentType?.type == "multipart"
                let uploadLimit = request.url.path.hasPrefix(SitePath.reference.href + "/") ? Self.maxReferenceUploadBytes : Self.maxUploadBytes
                _ = try await request.body.collect(max: isUpload ? uploadLimit : Self.maxFormBytes).get()
            }
            let expected = request.hasSession ? request.session.data[Self.sessionKey] : nil
            let presented = request.headers.first(name: Self.headerName)
                ?? (try? request.content.get(String.self, at: Self.fieldName))
            guard let expected, let presented, Self.constantTimeEquals(expected, presented) else {
                throw WebError.csrfRejected
            }
        }
        return try await next.respond(to: request)
    }

    static func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        let left = Array(a.utf8), right = Array(b.utf8)
        guard left.count == right.count else { return false }
        return zip(left, right).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

extension Request {
    /// The session's CSRF token, created on first use (which also starts the session).
    var csrfToken: String {
        if let token = session.data[CSRFMiddleware.sessionKey] { return token }
        let token = [UInt8].random(count: 24).map { String(format: "%02x", $0) }.joined()
        session.data[CSRFMiddleware.sessionKey] = token
        return token
    }
}
