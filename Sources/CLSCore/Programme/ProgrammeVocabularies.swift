/// Vocabularies of the fiche action (DOMAIN.md §4 and §5). Every code is a stable identifier
/// stored in the database; every label is what a user reads. Each type offers the tolerant
/// `match` of `VocabularyMatching` for spreadsheet imports.

// MARK: - Themes

/// A health theme of an action. A struct, not an enum: a region extends the 16 default themes
/// of the evaluation's figure 1 with its own (parcours personnes âgées, périnatalité…).
public struct Theme: Hashable, Codable, Sendable, Identifiable, VocabularyTerm {
    public let code: String
    public let label: String

    public init(code: String, label: String) {
        self.code = code
        self.label = label
    }

    /// A theme a region adds, its code made from its label
    /// ("Habitat indigne" → "habitat_indigne").
    public init(label: String) {
        self.init(code: VocabularyMatching.code(from: label), label: label)
    }

    public var id: String { code }

    public var variants: [String] { Theme.defaultVariants[code] ?? [] }

    /// The 16 themes of the evaluation's figure 1, in its order.
    public static let defaults: [Theme] = [
        Theme(code: "acces_aux_soins", label: "Accès aux soins"),
        Theme(code: "amelioration_systeme_soins", label: "Amélioration du système de soins"),
        Theme(code: "sante_mentale", label: "Santé mentale"),
        Theme(code: "nutrition", label: "Nutrition"),
        Theme(code: "sante_environnement", label: "Santé-environnement"),
        Theme(code: "addictions", label: "Addictions"),
        Theme(code: "sante_bucco_dentaire", label: "Santé bucco-dentaire"),
        Theme(code: "sante_femmes_enfants", label: "Santé des femmes et des enfants"),
        Theme(code: "cancer", label: "Cancer"),
        Theme(code: "sante_sexuelle", label: "Santé sexuelle et affective"),
        Theme(code: "sante_bien_etre", label: "Santé/bien-être"),
        Theme(code: "maladies_cardio_metaboliques", label: "Maladies cardio-vasculaires et métaboliques"),
        Theme(code: "conduites_a_risque", label: "Conduites à risque"),
        Theme(code: "tuberculose", label: "Tuberculose"),
        Theme(code: "vaccination", label: "Vaccination"),
        Theme(code: "autre", label: "Autre"),
    ]

    /// Other spellings of the default themes, by code.
    static let defaultVariants: [String: [String]] = [
        "acces_aux_soins": ["Accès aux droits et aux soins", "Accès à la santé"],
        "amelioration_systeme_soins": ["Amélioration du système de santé", "Organisation des soins"],
        "nutrition": ["Alimentation", "Nutrition et activité physique"],
        "sante_environnement": ["Santé environnementale", "Santé et environnement"],
        "addictions": ["Addiction", "Conduites addictives"],
        "sante_bucco_dentaire": ["Bucco-dentaire", "Santé buccodentaire", "Hygiène bucco-dentaire"],
        "sante_femmes_enfants": ["Santé de la mère et de l'enfant", "Santé des femmes et enfants"],
        "cancer": ["Cancers"],
        "sante_sexuelle": ["Santé sexuelle", "Vie affective et sexuelle"],
        "sante_bien_etre": ["Santé bien-être", "Bien-être"],
        "maladies_cardio_metaboliques": ["Maladies cardiovasculaires et métaboliques", "Maladies cardio-vasculaires", "Maladies chroniques cardio-métaboliques"],
        "conduites_a_risque": ["Conduites à risques"],
        "vaccination": ["Vaccinations"],
        "autre": ["Autres"],
    ]

    /// The default theme of a code, `nil` when unknown.
    public static func defaultTheme(code: String) -> Theme? {
        defaults.first { $0.code == code }
    }

    /// The theme of `themes` (by default the 16 of the evaluation) a text designates.
    public static func match(_ text: String, in themes: [Theme] = Theme.defaults) -> Theme? {
        VocabularyMatching.match(text, in: themes)
    }
}

// MARK: - ISTS attributes

/// Whom the action reaches, in the ISTS reading grid (DOMAIN.md §5).
public enum InterventionApproach: String, CaseIterable, Codable, Sendable, CodedVocabulary {
    case targeted = "ciblee"
    case universal = "universelle"
    case proportionateUniversalism = "universalisme_proportionne"

    public var label: String {
        switch self {
        case .targeted: "Ciblée sur des publics défavorisés"
        case .universal: "Universelle"
        case .proportionateUniversalism: "Universalisme proportionné"
        }
    }

    public var variants: [String] {
        switch self {
        case .targeted: ["Ciblé", "Approche ciblée", "Publics défavorisés"]
        case .universal: ["Universel", "Approche universelle", "Tout public"]
        case .proportionateUniversalism: ["Universalisme proportionnel"]
        }
    }
}

/// What the action aims at regarding social health inequalities (`003:500`, `003:856`).
public enum ISTSAim: String, CaseIterable, Codable, Sendable, CodedVocabulary {
    case catchUp = "rattrapage"
    case gapReduction = "reduction_ecarts"
    case gradient

    public var label: String {
        switch self {
        case .catchUp: "Rattrapage"
        case .gapReduction: "Réduction des écarts"
        case .gradient: "Gradient"
        }
    }

    /// A one-line explanation shown next to the choice.
    public var explanation: String {
        switch self {
        case .catchUp: "Améliorer la santé des plus défavorisés."
        case .gapReduction: "Réduire l'écart de santé entre les plus favorisés et les plus défavorisés."
        case .gradient: "Agir sur l'ensemble du gradient social de santé."
        }
    }

    public var variants: [String] {
        switch self {
        case .catchUp: []
        case .gapReduction: ["Réduction des écarts de santé", "Réduction de l'écart"]
        case .gradient: ["Gradient social", "Gradient social de santé"]
        }
    }
}

/// The level of citizen participation in an action, from none to co-construction (ordered).
public enum ParticipationLevel: String, CaseIterable, Codable, Sendable, CodedVocabulary, Comparable {
    case noParticipation = "aucune"
    case information
    case consultation
    case concertation
    case coConstruction = "co_construction"

    public var label: String {
        switch self {
        case .noParticipation: "Pas de participation"
        case .information: "Information"
        case .consultation: "Consultation"
        case .concertation: "Concertation"
        case .coConstruction: "Co-construction"
        }
    }

    public var variants: [String] {
        switch self {
        case .noParticipation: ["Aucun", "Non", "Néant", "Sans participation"]
        case .coConstruction: ["Coconstruction", "Co-construit", "Coconstruit"]
        default: []
        }
    }

    /// 0 for no participation, 4 for co-construction.
    public var rank: Int { Self.allCases.firstIndex(of: self)! }

    public static func < (lhs: ParticipationLevel, rhs: ParticipationLevel) -> Bool { lhs.rank < rhs.rank }
}

/// The stage of life of the public an action reaches.
public enum LifeCourseStage: String, CaseIterable, Codable, Sendable, CodedVocabulary {
    case perinatal = "perinatalite"
    case earlyChildhood = "petite_enfance"
    case childhood = "enfance"
    case adolescence
    case youngAdults = "jeunes_adultes"
    case adults = "adultes"
    case olderPeople = "personnes_agees"
    case allAges = "tous_ages"

    public var label: String {
        switch self {
        case .perinatal: "Périnatalité"
        case .earlyChildhood: "Petite enfance"
        case .childhood: "Enfance"
        case .adolescence: "Adolescence"
        case .youngAdults: "Jeunes adultes"
        case .adults: "Adultes"
        case .olderPeople: "Personnes âgées"
        case .allAges: "Tous âges"
        }
    }

    public var variants: [String] {
        switch self {
        case .perinatal: ["Périnatal", "Périnatale"]
        case .childhood: ["Enfants"]
        case .adolescence: ["Adolescents"]
        case .adults: ["Adulte"]
        case .olderPeople: ["Seniors", "Séniors", "Aînés"]
        case .allAges: ["Tous les âges", "Tout âge", "Tous publics"]
        default: []
        }
    }
}

// MARK: - Indicators

/// What an indicator measures (DOMAIN.md §4).
public enum IndicatorType: String, CaseIterable, Codable, Sendable, CodedVocabulary {
    case process = "processus"
    case result = "resultat"
    case impact

    public var label: String {
        switch self {
        case .process: "Processus"
        case .result: "Résultat"
        case .impact: "Impact"
        }
    }

    /// "Réalisation" and "activité" are the French evaluation words for process (output) indicators.
    public var variants: [String] {
        switch self {
        case .process: ["Process", "Indicateur de processus", "Réalisation", "Activité"]
        case .result: ["Résultats", "Indicateur de résultat"]
        case .impact: ["Indicateur d'impact"]
        }
    }
}

/// Whether a rising value of an indicator is good news.
public enum IndicatorPolarity: String, CaseIterable, Codable, Sendable, CodedVocabulary {
    case higherIsBetter = "higher_is_better"
    case lowerIsBetter = "lower_is_better"

    public var label: String {
        switch self {
        case .higherIsBetter: "Plus c'est haut, mieux c'est"
        case .lowerIsBetter: "Plus c'est bas, mieux c'est"
        }
    }

    public var variants: [String] {
        switch self {
        case .higherIsBetter: ["À la hausse", "Hausse", "Croissant", "Augmentation"]
        case .lowerIsBetter: ["À la baisse", "Baisse", "Décroissant", "Diminution"]
        }
    }

    /// Whether `value` is strictly better than `reference` in this direction.
    public func isBetter(_ value: Double, than reference: Double) -> Bool {
        self == .higherIsBetter ? value > reference : value < reference
    }

    /// Whether `value` reaches `target` (equal counts as reached).
    public func reaches(_ value: Double, target: Double) -> Bool {
        self == .higherIsBetter ? value >= target : value <= target
    }
}

// MARK: - Budget lines

/// The nature of a budget line.
public enum BudgetLineKind: String, CaseIterable, Codable, Sendable, CodedVocabulary {
    case operating = "fonctionnement"
    case investment = "investissement"

    public var label: String {
        switch self {
        case .operating: "Fonctionnement"
        case .investment: "Investissement"
        }
    }
}

/// The unit of a budget line's amounts: money, or staff time in full-time equivalents.
public enum BudgetUnit: String, CaseIterable, Codable, Sendable, CodedVocabulary {
    case euros
    case fte = "etp"

    /// The short label shown next to an amount.
    public var label: String {
        switch self {
        case .euros: "€"
        case .fte: "ETP"
        }
    }

    /// The label of the choice in a form.
    public var longLabel: String {
        switch self {
        case .euros: "Euros (€)"
        case .fte: "Équivalents temps plein (ETP)"
        }
    }

    public var variants: [String] {
        switch self {
        case .euros: ["Euro", "EUR", "Euros (€)"]
        case .fte: ["Équivalent temps plein", "Équivalents temps plein", "Équivalents temps plein (ETP)"]
        }
    }
}

/// How an action's money comes (DOMAIN.md §4, `003:5344`).
public enum FundingChannel: String, CaseIterable, Codable, Sendable, CodedVocabulary {
    case fir
    case callForProjects = "appel_a_projets"
    case commonLaw = "droit_commun"
    case ownFunds = "fonds_propres"
    case other = "autre"

    public var label: String {
        switch self {
        case .fir: "Fonds d'intervention régional (FIR)"
        case .callForProjects: "Appel à projets"
        case .commonLaw: "Droit commun"
        case .ownFunds: "Fonds propres"
        case .other: "Autre"
        }
    }

    public var variants: [String] {
        switch self {
        case .fir: ["Fonds d'intervention régional"]
        case .callForProjects: ["AAP", "Appel à projet", "Appels à projets"]
        case .commonLaw: ["Crédits de droit commun", "Financement de droit commun"]
        case .ownFunds: ["Autofinancement", "Fonds propre"]
        case .other: ["Autres"]
        }
    }
}

/// Where a funding request stands (DOMAIN.md §4).
public enum BudgetStatus: String, CaseIterable, Codable, Sendable, CodedVocabulary {
    case requested = "demande"
    case granted = "accorde"
    case refused = "refuse"
    case paid = "verse"

    public var label: String {
        switch self {
        case .requested: "Demandé"
        case .granted: "Accordé"
        case .refused: "Refusé"
        case .paid: "Versé"
        }
    }

    public var variants: [String] {
        switch self {
        case .requested: ["Demandée", "Sollicité", "Sollicitée"]
        case .granted: ["Accordée", "Obtenu", "Obtenue", "Notifié", "Notifiée"]
        case .refused: ["Refusée", "Rejeté", "Rejetée"]
        case .paid: ["Versée", "Payé", "Payée"]
        }
    }

    /// Accordé or versé: the money is secured.
    public var isSecured: Bool { self == .granted || self == .paid }
}

// MARK: - Publics

/// A public an action targets. A struct, so that a region may add its own; the defaults carry
/// the explicit social criteria of the broad definition of precarity (`003:494`).
public struct PublicTarget: Hashable, Codable, Sendable, Identifiable, VocabularyTerm {
    public let code: String
    public let label: String
    /// Whether choosing this public states an explicit social criterion (precarity, QPV,
    /// detention, migration…): what the ISTS reading grid looks for.
    public let isSocialCriterion: Bool

    public init(code: String, label: String, isSocialCriterion: Bool = false) {
        self.code = code
        self.label = label
        self.isSocialCriterion = isSocialCriterion
    }

    public var id: String { code }

    public var variants: [String] { PublicTarget.defaultVariants[code] ?? [] }

    /// Common target publics of CLS actions.
    public static let defaults: [PublicTarget] = [
        PublicTarget(code: "tout_public", label: "Tout public"),
        PublicTarget(code: "femmes_enceintes", label: "Femmes enceintes"),
        PublicTarget(code: "parents", label: "Parents"),
        PublicTarget(code: "enfants", label: "Enfants"),
        PublicTarget(code: "eleves", label: "Élèves"),
        PublicTarget(code: "jeunes", label: "Jeunes"),
        PublicTarget(code: "etudiants", label: "Étudiants"),
        PublicTarget(code: "salaries", label: "Salariés"),
        PublicTarget(code: "personnes_agees", label: "Personnes âgées"),
        PublicTarget(code: "aidants", label: "Aidants"),
        PublicTarget(code: "personnes_handicap", label: "Personnes en situation de handicap"),
        PublicTarget(code: "malades_chroniques", label: "Personnes atteintes de maladies chroniques"),
        PublicTarget(code: "personnes_precarite", label: "Personnes en situation de précarité", isSocialCriterion: true),
        PublicTarget(code: "habitants_qpv", label: "Habitants des quartiers prioritaires (QPV)", isSocialCriterion: true),
        PublicTarget(code: "familles_monoparentales", label: "Familles monoparentales", isSocialCriterion: true),
        PublicTarget(code: "jeunes_en_rupture", label: "Jeunes en rupture", isSocialCriterion: true),
        PublicTarget(code: "travailleurs_precaires", label: "Travailleurs précaires", isSocialCriterion: true),
        PublicTarget(code: "personnes_sans_domicile", label: "Personnes sans domicile", isSocialCriterion: true),
        PublicTarget(code: "personnes_detenues", label: "Personnes détenues", isSocialCriterion: true),
        PublicTarget(code: "personnes_migrantes", label: "Personnes migrantes", isSocialCriterion: true),
        PublicTarget(code: "personnes_sans_titre_sejour", label: "Personnes sans titre de séjour", isSocialCriterion: true),
        PublicTarget(code: "travailleurs_du_sexe", label: "Travailleuses et travailleurs du sexe", isSocialCriterion: true),
        PublicTarget(code: "gens_du_voyage", label: "Gens du voyage", isSocialCriterion: true),
        PublicTarget(code: "professionnels_sante", label: "Professionnels de santé"),
        PublicTarget(code: "professionnels_social", label: "Professionnels du social et du médico-social"),
        PublicTarget(code: "elus", label: "Élus"),
    ]

    static let defaultVariants: [String: [String]] = [
        "tout_public": ["Tous publics", "Population générale", "Grand public"],
        "enfants": ["Enfant"],
        "eleves": ["Scolaires"],
        "jeunes": ["Jeunesse", "Adolescents et jeunes"],
        "personnes_agees": ["Seniors", "Séniors"],
        "aidants": ["Aidants familiaux", "Proches aidants"],
        "personnes_handicap": ["Personnes handicapées", "Handicap"],
        "malades_chroniques": ["Patients atteints de maladies chroniques", "Maladies chroniques"],
        "personnes_precarite": ["Personnes précaires", "Publics précaires", "Précarité", "Publics en situation de précarité"],
        "habitants_qpv": ["QPV", "Habitants des QPV", "Quartiers prioritaires"],
        "jeunes_en_rupture": ["Jeunes en situation de rupture"],
        "personnes_sans_domicile": ["Sans domicile fixe", "SDF", "Personnes sans abri"],
        "personnes_detenues": ["Détenus", "Personnes placées sous main de justice"],
        "personnes_migrantes": ["Migrants", "Exilés"],
        "personnes_sans_titre_sejour": ["Sans-papiers"],
        "travailleurs_du_sexe": ["Travailleurs du sexe", "Travailleuses du sexe", "Personnes en situation de prostitution"],
        "professionnels_sante": ["Professionnels de la santé", "Soignants"],
        "elus": ["Élus locaux"],
    ]

    /// The default public of a code, `nil` when unknown.
    public static func defaultTarget(code: String) -> PublicTarget? {
        defaults.first { $0.code == code }
    }

    /// The public of `targets` (by default the common ones) a text designates.
    public static func match(_ text: String, in targets: [PublicTarget] = PublicTarget.defaults) -> PublicTarget? {
        VocabularyMatching.match(text, in: targets)
    }
}

// MARK: - Sectors

/// The sectors involved in an action are the competence domains of the registry: one
/// vocabulary, so that "sectors involved" and "signatories' competences" compare directly.
public typealias Sector = CompetenceDomain

extension CompetenceDomain: CodedVocabulary {
    public var variants: [String] {
        switch self {
        case .health: ["Santé"]
        case .prevention: ["Promotion de la santé"]
        case .care: ["Soins", "Sanitaire"]
        case .medicoSocial: ["Médico social"]
        case .social: ["Action sociale", "Social"]
        case .housing: ["Logement", "Habitat"]
        case .mobility: ["Transport", "Transports", "Mobilité"]
        case .education: ["Éducation nationale", "Enseignement"]
        case .earlyChildhood: []
        case .youth: []
        case .employment: ["Emploi", "Insertion", "Insertion professionnelle"]
        case .environment: []
        case .urbanPlanning: ["Urbanisme", "Aménagement", "Aménagement du territoire"]
        case .sport: ["Sports", "Activité physique et sportive"]
        case .culture: []
        case .cityPolicy: ["Politique de la ville"]
        case .elderly: ["Personnes âgées", "Autonomie"]
        case .disability: ["Personnes handicapées"]
        case .food: ["Alimentation", "Agriculture et alimentation"]
        case .publicSafety: ["Sécurité", "Sécurité publique", "Prévention de la délinquance"]
        }
    }

    /// Health, prevention, care and medico-social (the ARS's own field): an action involving
    /// any other sector is intersectoral.
    public var isHealthSector: Bool {
        [.health, .prevention, .care, .medicoSocial].contains(self)
    }
}
