/// Where a negotiated priority stands (DOMAIN.md §3 step 4): proposed from a finding, then
/// retained — it becomes an axis — or set aside with its reason (possibly kept for the local
/// authority's own health plan). Raw values are stored.
public enum PriorityStatus: String, CaseIterable, Codable, Sendable {
    case proposed = "proposee"
    case retained = "retenue"
    case rejected = "ecartee"

    public var label: String {
        switch self {
        case .proposed: "Proposée"
        case .retained: "Retenue"
        case .rejected: "Écartée"
        }
    }
}
