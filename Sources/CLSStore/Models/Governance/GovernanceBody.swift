import FluentKit
import Foundation

/// A governance body of a contract: COPIL, COTECH, a working group (possibly attached to an axis and
/// co-led with a non-health sector), the partners' committee…
public final class GovernanceBody: Model, @unchecked Sendable {
    public static let schema = "governance_bodies"

    @ID(key: .id) public var id: UUID?
    @Field(key: "contract_id") public var contractId: UUID
    /// `GovernanceBodyKind` raw value.
    @Field(key: "kind") public var kind: String
    @Field(key: "name") public var name: String
    /// The axis a working group serves, when it serves one.
    @OptionalField(key: "section_id") public var sectionId: UUID?
    /// The sector co-leading it with health (education, housing, transport…), free text.
    @Field(key: "co_lead_sector") public var coLeadSector: String
    /// Who chairs it (names and organisations, as written in the contract).
    @Field(key: "chairs") public var chairs: String
    @Field(key: "purpose") public var purpose: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public init(contractId: UUID, kind: String, name: String, sectionId: UUID? = nil, coLeadSector: String = "",
                chairs: String = "", purpose: String = "") {
        self.contractId = contractId
        self.kind = kind
        self.name = name
        self.sectionId = sectionId
        self.coLeadSector = coLeadSector
        self.chairs = chairs
        self.purpose = purpose
    }
}

extension GovernanceBody: Auditable {
    public static let auditEntityType = "governance_body"
    public var auditLabel: String { name }
    public var auditContractId: UUID? { contractId }
    public func auditSnapshot() -> [AuditField] {
        [.init("kind", "Type", kind), .init("name", "Nom", name), .init("section_id", "Axe", sectionId?.uuidString),
         .init("co_lead_sector", "Secteur copilote", coLeadSector), .init("chairs", "Présidence", chairs),
         .init("purpose", "Rôle", purpose)]
    }
}

/// A member of a governance body, with the dates of membership: leaving closes the membership
/// instead of deleting it, so the history of who sat where is kept.
public final class BodyMember: Model, @unchecked Sendable {
    public static let schema = "body_members"

    @ID(key: .id) public var id: UUID?
    @Field(key: "contract_id") public var contractId: UUID
    @Parent(key: "body_id") public var body: GovernanceBody
    @OptionalField(key: "organisation_id") public var organisationId: UUID?
    @Field(key: "organisation_name") public var organisationName: String
    @Field(key: "person_name") public var personName: String
    @Field(key: "role") public var role: String
    @Field(key: "represents_signatory") public var representsSignatory: Bool
    @Field(key: "is_inhabitant") public var isInhabitant: Bool
    @Field(key: "joined_on") public var joinedOn: String
    @OptionalField(key: "left_on") public var leftOn: String?

    public init() {}

    public init(contractId: UUID, bodyId: UUID, organisationId: UUID?, organisationName: String, personName: String, role: String,
                representsSignatory: Bool, isInhabitant: Bool, joinedOn: String) {
        self.contractId = contractId
        self.$body.id = bodyId
        self.organisationId = organisationId
        self.organisationName = organisationName
        self.personName = personName
        self.role = role
        self.representsSignatory = representsSignatory
        self.isInhabitant = isInhabitant
        self.joinedOn = joinedOn
    }

    public var displayName: String {
        [personName, organisationName].filter { !$0.isEmpty }.joined(separator: " — ")
    }
}

extension BodyMember: Auditable {
    public static let auditEntityType = "body_member"
    public var auditLabel: String { displayName }
    public var auditContractId: UUID? { contractId }
    public func auditSnapshot() -> [AuditField] {
        [.init("body_id", "Instance", $body.id.uuidString), .init("organisation_name", "Organisation", organisationName),
         .init("person_name", "Personne", personName), .init("role", "Rôle", role),
         .init("represents_signatory", "Représente un signataire", representsSignatory ? "oui" : "non"),
         .init("is_inhabitant", "Habitant", isInhabitant ? "oui" : "non"),
         .init("joined_on", "Entrée", joinedOn), .init("left_on", "Sortie", leftOn)]
    }
}
