import FluentKit
import Foundation

/// An organisation that takes part in the contract without signing it.
public final class Partner: Model, @unchecked Sendable {
    public static let schema = "contract_partners"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "contract_id") public var contract: Contract
    @Parent(key: "organisation_id") public var organisation: Organisation
    @Field(key: "contribution") public var contribution: String

    public init() {}

    public init(contractId: UUID, organisationId: UUID, contribution: String) {
        self.$contract.id = contractId
        self.$organisation.id = organisationId
        self.contribution = contribution
    }
}

extension Partner: Auditable {
    public static let auditEntityType = "partner"
    public var auditLabel: String { contribution }
    public var auditContractId: UUID? { $contract.id }
    public func auditSnapshot() -> [AuditField] {
        [
            .init("organisation_id", "Organisation", $organisation.id.uuidString),
            .init("contribution", "Rôle dans le contrat", contribution),
        ]
    }
}
