/// One field of a fiche action, described once: what people read (its French label), what it
/// holds (its kind and vocabulary), and how each place names it — the plan spreadsheet (header
/// and accepted variants), the JSON API, the journal (history label), the database column and
/// the edit form. In the spirit of Territoires en Transitions' `fiche.schema.ts`: the places
/// derive from this description (the spreadsheet's columns, the journal's labels) or are checked
/// against it by a test (storage, bulk rows, importer and exporter, API, edit form).
///
/// `key` is the Swift name of the field, the same on `ActionDraft`, `PlanAction` and the model
/// `Action`. Two names stay as they were where renaming would break something kept outside the
/// code: the database column of `summary` is `description` (renaming it needs a migration), and
/// so is its JSON key (API clients and `openapi.json` use it).
public struct ActionField: @unchecked Sendable, Hashable, Identifiable, CustomStringConvertible {
    /// What the field holds.
    public enum Kind: String, Sendable {
        case shortText, longText, date, amount
        /// One term of `vocabulary`, stored by its code.
        case choice
        /// Codes of `vocabulary`, several allowed.
        case choiceList
        case flag
        /// An organisation of the registry (in the spreadsheet: its name).
        case organisation
        /// An account holding a role on the contract.
        case account
        /// Other fiches actions of the same contract (in the spreadsheet: their titles).
        case actionList

        public var isText: Bool { self == .shortText || self == .longText }
    }

    /// The vocabularies a choice or a list of choices takes its codes from.
    public enum Vocabulary: String, Sendable, CaseIterable {
        case status, priority, approach, istsAim, participation
        case themes, determinants, strategies, publics, sectors, lifeStages

        /// The codes allowed without a regional extension (themes and publics may be extended).
        public var defaultCodes: [String] {
            switch self {
            case .status: ActionStatus.allCases.map(\.code)
            case .priority: ActionPriority.allCases.map(\.code)
            case .approach: InterventionApproach.allCases.map(\.code)
            case .istsAim: ISTSAim.allCases.map(\.code)
            case .participation: ParticipationLevel.allCases.map(\.code)
            case .themes: Theme.defaults.map(\.code)
            case .determinants: ISTSTaxonomy.determinants.allNodes.map(\.code)
            case .strategies: ISTSTaxonomy.strategies.allNodes.map(\.code)
            case .publics: PublicTarget.defaults.map(\.code)
            case .sectors: CompetenceDomain.allCases.map(\.code)
            case .lifeStages: LifeCourseStage.allCases.map(\.code)
            }
        }

        /// The French label of a code of a single-choice vocabulary (`nil` when unknown).
        public func label(of code: String) -> String? {
            switch self {
            case .status: ActionStatus(rawValue: code)?.label
            case .priority: ActionPriority(rawValue: code)?.label
            case .approach: InterventionApproach(rawValue: code)?.label
            case .istsAim: ISTSAim(rawValue: code)?.label
            case .participation: ParticipationLevel(rawValue: code)?.label
            default: nil
            }
        }
    }

    /// The column of the plan spreadsheet (`PlanSpreadsheetReader` and `Writer`).
    public struct SpreadsheetColumn: Sendable, Hashable {
        /// As written, and as the Territoires en Transitions template spells it for its columns.
        public let header: String
        /// Other spellings accepted on reading (compared without case, accents or punctuation).
        public let aliases: [String]
        /// Row 3's hint, when the kind's default does not say it ("Champ texte (séparateur virgule)").
        public let hint: String?
        /// Whether the column is one of Territoires en Transitions' (else one of CLS Pilot's own).
        public let isTerritoiresEnTransitions: Bool

        public init(_ header: String, aliases: [String] = [], hint: String? = nil, tet: Bool) {
            self.header = header
            self.aliases = aliases
            self.hint = hint
            self.isTerritoiresEnTransitions = tet
        }
    }

    /// Where the value lives on a `PlanAction`, typed by kind, so that reading and writing the
    /// spreadsheet, importing and exporting can go over the fields.
    public enum PlanValue {
        case text(WritableKeyPath<PlanAction, String>)
        case date(WritableKeyPath<PlanAction, CalendarDay?>)
        case amount(WritableKeyPath<PlanAction, Double?>)
        case codes(WritableKeyPath<PlanAction, [String]>)
        case flag(WritableKeyPath<PlanAction, Bool>)
        /// Titles of other actions of the plan.
        case titles(WritableKeyPath<PlanAction, [String]>)
        /// A single choice, by its code.
        case choice(get: (PlanAction) -> String?, set: (inout PlanAction, String?) -> Void)

        static func choice<Term: RawRepresentable>(_ path: WritableKeyPath<PlanAction, Term?>) -> PlanValue where Term.RawValue == String {
            .choice(get: { $0[keyPath: path]?.rawValue }, set: { action, code in action[keyPath: path] = code.flatMap(Term.init(rawValue:)) })
        }
    }

    public let key: String
    /// The French label people read (the edit form's label).
    public let label: String
    public let kind: Kind
    public let vocabulary: Vocabulary?
    /// `nil`: not a column of the plan spreadsheet.
    public let spreadsheet: SpreadsheetColumn?
    /// The key in the JSON API (`GET /api/v1/contracts/{id}/programme`); a dotted path for a
    /// nested object ("logicModel.problem"). `nil`: not in the API.
    public let jsonKey: String?
    /// The column of `actions` in the database. `nil`: not stored as such.
    public let storageColumn: String?
    /// The label of the field in the journal (the history of changes). Kept as the journal has
    /// always written it, so that old and new entries name the field alike.
    public let historyLabel: String
    /// The name of the edit form's control (`nil`: not in the edit form).
    public let formName: String?
    /// Where the value lives on a `PlanAction` (`nil`: not part of a plan document).
    public let plan: PlanValue?

    init(_ key: String, _ label: String, _ kind: Kind, vocabulary: Vocabulary? = nil, spreadsheet: SpreadsheetColumn? = nil,
         json: String?, column: String?, history: String? = nil, form: String?, plan: PlanValue?) {
        self.key = key
        self.label = label
        self.kind = kind
        self.vocabulary = vocabulary
        self.spreadsheet = spreadsheet
        self.jsonKey = json
        self.storageColumn = column
        self.historyLabel = history ?? label
        self.formName = form
        self.plan = plan
    }

    public var id: String { key }
    public var description: String { key }
    public static func == (lhs: ActionField, rhs: ActionField) -> Bool { lhs.key == rhs.key }
    public func hash(into hasher: inout Hasher) { hasher.combine(key) }

    /// The field of a key (`nil` when none).
    public static func named(_ key: String) -> ActionField? { byKey[key] }
    private static let byKey = Dictionary(uniqueKeysWithValues: all.map { ($0.key, $0) })

    /// The fields with a column in the plan spreadsheet, in the order of its columns.
    public static let spreadsheetFields: [ActionField] = all.filter { $0.spreadsheet != nil }
}

// MARK: - The fields

extension ActionField {
    /// Every field, in the order of the plan spreadsheet (Territoires en Transitions' columns,
    /// then CLS Pilot's), then the fields of the edit form alone.
    public static let all: [ActionField] = [
        title, summary, governanceBody, objectives, linkedIndicators, leadOrganisation, means, partners, leadService,
        leadPeople, electedReferent, citizenParticipation, financingNotes, plannedTotal, status, priority, startsOn, endsOn,
        isContinuous, schedule, linkedActions, linkedPlanActions, notes, documentLinks,
        expectedResults, logicProblem, logicDeterminant, logicStrategy, logicIntermediateResults,
        themes, determinants, strategies, publics, sectors, lifeStages, approach, istsAim, participation, isConfidential,
        amountsIncludeTax, isRecurring, isNew, pilotUser, places, territoryScope,
    ]

    private static let commaSeparated = "Champ texte\n(séparateur virgule)"
    private static let dropDown = "Champ liste déroulante\n(choix prédéfinis)"

    // Territoires en Transitions' columns

    public static let title = ActionField(
        "title", "Titre de l'action", .shortText,
        spreadsheet: .init("Titre de l'action", aliases: ["Titre de la fiche action", "Titre de la fiche-action", "Titre de la fiche",
                                                          "Titre de l'action (fiche action)", "Titre"], tet: true),
        json: "title", column: "title", history: "Titre", form: "title", plan: .text(\.title))
    public static let summary = ActionField(
        "summary", "Description", .longText, spreadsheet: .init("Descriptif", aliases: ["Description"], tet: true),
        json: "description", column: "description", form: "summary", plan: .text(\.summary))
    public static let governanceBody = ActionField(
        "governanceBody", "Instance de gouvernance", .shortText, spreadsheet: .init("Instances de gouvernance", tet: true),
        json: "governanceBody", column: "governance_body", form: "governanceBody", plan: .text(\.governanceBody))
    public static let objectives = ActionField(
        "objectives", "Objectifs", .longText, spreadsheet: .init("Objectifs", tet: true),
        json: "objectives", column: "objectives", form: "objectives", plan: .text(\.objectives))
    /// The indicators named in the spreadsheet, kept as written (the action's indicators are rows of their own).
    public static let linkedIndicators = ActionField(
        "linkedIndicators", "Indicateurs liés", .longText,
        spreadsheet: .init("Indicateurs liés", aliases: ["Indicateurs", "Indicateurs lies"], tet: true),
        json: "linkedIndicators", column: "linked_indicators", form: nil, plan: .text(\.linkedIndicators))
    /// An organisation of the registry; in the spreadsheet, its name (kept as text when the
    /// registry has none of that name: column `lead_organisation_name`).
    public static let leadOrganisation = ActionField(
        "leadOrganisation", "Structure pilote", .organisation,
        spreadsheet: .init("Structure pilote", aliases: ["Structures pilotes", "Structure(s) pilote(s)"], hint: commaSeparated, tet: true),
        json: "leadOrganisationId", column: "lead_organisation_id", form: "leadOrganisationId", plan: .text(\.leadOrganisation))
    public static let means = ActionField(
        "means", "Moyens humains et techniques", .longText,
        spreadsheet: .init("Moyens humains et techniques", tet: true),
        json: "means", column: "means", form: "means", plan: .text(\.means))
    public static let partners = ActionField(
        "partners", "Partenaires", .longText, spreadsheet: .init("Partenaires", aliases: ["Partenaire"], hint: commaSeparated, tet: true),
        json: "partners", column: "partners", form: "partners", plan: .text(\.partners))
    public static let leadService = ActionField(
        "leadService", "Direction ou service pilote", .shortText,
        spreadsheet: .init("Direction ou service pilote", aliases: ["Directions ou services pilotes", "Direction / service pilote",
                                                                   "Service-département-pôle pilote", "Service pilote"],
                           hint: commaSeparated, tet: true),
        json: "leadService", column: "lead_service", form: "leadService", plan: .text(\.leadService))
    public static let leadPeople = ActionField(
        "leadPeople", "Personnes pilotes", .shortText,
        spreadsheet: .init("Personne pilote", aliases: ["Personnes pilotes", "Personne(s) pilote(s)"], hint: commaSeparated, tet: true),
        json: "leadPeople", column: "lead_people", form: "leadPeople", plan: .text(\.leadPeople))
    public static let electedReferent = ActionField(
        "electedReferent", "Élu·e référent·e", .shortText,
        spreadsheet: .init("Élu·e référent·e", aliases: ["Élu référent", "Élus référents", "Élue référente", "Élu(e) référent(e)", "Elu.e referent.e"],
                           hint: commaSeparated, tet: true),
        json: "electedReferent", column: "elected_referent", form: "electedReferent", plan: .text(\.electedReferent))
    /// Territoires en Transitions' free text; not stored as such: the importer takes the
    /// participation level from it when it names one, else adds it to the partners' text.
    public static let citizenParticipation = ActionField(
        "citizenParticipation", "Participation citoyenne (texte)", .shortText,
        spreadsheet: .init("Participation Citoyenne", hint: dropDown, tet: true),
        json: nil, column: nil, form: nil, plan: .text(\.citizenParticipation))
    public static let financingNotes = ActionField(
        "financingNotes", "Financements (commentaire libre)", .longText,
        spreadsheet: .init("Financements", hint: "Champ texte libre", tet: true),
        json: "financingNotes", column: "financing_notes", history: "Financements", form: "financingNotes", plan: .text(\.financingNotes))
    public static let plannedTotal = ActionField(
        "plannedTotal", "Budget prévisionnel total (€)", .amount,
        spreadsheet: .init("Budget prévisionnel total € HT", aliases: ["Budget prévisionnel total", "Budget total € HT", "Budget total", "Budget prévisionnel",
                                                                   "Budget prévisionnel total € TTC", "Budget total € TTC"], tet: true),
        json: "plannedTotal", column: "planned_total", history: "Budget prévisionnel total", form: "plannedTotal", plan: .amount(\.plannedTotal))
    public static let status = ActionField(
        "status", "Statut", .choice, vocabulary: .status, spreadsheet: .init("Statut", tet: true),
        json: "status", column: "status", form: "status", plan: .choice(\.status))
    public static let priority = ActionField(
        "priority", "Priorité", .choice, vocabulary: .priority, spreadsheet: .init("Niveau de priorité", aliases: ["Priorité"], tet: true),
        json: "priority", column: "priority", form: "priority", plan: .choice(\.priority))
    public static let startsOn = ActionField(
        "startsOn", "Date de début", .date, spreadsheet: .init("Date de début", tet: true),
        json: "startsOn", column: "starts_on", history: "Début", form: "startsOn", plan: .date(\.startsOn))
    public static let endsOn = ActionField(
        "endsOn", "Date de fin prévue", .date, spreadsheet: .init("Date de fin", aliases: ["Date de fin prévisionnelle"], tet: true),
        json: "endsOn", column: "ends_on", history: "Fin prévue", form: "endsOn", plan: .date(\.endsOn))

    /// TeT's "Champ binaire": VRAI for an action without a set duration.
    public static let isContinuous = ActionField(
        "isContinuous", "Action en amélioration continue (sans durée définie)", .flag,
        spreadsheet: .init("Action en amélioration continue", aliases: ["Amélioration continue"], hint: "Champ binaire\n(VRAI ou FAUX)", tet: true),
        json: "isContinuous", column: "is_continuous", history: "Amélioration continue", form: "isContinuous", plan: .flag(\.isContinuous))
    public static let schedule = ActionField(
        "schedule", "Calendrier", .longText, spreadsheet: .init("Calendrier", hint: "Champ texte libre", tet: true),
        json: "schedule", column: "schedule", form: "schedule", plan: .text(\.schedule))
    /// Other fiches of the same programme; in the spreadsheet, their titles, resolved on import
    /// into the fiche's links to other actions (`action_links`, edited on the fiche's page).
    public static let linkedActions = ActionField(
        "linkedActions", "Actions liées", .actionList,
        spreadsheet: .init("Actions liées", aliases: ["Action liée", "Fiches actions liées"], hint: "Champ texte\n(titres d'actions, un par ligne)", tet: true),
        json: nil, column: nil, form: nil, plan: .titles(\.linkedActions))
    /// Fiches of other plans (another contract, another platform), kept as written.
    public static let linkedPlanActions = ActionField(
        "linkedPlanActions", "Fiches d'autres plans liées", .longText,
        spreadsheet: .init("Actions des plans liées", aliases: ["Fiches des plans liées", "Fiches actions des plans liées"], hint: "Champ texte libre", tet: true),
        json: "linkedPlanActions", column: "linked_plan_actions", history: "Fiches d'autres plans liées", form: "linkedPlanActions",
        plan: .text(\.linkedPlanActions))
    public static let notes = ActionField(
        "notes", "Notes complémentaires", .longText,
        spreadsheet: .init("Notes", aliases: ["Notes complémentaires", "Note"], hint: "Champ texte libre", tet: true),
        json: "notes", column: "notes", form: "notes", plan: .text(\.notes))
    /// Web links of the fiche, one per line ("Libellé : https://…"); stored as its links
    /// (`action_links`, edited on the fiche's page), text that is no link joins the notes.
    public static let documentLinks = ActionField(
        "documentLinks", "Documents et liens", .longText,
        spreadsheet: .init("Documents et liens", aliases: ["Documents", "Liens"], hint: "Champ texte libre\n(un lien par ligne)", tet: true),
        json: nil, column: nil, form: nil, plan: .text(\.documentLinks))

    // CLS Pilot's columns: the logic model, then the characterisation of the action

    public static let expectedResults = ActionField(
        "expectedResults", "Résultats attendus", .longText, spreadsheet: .init("Résultats attendus", tet: false),
        json: "expectedResults", column: "expected_results", form: "expectedResults", plan: .text(\.expectedResults))
    public static let logicProblem = ActionField(
        "logicProblem", "Problème visé", .longText, spreadsheet: .init("Problème visé", tet: false),
        json: "logicModel.problem", column: "logic_problem", form: "logicProblem", plan: .text(\.logicProblem))
    public static let logicDeterminant = ActionField(
        "logicDeterminant", "Déterminant sur lequel agir", .longText, spreadsheet: .init("Déterminant visé", tet: false),
        json: "logicModel.determinant", column: "logic_determinant", history: "Déterminant visé", form: "logicDeterminant",
        plan: .text(\.logicDeterminant))
    public static let logicStrategy = ActionField(
        "logicStrategy", "Stratégie retenue", .longText, spreadsheet: .init("Stratégie retenue", tet: false),
        json: "logicModel.strategy", column: "logic_strategy", history: "Stratégie", form: "logicStrategy", plan: .text(\.logicStrategy))
    public static let logicIntermediateResults = ActionField(
        "logicIntermediateResults", "Résultats intermédiaires attendus", .longText, spreadsheet: .init("Résultats intermédiaires", tet: false),
        json: "logicModel.intermediateResults", column: "logic_intermediate_results", history: "Résultats intermédiaires",
        form: "logicIntermediateResults", plan: .text(\.logicIntermediateResults))
    public static let themes = ActionField(
        "themes", "Thèmes", .choiceList, vocabulary: .themes,
        spreadsheet: .init("Thèmes", aliases: ["Thème", "Thématiques", "Thématique", "Thématique principale"], tet: false),
        json: "themes", column: "themes", form: "themes", plan: .codes(\.themes))
    public static let determinants = ActionField(
        "determinants", "Déterminants de santé visés (grille ISTS, partie 1)", .choiceList, vocabulary: .determinants,
        spreadsheet: .init("Déterminants ISTS", aliases: ["Déterminants", "Déterminants de santé"], tet: false),
        json: "determinants", column: "determinants", history: "Déterminants", form: "determinants", plan: .codes(\.determinants))
    public static let strategies = ActionField(
        "strategies", "Stratégies d'intervention (grille ISTS, partie 2 — Charte d'Ottawa)", .choiceList, vocabulary: .strategies,
        spreadsheet: .init("Stratégies ISTS", aliases: ["Stratégies", "Stratégies d'intervention"], tet: false),
        json: "strategies", column: "strategies", history: "Stratégies", form: "strategies", plan: .codes(\.strategies))
    public static let publics = ActionField(
        "publics", "Publics visés", .choiceList, vocabulary: .publics,
        spreadsheet: .init("Publics", aliases: ["Public", "Publics cibles", "Public cible", "Publics visés", "Cibles"], tet: false),
        json: "publics", column: "publics", history: "Publics", form: "publics", plan: .codes(\.publics))
    public static let sectors = ActionField(
        "sectors", "Secteurs concernés", .choiceList, vocabulary: .sectors,
        spreadsheet: .init("Secteurs", aliases: ["Secteurs impliqués", "Secteur"], tet: false),
        json: "sectors", column: "sectors", history: "Secteurs", form: "sectors", plan: .codes(\.sectors))
    public static let lifeStages = ActionField(
        "lifeStages", "Âges de la vie", .choiceList, vocabulary: .lifeStages,
        spreadsheet: .init("Âges de la vie", aliases: ["Âge de la vie", "Âges", "Tranches d'âge"], tet: false),
        json: "lifeStages", column: "life_stages", form: "lifeStages", plan: .codes(\.lifeStages))
    public static let approach = ActionField(
        "approach", "Approche", .choice, vocabulary: .approach,
        spreadsheet: .init("Approche", aliases: ["Approche d'intervention"], tet: false),
        json: "approach", column: "approach", form: "approach", plan: .choice(\.approach))
    public static let istsAim = ActionField(
        "istsAim", "Visée ISTS", .choice, vocabulary: .istsAim, spreadsheet: .init("Visée ISTS", aliases: ["Visée"], tet: false),
        json: "istsAim", column: "ists_aim", form: "istsAim", plan: .choice(\.istsAim))
    public static let participation = ActionField(
        "participation", "Participation citoyenne", .choice, vocabulary: .participation,
        spreadsheet: .init("Niveau de participation", aliases: ["Niveau de participation citoyenne"], tet: false),
        json: "participation", column: "participation", form: "participation", plan: .choice(\.participation))
    public static let isConfidential = ActionField(
        "isConfidential", "Fiche confidentielle (jamais publiée)", .flag,
        spreadsheet: .init("Confidentielle", aliases: ["Confidentiel", "Action confidentielle"], tet: false),
        json: "isConfidential", column: "is_confidential", history: "Confidentielle", form: "isConfidential", plan: .flag(\.isConfidential))

    /// Whether the amounts of the fiche (its total and its funders' lines) include VAT: TeT's
    /// export gives them "€ TTC", its import template "€ HT" (the default).
    public static let amountsIncludeTax = ActionField(
        "amountsIncludeTax", "Montants toutes taxes comprises (TTC)", .flag,
        spreadsheet: .init("Montants TTC", aliases: ["Montants en TTC"], hint: "Champ Oui/Non\n(Non : montants hors taxes)", tet: false),
        json: "amountsIncludeTax", column: "amounts_include_tax", history: "Montants TTC", form: "amountsIncludeTax",
        plan: .flag(\.amountsIncludeTax))

    // The edit form's alone

    public static let isRecurring = ActionField(
        "isRecurring", "Action reconduite chaque année", .flag,
        json: "isRecurring", column: "is_recurring", history: "Reconduite chaque année", form: "isRecurring", plan: nil)
    public static let isNew = ActionField(
        "isNew", "Action nouvelle (et non reprise d'une action existante)", .flag,
        json: "isNew", column: "is_new", history: "Action nouvelle", form: "isNew", plan: nil)
    public static let pilotUser = ActionField(
        "pilotUser", "Compte du pilote", .account, json: "pilotUserId", column: "pilot_user_id", form: "pilotUserId", plan: nil)
    public static let places = ActionField(
        "places", "Lieux de réalisation", .shortText, json: "places", column: "places", history: "Lieux", form: "places", plan: nil)
    public static let territoryScope = ActionField(
        "territoryScope", "Territoire concerné", .shortText,
        json: "territoryScope", column: "territory_scope", history: "Territoire", form: "territoryScope", plan: nil)
}
