/// Who started the contract (DOMAIN.md §3, `000:1339-1365`).
public enum Initiative: String, CaseIterable, Codable, Sendable {
    /// The local authority asked the ARS.
    case ascending
    /// The ARS approached the authority.
    case descending

    public var label: String {
        switch self {
        case .ascending: "Ascendante (la collectivité sollicite l'ARS)"
        case .descending: "Descendante (l'ARS sollicite la collectivité)"
        }
    }
}
