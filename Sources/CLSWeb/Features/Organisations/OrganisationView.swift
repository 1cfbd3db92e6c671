import CLSCore
import CLSStore
import Foundation

/// An organisation as the pages show it: every value in French.
struct OrganisationView: Encodable {
    let id: String
    let href: String
    let edit: String
    let name: String
    let kind: String
    let siren: String
    let region: String
    let department: String
    let competences: [String]
    let notes: String

    init(_ organisation: Organisation) {
        id = organisation.id?.uuidString ?? ""
        href = SitePath.organisation(organisation.id ?? UUID()).href
        edit = SitePath.editOrganisation(organisation.id ?? UUID()).href
        name = organisation.name
        kind = organisation.organisationKind.label
        siren = organisation.siren ?? "—"
        region = organisation.regionCode.flatMap { AdministrativeAreas.region($0)?.name } ?? "—"
        department = organisation.departmentCode.flatMap { code in AdministrativeAreas.department(code).map { "\(code) – \($0.name)" } } ?? "—"
        competences = organisation.competences.map(\.label)
        notes = organisation.notes
    }
}
