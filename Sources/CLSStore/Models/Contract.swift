import CLSCore
import FluentKit
import Foundation

/// A Contrat Local de Santé: the registry entry every other part of the platform hangs on.
public final class Contract: Model, @unchecked Sendable {
    public static let schema = "contracts"

    @ID(key: .id) public var id: UUID?
    @Field(key: "name") public var name: String
    @Field(key: "generation") public var generation: Int
    @OptionalParent(key: "previous_contract_id") public var previousContract: Contract?
    @Field(key: "state") public var state: String
    @OptionalField(key: "initiative") public var initiative: String?
    @Field(key: "is_ars_priority") public var isARSPriority: Bool
    @Field(key: "region_code") public var regionCode: String
    @Field(key: "department_code") public var departmentCode: String
    @Field(key: "territory_label") public var territoryLabel: String
    @Field(key: "description") public var summary: String
    @Field(key: "prs_references") public var prsReferences: String
    /// `LinkedScheme` codes, comma-separated.
    @Field(key: "linked_schemes") public var linkedSchemeCodes: String
    @OptionalField(key: "first_contact_on") public var firstContactOn: String?
    @OptionalField(key: "diagnostic_on") public var diagnosticOn: String?
    @OptionalField(key: "signed_on") public var signedOn: String?
    @OptionalField(key: "starts_on") public var startsOn: String?
    @OptionalField(key: "ends_on") public var endsOn: String?
    @OptionalField(key: "duration_years") public var durationYears: Int?
    @Field(key: "is_confidential") public var isConfidential: Bool
    @Field(key: "is_published") public var isPublished: Bool
    /// Name and territory folded by `SearchText`, kept up to date on every save.
    @Field(key: "search_text") public var searchText: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    @Children(for: \.$contract) public var signatories: [Signatory]
    @Children(for: \.$contract) public var partners: [Partner]
    @Children(for: \.$contract) public var stateChanges: [ContractStateChange]

    public init() {}

    public init(id: UUID? = nil, name: String, generation: Int = 1, state: ContractState = .emergence,
                regionCode: String, departmentCode: String, territoryLabel: String = "") {
        self.id = id
        self.name = name
        self.generation = generation
        self.state = state.rawValue
        self.isARSPriority = false
        self.regionCode = regionCode
        self.departmentCode = departmentCode
        self.territoryLabel = territoryLabel
        self.summary = ""
        self.prsReferences = ""
        self.linkedSchemeCodes = ""
        self.isConfidential = false
        self.isPublished = false
        self.searchText = ""
    }

    /// Recomputes the folded search text from the name and the territory.
    public func refreshSearchText() {
        searchText = SearchText.fold(name + " " + territoryLabel)
    }

    public var contractState: ContractState { ContractState(rawValue: state) ?? .emergence }
    public var contractInitiative: Initiative? { initiative.flatMap(Initiative.init(rawValue:)) }

    public var linkedSchemes: [LinkedScheme] {
        get { linkedSchemeCodes.split(separator: ",").compactMap { LinkedScheme(rawValue: String($0)) } }
        set { linkedSchemeCodes = newValue.map(\.rawValue).joined(separator: ",") }
    }

    /// What the access policy needs to know about this contract.
    public var accessScope: ContractScope {
        ContractScope(id: id?.uuidString ?? "", regionCode: regionCode, departmentCode: departmentCode,
                      isConfidential: isConfidential, isPublished: isPublished)
    }
}

extension Contract: Auditable {
    public static let auditEntityType = "contract"
    public var auditLabel: String { name }
    public var auditContractId: UUID? { id }
    public func auditSnapshot() -> [AuditField] {
        [
            .init("name", "Nom", name),
            .init("generation", "Génération", String(generation)),
            .init("previous_contract_id", "Contrat précédent", $previousContract.id?.uuidString),
            .init("state", "État", contractState.label),
            .init("initiative", "Initiative", contractInitiative?.label),
            .init("is_ars_priority", "Territoire prioritaire ARS", isARSPriority ? "oui" : "non"),
            .init("region_code", "Région", AdministrativeAreas.region(regionCode)?.name ?? regionCode),
            .init("department_code", "Département", AdministrativeAreas.department(departmentCode)?.name ?? departmentCode),
            .init("territory_label", "Territoire", territoryLabel),
            .init("description", "Description", summary),
            .init("prs_references", "Références au PRS", prsReferences),
            .init("linked_schemes", "Dispositifs liés", linkedSchemes.map(\.label).joined(separator: ", ")),
            .init("first_contact_on", "Premier contact", firstContactOn),
            .init("diagnostic_on", "Diagnostic", diagnosticOn),
            .init("signed_on", "Signature", signedOn),
            .init("starts_on", "Début", startsOn),
            .init("ends_on", "Fin", endsOn),
            .init("duration_years", "Durée (années)", durationYears.map(String.init)),
            .init("is_confidential", "Confidentiel", isConfidential ? "oui" : "non"),
            .init("is_published", "Publié", isPublished ? "oui" : "non"),
        ]
    }
}
