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
    /// The role and where it applies, in words: a region or department by its name; a contract's
    /// role needs no more (the entry belongs to the contract, and its `scope` change names it).
    public var auditLabel: String {
        let label = Role(rawValue: role)?.label ?? role
        guard let scope else { return "\(label) (plateforme)" }
        if let region = AdministrativeAreas.region(scope) { return "\(label) (\(region.name))" }
        if let department = AdministrativeAreas.department(scope) { return "\(label) (\(department.name))" }
        return label
    }
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
