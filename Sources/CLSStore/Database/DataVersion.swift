import FluentKit
import SQLKit

/// A number the database raises with every change of its data, in the same transaction, so that
/// what is computed from the data (the region pages) can be kept until the data changes.
///
/// Triggers on every table raise it, whoever writes: `Mutations`, the importers, the benchmark
/// generator or SQL typed by hand. They are installed at every start (`installTriggers`, after
/// the migrations), so a table added later is covered without anyone remembering to. Left out:
/// the bookkeeping tables (migrations, sessions, the audit trail, written with the change it
/// records, the login throttle's failures, and this one) and the full-text index, which triggers on `actions` keep.
///
/// SQLite raises it once per row written, PostgreSQL once per statement. On PostgreSQL, writing
/// transactions therefore take turns on the one row until they commit (SQLite already has a
/// single writer).
public enum DataVersion {
    public static let table = "data_version"
    static let sqliteTriggerPrefix = "cls_data_version_"
    static let postgresTrigger = "cls_data_version"
    static let postgresFunction = "cls_bump_data_version"
    static let bookkeeping: Set<String> = ["_fluent_migrations", "_fluent_sessions", AuditEntry.schema, LoginFailure.schema, table,
                                            ContractDataVersion.table]

    /// The current number. Read it before computing from the data: what is computed is then at
    /// least as recent as the number it is kept under, never older.
    public static func current(on database: any Database) async throws -> Int64 {
        let sql = try ContractQueries.sqlDatabase(database)
        let row = try await sql.raw("SELECT version FROM \(ident: table) WHERE id = 1").first()
        return try row?.decode(column: "version", as: Int64.self) ?? 0
    }

    /// Adds the triggers that are missing, on every table that holds data.
    public static func installTriggers(on database: any Database) async throws {
        let sql = try ContractQueries.sqlDatabase(database)
        for name in try await tablesWithoutTriggers(on: database) {
            if sql.dialect.name == "sqlite" {
                for event in ["INSERT", "UPDATE", "DELETE"] {
                    try await sql.raw("""
                        CREATE TRIGGER IF NOT EXISTS \(ident: sqliteTriggerPrefix + name + "_" + event.lowercased()) AFTER \(unsafeRaw: event) ON \(ident: name)
                        BEGIN UPDATE \(ident: table) SET version = version + 1 WHERE id = 1; END
                        """).run()
                }
            } else {
                try await sql.raw("""
                    CREATE OR REPLACE TRIGGER \(ident: postgresTrigger) AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON \(ident: name)
                    FOR EACH STATEMENT EXECUTE FUNCTION \(ident: postgresFunction)()
                    """).run()
            }
        }
    }

    /// The tables that hold data and lack a trigger (none once `installTriggers` has run).
    public static func tablesWithoutTriggers(on database: any Database) async throws -> [String] {
        let sql = try ContractQueries.sqlDatabase(database)
        var covered: [String: Int] = [:]
        if sql.dialect.name == "sqlite" {
            for row in try await sql.raw("SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger'").all()
            where try row.decode(column: "name", as: String.self).hasPrefix(sqliteTriggerPrefix) {
                covered[try row.decode(column: "tbl_name", as: String.self), default: 0] += 1
            }
            return try await dataTables(on: sql).filter { covered[$0, default: 0] < 3 }
        }
        let triggers = try await sql.raw("""
            SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = current_schema()
            WHERE t.tgname = \(bind: postgresTrigger)
            """).all()
        for row in triggers { covered[try row.decode(column: "relname", as: String.self), default: 0] += 1 }
        return try await dataTables(on: sql).filter { covered[$0] == nil }
    }

    /// Every table that holds data, sorted: not the bookkeeping tables, not a full-text index
    /// and its own tables (`action_search_data`, `_keys`…), which follow their table's writes.
    static func dataTables(on sql: any SQLDatabase) async throws -> [String] {
        var tables: [String] = []
        if sql.dialect.name == "sqlite" {
            var virtual: [String] = []
            for row in try await sql.raw("SELECT name, sql FROM sqlite_master WHERE type = 'table'").all() {
                let name = try row.decode(column: "name", as: String.self)
                let definition = try row.decode(column: "sql", as: String?.self) ?? ""
                if definition.uppercased().hasPrefix("CREATE VIRTUAL TABLE") { virtual.append(name) }
                else if !name.hasPrefix("sqlite_") { tables.append(name) }
            }
            tables.removeAll { name in virtual.contains { name.hasPrefix($0 + "_") } }
        } else {
            for row in try await sql.raw("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()").all() {
                tables.append(try row.decode(column: "tablename", as: String.self))
            }
        }
        return tables.filter { !bookkeeping.contains($0) }.sorted()
    }
}

/// The table of `DataVersion`, one row, and on PostgreSQL the function its triggers call.
struct CreateDataVersion: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = try ContractQueries.sqlDatabase(database)
        try await sql.raw("CREATE TABLE \(ident: DataVersion.table) (id INTEGER PRIMARY KEY, version BIGINT NOT NULL)").run()
        try await sql.raw("INSERT INTO \(ident: DataVersion.table) (id, version) VALUES (1, 0)").run()
        if sql.dialect.name != "sqlite" {
            try await sql.raw("""
                CREATE OR REPLACE FUNCTION \(ident: DataVersion.postgresFunction)() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN UPDATE \(ident: DataVersion.table) SET version = version + 1 WHERE id = 1; RETURN NULL; END $$
                """).run()
        }
    }

    func revert(on database: any Database) async throws {
        let sql = try ContractQueries.sqlDatabase(database)
        if sql.dialect.name == "sqlite" {
            let triggers = try await sql.raw("SELECT name FROM sqlite_master WHERE type = 'trigger'").all()
                .map { try $0.decode(column: "name", as: String.self) }.filter { $0.hasPrefix(DataVersion.sqliteTriggerPrefix) }
            for name in triggers { try await sql.raw("DROP TRIGGER IF EXISTS \(ident: name)").run() }
        } else {
            try await sql.raw("DROP FUNCTION IF EXISTS \(ident: DataVersion.postgresFunction)() CASCADE").run()
        }
        try await sql.raw("DROP TABLE IF EXISTS \(ident: DataVersion.table)").run()
    }
}
