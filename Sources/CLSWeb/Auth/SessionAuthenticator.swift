import CLSStore
import Vapor

/// Restores the signed-in user from the session cookie.
struct SessionAuthenticator: AsyncMiddleware {
    static let sessionKey = "user_id"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if request.hasSession, let raw = request.session.data[Self.sessionKey], let id = UUID(uuidString: raw) {
            if let user = try await AuthenticatedUser.load(id, on: request.db) {
                request.auth.login(user)
            } else {
                request.session.data[Self.sessionKey] = nil
            }
        }
        return try await next.respond(to: request)
    }
}
