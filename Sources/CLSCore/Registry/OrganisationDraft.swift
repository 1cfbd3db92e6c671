/// An organisation as typed in a form, checked and converted.
public struct OrganisationDraft: Sendable, Equatable {
    public var name: String
    public var kind: OrganisationKind
    public var siren: Siren?
    public var regionCode: String?
    public var departmentCode: String?
    public var competences: [CompetenceDomain]
    public var notes: String

    public struct Input: Sendable {
        public var name = "", kind = "", siren = "", regionCode = "", departmentCode = "", notes = ""
        public var competences: [String] = []
        public init() {}
    }

    public static func validate(_ input: Input) -> Result<OrganisationDraft, FormErrors> {
        var errors = FormErrors()
        let name = input.name.trimmed
        if name.isEmpty { errors.add("name", "Indiquez le nom de l'organisation.") }
        if name.count > 200 { errors.add("name", "Le nom ne doit pas dépasser 200 caractères.") }
        let kind = OrganisationKind(rawValue: input.kind)
        if kind == nil { errors.add("kind", "Choisissez le type d'organisation.") }
        var siren: Siren?
        if !input.siren.trimmed.isEmpty {
            siren = Siren(input.siren)
            if siren == nil { errors.add("siren", "Le SIREN « \(input.siren.trimmed) » n'est pas valide : il compte 9 chiffres et sa clé de contrôle doit être juste. Laissez le champ vide si vous ne le connaissez pas.") }
        }
        let region = input.regionCode.trimmed
        if !region.isEmpty, AdministrativeAreas.region(region) == nil { errors.add("regionCode", "Région inconnue.") }
        let department = input.departmentCode.trimmed
        if !department.isEmpty {
            if let found = AdministrativeAreas.department(department) {
                if !region.isEmpty, found.regionCode != region {
                    errors.add("departmentCode", "Le département « \(found.name) » n'appartient pas à la région choisie.")
                }
            } else {
                errors.add("departmentCode", "Département inconnu.")
            }
        }
        var competences: [CompetenceDomain] = []
        for code in input.competences where !code.isEmpty {
            if let domain = CompetenceDomain(rawValue: code) { competences.append(domain) } else {
                errors.add("competences", "Domaine de compétence inconnu : « \(code) ».")
            }
        }
        guard errors.isEmpty, let kind else { return .failure(errors) }
        let derivedRegion = region.isEmpty ? AdministrativeAreas.department(department)?.regionCode : region
        return .success(OrganisationDraft(
            name: name, kind: kind, siren: siren, regionCode: derivedRegion,
            departmentCode: department.isEmpty ? nil : department, competences: competences, notes: input.notes.trimmed))
    }
}
