import FluentKit

/// The RÉFLEX-ISS sessions and their ratings.
struct CreateReflexISS: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ReflexSession.schema).id()
            .field("contract_id", .uuid, .required, .references(Contract.schema, "id", onDelete: .cascade))
            .field("held_on", .string, .required).field("participants", .string, .required)
            .field("conclusions", .string, .required).field("created_at", .datetime)
            .create()
        try await database.schema(ReflexRating.schema).id()
            .field("contract_id", .uuid, .required, .references(Contract.schema, "id", onDelete: .cascade))
            .field("session_id", .uuid, .required, .references(ReflexSession.schema, "id", onDelete: .cascade))
            .field("element_code", .string, .required).field("score", .int).field("comment", .string, .required)
            .unique(on: "session_id", "element_code")
            .create()
        try await Indexes.create([
            ("reflex_sessions_contract", ReflexSession.schema, ["contract_id", "held_on"]),
            ("reflex_ratings_contract", ReflexRating.schema, ["contract_id"]),
        ], on: database)
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ReflexRating.schema).delete()
        try await database.schema(ReflexSession.schema).delete()
    }
}
