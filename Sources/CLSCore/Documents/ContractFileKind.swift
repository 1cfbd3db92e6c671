/// What a document deposited on a contract is: the Documents tab groups them by kind.
public enum ContractFileKind: String, CaseIterable, Sendable, Codable {
    case signedContract = "contrat_signe"
    case amendment = "avenant"
    case diagnosis = "diagnostic"
    case evaluation = "evaluation"
    case minutes = "compte_rendu"
    case communication = "communication"
    case other = "autre"

    public var label: String {
        switch self {
        case .signedContract: "Contrat signé (scan)"
        case .amendment: "Avenant signé"
        case .diagnosis: "Rapport de diagnostic"
        case .evaluation: "Rapport d'évaluation"
        case .minutes: "Compte rendu"
        case .communication: "Communication (presse, plaquette)"
        case .other: "Autre document"
        }
    }
}
