/// Fields in which an organisation holds competences. Used for the Île-de-France rule
/// "each priority falls within the competences of at least two signatories" (DOMAIN.md §3).
public enum CompetenceDomain: String, CaseIterable, Codable, Sendable {
    case health = "sante"
    case prevention = "prevention"
    case care = "soins"
    case medicoSocial = "medico_social"
    case social = "social"
    case housing = "logement"
    case mobility = "mobilite"
    case education = "education"
    case earlyChildhood = "petite_enfance"
    case youth = "jeunesse"
    case employment = "emploi_insertion"
    case environment = "environnement"
    case urbanPlanning = "urbanisme"
    case sport = "sport"
    case culture = "culture"
    case cityPolicy = "politique_ville"
    case elderly = "personnes_agees"
    case disability = "handicap"
    case food = "alimentation"
    case publicSafety = "securite"

    public var label: String {
        switch self {
        case .health: "Santé publique"
        case .prevention: "Prévention et promotion de la santé"
        case .care: "Offre de soins"
        case .medicoSocial: "Médico-social"
        case .social: "Action sociale"
        case .housing: "Logement et habitat"
        case .mobility: "Transports et mobilité"
        case .education: "Éducation"
        case .earlyChildhood: "Petite enfance"
        case .youth: "Jeunesse"
        case .employment: "Emploi et insertion"
        case .environment: "Environnement"
        case .urbanPlanning: "Urbanisme et aménagement"
        case .sport: "Sport"
        case .culture: "Culture"
        case .cityPolicy: "Politique de la ville"
        case .elderly: "Personnes âgées"
        case .disability: "Handicap"
        case .food: "Alimentation"
        case .publicSafety: "Tranquillité et sécurité publiques"
        }
    }
}
