import CLSCore
import FluentKit
import Foundation

/// A role granted to a user on a scope (platform, region, department or contract).
public final class RoleAssignment: Model, @unchecked Sendable {
    public static let schema = "role_assignments"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "user_id") public var user: User
    @Field(key: "role") public var role: String
    @OptionalField(key: "scope") public var scope: String?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public init(userId: UUID, grant: RoleGrant) {
        self.$user.id = userId
        self.role = grant.role.rawValue
        self.scope = grant.scope
    }

    /// Nil when the stored role is unknown to this version (never grants anything).
    public var grant: RoleGrant? {
        Role(rawValue: role).map { RoleGrant(role: $0, scope: scope) }
    }
}

extension RoleAssignment: Auditable {
    public static let auditEntityType = "role_assignment"
    public var auditLabel: String { "\(Role(rawValue: role)?.label ?? role) (\(scope ?? "plateforme"))" }
    public var auditContractId: UUID? {
        Role(rawValue: role)?.scopeKind == .contract ? scope.flatMap(UUID.init(uuidString:)) : nil
    }
    public func auditSnapshot() -> [AuditField] {
        [
            .init("user_id", "Utilisateur", $user.id.uuidString),
            .init("role", "Rôle", Role(rawValue: role)?.label ?? role),
            .init("scope", "Périmètre", scope),
        ]
    }
}
