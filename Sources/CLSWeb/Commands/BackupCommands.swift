import CLSStore
import Vapor

/// `backup FILE`: a consistent copy of the SQLite database, safe while the server runs.
struct BackupCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "Where to write the copy (must not exist).")
        var file: String
    }

    var help: String { "Writes a consistent copy of the SQLite database to FILE (PostgreSQL: use pg_dump)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        do {
            try await Backup.write(from: context.application.db, to: signature.file)
            context.console.print("Sauvegarde écrite : \(signature.file)")
        } catch let failure as Backup.Failure {
            throw CommandFailure(failure.message)
        }
    }
}

/// `restore FILE`: replaces the SQLite database with a backup, after checking it. Stop the server first.
struct RestoreCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "A file written by `backup`.")
        var file: String
    }

    var help: String { "Replaces the SQLite database with FILE, after checking it; refused while a server or command uses the database (PostgreSQL: use pg_restore)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard case .sqlite(let path) = context.application.storageConfiguration else {
            throw CommandFailure(Backup.Failure.notSQLite.message)
        }
        // This command's own hold goes first: the restore needs the database to itself.
        context.application.databaseLock?.release()
        do {
            try await Backup.restore(from: signature.file, to: path)
            context.console.print("Base restaurée depuis \(signature.file) vers \(path).")
        } catch let failure as Backup.Failure {
            throw CommandFailure(failure.message)
        } catch let failure as DatabaseFileLock.Failure {
            throw CommandFailure(failure.message)
        }
    }
}

extension Application {
    /// The command line of `clspilot`.
    public func registerCLSCommands() {
        asyncCommands.use(MigratingServeCommand(), as: "serve", isDefault: true)
        asyncCommands.use(DemoCommand(), as: "demo")
        asyncCommands.use(MigrateCommand(), as: "migrate")
        asyncCommands.use(UserCommand(), as: "user")
        asyncCommands.use(TokenCommand(), as: "token")
        asyncCommands.use(BackupCommand(), as: "backup")
        asyncCommands.use(RestoreCommand(), as: "restore")
        asyncCommands.use(ImportCommands(), as: "import")
        asyncCommands.use(BenchDataCommand(), as: "bench-data")
        asyncCommands.use(MailCommand(), as: "mail")
    }
}
