import FluentKit
import Foundation

/// Who signs and supports a contract, with their organisations, and the steps of its lifecycle:
/// what the contract's page, its public page and the API all show. Three queries.
public struct ContractParties: Sendable {
    public let signatories: [Signatory]
    public let partners: [Partner]
    /// Oldest first.
    public let steps: [ContractStateChange]

    public static func load(contractId: UUID, on database: any Database) async throws -> ContractParties {
        async let signatories = Signatory.query(on: database).filter(\.$contract.$id == contractId).with(\.$organisation).all()
        async let partners = Partner.query(on: database).filter(\.$contract.$id == contractId).with(\.$organisation).all()
        async let steps = ContractStateChange.query(on: database).filter(\.$contract.$id == contractId).sort(\.$createdAt).all()
        return ContractParties(signatories: try await signatories, partners: try await partners, steps: try await steps)
    }
}
