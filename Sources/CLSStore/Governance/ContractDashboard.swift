import CLSCore
import FluentKit
import Foundation
import SQLKit

/// The figures of a contract's dashboard — what a signatory reads at a glance — computed from the
/// database in a fixed number of queries: progress by axis, statuses, late actions, indicators
/// against their targets, budget by funder and year, governance activity, alerts.
public struct ContractDashboard: Sendable {
    public struct AxisProgress: Sendable, Equatable {
        public let title: String
        public let total: Int
        public let done: Int
        public let late: Int
        /// Done among the actions expected (abandoned ones left out), in percent; nil when none is expected.
        public let percentDone: Double?
    }

    public struct LateAction: Sendable, Equatable {
        public let id: UUID
        public let title: String
        public let plannedEnd: String?
        public let status: String
    }

    public struct IndicatorStatus: Sendable, Equatable {
        public let name: String
        public let action: String
        public let target: Double?
        public let actual: Double?
        public let reachesTarget: Bool?
    }

    public struct MeetingActivity: Sendable, Equatable {
        public let year: Int
        public let bodyKind: String
        public let held: Int
        public let withMinutes: Int
    }

    public let today: CalendarDay
    public let indicatorYear: Int
    public let progress: ProgrammeProgress
    public let axes: [AxisProgress]
    public let lateActions: [LateAction]
    public let indicators: [IndicatorStatus]
    public let budgetByFunder: [(funder: String, planned: Double, actual: Double)]
    public let budgetByYear: [(year: Int?, planned: Double, actual: Double)]
    public let meetings: [MeetingActivity]
    public let openDecisions: Int
    public let overdueDecisions: Int
    public let alerts: [GovernanceAlert]

    public static func load(contract: Contract, today: CalendarDay, on database: any Database) async throws -> ContractDashboard {
        let contractId = try contract.requireID()
        let tree = try await ProgrammeOutline.load(contractId: contractId, on: database)
        func entries(_ nodes: [ProgrammeOutline.ActionNode]) -> [(status: ActionStatus?, plannedEnd: CalendarDay?)] {
            nodes.map { (ActionStatus(rawValue: $0.action.status), $0.action.endsOn.flatMap(CalendarDay.init(parsing:))) }
        }
        func actions(in section: ProgrammeOutline.SectionNode) -> [ProgrammeOutline.ActionNode] {
            section.actions + section.children.flatMap(actions(in:))
        }
        // Fiches actions only: sub-actions are steps of their action.
        let topLevel = tree.axes.flatMap(actions(in:))
        let progress = ProgrammeProgress(entries(topLevel), today: today)
        let axes = tree.axes.map { axis -> AxisProgress in
            let axisProgress = ProgrammeProgress(entries(actions(in: axis)), today: today)
            return AxisProgress(title: axis.section.title, total: axisProgress.total, done: axisProgress.doneCount, late: axisProgress.lateCount,
                                percentDone: axisProgress.expectedCount > 0 ? 100 * Double(axisProgress.doneCount) / Double(axisProgress.expectedCount) : nil)
        }
        let late = topLevel.filter {
            ActionSchedule.isLate(status: ActionStatus(rawValue: $0.action.status),
                                  plannedEnd: $0.action.endsOn.flatMap(CalendarDay.init(parsing:)), today: today)
        }.map { LateAction(id: $0.action.id ?? UUID(), title: $0.action.title, plannedEnd: $0.action.endsOn, status: $0.action.status) }

        // Indicators: the last full year, each with its value of that year (at most one), in one query.
        let year = today.year - 1
        guard let sql = database as? any SQLDatabase else { throw StoreError.sqlUnavailable }
        let titles = Dictionary(uniqueKeysWithValues: tree.actions.compactMap { action in action.id.map { ($0, action.title) } })
        let indicatorStatus = try await sql.raw("""
            SELECT i.name, i.action_id, i.polarity, v.target, v.actual
            FROM \(ident: Indicator.schema) i
            LEFT JOIN \(ident: IndicatorValue.schema) v ON v.indicator_id = i.id AND v.year = \(bind: year)
            WHERE i.contract_id = \(bind: contractId) ORDER BY i.name
            """).all().map { row -> IndicatorStatus in
            let target = try row.decode(column: "target", as: Double?.self)
            let actual = try row.decode(column: "actual", as: Double?.self)
            let polarity = IndicatorPolarity(rawValue: try row.decode(column: "polarity", as: String.self)) ?? .higherIsBetter
            var reaches: Bool?
            if let target, let actual { reaches = polarity.reaches(actual, target: target) }
            return IndicatorStatus(name: try row.decode(column: "name", as: String.self),
                                   action: titles[try row.decode(column: "action_id", as: UUID.self)] ?? "",
                                   target: target, actual: actual, reachesTarget: reaches)
        }
        let budget = try await ProgrammeQueries.budgetTotals(contractId: contractId, on: database)

        // Governance activity: the meetings and decisions the alert rules read already.
        let facts = try await AlertFactsLoader.facts(for: [contract], today: today, on: database)[contractId]
        var activity: [String: (Int, Int)] = [:]
        for meeting in facts?.meetings ?? [] where !meeting.isCancelled && meeting.date <= today {
            let key = "\(meeting.date.year)|\(meeting.bodyKind.rawValue)"
            activity[key, default: (0, 0)].0 += 1
            if meeting.hasMinutes { activity[key, default: (0, 0)].1 += 1 }
        }
        let open = (facts?.decisions ?? []).filter(\.isOpen)
        return ContractDashboard(
            today: today, indicatorYear: year, progress: progress, axes: axes, lateActions: late, indicators: indicatorStatus,
            budgetByFunder: budget.byFunder.map { ($0.0, $0.1.planned, $0.1.actual) },
            budgetByYear: budget.byYear.map { ($0.0, $0.1.planned, $0.1.actual) },
            meetings: activity.map { key, value in
                let parts = key.split(separator: "|", omittingEmptySubsequences: false)
                return MeetingActivity(year: Int(parts[0]) ?? 0, bodyKind: String(parts[1]), held: value.0, withMinutes: value.1)
            }.sorted { ($0.year, $0.bodyKind) > ($1.year, $1.bodyKind) },
            openDecisions: open.count,
            overdueDecisions: open.filter { $0.dueOn.map { $0 < today } ?? false }.count,
            alerts: facts.map { GovernanceAlertRules.alerts($0, today: today) } ?? [])
    }
}
