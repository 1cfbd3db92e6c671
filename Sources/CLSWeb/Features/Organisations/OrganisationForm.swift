import CLSCore
import CLSStore
import Vapor

/// An organisation's fields as its form posts them, kept as typed so a refused form comes back whole.
struct OrganisationForm: Content {
    var name: String?
    var kind: String?
    var siren: String?
    var regionCode: String?
    var departmentCode: String?
    var competences: [String]?
    var notes: String?

    var input: OrganisationDraft.Input {
        var input = OrganisationDraft.Input()
        input.name = name ?? ""
        input.kind = kind ?? ""
        input.siren = siren ?? ""
        input.regionCode = regionCode ?? ""
        input.departmentCode = departmentCode ?? ""
        input.competences = competences ?? []
        input.notes = notes ?? ""
        return input
    }

    init() {}

    init(_ organisation: Organisation) {
        name = organisation.name
        kind = organisation.kind
        siren = organisation.siren
        regionCode = organisation.regionCode
        departmentCode = organisation.departmentCode
        competences = organisation.competences.map(\.rawValue)
        notes = organisation.notes
    }

    static func assign(_ draft: OrganisationDraft, to organisation: Organisation) {
        organisation.name = draft.name
        organisation.kind = draft.kind.rawValue
        organisation.siren = draft.siren?.digits
        organisation.regionCode = draft.regionCode
        organisation.departmentCode = draft.departmentCode
        organisation.competences = draft.competences
        organisation.notes = draft.notes
    }
}
