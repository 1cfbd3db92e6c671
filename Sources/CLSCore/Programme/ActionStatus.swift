/// The follow-up status of a fiche action or sub-action (DOMAIN.md §4).
/// Raw values are stable codes stored in the database.
public enum ActionStatus: String, CaseIterable, Codable, Sendable, CodedVocabulary {
    case upcoming = "a_venir"
    case inProgress = "en_cours"
    case done = "realise"
    case paused = "en_pause"
    case abandoned = "abandonne"
    case blocked = "bloque"
    case late = "en_retard"
    case toDiscuss = "a_discuter"

    /// The French label a user reads.
    public var label: String {
        switch self {
        case .upcoming: "À venir"
        case .inProgress: "En cours"
        case .done: "Réalisé"
        case .paused: "En pause"
        case .abandoned: "Abandonné"
        case .blocked: "Bloqué"
        case .late: "En retard"
        case .toDiscuss: "À discuter"
        }
    }

    /// Other spellings found in coordinators' spreadsheets, recognised by `match`.
    public var variants: [String] {
        switch self {
        case .upcoming: ["Non démarré", "Non démarrée", "Pas démarré", "Pas commencé", "Non commencé", "À démarrer", "À lancer", "Prévu", "Prévue", "Programmé", "Programmée"]
        case .inProgress: ["En cours de réalisation", "En cours de mise en œuvre", "Démarré", "Démarrée", "Commencé", "Commencée"]
        case .done: ["Réalisée", "Terminé", "Terminée", "Achevé", "Achevée", "Fait", "Faite", "Fini", "Finie"]
        case .paused: ["Suspendu", "Suspendue", "En suspens", "Pause"]
        case .abandoned: ["Abandonnée", "Annulé", "Annulée", "Arrêté", "Arrêtée"]
        case .blocked: ["Bloquée"]
        case .late: ["Retard", "Retardé", "Retardée"]
        case .toDiscuss: ["À débattre", "À arbitrer"]
        }
    }

    /// Réalisé and abandonné: nothing more is expected of the action.
    public var isClosed: Bool { self == .done || self == .abandoned }
}

/// The priority of a fiche action (DOMAIN.md §4), from the highest.
public enum ActionPriority: String, CaseIterable, Codable, Sendable, CodedVocabulary {
    case high = "elevee"
    case medium = "moyenne"
    case low = "basse"

    public var label: String {
        switch self {
        case .high: "Élevée"
        case .medium: "Moyenne"
        case .low: "Basse"
        }
    }

    public var variants: [String] {
        switch self {
        case .high: ["Élevé", "Haute", "Haut", "Forte", "Fort"]
        case .medium: ["Moyen"]
        case .low: ["Bas", "Faible"]
        }
    }

    /// 0 for the highest priority: sort by it to list the most urgent first.
    public var rank: Int { Self.allCases.firstIndex(of: self)! }
}
