import FluentKit

/// The audit trail, indexed for the journal's filters, each object's history and login throttling.
struct CreateAuditTrail: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(AuditEntry.schema)
            .id()
            .field("occurred_at", .datetime, .required)
            .field("actor_id", .uuid)
            .field("actor_label", .string, .required)
            .field("action", .string, .required)
            .field("entity_type", .string, .required)
            .field("entity_id", .string, .required)
            .field("entity_label", .string, .required)
            .field("contract_id", .uuid)
            .field("changes", .string, .required)
            .create()

        try await Indexes.create([
            ("audit_entries_occurred", AuditEntry.schema, ["occurred_at"]),
            ("audit_entries_entity", AuditEntry.schema, ["entity_type", "entity_id", "occurred_at"]),
            ("audit_entries_contract", AuditEntry.schema, ["contract_id", "occurred_at"]),
            ("audit_entries_actor", AuditEntry.schema, ["actor_id", "occurred_at"]),
            ("audit_entries_action", AuditEntry.schema, ["action", "entity_id", "occurred_at"]),
        ], on: database)
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AuditEntry.schema).delete()
    }
}
