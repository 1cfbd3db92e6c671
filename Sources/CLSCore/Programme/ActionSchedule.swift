/// Lateness of fiches actions (DOMAIN.md §4, §6 "late actions").
public enum ActionSchedule {
    /// An action is late when it is marked « En retard », or when its planned end is past
    /// (strictly before `today`) and it is neither réalisé nor abandonné. An action without a
    /// planned end is late only when so marked. An action without a status (an imported plan
    /// that gave none) is late when its planned end is past.
    public static func isLate(status: ActionStatus?, plannedEnd: CalendarDay?, today: CalendarDay) -> Bool {
        if status == .late { return true }
        if status?.isClosed == true { return false }
        guard let plannedEnd else { return false }
        return plannedEnd < today
    }
}

/// The progress of a set of actions (a programme, an axis, a region's contracts…).
public struct ProgrammeProgress: Equatable, Sendable {
    /// Number of actions counted.
    public let total: Int
    /// Number of actions in each status; every status is present, 0 when none.
    public let countByStatus: [ActionStatus: Int]
    /// Number of late actions (`ActionSchedule.isLate`).
    public let lateCount: Int
    /// Actions without a status (an imported plan may give none): counted, in no status.
    public let withoutStatusCount: Int

    public init(_ actions: [(status: ActionStatus?, plannedEnd: CalendarDay?)], today: CalendarDay) {
        var counts = Dictionary(uniqueKeysWithValues: ActionStatus.allCases.map { ($0, 0) })
        var late = 0, withoutStatus = 0
        for action in actions {
            if let status = action.status { counts[status, default: 0] += 1 } else { withoutStatus += 1 }
            if ActionSchedule.isLate(status: action.status, plannedEnd: action.plannedEnd, today: today) { late += 1 }
        }
        self.total = actions.count
        self.countByStatus = counts
        self.lateCount = late
        self.withoutStatusCount = withoutStatus
    }

    public func count(_ status: ActionStatus) -> Int { countByStatus[status] ?? 0 }

    /// Réalisé actions.
    public var doneCount: Int { count(.done) }

    /// The actions still expected: all but the abandoned ones.
    public var expectedCount: Int { total - count(.abandoned) }

    /// Share of réalisé among the actions still expected, réalisé / (all − abandonné), between
    /// 0 and 1. `nil` when no action is expected (none, or all abandoned).
    public var shareDone: Double? {
        expectedCount > 0 ? Double(doneCount) / Double(expectedCount) : nil
    }

    /// `shareDone` in percent (for `FrenchFormat.percent`).
    public var percentDone: Double? { shareDone.map { $0 * 100 } }

    /// The statuses that occur, in the vocabulary's order, with their counts (for a table or a
    /// chart); actions without a status are `withoutStatusCount`.
    public var nonZeroCounts: [(status: ActionStatus, count: Int)] {
        ActionStatus.allCases.compactMap { status in
            let n = count(status)
            return n > 0 ? (status, n) : nil
        }
    }
}
