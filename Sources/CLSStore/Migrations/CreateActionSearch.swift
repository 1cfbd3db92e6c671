import CLSCore
import Foundation
import FluentKit
import SQLKit

/// The full-text index of the fiches actions (ADR 7), kept by the database itself so that no
/// write path can forget it:
/// - SQLite: an FTS5 table `action_search` (title, body) whose rowids are those of
///   `action_search_keys` (an INTEGER PRIMARY KEY, kept by VACUUM, unlike an ordinary rowid),
///   maintained by triggers on `actions`;
/// - PostgreSQL: a generated `search_vector` column (title weighted A, body B) with a GIN index.
/// Both index the folded columns `search_title` and `search_text` written by `Action`.
struct CreateActionSearch: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Action.schema)
            .field("search_title", .string, .required, .sql(.default("")))
            .update()
        try await backfillTitles(on: database)
        guard let sql = database as? any SQLDatabase else { return }
        if sql.dialect.name == "sqlite" {
            for statement in Self.sqliteStatements { try await sql.raw(SQLQueryString(statement)).run() }
        } else {
            for statement in Self.postgresStatements { try await sql.raw(SQLQueryString(statement)).run() }
        }
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        if sql.dialect.name == "sqlite" {
            for statement in [
                "DROP TRIGGER IF EXISTS actions_search_insert", "DROP TRIGGER IF EXISTS actions_search_update",
                "DROP TRIGGER IF EXISTS actions_search_delete", "DROP TABLE IF EXISTS action_search",
                "DROP TABLE IF EXISTS action_search_keys",
            ] { try await sql.raw(SQLQueryString(statement)).run() }
        } else {
            try await sql.raw("DROP INDEX IF EXISTS actions_search_vector").run()
            try await sql.raw("ALTER TABLE actions DROP COLUMN IF EXISTS search_vector").run()
        }
        try await database.schema(Action.schema).deleteField("search_title").update()
    }

    /// Existing actions get their folded title (the fold is Swift's, not SQL's).
    private func backfillTitles(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        let rows = try await sql.select().column("id").column("title").from(Action.schema).all()
        for row in rows {
            let id = try row.decode(column: "id", as: UUID.self)
            let title = try row.decode(column: "title", as: String.self)
            try await sql.update(Action.schema).set("search_title", to: SearchText.fold(title)).where("id", .equal, id).run()
        }
    }

    static let sqliteStatements = [
        "CREATE TABLE action_search_keys (rowid INTEGER PRIMARY KEY, action_id BLOB NOT NULL UNIQUE)",
        "CREATE VIRTUAL TABLE action_search USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2')",
        """
        CREATE TRIGGER actions_search_insert AFTER INSERT ON actions BEGIN
          INSERT INTO action_search_keys (action_id) VALUES (new.id);
          INSERT INTO action_search (rowid, title, body)
            VALUES ((SELECT rowid FROM action_search_keys WHERE action_id = new.id), new.search_title, new.search_text);
        END
        """,
        """
        CREATE TRIGGER actions_search_update AFTER UPDATE OF search_title, search_text ON actions BEGIN
          DELETE FROM action_search WHERE rowid = (SELECT rowid FROM action_search_keys WHERE action_id = old.id);
          INSERT INTO action_search (rowid, title, body)
            VALUES ((SELECT rowid FROM action_search_keys WHERE action_id = new.id), new.search_title, new.search_text);
        END
        """,
        """
        CREATE TRIGGER actions_search_delete AFTER DELETE ON actions BEGIN
          DELETE FROM action_search WHERE rowid = (SELECT rowid FROM action_search_keys WHERE action_id = old.id);
          DELETE FROM action_search_keys WHERE action_id = old.id;
        END
        """,
        "INSERT INTO action_search_keys (action_id) SELECT id FROM actions",
        """
        INSERT INTO action_search (rowid, title, body)
          SELECT k.rowid, a.search_title, a.search_text FROM actions a JOIN action_search_keys k ON k.action_id = a.id
        """,
    ]

    static let postgresStatements = [
        """
        ALTER TABLE actions ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('simple', search_title), 'A') || setweight(to_tsvector('simple', search_text), 'B')
        ) STORED
        """,
        "CREATE INDEX actions_search_vector ON actions USING GIN (search_vector)",
    ]
}
