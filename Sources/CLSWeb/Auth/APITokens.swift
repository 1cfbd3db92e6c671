import CLSCore
import CLSStore
import Crypto
import Foundation
import Fluent
import Vapor

/// Personal API tokens: random, shown once, stored as a SHA-256 digest.
enum APITokens {
    static let prefix = "clsp_"

    static func digest(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// The token `id` of the user, if it is theirs.
    static func token(_ id: UUID?, of userId: UUID, on database: any Database) async throws -> APIToken? {
        guard let id else { return nil }
        return try await APIToken.query(on: database).filter(\.$id == id).filter(\.$user.$id == userId).first()
    }

    /// Creates a token for `user` and returns its clear value (never stored).
    static func issue(for user: User, label: String, using mutations: Mutations) async throws -> String {
        let permission: Permission = mutations.actor.userId == user.id
            ? .manageOwnAccount(userId: try user.requireID().uuidString) : .manageUsers
        let bytes = [UInt8].random(count: 32)
        let token = prefix + Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        let record = APIToken(userId: try user.requireID(), label: label, tokenDigest: digest(token))
        try await mutations.create(record, permission: permission)
        return token
    }
}

extension Request {
    /// A call of the JSON API (`/api/v1/…`), the only place where a personal token is a credential.
    var isAPICall: Bool {
        let path = url.path
        return path == SitePath.apiPrefix || path.hasPrefix(SitePath.apiPrefix + "/")
    }

    /// An API call made with `Authorization: Bearer`: it needs no CSRF token (no cookie acts for it).
    var isTokenAPICall: Bool { isAPICall && headers.bearerAuthorization != nil }
}

/// Signs in API clients that present `Authorization: Bearer <token>` on `/api/v1` only.
///
/// Elsewhere the header is ignored: a token is not a web credential. It cannot open pages nor
/// reach the account pages, where it could mint another token outliving its own revocation.
/// On the API, the token's user replaces any user of a session cookie.
struct BearerAuthenticator: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if request.isAPICall, let bearer = request.headers.bearerAuthorization {
            request.auth.logout(AuthenticatedUser.self)
            guard let token = try await APIToken.query(on: request.db)
                .filter(\.$tokenDigest == APITokens.digest(bearer.token))
                .filter(\.$revokedAt == nil)
                .first(),
                let user = try await AuthenticatedUser.load(token.$user.id, on: request.db)
            else {
                throw WebError.invalidToken
            }
            request.auth.login(user)
        }
        return try await next.respond(to: request)
    }
}
