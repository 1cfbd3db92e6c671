/// Why an evaluative question is asked — the four purposes of a CLS's final evaluation: did the
/// contract pursue the right priorities (strategic), was it run well (operational), did the
/// people concerned take part (democratic), what was done with the money and the commitments
/// (accountability). Raw values are stored.
public enum EvaluationPurpose: String, CaseIterable, Codable, Sendable {
    case strategic = "strategique"
    case operational = "operationnelle"
    case democratic = "democratique"
    case accountability = "redevabilite"

    public var label: String {
        switch self {
        case .strategic: "Stratégique"
        case .operational: "Opérationnelle"
        case .democratic: "Démocratique"
        case .accountability: "Rendre compte"
        }
    }

    /// The heading of its questions in the report.
    public var heading: String {
        switch self {
        case .strategic: "Finalité stratégique"
        case .operational: "Finalité opérationnelle"
        case .democratic: "Finalité démocratique"
        case .accountability: "Rendre compte (redevabilité)"
        }
    }

    public var explanation: String {
        switch self {
        case .strategic: "Les priorités étaient-elles les bonnes, et le contrat a-t-il agi sur les inégalités sociales et territoriales de santé ?"
        case .operational: "Le contrat a-t-il été conduit efficacement : actions menées, coordination, moyens ?"
        case .democratic: "Les habitants, les élus et les partenaires ont-ils pris part aux décisions ?"
        case .accountability: "Qu'a-t-on fait des engagements et des financements, et qu'en dit-on aux financeurs et aux habitants ?"
        }
    }

    /// A question the coordinator may start from.
    public var suggestedQuestion: String {
        switch self {
        case .strategic: "Dans quelle mesure les actions du contrat ont-elles touché les publics et les quartiers les plus éloignés de la santé ?"
        case .operational: "Les actions prévues ont-elles été mises en œuvre dans les délais, et qu'est-ce qui a freiné celles en retard ?"
        case .democratic: "Quelle place les habitants ont-ils eue dans les instances et dans la conduite des actions ?"
        case .accountability: "Les financements prévus ont-ils été engagés, et les résultats attendus atteints ?"
        }
    }
}
