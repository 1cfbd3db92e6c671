import CLSCore
import CLSStore
import Fluent
import SQLKit
import Vapor
import XCTest
@testable import CLSWeb

/// The data version: raised by every change of the data, whoever writes it and however; not by
/// reading pages or signing out.
final class DataVersionTests: XCTestCase {
    func testEveryTableThatHoldsDataRaisesTheVersion() async throws {
        try await TestApp.run { app, _ in
            let missing = try await DataVersion.tablesWithoutTriggers(on: app.db)
            XCTAssertEqual(missing, [], "every table that holds data has its trigger")
            let sql = try XCTUnwrap(app.db as? any SQLDatabase)

            // Writes, whoever makes them.
            let contract = try await TestApp.contract(named: "CLS de Bobigny", on: app)
            var version = try await DataVersion.current(on: app.db)
            try await Mutations(database: app.db, actor: .system).update(contract, permission: .editContract(contract.accessScope)) { $0.summary = "Résumé modifié" }
            let afterMutation = try await DataVersion.current(on: app.db)
            XCTAssertGreaterThan(afterMutation, version, "an audited change")
            for statement: SQLQueryString in [
                "UPDATE contracts SET description = description || '.' WHERE name = 'CLS de Bobigny'",
                "INSERT INTO regions (code, name, vintage) VALUES ('99', 'Région de test', '2026')",
                "DELETE FROM regions WHERE code = '99'",
            ] {
                version = try await DataVersion.current(on: app.db)
                try await sql.raw(statement).run()
                let after = try await DataVersion.current(on: app.db)
                XCTAssertGreaterThan(after, version, "written in SQL: \(statement)")
            }

            // Reading pages and signing out change nothing (signing in records its time on the
            // account, a change like any other).
            let client = WebClient(app)
            try await client.login("ars.idf@demo.cls-pilot.fr")
            version = try await DataVersion.current(on: app.db)
            for path in ["/contrats", "/contrats/\(contract.id!.uuidString)", "/portefeuille", "/rapports/ists", "/bibliotheque?q=sante"] {
                let status = try await client.get(path).status
                XCTAssertEqual(status, .ok, path)
            }
            try await client.post("/deconnexion", [])
            let afterReading = try await DataVersion.current(on: app.db)
            XCTAssertEqual(afterReading, version)
        }
    }

    func testAKeptPageIsReadUnderItsVersionOnlyAndTheCacheStaysWithinItsBytes() {
        let cache = RegionalPageCache(byteLimit: 10)
        cache.store(.init(version: 3, title: "A", html: "aaaa"), key: "a")
        XCTAssertEqual(cache.entry("a", version: 3)?.html, "aaaa")
        XCTAssertNil(cache.entry("a", version: 4), "the data changed since")
        cache.store(.init(version: 3, title: "B", html: "bbbb"), key: "b")
        cache.store(.init(version: 3, title: "C", html: "cccc"), key: "c")
        XCTAssertNil(cache.entry("a", version: 3), "the oldest goes past 10 bytes")
        XCTAssertEqual(cache.entry("c", version: 3)?.title, "C")
        cache.store(.init(version: 5, title: "D", html: "d"), key: "d")
        XCTAssertEqual(cache.count, 1, "entries of older versions are dropped")
        XCTAssertNil(cache.entry("b", version: 3))
    }
}
