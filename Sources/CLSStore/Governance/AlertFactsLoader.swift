import CLSCore
import FluentKit
import Foundation
import SQLKit

/// The dated facts the alert rules read, for one or many contracts in a fixed number of queries
/// (one per kind of fact, whatever the number of contracts). Only the columns the rules read are
/// selected, and counts are made in SQL: no model is decoded (a meeting's minutes file stays on disk).
public enum AlertFactsLoader {
    public static func facts(for contracts: [some ContractStateFacts], today: CalendarDay, on database: any Database) async throws -> [UUID: GovernanceFacts] {
        let ids = contracts.compactMap(\.id)
        guard !ids.isEmpty, let sql = database as? any SQLDatabase else { return [:] }
        var meetings: [UUID: [GovernanceFacts.Meeting]] = [:]
        var decisions: [UUID: [GovernanceFacts.Decision]] = [:]
        var posts: [UUID: [GovernanceFacts.CoordinatorPost]] = [:]
        var lateActions: [UUID: Int] = [:]
        var indicatorCounts: [UUID: Int] = [:]
        var indicatorsWithValue: [UUID: Int] = [:]
        let lastYear = today.year - 1
        // Minutes count when their text holds more than blanks, or a file is attached.
        let trim = sql.dialect.name == "sqlite" ? "TRIM" : "BTRIM"
        for chunk in ids.chunked(500) {
            let list = SQLBind.group(Array(chunk))
            for row in try await sql.raw("""
                SELECT m.contract_id, b.kind, m.held_on, m.status,
                       CASE WHEN m.minutes_filename IS NOT NULL OR \(unsafeRaw: trim)(m.minutes, \(bind: " \t\r\n")) <> '' THEN 1 ELSE 0 END AS has_minutes
                FROM \(ident: Meeting.schema) m JOIN \(ident: GovernanceBody.schema) b ON b.id = m.body_id
                WHERE m.contract_id IN \(list)
                """).all() {
                guard let day = CalendarDay(parsing: try row.decode(column: "held_on", as: String.self)),
                      let kind = GovernanceBodyKind(rawValue: try row.decode(column: "kind", as: String.self)) else { continue }
                let status = Meeting.Status(rawValue: try row.decode(column: "status", as: String.self)) ?? .planned
                meetings[try row.decode(column: "contract_id", as: UUID.self), default: []]
                    .append((kind, day, try row.decode(column: "has_minutes", as: Int.self) == 1, status == .cancelled))
            }
            // Open decisions only: the rules (and the dashboard) read no other.
            let open = SQLBind.group(Decision.Status.allCases.filter(\.isOpen).map(\.rawValue))
            for row in try await sql.raw("SELECT contract_id, due_on, status FROM \(ident: Decision.schema) WHERE contract_id IN \(list) AND status IN \(open)").all() {
                let status = Decision.Status(rawValue: try row.decode(column: "status", as: String.self)) ?? .open
                decisions[try row.decode(column: "contract_id", as: UUID.self), default: []]
                    .append((try row.decode(column: "due_on", as: String?.self).flatMap(CalendarDay.init(parsing:)), status.isOpen))
            }
            for row in try await sql.raw("SELECT contract_id, starts_on, ends_on, fte FROM \(ident: CoordinatorPost.schema) WHERE contract_id IN \(list)").all() {
                guard let start = CalendarDay(parsing: try row.decode(column: "starts_on", as: String.self)) else { continue }
                posts[try row.decode(column: "contract_id", as: UUID.self), default: []]
                    .append((start, try row.decode(column: "ends_on", as: String?.self).flatMap(CalendarDay.init(parsing:)),
                             try row.decode(column: "fte", as: Double.self)))
            }
            // Late fiches actions (`ActionSchedule.isLate`; sub-actions are steps of their action):
            // « en retard », or not closed and past their planned end (ISO dates compare as text).
            let closed = SQLBind.group(ActionStatus.allCases.filter(\.isClosed).map(\.rawValue))
            for row in try await sql.raw("""
                SELECT contract_id, COUNT(*) AS n FROM \(ident: Action.schema)
                WHERE contract_id IN \(list) AND parent_action_id IS NULL
                  AND (status = \(bind: ActionStatus.late.rawValue) OR (status NOT IN \(closed) AND ends_on < \(bind: today.iso)))
                GROUP BY contract_id
                """).all() {
                lateActions[try row.decode(column: "contract_id", as: UUID.self)] = try row.decode(column: "n", as: Int.self)
            }
            // Indicators with no actual value for last year: all indicators, less those with one
            // (at most one value per indicator and year); both counts read indexes only.
            for row in try await sql.raw("SELECT contract_id, COUNT(*) AS n FROM \(ident: Indicator.schema) WHERE contract_id IN \(list) GROUP BY contract_id").all() {
                indicatorCounts[try row.decode(column: "contract_id", as: UUID.self)] = try row.decode(column: "n", as: Int.self)
            }
            for row in try await sql.raw("""
                SELECT contract_id, COUNT(*) AS n FROM \(ident: IndicatorValue.schema)
                WHERE contract_id IN \(list) AND year = \(bind: lastYear) AND actual IS NOT NULL GROUP BY contract_id
                """).all() {
                indicatorsWithValue[try row.decode(column: "contract_id", as: UUID.self)] = try row.decode(column: "n", as: Int.self)
            }
        }
        var result: [UUID: GovernanceFacts] = [:]
        for contract in contracts {
            guard let id = contract.id else { continue }
            result[id] = GovernanceFacts(isRunning: GovernanceFacts.isRunning(contract.contractState),
                                         signedOn: contract.signedOn.flatMap(CalendarDay.init(parsing:)),
                                         meetings: meetings[id] ?? [], decisions: decisions[id] ?? [], posts: posts[id] ?? [],
                                         lateActions: lateActions[id] ?? 0,
                                         indicatorsWithoutLastYearValue: max(0, (indicatorCounts[id] ?? 0) - (indicatorsWithValue[id] ?? 0)))
        }
        return result
    }
}
