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

/// Signs in API clients that present `Authorization: Bearer <token>`.
struct BearerAuthenticator: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let bearer = request.headers.bearerAuthorization {
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
