/// The lifecycle states of a contract (DOMAIN.md §3). Raw values are stable codes stored in the database.
public enum ContractState: String, CaseIterable, Codable, Sendable {
    case emergence
    case prefiguration
    case diagnostic
    case elaboration
    case signe
    case miseEnOeuvre = "mise_en_oeuvre"
    case evaluation
    case renouvele
    case clos
    case suspendu
    case abandonne

    /// The French label a user reads.
    public var label: String {
        switch self {
        case .emergence: "Émergence"
        case .prefiguration: "Préfiguration"
        case .diagnostic: "Diagnostic"
        case .elaboration: "Élaboration"
        case .signe: "Signé"
        case .miseEnOeuvre: "Mise en œuvre"
        case .evaluation: "Évaluation"
        case .renouvele: "Renouvelé"
        case .clos: "Clos"
        case .suspendu: "Suspendu"
        case .abandonne: "Abandonné"
        }
    }

    /// A one-line explanation shown next to the state.
    public var explanation: String {
        switch self {
        case .emergence: "Premiers contacts entre l'ARS et la collectivité."
        case .prefiguration: "Première réunion, gouvernance installée, périmètre convenu."
        case .diagnostic: "Diagnostic local partagé en cours."
        case .elaboration: "Priorités, axes et fiches actions en cours d'écriture."
        case .signe: "Contrat signé par les signataires."
        case .miseEnOeuvre: "Programmation annuelle et actions en cours."
        case .evaluation: "Évaluation finale du contrat."
        case .renouvele: "Un contrat de nouvelle génération lui succède."
        case .clos: "Contrat terminé."
        case .suspendu: "Contrat mis en pause."
        case .abandonne: "Démarche arrêtée."
        }
    }

    /// The ordered stages a contract moves through when all goes well.
    public static let stages: [ContractState] = [
        .emergence, .prefiguration, .diagnostic, .elaboration, .signe, .miseEnOeuvre, .evaluation,
    ]

    /// No transition leaves a terminal state.
    public var isTerminal: Bool { self == .renouvele || self == .clos || self == .abandonne }
}
