import FluentKit
import SQLKit

/// Covering indexes for counts made in SQL across many contracts (alert facts, portfolio,
/// dashboard): the indicator values of a contract and year with their actual value are counted
/// from the index alone, without reading a table row per value (docs/PERFORMANCE.md). It replaces
/// the (contract, year) index, a prefix of it.
struct AddAggregateIndexes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await Indexes.create([
            ("indicator_values_contract_year_actual", IndicatorValue.schema, ["contract_id", "year", "actual"]),
        ], on: database)
        if let sql = database as? any SQLDatabase {
            try await sql.raw("DROP INDEX IF EXISTS \(ident: "indicator_values_contract")").run()
        }
    }

    func revert(on database: any Database) async throws {}
}
