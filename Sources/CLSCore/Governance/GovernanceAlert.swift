/// What a governance alert is about (DOMAIN.md §3 "Useful alerts"). Raw values are stable codes;
/// the declaration order is the display order within a severity.
public enum GovernanceAlertKind: String, CaseIterable, Codable, Sendable {
    case slowFirstCopil = "premier_copil_tardif"
    case noRecentCopil = "pas_de_copil_recent"
    case minutesMissing = "comptes_rendus_manquants"
    case overdueDecisions = "decisions_en_retard"
    case vacantPost = "poste_vacant"
    case lateActions = "actions_en_retard"
    case indicatorsWithoutValue = "indicateurs_sans_valeur"

    /// The French name of the rule (filters, settings).
    public var label: String {
        switch self {
        case .slowFirstCopil: "Délai du premier COPIL"
        case .noRecentCopil: "COPIL annuel"
        case .minutesMissing: "Comptes rendus manquants"
        case .overdueDecisions: "Décisions en retard"
        case .vacantPost: "Poste de coordination"
        case .lateActions: "Actions en retard"
        case .indicatorsWithoutValue: "Indicateurs non renseignés"
        }
    }
}

/// How urgent an alert is. `critical` sorts before `warning`.
public enum GovernanceAlertSeverity: String, CaseIterable, Codable, Sendable, Comparable {
    case critical = "critique"
    case warning = "vigilance"

    public var label: String {
        switch self {
        case .critical: "Critique"
        case .warning: "Vigilance"
        }
    }

    /// Critical first.
    public static func < (lhs: Self, rhs: Self) -> Bool {
        lhs == .critical && rhs == .warning
    }
}

/// One alert on a contract's governance: a French title with the key figure, and a detail
/// sentence with the dates and counts behind it.
public struct GovernanceAlert: Equatable, Sendable {
    public let kind: GovernanceAlertKind
    public let severity: GovernanceAlertSeverity
    public let title: String
    public let detail: String

    public init(kind: GovernanceAlertKind, severity: GovernanceAlertSeverity, title: String, detail: String) {
        self.kind = kind
        self.severity = severity
        self.title = title
        self.detail = detail
    }
}
