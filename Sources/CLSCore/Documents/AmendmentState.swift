/// Where an amendment (*avenant*) stands: drafted by the coordinator, then signed. Raw values are
/// stored.
public enum AmendmentState: String, CaseIterable, Codable, Sendable {
    case draft = "projet"
    case signed = "signe"

    public var label: String {
        switch self {
        case .draft: "Projet"
        case .signed: "Signé"
        }
    }
}
