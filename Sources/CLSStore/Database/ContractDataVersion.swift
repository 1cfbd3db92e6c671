import FluentKit
import Foundation
import SQLKit

/// A number per contract that the database raises with every change of the contract or of
/// anything that hangs on it (every table with a `contract_id`), in the same transaction, whoever
/// writes — forms, imports, SQL typed by hand; and a number for the data shared by all contracts
/// (organisations, people, the territorial reference, the diagnosis catalogue…), raised by every
/// change of a table without `contract_id`. Together they say when what is computed for one
/// contract must be computed again: a change in contract A leaves contract B's number alone.
///
/// Row triggers, installed at every start like `DataVersion`'s, so that a table added later is
/// covered: on SQLite and PostgreSQL alike, an upsert of the contract's row (the old and the new
/// contract when a row moves). The audit trail and the bookkeeping tables are left out.
public enum ContractDataVersion {
    public static let table = "contract_data_versions"
    /// The shared data's number: a second row of `DataVersion`'s table.
    static let sharedRow = 2
    static let sqliteTriggerPrefix = "cls_contract_version_"
    static let postgresTrigger = "cls_contract_version"
    static let postgresSharedTrigger = "cls_shared_version"
    static let postgresFunction = "cls_bump_contract_version"
    static let postgresSharedFunction = "cls_bump_shared_version"
    static let leftOut: Set<String> = DataVersion.bookkeeping.union([table, "import_uploads"])

    /// The contract's current number (0 before its first change).
    public static func current(contractId: UUID, on database: any Database) async throws -> Int64 {
        let sql = try ContractQueries.sqlDatabase(database)
        let row = try await sql.raw("SELECT version FROM \(ident: table) WHERE contract_id = \(bind: contractId)").first()
        return try row?.decode(column: "version", as: Int64.self) ?? 0
    }

    /// The shared data's current number.
    public static func shared(on database: any Database) async throws -> Int64 {
        let sql = try ContractQueries.sqlDatabase(database)
        let row = try await sql.raw("SELECT version FROM \(ident: DataVersion.table) WHERE id = \(literal: sharedRow)").first()
        return try row?.decode(column: "version", as: Int64.self) ?? 0
    }

    /// What a table's triggers follow: the contracts its rows name (`contract_id`; for `contracts`,
    /// the contract itself and the one it renews; for a fiche's predecessor, both contracts), or
    /// the shared data.
    public enum Scope: Equatable, Sendable {
        case contract(columns: [String])
        case shared
    }

    static func scope(of table: String, columns: Set<String>) -> Scope {
        if table == Contract.schema { return .contract(columns: ["id", "previous_contract_id"]) }
        guard columns.contains("contract_id") else { return .shared }
        return .contract(columns: ["contract_id"] + ["predecessor_contract_id"].filter(columns.contains))
    }


    /// Adds the triggers that are missing.
    public static func installTriggers(on database: any Database) async throws {
        let sql = try ContractQueries.sqlDatabase(database)
        for (name, scope) in try await tablesWithoutTriggers(on: database) {
            if sql.dialect.name == "sqlite" {
                for event in ["INSERT", "UPDATE", "DELETE"] {
                    let trigger = sqliteTriggerPrefix + name + "_" + event.lowercased()
                    let body: String
                    switch scope {
                    case .shared:
                        body = "UPDATE \(DataVersion.table) SET version = version + 1 WHERE id = \(sharedRow);"
                    case .contract(let columns):
                        let rows = event == "INSERT" ? ["NEW"] : event == "DELETE" ? ["OLD"] : ["OLD", "NEW"]
                        body = rows.flatMap { row in columns.map { (row, $0) } }.map { row, column in
                            "INSERT INTO \(table) (contract_id, version) SELECT \(row).\"\(column)\", 1 WHERE \(row).\"\(column)\" IS NOT NULL "
                                + "ON CONFLICT (contract_id) DO UPDATE SET version = version + 1;"
                        }.joined(separator: " ")
                    }
                    try await sql.raw("""
                        CREATE TRIGGER IF NOT EXISTS \(ident: trigger) AFTER \(unsafeRaw: event) ON \(ident: name)
                        BEGIN \(unsafeRaw: body) END
                        """).run()
                }
            } else {
                switch scope {
                case .shared:
                    try await sql.raw("""
                        CREATE OR REPLACE TRIGGER \(ident: postgresSharedTrigger) AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON \(ident: name)
                        FOR EACH STATEMENT EXECUTE FUNCTION \(ident: postgresSharedFunction)()
                        """).run()
                case .contract(let columns):
                    // The columns as the function's arguments (names of this schema, never typed by anyone).
                    let arguments = columns.map { "'\($0)'" }.joined(separator: ", ")
                    try await sql.raw("""
                        CREATE OR REPLACE TRIGGER \(ident: postgresTrigger) AFTER INSERT OR UPDATE OR DELETE ON \(ident: name)
                        FOR EACH ROW EXECUTE FUNCTION \(ident: postgresFunction)(\(unsafeRaw: arguments))
                        """).run()
                }
            }
        }
    }

    /// The tables that hold data and lack their trigger, with what their trigger follows.
    public static func tablesWithoutTriggers(on database: any Database) async throws -> [(table: String, scope: Scope)] {
        let sql = try ContractQueries.sqlDatabase(database)
        var covered = Set<String>()
        var scopes: [String: Scope] = [:]
        if sql.dialect.name == "sqlite" {
            var counts: [String: Int] = [:]
            for row in try await sql.raw("SELECT tbl_name, name FROM sqlite_master WHERE type = 'trigger'").all()
            where try row.decode(column: "name", as: String.self).hasPrefix(sqliteTriggerPrefix) {
                counts[try row.decode(column: "tbl_name", as: String.self), default: 0] += 1
            }
            covered = Set(counts.filter { $0.value >= 3 }.map(\.key))
        } else {
            for row in try await sql.raw("""
                SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
                JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = current_schema()
                WHERE t.tgname IN (\(bind: postgresTrigger), \(bind: postgresSharedTrigger))
                """).all() {
                covered.insert(try row.decode(column: "relname", as: String.self))
            }
        }
        for name in try await DataVersion.dataTables(on: sql) where !leftOut.contains(name) {
            scopes[name] = scope(of: name, columns: try await self.columns(of: name, on: sql))
        }
        return scopes.filter { !covered.contains($0.key) }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    static func columns(of table: String, on sql: any SQLDatabase) async throws -> Set<String> {
        if sql.dialect.name == "sqlite" {
            return Set(try await sql.raw("SELECT name FROM pragma_table_info(\(bind: table))").all().map { try $0.decode(column: "name", as: String.self) })
        }
        return Set(try await sql.raw("""
            SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = \(bind: table)
            """).all().map { try $0.decode(column: "column_name", as: String.self) })
    }
}

/// The table of the contracts' numbers, the shared data's row, and on PostgreSQL the functions
/// the triggers call.
struct CreateContractDataVersions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = try ContractQueries.sqlDatabase(database)
        let key = sql.dialect.name == "sqlite" ? "TEXT" : "UUID"
        try await sql.raw("CREATE TABLE \(ident: ContractDataVersion.table) (contract_id \(unsafeRaw: key) PRIMARY KEY, version BIGINT NOT NULL)").run()
        try await sql.raw("INSERT INTO \(ident: DataVersion.table) (id, version) VALUES (\(literal: ContractDataVersion.sharedRow), 0)").run()
        guard sql.dialect.name != "sqlite" else { return }
        // The contracts a row names, read by the names of the trigger's arguments.
        try await sql.raw("""
            CREATE OR REPLACE FUNCTION \(ident: ContractDataVersion.postgresFunction)() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
              rows jsonb[] := ARRAY[]::jsonb[];
              row_data jsonb;
              column_name text;
              contract uuid;
            BEGIN
              IF TG_OP IN ('UPDATE', 'DELETE') THEN rows := rows || to_jsonb(OLD); END IF;
              IF TG_OP IN ('INSERT', 'UPDATE') THEN rows := rows || to_jsonb(NEW); END IF;
              FOREACH row_data IN ARRAY rows LOOP
                FOREACH column_name IN ARRAY TG_ARGV LOOP
                  contract := (row_data ->> column_name)::uuid;
                  IF contract IS NOT NULL THEN
                    INSERT INTO \(unsafeRaw: ContractDataVersion.table) (contract_id, version) VALUES (contract, 1)
                    ON CONFLICT (contract_id) DO UPDATE SET version = \(unsafeRaw: ContractDataVersion.table).version + 1;
                  END IF;
                END LOOP;
              END LOOP;
              RETURN NULL;
            END $$
            """).run()
        try await sql.raw("""
            CREATE OR REPLACE FUNCTION \(ident: ContractDataVersion.postgresSharedFunction)() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN UPDATE \(unsafeRaw: DataVersion.table) SET version = version + 1 WHERE id = \(unsafeRaw: String(ContractDataVersion.sharedRow)); RETURN NULL; END $$
            """).run()
    }

    func revert(on database: any Database) async throws {
        let sql = try ContractQueries.sqlDatabase(database)
        if sql.dialect.name == "sqlite" {
            let triggers = try await sql.raw("SELECT name FROM sqlite_master WHERE type = 'trigger'").all()
                .map { try $0.decode(column: "name", as: String.self) }.filter { $0.hasPrefix(ContractDataVersion.sqliteTriggerPrefix) }
            for name in triggers { try await sql.raw("DROP TRIGGER IF EXISTS \(ident: name)").run() }
        } else {
            for function in [ContractDataVersion.postgresFunction, ContractDataVersion.postgresSharedFunction] {
                try await sql.raw("DROP FUNCTION IF EXISTS \(ident: function)() CASCADE").run()
            }
        }
        try await sql.raw("DELETE FROM \(ident: DataVersion.table) WHERE id = \(literal: ContractDataVersion.sharedRow)").run()
        try await sql.raw("DROP TABLE IF EXISTS \(ident: ContractDataVersion.table)").run()
    }
}
