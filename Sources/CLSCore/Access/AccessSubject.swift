/// Who is acting: a signed-in user with their role grants, or an anonymous visitor.
public struct AccessSubject: Sendable, Equatable {
    public let userId: String?
    public let grants: Set<RoleGrant>

    public init(userId: String?, grants: Set<RoleGrant>) {
        self.userId = userId
        self.grants = grants
    }

    public static let anonymous = AccessSubject(userId: nil, grants: [])

    public var isAuthenticated: Bool { userId != nil }
    public var isAdmin: Bool { grants.contains { $0.role == .admin } }

    public func scopes(of role: Role) -> Set<String> {
        Set(grants.filter { $0.role == role }.compactMap(\.scope))
    }

    /// Regions and departments where this subject acts for the ARS.
    public var arsRegions: Set<String> { scopes(of: .arsRegional) }
    public var arsDepartments: Set<String> { scopes(of: .arsDelegation) }
    public var isARS: Bool { !arsRegions.isEmpty || !arsDepartments.isEmpty }

    /// The contract roles held on one contract.
    public func contractRoles(_ contractId: String) -> Set<Role> {
        Set(grants.filter { $0.role.scopeKind == .contract && $0.scope == contractId }.map(\.role))
    }

    /// Contracts on which this subject holds any role.
    public var contractIds: Set<String> {
        Set(grants.filter { $0.role.scopeKind == .contract }.compactMap(\.scope))
    }
}
