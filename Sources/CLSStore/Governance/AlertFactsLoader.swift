import CLSCore
import FluentKit
import Foundation
import SQLKit

/// The dated facts the alert rules read, for one or many contracts in a fixed number of queries
/// (one per kind of fact, whatever the number of contracts).
public enum AlertFactsLoader {
    public static func facts(for contracts: [Contract], today: CalendarDay, on database: any Database) async throws -> [UUID: GovernanceFacts] {
        let ids = contracts.compactMap(\.id)
        guard !ids.isEmpty, let sql = database as? any SQLDatabase else { return [:] }
        var meetings: [UUID: [GovernanceFacts.Meeting]] = [:]
        var decisions: [UUID: [GovernanceFacts.Decision]] = [:]
        var posts: [UUID: [GovernanceFacts.CoordinatorPost]] = [:]
        var lateActions: [UUID: Int] = [:]
        var indicatorsWithout: [UUID: Int] = [:]
        let lastYear = today.year - 1
        for chunk in ids.chunked(500) {
            let list = Array(chunk)
            let bodies = try await GovernanceBody.query(on: database).filter(\.$contractId ~~ list).all()
            let kindByBody = Dictionary(uniqueKeysWithValues: bodies.compactMap { body in body.id.map { ($0, body.kind) } })
            for meeting in try await Meeting.query(on: database).filter(\.$contractId ~~ list).all() {
                guard let day = CalendarDay(parsing: meeting.heldOn),
                      let kind = GovernanceBodyKind(rawValue: kindByBody[meeting.$body.id] ?? "") else { continue }
                meetings[meeting.contractId, default: []].append((kind, day, meeting.hasMinutes, meeting.meetingStatus == .cancelled))
            }
            for decision in try await Decision.query(on: database).filter(\.$contractId ~~ list).all() {
                decisions[decision.contractId, default: []].append((decision.dueOn.flatMap(CalendarDay.init(parsing:)), decision.decisionStatus.isOpen))
            }
            for post in try await CoordinatorPost.query(on: database).filter(\.$contractId ~~ list).all() {
                guard let start = CalendarDay(parsing: post.startsOn) else { continue }
                posts[post.contractId, default: []].append((start, post.endsOn.flatMap(CalendarDay.init(parsing:)), post.fte))
            }
            // Late actions (`ActionSchedule.isLate`), counted in SQL: « en retard », or not closed and
            // past their planned end (ISO dates compare as text).
            let closed = ActionStatus.allCases.filter(\.isClosed).map(\.rawValue)
            for row in try await sql.select().column("contract_id").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
                .from(Action.schema)
                .where("contract_id", .in, SQLBind.group(list))
                .where(SQLGroupExpression(SQLBinaryExpression(
                    SQLBinaryExpression(SQLColumn("status"), .equal, SQLBind(ActionStatus.late.rawValue)), .or,
                    SQLGroupExpression(SQLBinaryExpression(
                        SQLBinaryExpression(SQLColumn("status"), .notIn, SQLBind.group(closed)), .and,
                        SQLBinaryExpression(SQLColumn("ends_on"), .lessThan, SQLBind(today.iso)))))))
                .groupBy("contract_id").all() {
                lateActions[try row.decode(column: "contract_id", as: UUID.self)] = try row.decode(column: "n", as: Int.self)
            }
            // Indicators with no actual value for last year.
            for row in try await sql.select().column("contract_id").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
                .from(SQLAlias(SQLIdentifier(Indicator.schema), as: SQLIdentifier("i")))
                .where(SQLColumn("contract_id", table: "i"), .in, SQLBind.group(list))
                .where(SQLRaw("NOT EXISTS (SELECT 1 FROM indicator_values v WHERE v.indicator_id = i.id AND v.actual IS NOT NULL AND v.year = \(lastYear))"))
                .groupBy(SQLColumn("contract_id", table: "i")).all() {
                indicatorsWithout[try row.decode(column: "contract_id", as: UUID.self)] = try row.decode(column: "n", as: Int.self)
            }
        }
        var result: [UUID: GovernanceFacts] = [:]
        for contract in contracts {
            guard let id = contract.id else { continue }
            result[id] = GovernanceFacts(isRunning: GovernanceFacts.isRunning(contract.contractState),
                                         signedOn: contract.signedOn.flatMap(CalendarDay.init(parsing:)),
                                         meetings: meetings[id] ?? [], decisions: decisions[id] ?? [], posts: posts[id] ?? [],
                                         lateActions: lateActions[id] ?? 0, indicatorsWithoutLastYearValue: indicatorsWithout[id] ?? 0)
        }
        return result
    }
}
