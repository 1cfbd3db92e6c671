import FluentKit

/// The columns of Territoires en Transitions' export that a fiche action keeps (amélioration
/// continue, calendrier, fiches d'autres plans, notes; its linked actions and documents are its
/// links, `action_links`), the basis of its amounts (HT or TTC), and the order of an action's funding lines, so that a plan
/// goes out and comes back with its funders in their order.
struct AddTerritoiresEnTransitionsFields: AsyncMigration {
    static let textColumns = ["schedule", "linked_plan_actions", "notes"]
    static let flagColumns = ["is_continuous", "amounts_include_tax"]

    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite alters a table one column at a time.
        for column in Self.textColumns {
            try await database.schema(Action.schema).field(.string(column), .string, .required, .sql(.default(""))).update()
        }
        for column in Self.flagColumns {
            try await database.schema(Action.schema).field(.string(column), .bool, .required, .sql(.default(false))).update()
        }
        try await database.schema(BudgetLine.schema)
            .field("position", .int, .required, .sql(.default(0)))
            .update()
    }

    func revert(on database: any Database) async throws {
        for column in Self.textColumns + Self.flagColumns {
            try await database.schema(Action.schema).deleteField(.string(column)).update()
        }
        try await database.schema(BudgetLine.schema).deleteField("position").update()
    }
}
