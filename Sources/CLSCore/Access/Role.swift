/// The roles of DESIGN.md. Each role is granted on a scope: the whole platform, a region,
/// a department, or one contract.
public enum Role: String, CaseIterable, Codable, Sendable {
    case admin
    case arsRegional = "ars_regional"
    case arsDelegation = "ars_delegation"
    case coordinator
    case editor
    case pilot
    case reader

    public enum ScopeKind: String, Sendable {
        case platform, region, department, contract
    }

    public var scopeKind: ScopeKind {
        switch self {
        case .admin: .platform
        case .arsRegional: .region
        case .arsDelegation: .department
        case .coordinator, .editor, .pilot, .reader: .contract
        }
    }

    public var label: String {
        switch self {
        case .admin: "Administrateur de la plateforme"
        case .arsRegional: "ARS – direction régionale"
        case .arsDelegation: "ARS – délégation départementale"
        case .coordinator: "Coordinateur·rice du contrat"
        case .editor: "Rédacteur·rice du contrat"
        case .pilot: "Pilote d'actions"
        case .reader: "Lecteur·rice du contrat"
        }
    }
}

/// One role on one scope. `scope` is a region code, a department code or a contract id,
/// and is nil for the platform administrator.
public struct RoleGrant: Hashable, Codable, Sendable {
    public let role: Role
    public let scope: String?

    public init(role: Role, scope: String?) {
        self.role = role
        self.scope = role.scopeKind == .platform ? nil : scope
    }

    /// Refuses a grant whose scope does not fit its role, with a French explanation.
    public static func validated(role: Role, scope: String?) throws(AccessError) -> RoleGrant {
        let trimmed = scope?.trimmingCharacters(in: .whitespaces)
        let value = (trimmed?.isEmpty ?? true) ? nil : trimmed
        switch role.scopeKind {
        case .platform:
            return RoleGrant(role: role, scope: nil)
        case .region, .department, .contract:
            guard let value else { throw .missingScope(role) }
            return RoleGrant(role: role, scope: value)
        }
    }
}

public enum AccessError: Error, Equatable, Sendable {
    case missingScope(Role)
    case denied

    public var message: String {
        switch self {
        case .missingScope(let role):
            switch role.scopeKind {
            case .region: return "Le rôle « \(role.label) » porte sur une région : choisissez la région."
            case .department: return "Le rôle « \(role.label) » porte sur un département : choisissez le département."
            case .contract: return "Le rôle « \(role.label) » porte sur un contrat : choisissez le contrat."
            case .platform: return "Rôle incomplet."
            }
        case .denied:
            return "Vous n'avez pas les droits nécessaires pour cette opération."
        }
    }
}
