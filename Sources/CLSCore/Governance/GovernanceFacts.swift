/// The dated facts about one contract that the governance alerts read (`GovernanceAlertRules`).
/// The caller gathers them from the database; nothing here reads the clock.
public struct GovernanceFacts: Sendable {
    /// A meeting of one of the contract's bodies. A meeting is *held* when it is not cancelled and
    /// its date is on or before today (a past meeting still marked « prévue » counts as held).
    public typealias Meeting = (bodyKind: GovernanceBodyKind, date: CalendarDay, hasMinutes: Bool, isCancelled: Bool)
    /// A decision recorded in a meeting; `isOpen` for « à faire » and « en cours ».
    public typealias Decision = (dueOn: CalendarDay?, isOpen: Bool)
    /// A coordinator post, `endsOn` nil while open-ended.
    public typealias CoordinatorPost = (startsOn: CalendarDay, endsOn: CalendarDay?, fte: Double)

    /// Whether the contract is signed, in implementation or in evaluation (`isRunning(_:)`).
    public var isRunning: Bool
    public var signedOn: CalendarDay?
    public var meetings: [Meeting]
    public var decisions: [Decision]
    public var posts: [CoordinatorPost]
    /// Number of late fiches actions (`ActionSchedule.isLate`).
    public var lateActions: Int
    /// Number of indicators with no actual value for last year (today's year − 1).
    public var indicatorsWithoutLastYearValue: Int

    public init(
        isRunning: Bool, signedOn: CalendarDay? = nil, meetings: [Meeting] = [], decisions: [Decision] = [],
        posts: [CoordinatorPost] = [], lateActions: Int = 0, indicatorsWithoutLastYearValue: Int = 0
    ) {
        self.isRunning = isRunning
        self.signedOn = signedOn
        self.meetings = meetings
        self.decisions = decisions
        self.posts = posts
        self.lateActions = lateActions
        self.indicatorsWithoutLastYearValue = indicatorsWithoutLastYearValue
    }

    /// The states in which a contract runs: signé, mise en œuvre, évaluation.
    public static let runningStates: Set<ContractState> = [.signe, .miseEnOeuvre, .evaluation]

    public static func isRunning(_ state: ContractState) -> Bool { runningStates.contains(state) }
}
