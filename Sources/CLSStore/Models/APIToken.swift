import FluentKit
import Foundation

/// A personal API token. Only its SHA-256 digest is stored; the clear token is shown once.
public final class APIToken: Model, @unchecked Sendable {
    public static let schema = "api_tokens"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "user_id") public var user: User
    @Field(key: "label") public var label: String
    @Field(key: "token_digest") public var tokenDigest: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @OptionalField(key: "revoked_at") public var revokedAt: Date?

    public init() {}

    public init(userId: UUID, label: String, tokenDigest: String) {
        self.$user.id = userId
        self.label = label
        self.tokenDigest = tokenDigest
    }
}

extension APIToken: Auditable {
    public static let auditEntityType = "api_token"
    public var auditLabel: String { label }
    public func auditSnapshot() -> [AuditField] {
        [
            .init("user_id", "Utilisateur", $user.id.uuidString),
            .init("label", "Libellé", label),
            .init("revoked_at", "Révoqué le", revokedAt.map { ISO8601DateFormatter().string(from: $0) }),
        ]
    }
}
