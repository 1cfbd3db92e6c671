import FluentKit
import SQLKit

/// Users, their role grants and their API tokens.
struct CreateAccounts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Organisation.schema)
            .id()
            .field("name", .string, .required)
            .field("kind", .string, .required)
            .field("siren", .string)
            .field("region_code", .string)
            .field("department_code", .string)
            .field("competences", .string, .required)
            .field("notes", .string, .required)
            .field("search_text", .string, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()

        try await database.schema(User.schema)
            .id()
            .field("email", .string, .required)
            .field("display_name", .string, .required)
            .field("password_hash", .string, .required)
            .field("organisation_id", .uuid, .references(Organisation.schema, "id", onDelete: .setNull))
            .field("is_active", .bool, .required)
            .field("created_at", .datetime)
            .field("last_login_at", .datetime)
            .unique(on: "email")
            .create()

        try await database.schema(RoleAssignment.schema)
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("role", .string, .required)
            .field("scope", .string)
            .field("created_at", .datetime)
            .create()

        try await database.schema(APIToken.schema)
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("label", .string, .required)
            .field("token_digest", .string, .required)
            .field("created_at", .datetime)
            .field("revoked_at", .datetime)
            .unique(on: "token_digest")
            .create()

        try await Indexes.create([
            ("organisations_name", Organisation.schema, ["name"]),
            ("organisations_kind", Organisation.schema, ["kind"]),
            ("role_assignments_user", RoleAssignment.schema, ["user_id"]),
            ("role_assignments_scope", RoleAssignment.schema, ["role", "scope"]),
            ("api_tokens_user", APIToken.schema, ["user_id"]),
        ], on: database)
    }

    func revert(on database: any Database) async throws {
        try await database.schema(APIToken.schema).delete()
        try await database.schema(RoleAssignment.schema).delete()
        try await database.schema(User.schema).delete()
        try await database.schema(Organisation.schema).delete()
    }
}
