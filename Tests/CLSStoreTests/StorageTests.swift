import CLSCore
import FluentKit
import Foundation
import SQLKit
import XCTest
@testable import CLSStore

/// The storage itself: SQLite's settings, backup and restore.
final class StorageTests: XCTestCase {
    func testSQLiteRunsInWALWithForeignKeysAndFullSync() async throws {
        if StoreTestDatabase.postgresURL != nil { throw XCTSkip("SQLite settings only.") }
        try await StoreTestDatabase.run(loadDemo: false) { database, _ in
            let sql = try XCTUnwrap(database as? any SQLDatabase)
            let journal = try await sql.raw("PRAGMA journal_mode").first()?.decode(column: "journal_mode", as: String.self)
            XCTAssertEqual(journal, "wal")
            let foreignKeys = try await sql.raw("PRAGMA foreign_keys").first()?.decode(column: "foreign_keys", as: Int.self)
            XCTAssertEqual(foreignKeys, 1)
            let synchronous = try await sql.raw("PRAGMA synchronous").first()?.decode(column: "synchronous", as: Int.self)
            XCTAssertEqual(synchronous, 2, "FULL")
        }
    }

    func testBackupThenRestoreGivesBackIdenticalData() async throws {
        if StoreTestDatabase.postgresURL != nil {
            throw XCTSkip("Backup/restore is SQLite's; PostgreSQL uses pg_dump/pg_restore (README).")
        }
        let directory = try TestDirectory()
        let databasePath = directory.path("live.sqlite")
        let backupPath = directory.path("copy.sqlite")

        func snapshot(_ database: any Database) async throws -> [String] {
            let contracts = try await Contract.query(on: database).sort(\.$name).all().map { "\($0.id!)|\($0.name)|\($0.state)|\($0.summary)" }
            let audit = try await AuditEntry.query(on: database).sort(\.$occurredAt).all().map { "\($0.id!)|\($0.action)|\($0.changesJSON)" }
            let users = try await User.query(on: database).sort(\.$email).all().map { "\($0.email)|\($0.passwordHash)" }
            return contracts + audit + users
        }

        func withDatabase(_ body: (any Database) async throws -> Void) async throws {
            try await StoreTestDatabase.run(loadDemo: false, sqlitePath: databasePath) { database, _ in try await body(database) }
        }

        var original: [String] = []
        try await withDatabase { database in
            try await DemoDataset.loadIfEmpty(on: database, hasher: PlainTestHasher())
            original = try await snapshot(database)
            try await Backup.write(from: database, to: backupPath)
            // Damage after the backup: a contract renamed, another deleted.
            let contract = try await StoreTestDatabase.contract(named: "CLS de Stains", on: database)
            try await Mutations(database: database, actor: .system).update(contract, permission: .editContract(contract.accessScope)) { $0.name = "Perdu" }
            let value9 = try await snapshot(database)
            XCTAssertNotEqual(value9, original)
            // Writing over an existing file is refused.
            do { try await Backup.write(from: database, to: backupPath); XCTFail("overwrite must be refused") } catch Backup.Failure.destinationExists {}
        }
        try await Backup.restore(from: backupPath, to: databasePath)
        try await withDatabase { database in
            let restored = try await snapshot(database)
            XCTAssertEqual(restored, original)
            XCTAssertGreaterThan(restored.count, 50)
        }

        // A file that is not a backup is refused and the database is left as it was.
        let junk = directory.path("junk.sqlite")
        try Data("pas une base".utf8).write(to: URL(fileURLWithPath: junk))
        do {
            try await Backup.restore(from: junk, to: databasePath)
            XCTFail("junk must be refused")
        } catch let failure as Backup.Failure {
            XCTAssertTrue(failure.message.contains("n'est pas une sauvegarde"))
        }
        try await withDatabase { database in
            let afterRefusal = try await snapshot(database)
            XCTAssertEqual(afterRefusal, original)
        }
    }
}
