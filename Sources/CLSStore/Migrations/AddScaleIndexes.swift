import FluentKit

/// Indexes found missing when measuring at national scale (docs/PERFORMANCE.md): the codes of an
/// action are rewritten by action id on every save (`DerivedRows`), which scanned the whole table.
struct AddScaleIndexes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await Indexes.create([
            ("action_codes_action", ActionCode.schema, ["action_id"]),
        ], on: database)
    }

    func revert(on database: any Database) async throws {}
}
