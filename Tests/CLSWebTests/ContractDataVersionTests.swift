import CLSCore
import CLSStore
import Fluent
import SQLKit
import Vapor
import XCTest
@testable import CLSWeb

/// The per-contract data version: raised by every change of a contract or of what hangs on it,
/// whoever writes (a form, an import, SQL); a change in contract A leaves contract B's number
/// alone; the shared data (organisations, the reference) has its own number.
final class ContractDataVersionTests: XCTestCase {
    func testAChangeRaisesItsContractsNumberOnly() async throws {
        try await TestApp.run { app, _ in
            let missing = try await ContractDataVersion.tablesWithoutTriggers(on: app.db)
            XCTAssertEqual(missing.map(\.table), [], "every table that holds data has its trigger")
            let sql = try XCTUnwrap(app.db as? any SQLDatabase)
            let bobigny = try await TestApp.contract(named: "CLS de Bobigny", on: app)
            let belleIle = try await TestApp.contract(named: "CLS 2 de Belle-Île-en-Mer", on: app)
            let a = try bobigny.requireID(), b = try belleIle.requireID()
            func numbers() async throws -> (a: Int64, b: Int64, shared: Int64) {
                (try await ContractDataVersion.current(contractId: a, on: app.db), try await ContractDataVersion.current(contractId: b, on: app.db),
                 try await ContractDataVersion.shared(on: app.db))
            }

            // Through the audited path: the contract itself, then a fiche action of Belle-Île.
            var before = try await numbers()
            try await Mutations(database: app.db, actor: .system).update(bobigny, permission: .editContract(bobigny.accessScope)) { $0.summary = "Résumé modifié" }
            var after = try await numbers()
            XCTAssertGreaterThan(after.a, before.a, "the contract changed")
            XCTAssertEqual(after.b, before.b, "another contract is untouched")
            XCTAssertEqual(after.shared, before.shared, "the shared data is untouched")

            // In SQL, whoever types it: a fiche of Belle-Île, a deletion, a row moved between contracts.
            before = try await numbers()
            try await sql.raw("UPDATE actions SET title = title || '.' WHERE contract_id = \(bind: b)").run()
            after = try await numbers()
            XCTAssertGreaterThan(after.b, before.b, "a fiche action written in SQL")
            XCTAssertEqual(after.a, before.a)
            before = after
            try await sql.raw("DELETE FROM action_notes WHERE contract_id = \(bind: b)").run()
            try await sql.raw("UPDATE contract_signatories SET contract_id = contract_id WHERE contract_id = \(bind: a)").run()
            after = try await numbers()
            XCTAssertGreaterThan(after.a, before.a, "a signatory of Bobigny, even set to its own value")

            // A renewal names the contract it renews: that contract's pages show the next generation.
            before = try await numbers()
            try await sql.raw("UPDATE contracts SET previous_contract_id = \(bind: a) WHERE id = \(bind: b)").run()
            after = try await numbers()
            XCTAssertGreaterThan(after.a, before.a, "the renewed contract")
            XCTAssertGreaterThan(after.b, before.b, "the renewing one")

            // The shared data: an organisation renamed raises the shared number, no contract's.
            before = try await numbers()
            try await sql.raw("UPDATE organisations SET notes = notes || '.'").run()
            after = try await numbers()
            XCTAssertGreaterThan(after.shared, before.shared)
            XCTAssertEqual([after.a, after.b], [before.a, before.b])

            // Reading pages changes nothing.
            let client = WebClient(app)
            try await client.login("ars.idf@demo.cls-pilot.fr")
            before = try await numbers()
            for path in ["/contrats/\(a.uuidString)", "/contrats/\(a.uuidString)/programme", "/portefeuille"] {
                let status = try await client.get(path).status
                XCTAssertEqual(status, .ok, path)
            }
            after = try await numbers()
            XCTAssertEqual([after.a, after.b], [before.a, before.b], "reading is not writing")
        }
    }
}
