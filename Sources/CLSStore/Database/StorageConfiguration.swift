import FluentKit
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import SQLKit

extension DatabaseID {
    /// The pool of long background work (see `StorageConfiguration.register`).
    public static let background = DatabaseID(string: "background")
}

/// Where the data lives: an SQLite file in the data directory (the default) or PostgreSQL.
public enum StorageConfiguration: Sendable, Equatable {
    case sqlite(path: String)
    case postgres(url: String)

    /// Reads `DATABASE_URL` (postgres://…) and `CLS_DATA_DIR` (default `./data`).
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> StorageConfiguration {
        if let url = environment["DATABASE_URL"], url.hasPrefix("postgres") {
            return .postgres(url: url)
        }
        let directory = environment["CLS_DATA_DIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "data"
        return .sqlite(path: URL(fileURLWithPath: directory).appendingPathComponent("cls-pilot.sqlite").path)
    }

    public var engineName: String {
        switch self {
        case .sqlite: "SQLite"
        case .postgres: "PostgreSQL"
        }
    }

    /// Registers the database with Fluent as the default one, and again as `.background`: a
    /// pool of its own for long work (a confirmed plan import), so that its transaction never
    /// holds the connection a page is waiting for. `logQueries`: every SQL statement of the
    /// default pool is logged at the debug level (the query-count tests read them).
    public func register(on databases: Databases, logQueries: Bool = false) throws {
        switch self {
        case .sqlite(let path):
            try FileManager.default.createDirectory(
                at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
            databases.use(.sqlite(.file(path), sqlLogLevel: logQueries ? .debug : nil), as: .sqlite, isDefault: true)
            databases.use(.sqlite(.file(path), sqlLogLevel: nil), as: .background, isDefault: false)
        case .postgres(let url):
            databases.use(try .postgres(url: url, sqlLogLevel: logQueries ? .debug : .trace), as: .psql, isDefault: true)
            databases.use(try .postgres(url: url, sqlLogLevel: .trace), as: .background, isDefault: false)
        }
    }

    /// Settings that must hold before any work: SQLite in WAL mode (kept in the file itself)
    /// and checked for foreign keys and synchronous FULL on the connection.
    public func prepare(_ database: any Database) async throws {
        guard case .sqlite = self, let sql = database as? any SQLDatabase else { return }
        try await sql.raw("PRAGMA journal_mode = WAL").run()
        try await sql.raw("PRAGMA synchronous = FULL").run()
    }

    /// Reading settings of one SQLite connection (each event loop holds one): the file is mapped
    /// in memory, so reading a page is a memory access rather than a system call copying it out of
    /// the OS cache — at national scale the default 2 MB page cache held a fraction of the pages a
    /// region's page reads, and half of a page's CPU time went to those copies in the kernel.
    /// Mapped pages are the OS file cache itself, shared, not memory of the server's own.
    public func tune(_ database: any Database) async throws {
        guard case .sqlite = self, let sql = database as? any SQLDatabase else { return }
        try await sql.raw("PRAGMA mmap_size = \(unsafeRaw: String(Self.sqliteMemoryMapBytes))").run()
    }

    /// SQLite caps it at 2 GB by default; a larger file is read past the mapping as before.
    public static let sqliteMemoryMapBytes = 2_000_000_000
}
