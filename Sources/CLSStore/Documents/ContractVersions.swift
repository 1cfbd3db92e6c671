import CLSCore
import FluentKit
import Foundation

/// The contract's signed and amended versions: frozen when the contract is signed (version 0)
/// and when an amendment is signed (version n), read back as the programme "as signed".
public enum ContractVersions {
    public static func list(contractId: UUID, on database: any Database) async throws -> [ContractVersion] {
        try await ContractVersion.query(on: database).filter(\.$contractId == contractId).sort(\.$number).all()
    }

    public static func latest(contractId: UUID, on database: any Database) async throws -> ContractVersion? {
        try await ContractVersion.query(on: database).filter(\.$contractId == contractId).sort(\.$number, .descending).first()
    }

    public static func find(_ number: Int, contractId: UUID, on database: any Database) async throws -> ContractVersion? {
        try await ContractVersion.query(on: database).filter(\.$contractId == contractId).filter(\.$number == number).first()
    }

    /// Freezes the contract as it stands as version `number`, inside the caller's transaction.
    @discardableResult
    static func freeze(_ contract: Contract, number: Int, label: String, effectiveOn: CalendarDay, at moment: Date,
                       permission: Permission, using mutations: Mutations) async throws -> ContractVersion {
        let content = try await ContractDocumentQueries.load(contract, on: mutations.database)
        let version = try ContractVersion(contractId: try contract.requireID(), number: number, label: label,
                                          effectiveOn: effectiveOn, frozenAt: moment, content: content)
        try await mutations.create(version, permission: permission)
        return version
    }

    /// The signed version, frozen when the contract is signed (nothing if it already has one).
    static func freezeSigned(_ contract: Contract, on day: CalendarDay, using mutations: Mutations) async throws {
        let contractId = try contract.requireID()
        guard try await find(0, contractId: contractId, on: mutations.database) == nil else { return }
        try await freeze(contract, number: 0, label: "Contrat signé", effectiveOn: day, at: Date(),
                         permission: .changeContractState(contract.accessScope), using: mutations)
    }

    /// A contract in force may be amended: signed, implemented, being evaluated, or suspended after
    /// its signature. A renewed, closed or abandoned contract is not amended any more.
    public static func isAmendable(_ contract: Contract) -> Bool {
        isSigned(contract) && ![.renouvele, .clos].contains(contract.contractState)
    }

    /// A contract is signed from its signature on (a suspended one was signed, or not: its
    /// signature date says).
    public static func isSigned(_ contract: Contract) -> Bool {
        switch contract.contractState {
        case .signe, .miseEnOeuvre, .evaluation, .renouvele, .clos: true
        case .suspendu: contract.signedOn != nil
        default: false
        }
    }
}
