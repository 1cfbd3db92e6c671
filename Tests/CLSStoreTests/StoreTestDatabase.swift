import CLSCore
import FluentKit
import Foundation
import NIOCore
import NIOPosix
import XCTest
@testable import CLSStore

/// A fresh database opened the way the store opens one, without the web layer: a temporary
/// SQLite file, or the PostgreSQL database named by `CLS_TEST_DATABASE_URL` (its store tables
/// reverted first). Migrated, with the data-version triggers, and the demo data unless told not to.
enum StoreTestDatabase {
    static var postgresURL: String? {
        ProcessInfo.processInfo.environment["CLS_TEST_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// `../shared/data`, the reference files (present in CI, absent on a bare machine).
    static var sharedData: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/data")
    }

    /// `sqliteOnly`: a SQLite file even when PostgreSQL is given (to compare the two engines).
    /// `sqlitePath`: that file rather than a new one in a temporary folder.
    static func run(loadDemo: Bool = true, sqliteOnly: Bool = false, sqlitePath: String? = nil,
                    _ body: (any Database, TestDirectory) async throws -> Void) async throws {
        let directory = try TestDirectory()
        let storage: StorageConfiguration = (sqliteOnly || sqlitePath != nil ? nil : postgresURL).map { .postgres(url: $0) }
            ?? .sqlite(path: sqlitePath ?? directory.path("cls-pilot.sqlite"))
        let eventLoopGroup = MultiThreadedEventLoopGroup.singleton
        let databases = Databases(threadPool: NIOThreadPool.singleton, on: eventLoopGroup)
        do {
            try storage.register(on: databases)
            let logger = Logger(label: "cls-store-tests")
            let eventLoop = eventLoopGroup.any()
            let database = try XCTUnwrap(databases.database(logger: logger, on: eventLoop))
            let migrations = Migrations()
            migrations.add(StoreMigrations.all)
            let migrator = Migrator(databases: databases, migrations: migrations, logger: logger, on: eventLoop)
            try await migrator.setupIfNeeded().get()
            if case .postgres = storage { try await migrator.revertAllBatches().get() }
            try await storage.prepare(database)
            try await migrator.prepareBatch().get()
            try await DataVersion.installTriggers(on: database)
            try await ContractDataVersion.installTriggers(on: database)
            if loadDemo { _ = try await DemoDataset.loadIfEmpty(on: database, hasher: PlainTestHasher()) }
            try await body(database, directory)
        } catch {
            await databases.shutdownAsync()
            throw error
        }
        await databases.shutdownAsync()
    }

    /// A demo contract by name.
    static func contract(named name: String, on database: any Database) async throws -> Contract {
        let contract = try await Contract.query(on: database).filter(\.$name == name).first()
        return try XCTUnwrap(contract, "demo contract \(name) missing")
    }
}

/// The store never needs a real password hash in these tests (bcrypt is the web layer's).
struct PlainTestHasher: PasswordHashing {
    func hash(_ password: String) throws -> String { "plain:" + password }
    func verify(_ password: String, against hash: String) throws -> Bool { hash == "plain:" + password }
}

/// A temporary folder removed at the end of the test.
final class TestDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("cls-store-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    deinit { try? FileManager.default.removeItem(at: url) }
}
