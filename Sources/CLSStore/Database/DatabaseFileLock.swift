import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An advisory lock beside the SQLite file (`<database>.lock`, flock(2)) that keeps `restore`
/// from replacing a database in use.
///
/// Every process that opens the database (the server, imports, every command) holds it shared
/// for as long as it runs; `restore` needs it exclusive, so it refuses while anything else has
/// the database open, and a server started during a restore refuses to start. The kernel
/// releases the lock when the process ends, even on `kill -9`: no stale lock can remain.
public final class DatabaseFileLock: @unchecked Sendable {
    public enum Failure: Error, Equatable, Sendable {
        /// `restore` while another process has the database open.
        case databaseInUse
        /// A start while a restore is running.
        case restoreInProgress
        case unavailable(String)

        public var message: String {
            switch self {
            case .databaseInUse:
                "La base est utilisée par un serveur ou une commande en cours : arrêtez-les d'abord (la restauration remplace la base entière). Rien n'a été modifié."
            case .restoreInProgress:
                "Une restauration de la base est en cours : attendez qu'elle se termine, puis relancez."
            case .unavailable(let path):
                "Le verrou de la base (\(path)) ne peut pas être créé : vérifiez les droits sur le dossier des données."
            }
        }
    }

    private let lock = NSLock()
    private var descriptor: Int32

    private init(descriptor: Int32) { self.descriptor = descriptor }

    public static func lockPath(forDatabase databasePath: String) -> String { databasePath + ".lock" }

    /// Held by every process that opens the database.
    public static func shared(databasePath: String) throws -> DatabaseFileLock {
        try acquire(databasePath, operation: LOCK_SH, refusal: .restoreInProgress)
    }

    /// Held by `restore` while it replaces the file.
    public static func exclusive(databasePath: String) throws -> DatabaseFileLock {
        try acquire(databasePath, operation: LOCK_EX, refusal: .databaseInUse)
    }

    private static func acquire(_ databasePath: String, operation: Int32, refusal: Failure) throws -> DatabaseFileLock {
        let path = lockPath(forDatabase: databasePath)
        // The first start on a fresh machine: the data folder (`./data` by default) does not exist yet.
        try? FileManager.default.createDirectory(at: URL(fileURLWithPath: path).deletingLastPathComponent(),
                                                 withIntermediateDirectories: true)
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw Failure.unavailable(path) }
        guard flock(descriptor, operation | LOCK_NB) == 0 else {
            let error = errno
            close(descriptor)
            throw error == EWOULDBLOCK ? refusal : Failure.unavailable(path)
        }
        return DatabaseFileLock(descriptor: descriptor)
    }

    public func release() {
        lock.lock()
        defer { lock.unlock() }
        guard descriptor >= 0 else { return }
        close(descriptor) // closing the last descriptor releases the flock
        descriptor = -1
    }

    deinit { release() }
}
