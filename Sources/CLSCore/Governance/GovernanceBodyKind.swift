/// The kinds of governance body of a contract (DOMAIN.md §4 "Governance body").
/// Raw values are stable codes stored in the database.
public enum GovernanceBodyKind: String, CaseIterable, Codable, Sendable {
    case copil
    case cotech
    case workingGroup = "groupe_travail"
    case partnersCommittee = "comite_partenaires"
    case healthCommission = "commission_sante"
    case departmentalCopil = "copil_departemental"
    case regionalCopil = "copil_regional"

    /// The French label a user reads.
    public var label: String {
        switch self {
        case .copil: "Comité de pilotage (COPIL)"
        case .cotech: "Comité technique (COTECH)"
        case .workingGroup: "Groupe de travail"
        case .partnersCommittee: "Comité des partenaires"
        case .healthCommission: "Commission santé"
        case .departmentalCopil: "COPIL départemental"
        case .regionalCopil: "COPIL régional"
        }
    }

    /// The short name used in lists: "COPIL du 3 mars 2025".
    public var shortLabel: String {
        switch self {
        case .copil: "COPIL"
        case .cotech: "COTECH"
        default: label
        }
    }
}
