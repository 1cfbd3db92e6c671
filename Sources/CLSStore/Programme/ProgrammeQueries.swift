import FluentKit
import Foundation
import SQLKit

/// Aggregates over a contract's programme, computed in SQL.
public enum ProgrammeQueries {
    public struct Amounts: Sendable, Equatable {
        public var planned: Double
        public var actual: Double
        public init(planned: Double, actual: Double) { self.planned = planned; self.actual = actual }
    }

    /// Planned and actual euros of each action (FTE lines are counted apart, not added to euros).
    public static func budgetTotalsByAction(contractId: UUID, on database: any Database) async throws -> [UUID: Amounts] {
        let rows = try await sql(database).select()
            .column("action_id")
            .column(sum("planned"), as: "planned")
            .column(sum("actual"), as: "actual")
            .from(BudgetLine.schema)
            .where("contract_id", .equal, contractId)
            .where("unit", .equal, "euros")
            .groupBy("action_id")
            .all()
        var totals: [UUID: Amounts] = [:]
        for row in rows {
            let id = try row.decode(column: "action_id", as: UUID.self)
            totals[id] = Amounts(planned: try row.decode(column: "planned", as: Double?.self) ?? 0,
                                 actual: try row.decode(column: "actual", as: Double?.self) ?? 0)
        }
        return totals
    }

    /// Planned and actual euros by funder and by year, for the programme's budget table.
    /// Lines without a year come last in `byYear`, with a nil year.
    public static func budgetTotals(contractId: UUID, on database: any Database) async throws -> (byFunder: [(String, Amounts)], byYear: [(Int?, Amounts)]) {
        let byFunderRows = try await sql(database).select()
            .column("funder_name")
            .column(sum("planned"), as: "planned")
            .column(sum("actual"), as: "actual")
            .from(BudgetLine.schema)
            .where("contract_id", .equal, contractId)
            .where("unit", .equal, "euros")
            .groupBy("funder_name")
            .orderBy("funder_name")
            .all()
        let byYearRows = try await sql(database).select()
            .column("year")
            .column(sum("planned"), as: "planned")
            .column(sum("actual"), as: "actual")
            .from(BudgetLine.schema)
            .where("contract_id", .equal, contractId)
            .where("unit", .equal, "euros")
            .groupBy("year")
            .orderBy("year")
            .all()
        let byFunder = try byFunderRows.map { row in
            (try row.decode(column: "funder_name", as: String.self),
             Amounts(planned: try row.decode(column: "planned", as: Double?.self) ?? 0,
                     actual: try row.decode(column: "actual", as: Double?.self) ?? 0))
        }
        let byYear = try byYearRows.map { row -> (Int?, Amounts) in
            (try row.decode(column: "year", as: Int?.self),
             Amounts(planned: try row.decode(column: "planned", as: Double?.self) ?? 0,
                     actual: try row.decode(column: "actual", as: Double?.self) ?? 0))
        }
        // Engines disagree on where NULL sorts: put the lines without a year last.
        return (byFunder, byYear.filter { $0.0 != nil } + byYear.filter { $0.0 == nil })
    }

    public static func indicatorCountsByAction(contractId: UUID, on database: any Database) async throws -> [UUID: Int] {
        let rows = try await sql(database).select()
            .column("action_id")
            .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "total")
            .from(Indicator.schema)
            .where("contract_id", .equal, contractId)
            .groupBy("action_id")
            .all()
        var counts: [UUID: Int] = [:]
        for row in rows { counts[try row.decode(column: "action_id", as: UUID.self)] = try row.decode(column: "total", as: Int.self) }
        return counts
    }

    /// `SUM(COALESCE(column, 0))`: amounts left empty count as zero.
    static func sum(_ column: String) -> any SQLExpression {
        SQLFunction("SUM", args: SQLFunction("COALESCE", args: SQLColumn(column), SQLLiteral.numeric("0")))
    }

    static func sql(_ database: any Database) throws -> any SQLDatabase {
        guard let sql = database as? any SQLDatabase else { throw StoreError.sqlUnavailable }
        return sql
    }
}

extension ProgrammeQueries {
    /// Every budget line of the contract's actions, by year.
    public static func budgetLines(contractId: UUID, on database: any Database) async throws -> [BudgetLine] {
        try await BudgetLine.query(on: database).filter(\.$contractId == contractId).sort(\.$year).all()
    }

    /// Every link of the contract's actions (to another action or a web page), in a stable order.
    public static func links(contractId: UUID, on database: any Database) async throws -> [ActionLink] {
        try await ActionLink.query(on: database).filter(\.$contractId == contractId).sort(\.$label).sort(\.$id).all()
    }
}

extension ProgrammeQueries {
    /// Every indicator of the contract's actions with its values, and the actions' titles: two queries.
    public static func indicators(contractId: UUID, on database: any Database) async throws -> (indicators: [Indicator], titles: [UUID: String]) {
        let indicators = try await Indicator.query(on: database).filter(\.$contractId == contractId).with(\.$values).all()
        let actions = try await Action.query(on: database).filter(\.$contract.$id == contractId).field(\.$id).field(\.$title).all()
        let titles = Dictionary(uniqueKeysWithValues: actions.compactMap { action in action.id.map { ($0, action.title) } })
        return (indicators, titles)
    }
}
