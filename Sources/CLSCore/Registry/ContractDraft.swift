/// The registry fields of a contract as typed in a form, checked and converted.
public struct ContractDraft: Sendable, Equatable {
    public var name: String
    public var generation: Int
    public var previousContractId: String?
    public var regionCode: String
    public var departmentCode: String
    public var territoryLabel: String
    public var initiative: Initiative?
    public var isARSPriority: Bool
    public var summary: String
    public var prsReferences: String
    public var linkedSchemes: [LinkedScheme]
    public var firstContactOn: CalendarDay?
    public var diagnosticOn: CalendarDay?
    public var signedOn: CalendarDay?
    public var startsOn: CalendarDay?
    public var endsOn: CalendarDay?
    public var durationYears: Int?
    public var isConfidential: Bool
    public var isPublished: Bool

    /// The raw form values, as strings. Field names are those of the HTML form.
    public struct Input: Sendable {
        public var name = "", generation = "1", previousContractId = "", regionCode = "", departmentCode = ""
        public var territoryLabel = "", initiative = "", summary = "", prsReferences = ""
        public var linkedSchemes: [String] = []
        public var firstContactOn = "", diagnosticOn = "", signedOn = "", startsOn = "", endsOn = "", durationYears = ""
        public var isARSPriority = false, isConfidential = false, isPublished = false
        public init() {}
    }

    public static func validate(_ input: Input) -> Result<ContractDraft, FormErrors> {
        var errors = FormErrors()
        let name = input.name.trimmed
        if name.isEmpty { errors.add("name", "Indiquez le nom du contrat (par exemple « CLS de Belle-Île-en-Mer »).") }
        if name.count > 200 { errors.add("name", "Le nom du contrat ne doit pas dépasser 200 caractères.") }

        let generation = Int(input.generation.trimmed) ?? 0
        if !(1...20).contains(generation) { errors.add("generation", "La génération est un nombre entier de 1 à 20 (1 pour un premier contrat).") }

        let region = AdministrativeAreas.region(input.regionCode.trimmed)
        if region == nil { errors.add("regionCode", "Choisissez la région du contrat.") }
        let department = AdministrativeAreas.department(input.departmentCode.trimmed)
        if department == nil {
            errors.add("departmentCode", "Choisissez le département du contrat.")
        } else if let region, department?.regionCode != region.code {
            errors.add("departmentCode", "Le département « \(department!.name) » n'appartient pas à la région « \(region.name) ». Choisissez un département de cette région.")
        }

        var initiative: Initiative?
        if !input.initiative.trimmed.isEmpty {
            initiative = Initiative(rawValue: input.initiative.trimmed)
            if initiative == nil { errors.add("initiative", "Choisissez une initiative ascendante ou descendante.") }
        }

        var schemes: [LinkedScheme] = []
        for code in input.linkedSchemes where !code.isEmpty {
            if let scheme = LinkedScheme(rawValue: code) { schemes.append(scheme) } else {
                errors.add("linkedSchemes", "Dispositif lié inconnu : « \(code) ».")
            }
        }

        let firstContact = errors.day("firstContactOn", input.firstContactOn, label: "premier contact")
        let diagnostic = errors.day("diagnosticOn", input.diagnosticOn, label: "diagnostic")
        let signed = errors.day("signedOn", input.signedOn, label: "signature")
        let starts = errors.day("startsOn", input.startsOn, label: "début")
        let ends = errors.day("endsOn", input.endsOn, label: "fin")
        if let starts, let ends, ends < starts {
            errors.add("endsOn", "La date de fin précède la date de début : corrigez l'une des deux.")
        }

        var duration: Int?
        if !input.durationYears.trimmed.isEmpty {
            duration = Int(input.durationYears.trimmed)
            if duration == nil || !(1...10).contains(duration!) {
                errors.add("durationYears", "La durée est un nombre d'années de 1 à 10 (souvent 5, aligné sur le PRS).")
            }
        }

        if input.isConfidential && input.isPublished {
            errors.add("isPublished", "Un contrat confidentiel ne peut pas être publié : décochez l'une des deux cases.")
        }
        if input.summary.count > 20_000 { errors.add("summary", "La description ne doit pas dépasser 20 000 caractères.") }

        guard errors.isEmpty, let region, let department else { return .failure(errors) }
        let previous = input.previousContractId.trimmed
        return .success(ContractDraft(
            name: name, generation: generation, previousContractId: previous.isEmpty ? nil : previous,
            regionCode: region.code, departmentCode: department.code, territoryLabel: input.territoryLabel.trimmed,
            initiative: initiative, isARSPriority: input.isARSPriority, summary: input.summary.trimmed,
            prsReferences: input.prsReferences.trimmed, linkedSchemes: schemes, firstContactOn: firstContact,
            diagnosticOn: diagnostic, signedOn: signed, startsOn: starts, endsOn: ends, durationYears: duration,
            isConfidential: input.isConfidential, isPublished: input.isPublished))
    }
}

extension String {
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
