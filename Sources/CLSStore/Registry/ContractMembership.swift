import CLSCore
import FluentKit
import Foundation

/// Who works on a contract: accounts given a contract role, and signatories declared once.
public enum ContractMembership {
    public enum Failure: Error, Sendable, Equatable {
        case noAccount(email: String)
        case alreadyMember(name: String, role: String)
        case alreadySignatory(organisation: String)

        public var message: String {
            switch self {
            case .noAccount(let email):
                "Aucun compte n'existe pour « \(email) ». Demandez à l'administrateur de la plateforme de le créer, puis ajoutez-le ici."
            case .alreadyMember(let name, let role): "\(name) a déjà le rôle « \(role) » sur ce contrat."
            case .alreadySignatory(let organisation): "« \(organisation) » est déjà signataire de ce contrat."
            }
        }
    }

    /// Gives the account of `email` the contract role `role`; returns the account.
    public static func add(email: String, role: Role, to contract: Contract, using mutations: Mutations) async throws -> User {
        let id = try contract.requireID()
        guard let user = try await User.query(on: mutations.database).filter(\.$email == email).first() else {
            throw Failure.noAccount(email: email)
        }
        let existing = try await RoleAssignment.query(on: mutations.database)
            .filter(\.$user.$id == user.requireID()).filter(\.$role == role.rawValue).filter(\.$scope == id.uuidString).count()
        guard existing == 0 else { throw Failure.alreadyMember(name: user.displayName, role: role.label) }
        try await mutations.create(RoleAssignment(userId: try user.requireID(), grant: RoleGrant(role: role, scope: id.uuidString)),
                                   permission: .manageContractMembers(contract.accessScope))
        return user
    }

    /// The contract-role assignment `id` of the contract, with its account; nil when it is not one.
    public static func assignment(_ id: UUID?, of contractId: UUID, roles: [Role],
                                  on database: any Database) async throws -> RoleAssignment? {
        guard let id, let assignment = try await RoleAssignment.query(on: database).filter(\.$id == id)
            .filter(\.$scope == contractId.uuidString).with(\.$user).first(),
              roles.map(\.rawValue).contains(assignment.role) else { return nil }
        return assignment
    }

    /// Refuses an organisation that already signs the contract.
    public static func checkNotSignatory(_ organisation: Organisation, of contractId: UUID, on database: any Database) async throws {
        let signing = try await Signatory.query(on: database)
            .filter(\.$contract.$id == contractId).filter(\.$organisation.$id == organisation.requireID()).count()
        guard signing == 0 else { throw Failure.alreadySignatory(organisation: organisation.name) }
    }
}
