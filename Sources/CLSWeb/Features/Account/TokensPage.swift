import CLSCore
import CLSStore
import Fluent
import Vapor

/// A user's API tokens: when each was created, whether it was revoked, the form for a new one.
struct TokensPage: Encodable {
    struct Token: Encodable {
        let label: String
        let createdAt: String
        let revokedAt: String?
        let revoke: String
    }

    let tokens: [Token]

    static func load(_ user: AuthenticatedUser, _ context: PageContext) async throws -> TokensPage {
        let tokens = try await APIToken.query(on: context.db).filter(\.$user.$id == user.id).sort(\.$createdAt, .descending).all()
        return TokensPage(tokens: tokens.map {
            Token(label: $0.label, createdAt: $0.createdAt.map { FrenchFormat.dateTime($0) } ?? "",
                  revokedAt: $0.revokedAt.map { FrenchFormat.dateTime($0) }, revoke: SitePath.revokeToken($0.id ?? UUID()).href)
        })
    }
}
