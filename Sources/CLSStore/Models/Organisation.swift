import CLSCore
import FluentKit
import Foundation

/// An organisation that signs or takes part in contracts (ARS, collectivité, CPAM, association...).
public final class Organisation: Model, @unchecked Sendable {
    public static let schema = "organisations"

    @ID(key: .id) public var id: UUID?
    @Field(key: "name") public var name: String
    @Field(key: "kind") public var kind: String
    @OptionalField(key: "siren") public var siren: String?
    @OptionalField(key: "region_code") public var regionCode: String?
    @OptionalField(key: "department_code") public var departmentCode: String?
    /// Competence domain codes (`CompetenceDomain`), comma-separated.
    @Field(key: "competences") public var competenceCodes: String
    @Field(key: "notes") public var notes: String
    /// The name folded by `SearchText`, kept up to date by `Mutations`.
    @Field(key: "search_text") public var searchText: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    public init() {}

    public init(id: UUID? = nil, name: String, kind: OrganisationKind, siren: String? = nil,
                regionCode: String? = nil, departmentCode: String? = nil,
                competences: [CompetenceDomain] = [], notes: String = "") {
        self.id = id
        self.name = name
        self.kind = kind.rawValue
        self.siren = siren
        self.regionCode = regionCode
        self.departmentCode = departmentCode
        self.competences = competences
        self.notes = notes
        self.searchText = SearchText.fold(name)
    }

    public var organisationKind: OrganisationKind { OrganisationKind(rawValue: kind) ?? .other }

    public var competences: [CompetenceDomain] {
        get { competenceCodes.split(separator: ",").compactMap { CompetenceDomain(rawValue: String($0)) } }
        set { competenceCodes = newValue.map(\.rawValue).joined(separator: ",") }
    }
}

extension Organisation: Auditable {
    public static let auditEntityType = "organisation"
    public var auditLabel: String { name }
    public func auditSnapshot() -> [AuditField] {
        [
            .init("name", "Nom", name),
            .init("kind", "Type", organisationKind.label),
            .init("siren", "SIREN", siren),
            .init("region_code", "Région", regionCode),
            .init("department_code", "Département", departmentCode),
            .init("competences", "Compétences", competences.map(\.label).joined(separator: ", ")),
            .init("notes", "Notes", notes),
        ]
    }
}

extension Organisation: SearchIndexed {
    public func refreshSearchText() { searchText = SearchText.fold(name) }
}
