import FluentKit
import Foundation

/// An organisation that signs the contract, with its representative.
public final class Signatory: Model, @unchecked Sendable {
    public static let schema = "contract_signatories"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "contract_id") public var contract: Contract
    @Parent(key: "organisation_id") public var organisation: Organisation
    @Field(key: "representative") public var representative: String
    @Field(key: "representative_role") public var representativeRole: String
    @OptionalField(key: "deliberation_on") public var deliberationOn: String?
    @OptionalField(key: "signed_on") public var signedOn: String?

    public init() {}

    public init(contractId: UUID, organisationId: UUID, representative: String, representativeRole: String,
                deliberationOn: String? = nil, signedOn: String? = nil) {
        self.$contract.id = contractId
        self.$organisation.id = organisationId
        self.representative = representative
        self.representativeRole = representativeRole
        self.deliberationOn = deliberationOn
        self.signedOn = signedOn
    }
}

extension Signatory: Auditable {
    public static let auditEntityType = "signatory"
    public var auditLabel: String { representative }
    public var auditContractId: UUID? { $contract.id }
    public func auditSnapshot() -> [AuditField] {
        [
            .init("organisation_id", "Organisation", $organisation.id.uuidString),
            .init("representative", "Représentant·e", representative),
            .init("representative_role", "Qualité", representativeRole),
            .init("deliberation_on", "Délibération", deliberationOn),
            .init("signed_on", "Signature", signedOn),
        ]
    }
}
