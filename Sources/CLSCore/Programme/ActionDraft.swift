/// A fiche action as typed in its form, checked against the vocabularies and taxonomies.
public struct ActionDraft: Sendable, Equatable {
    public var title: String
    public var summary: String
    public var objectives: String
    public var expectedResults: String
    public var logicProblem: String
    public var logicDeterminant: String
    public var logicStrategy: String
    public var logicIntermediateResults: String
    /// `nil`: no status (an imported plan may give none; progress is never invented).
    public var status: ActionStatus?
    public var priority: ActionPriority?
    public var startsOn: CalendarDay?
    public var endsOn: CalendarDay?
    public var isRecurring: Bool
    public var leadPeople: String
    public var leadService: String
    public var electedReferent: String
    public var partners: String
    public var means: String
    public var governanceBody: String
    public var places: String
    public var territoryScope: String
    public var themes: [String]
    public var determinants: [String]
    public var strategies: [String]
    public var publics: [String]
    public var sectors: [String]
    public var lifeStages: [String]
    public var approach: InterventionApproach?
    public var istsAim: ISTSAim?
    public var participation: ParticipationLevel?
    public var financingNotes: String
    public var plannedTotal: Double?
    public var isNew: Bool
    public var isConfidential: Bool
    public var isContinuous: Bool
    public var schedule: String
    public var linkedPlanActions: String
    public var notes: String
    public var amountsIncludeTax: Bool

    /// Raw form values. Field names are those of the HTML form.
    public struct Input: Sendable {
        public var title = "", summary = "", objectives = "", expectedResults = ""
        public var logicProblem = "", logicDeterminant = "", logicStrategy = "", logicIntermediateResults = ""
        public var status = "", priority = "", startsOn = "", endsOn = ""
        public var leadPeople = "", leadService = "", electedReferent = "", partners = "", means = ""
        public var governanceBody = "", places = "", territoryScope = ""
        public var themes: [String] = [], determinants: [String] = [], strategies: [String] = []
        public var publics: [String] = [], sectors: [String] = [], lifeStages: [String] = []
        public var approach = "", istsAim = "", participation = "", financingNotes = "", plannedTotal = ""
        public var isRecurring = false, isNew = false, isConfidential = false
        public var isContinuous = false, amountsIncludeTax = false
        public var schedule = "", linkedPlanActions = "", notes = ""
        public init() {}
    }

    public static func validate(_ input: Input, themes knownThemes: [Theme] = Theme.defaults) -> Result<ActionDraft, FormErrors> {
        var errors = FormErrors()
        let title = input.title.trimmed
        if title.isEmpty { errors.add("title", "Indiquez le titre de la fiche action.") }
        if title.count > 300 { errors.add("title", "Le titre ne doit pas dépasser 300 caractères.") }

        let status = input.status.trimmed.isEmpty ? nil : ActionStatus(rawValue: input.status.trimmed)
        if status == nil, !input.status.trimmed.isEmpty { errors.add("status", "Choisissez le statut de l'action dans la liste.") }
        var priority: ActionPriority?
        if !input.priority.trimmed.isEmpty {
            priority = ActionPriority(rawValue: input.priority.trimmed)
            if priority == nil { errors.add("priority", "Choisissez la priorité : élevée, moyenne ou basse.") }
        }

        let starts = errors.day("startsOn", input.startsOn, label: "début")
        let ends = errors.day("endsOn", input.endsOn, label: "fin prévue")
        if let starts, let ends, ends < starts { errors.add("endsOn", "La fin prévue précède le début : corrigez l'une des deux dates.") }

        func codes(_ field: String, _ values: [String], label: String, isValid: (String) -> Bool) -> [String] {
            let cleaned = values.map(\.trimmed).filter { !$0.isEmpty }
            let unknown = cleaned.filter { !isValid($0) }
            if !unknown.isEmpty {
                errors.add(field, "Code\(unknown.count > 1 ? "s" : "") inconnu\(unknown.count > 1 ? "s" : "") (\(label)) : \(unknown.joined(separator: ", ")).")
            }
            var seen = Set<String>()
            return cleaned.filter { isValid($0) && seen.insert($0).inserted }
        }
        let themeCodes = Set(knownThemes.map(\.code))
        let themes = codes("themes", input.themes, label: "thèmes") { themeCodes.contains($0) }
        let determinants = codes("determinants", input.determinants, label: "déterminants") { ISTSTaxonomy.determinants.isValid(code: $0) }
        let strategies = codes("strategies", input.strategies, label: "stratégies") {
            ISTSTaxonomy.strategies.isValid(code: $0) || $0 == ISTSTaxonomy.notSpecifiedCode
        }
        let publicCodes = Set(PublicTarget.defaults.map(\.code))
        let publics = codes("publics", input.publics, label: "publics") { publicCodes.contains($0) }
        let sectors = codes("sectors", input.sectors, label: "secteurs") { CompetenceDomain(rawValue: $0) != nil }
        let lifeStages = codes("lifeStages", input.lifeStages, label: "âges de la vie") { LifeCourseStage(rawValue: $0) != nil }

        func choice<T: RawRepresentable>(_ field: String, _ text: String, _ message: String) -> T? where T.RawValue == String {
            guard !text.trimmed.isEmpty else { return nil }
            guard let value = T(rawValue: text.trimmed) else { errors.add(field, message); return nil }
            return value
        }
        let approach: InterventionApproach? = choice("approach", input.approach, "Choisissez l'approche dans la liste.")
        let aim: ISTSAim? = choice("istsAim", input.istsAim, "Choisissez la visée ISTS dans la liste.")
        let participation: ParticipationLevel? = choice("participation", input.participation, "Choisissez le niveau de participation dans la liste.")

        var plannedTotal: Double?
        if !input.plannedTotal.trimmed.isEmpty {
            plannedTotal = FrenchNumber.parse(input.plannedTotal)
            if plannedTotal == nil || plannedTotal! < 0 {
                errors.add("plannedTotal", "Le budget prévisionnel « \(input.plannedTotal) » n'est pas un montant : saisissez par exemple 12 500 ou 12500,50.")
            }
        }

        guard errors.isEmpty else { return .failure(errors) }
        return .success(ActionDraft(
            title: title, summary: input.summary.trimmed, objectives: input.objectives.trimmed,
            expectedResults: input.expectedResults.trimmed, logicProblem: input.logicProblem.trimmed,
            logicDeterminant: input.logicDeterminant.trimmed, logicStrategy: input.logicStrategy.trimmed,
            logicIntermediateResults: input.logicIntermediateResults.trimmed, status: status, priority: priority,
            startsOn: starts, endsOn: ends, isRecurring: input.isRecurring, leadPeople: input.leadPeople.trimmed,
            leadService: input.leadService.trimmed, electedReferent: input.electedReferent.trimmed,
            partners: input.partners.trimmed, means: input.means.trimmed, governanceBody: input.governanceBody.trimmed,
            places: input.places.trimmed, territoryScope: input.territoryScope.trimmed, themes: themes,
            determinants: determinants, strategies: strategies, publics: publics, sectors: sectors,
            lifeStages: lifeStages, approach: approach, istsAim: aim, participation: participation,
            financingNotes: input.financingNotes.trimmed, plannedTotal: plannedTotal, isNew: input.isNew,
            isConfidential: input.isConfidential, isContinuous: input.isContinuous, schedule: input.schedule.trimmed,
            linkedPlanActions: input.linkedPlanActions.trimmed, notes: input.notes.trimmed, amountsIncludeTax: input.amountsIncludeTax))
    }
}
