/// Other local schemes a contract is linked to (DOMAIN.md §4).
public enum LinkedScheme: String, CaseIterable, Codable, Sendable {
    case asv
    case clsm
    case contratDeVille = "contrat_de_ville"
    case cpts
    case paerpa
    case agenda21 = "agenda_21"
    case villeOMS = "ville_oms"
    case plsm = "pls"

    public var label: String {
        switch self {
        case .asv: "Atelier Santé Ville (ASV)"
        case .clsm: "Conseil local de santé mentale (CLSM)"
        case .contratDeVille: "Contrat de ville (volet santé)"
        case .cpts: "Communauté professionnelle territoriale de santé (CPTS)"
        case .paerpa: "Parcours des personnes âgées (PAERPA)"
        case .agenda21: "Agenda 21 / projet de territoire durable"
        case .villeOMS: "Réseau Villes-Santé OMS"
        case .plsm: "Plan local de santé de la collectivité"
        }
    }
}
