import CLSCore
import FluentKit
import SQLKit

/// Notifications, the e-mail outbox, and each person's choice of e-mail frequency.
struct CreateNotifications: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(User.schema)
            .field("mail_frequency", .string, .required, .sql(.default(MailFrequency.immediate.rawValue)))
            .update()

        try await database.schema(OutboxMail.schema)
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("dedup_key", .string, .required)
            .field("state", .string, .required)
            .field("attempts", .int, .required)
            .field("next_attempt_at", .datetime, .required)
            .field("lease_until", .datetime)
            .field("recipient", .string)
            .field("subject", .string)
            .field("text_body", .string)
            .field("html_body", .string)
            .field("calendar", .string)
            .field("message_id", .string)
            .field("last_error", .string)
            .field("created_at", .datetime, .required)
            .field("sent_at", .datetime)
            .unique(on: "dedup_key")
            .create()

        try await database.schema(Notice.schema)
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("body", .string, .required)
            .field("place_kind", .string, .required)
            .field("place_contract", .uuid)
            .field("place_subject", .uuid)
            .field("place_year", .int)
            .field("dedup_key", .string)
            .field("delivery", .string, .required)
            .field("mail_id", .uuid)
            .field("created_at", .datetime, .required)
            .field("read_at", .datetime)
            .unique(on: "user_id", "dedup_key")
            .create()

        try await Indexes.create([
            ("notifications_user_created", Notice.schema, ["user_id", "created_at"]),
            ("notifications_user_read", Notice.schema, ["user_id", "read_at"]),
            ("notifications_digest", Notice.schema, ["delivery", "mail_id"]),
            ("mail_outbox_due", OutboxMail.schema, ["state", "next_attempt_at"]),
            ("mail_outbox_created", OutboxMail.schema, ["created_at"]),
        ], on: database)
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Notice.schema).delete()
        try await database.schema(OutboxMail.schema).delete()
        try await database.schema(User.schema).deleteField("mail_frequency").update()
    }
}
