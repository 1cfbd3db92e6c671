import FluentKit
import FluentSQLiteDriver
import Foundation
import SQLKit

/// Consistent copies of the SQLite database. For PostgreSQL, use pg_dump and pg_restore (README).
public enum Backup {
    public enum Failure: Error, Sendable {
        case notSQLite
        case destinationExists(String)
        case sourceMissing(String)
        case notABackup(String)

        public var message: String {
            switch self {
            case .notSQLite:
                "La sauvegarde intégrée ne concerne que SQLite. Avec PostgreSQL, utilisez pg_dump et pg_restore (voir le README)."
            case .destinationExists(let path):
                "Le fichier \(path) existe déjà : choisissez un autre nom pour ne rien écraser."
            case .sourceMissing(let path):
                "Le fichier \(path) est introuvable."
            case .notABackup(let path):
                "Le fichier \(path) n'est pas une sauvegarde de CLS Pilot lisible (base SQLite sans les tables attendues ou endommagée). Rien n'a été modifié."
            }
        }
    }

    /// Writes a consistent copy of the live database to `destination` (SQLite's `VACUUM INTO`
    /// reads one snapshot, so the copy is consistent even while the server is writing).
    public static func write(from database: any Database, to destination: String) async throws {
        guard let sql = database as? any SQLDatabase, sql.dialect.name == "sqlite" else { throw Failure.notSQLite }
        guard !FileManager.default.fileExists(atPath: destination) else { throw Failure.destinationExists(destination) }
        try await sql.raw("VACUUM INTO \(bind: destination)").run()
    }

    /// Replaces the database file at `databasePath` with the backup at `source`, after checking
    /// that the backup is an intact CLS Pilot database.
    ///
    /// Refused while any process has the database open (`DatabaseFileLock`): a server would go
    /// on acknowledging writes into a file about to be replaced. In order, so that a crash at any
    /// point leaves either the old database whole or the new one: the copy is written beside it
    /// and synced; the old database's journal (`-wal`) is checkpointed into it, then removed, so
    /// it can never be replayed onto the new file; the copy is renamed over the old file in one
    /// step; the folder is synced so that the rename itself is durable.
    public static func restore(from source: String, to databasePath: String) async throws {
        guard FileManager.default.fileExists(atPath: source) else { throw Failure.sourceMissing(source) }
        let exclusive = try DatabaseFileLock.exclusive(databasePath: databasePath)
        defer { exclusive.release() }
        try await verify(source)
        let fileManager = FileManager.default
        let staging = databasePath + ".restoring"
        try? fileManager.removeItem(atPath: staging)
        try Data(contentsOf: URL(fileURLWithPath: source)).write(to: URL(fileURLWithPath: staging))
        try sync(path: staging)
        if fileManager.fileExists(atPath: databasePath) {
            // A damaged old database may not checkpoint; it is being replaced on purpose.
            try? await checkpoint(databasePath)
        }
        for suffix in ["-wal", "-shm"] { try? fileManager.removeItem(atPath: databasePath + suffix) }
        // rename(2) replaces the file in one step: a crash leaves either the old or the new database.
        guard rename(staging, databasePath) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: databasePath])
        }
        try sync(path: (databasePath as NSString).deletingLastPathComponent.isEmpty ? "." : (databasePath as NSString).deletingLastPathComponent)
    }

    /// Writes the old database's journal into its main file and empties the journal, so that
    /// removing it loses nothing even if the rename never happens.
    static func checkpoint(_ path: String) async throws {
        let connection = try await SQLiteConnection.open(storage: .file(path: path), threadPool: NIOThreadPool.singleton,
                                                         on: MultiThreadedEventLoopGroup.singleton.any()).get()
        do {
            _ = try await connection.query("PRAGMA wal_checkpoint(TRUNCATE)").get()
        } catch {
            try? await connection.close().get()
            throw error
        }
        try await connection.close().get()
    }

    /// fsync(2) of a file or a folder.
    static func sync(path: String) throws {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw CocoaError(.fileReadUnknown, userInfo: [NSFilePathErrorKey: path]) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
    }

    /// Opens the file on its own and checks its integrity and its migration table.
    static func verify(_ path: String) async throws {
        let threadPool = NIOThreadPool.singleton
        let eventLoop = MultiThreadedEventLoopGroup.singleton.any()
        let connection: SQLiteConnection
        do {
            connection = try await SQLiteConnection.open(storage: .file(path: path), threadPool: threadPool, on: eventLoop).get()
        } catch {
            throw Failure.notABackup(path)
        }
        defer { _ = connection.close() }
        do {
            let integrity = try await connection.query("PRAGMA integrity_check").get()
            let tables = try await connection.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('_fluent_migrations', 'contracts', 'users')").get()
            guard integrity.first?.column("integrity_check")?.string == "ok", tables.count == 3 else {
                throw Failure.notABackup(path)
            }
        } catch is Failure {
            throw Failure.notABackup(path)
        } catch {
            throw Failure.notABackup(path)
        }
    }
}
