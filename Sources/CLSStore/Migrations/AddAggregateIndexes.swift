import FluentKit
import SQLKit

/// Covering indexes for counts made in SQL across many contracts (alert facts, portfolio,
/// dashboard, ISTS report), read from the index alone rather than a table row per value
/// (docs/PERFORMANCE.md). The indicator values' one replaces the (contract, year) index, a prefix of it.
struct AddAggregateIndexes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await Indexes.create([
            ("indicator_values_contract_year_actual", IndicatorValue.schema, ["contract_id", "year", "actual"]),
            // The fiches actions of some contracts (`parent_action_id IS NULL`): without it SQLite
            // walked the parent index over every top-level action of the country (138 ms → 4 ms).
            ("actions_contract_parent", Action.schema, ["contract_id", "parent_action_id", "status", "ends_on"]),
            // Euros by funder and channel, for a contract or a region's portfolio.
            ("budget_lines_contract_funding", BudgetLine.schema, ["contract_id", "unit", "funder_name", "channel", "planned", "actual"]),
        ], on: database)
        if let sql = database as? any SQLDatabase {
            try await sql.raw("DROP INDEX IF EXISTS \(ident: "indicator_values_contract")").run()
        }
    }

    func revert(on database: any Database) async throws {}
}
