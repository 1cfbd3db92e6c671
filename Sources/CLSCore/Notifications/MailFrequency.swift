/// How often a person wants the platform's notifications by e-mail. In the platform they always
/// see them; this only decides what reaches their mailbox.
public enum MailFrequency: String, CaseIterable, Codable, Sendable {
    /// One e-mail per notification, as soon as it is raised.
    case immediate
    /// One e-mail a day gathering the notifications of the previous days.
    case daily
    /// No e-mail.
    case none

    public var label: String {
        switch self {
        case .immediate: "Un courriel à chaque notification"
        case .daily: "Un récapitulatif par jour"
        case .none: "Aucun courriel (notifications dans la plateforme seulement)"
        }
    }
}
