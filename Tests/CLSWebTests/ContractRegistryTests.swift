import CLSCore
import CLSStore
import Fluent
import SQLKit
import Vapor
import XCTest
import XCTVapor
@testable import CLSWeb

final class ContractRegistryTests: XCTestCase {
    func testIllegalTransitionIsRefusedWithAClearMessage() async throws {
        try await TestApp.run { app, _ in
            let contract = try await TestApp.contract(named: "CLS d'Asnières-sur-Seine", on: app)
            let id = contract.id!.uuidString
            let ars = WebClient(app)
            try await ars.login("ars.idf@demo.cls-pilot.fr")
            let page = try await ars.get("/contrats/\(id)")
            XCTAssertFalse(page.body.string.contains("value=\"clos\""), "illegal targets are not offered")

            let response = try await ars.post("/contrats/\(id)/etat", [("toState", "clos"), ("effectiveOn", "2026-11-01")])
            // The contract's page comes back with the reason, the date typed kept.
            XCTAssertEqual(response.status, .unprocessableEntity)
            XCTAssertTrue(response.body.string.contains("Passage de « Émergence » à « Clos » impossible"), response.body.string)
            XCTAssertTrue(response.body.string.contains("value=\"2026-11-01\""), "the date typed is kept")
            let value1 = try await Contract.find(contract.id, on: app.db)?.state
            XCTAssertEqual(value1, ContractState.emergence.rawValue)
            let value2 = try await ContractStateChange.query(on: app.db).filter(\.$contract.$id == contract.id!).count()
            XCTAssertEqual(value2, 0)
        }
    }

    func testLegalTransitionsAreDatedAttributedAndResumable() async throws {
        try await TestApp.run { app, _ in
            let contract = try await TestApp.contract(named: "CLS de Saint-Ouen-sur-Seine", on: app)
            let id = contract.id!.uuidString
            let dt = WebClient(app)
            try await dt.login("dt93@demo.cls-pilot.fr")
            try await dt.get("/contrats/\(id)")
            let value4 = try await dt.post("/contrats/\(id)/etat", [("toState", "suspendu"), ("effectiveOn", "2026-03-01"), ("comment", "Élections municipales")]).status
            XCTAssertEqual(value4, .seeOther)
            let value5 = try await Contract.find(contract.id, on: app.db)
            let suspended = try XCTUnwrap(value5)
            let value6 = try await ContractTransitions.allowedTargets(of: suspended, on: app.db)
            XCTAssertEqual(value6, [.diagnostic, .abandonne])
            let value7 = try await dt.post("/contrats/\(id)/etat", [("toState", "diagnostic"), ("effectiveOn", "2026-06-01")]).status
            XCTAssertEqual(value7, .seeOther)

            let steps = try await ContractStateChange.query(on: app.db).filter(\.$contract.$id == contract.id!).sort(\.$createdAt).all()
            XCTAssertEqual(steps.map(\.toState), ["prefiguration", "diagnostic", "suspendu", "diagnostic"])
            XCTAssertEqual(steps[2].effectiveOn, "2026-03-01")
            XCTAssertEqual(steps[2].comment, "Élections municipales")
            XCTAssertEqual(steps[2].actorLabel, "Julien Martin", "the name, not the address")
            let page = try await dt.get("/contrats/\(id)")
            XCTAssertTrue(page.body.string.contains("1er mars 2026"))
        }
    }

    func testCreationFormRefusesBadInputWithFrenchMessages() async throws {
        try await TestApp.run { app, _ in
            let ars = WebClient(app)
            try await ars.login("ars.bretagne@demo.cls-pilot.fr")
            try await ars.get("/contrats/nouveau")
            let before = try await Contract.query(on: app.db).count()
            let refused = try await ars.post("/contrats", [
                ("name", ""), ("generation", "1"), ("regionCode", "53"), ("departmentCode", "93"), ("endsOn", "31/02/2026"),
            ])
            XCTAssertEqual(refused.status, .unprocessableEntity)
            let html = refused.body.string
            XCTAssertTrue(html.contains("Indiquez le nom du contrat"))
            XCTAssertTrue(html.contains("n&#39;appartient pas à la région") || html.contains("n'appartient pas à la région"))
            XCTAssertTrue(html.contains("31/02/2026"))
            // Creating outside one's region is forbidden.
            let outside = try await ars.post("/contrats", [("name", "CLS de Lille"), ("generation", "1"), ("regionCode", "32"), ("departmentCode", "59")])
            XCTAssertEqual(outside.status, .forbidden)
            let value8 = try await Contract.query(on: app.db).count()
            XCTAssertEqual(value8, before)
        }
    }

    func testListFiltersCountsAndCSVExport() async throws {
        try await TestApp.run { app, _ in
            let admin = WebClient(app)
            try await admin.login("admin@demo.cls-pilot.fr")
            let all = try await admin.get("/contrats")
            XCTAssertTrue(all.body.string.contains("8 contrats"))
            let filtered = try await admin.get("/contrats?etat=mise_en_oeuvre&departement=93")
            XCTAssertTrue(filtered.body.string.contains("1 contrat"))
            XCTAssertTrue(filtered.body.string.contains("CLS de Bobigny"))
            XCTAssertFalse(filtered.body.string.contains("CLS de Stains"))
            let search = try await admin.get("/contrats?q=BELLE-%C3%8ELE")
            XCTAssertTrue(search.body.string.contains("2 contrats"), "case-insensitive search on the name")

            let csv = try await admin.get("/contrats/export.csv?region=11")
            XCTAssertEqual(csv.status, .ok)
            XCTAssertEqual(csv.headers.contentType?.subType, "csv")
            let lines = csv.body.string.split(separator: "\r\n")
            XCTAssertEqual(lines.count, 1 + 4, "header + the four Île-de-France contracts")
            XCTAssertTrue(lines[0].hasPrefix("\u{FEFF}Nom;Génération;État;Région;Département;"), "words first")
            XCTAssertTrue(lines[0].hasSuffix("Identifiant;Code de l'état;Code de la région;Code du département"), "codes apart")
            XCTAssertTrue(csv.body.string.contains("CLS d'Asnières-sur-Seine"))
            let bobigny = try XCTUnwrap(lines.first { $0.hasPrefix("CLS de Bobigny;") }).split(separator: ";", omittingEmptySubsequences: false)
            XCTAssertEqual(bobigny[3], "Île-de-France")
            XCTAssertEqual(bobigny[4], "Seine-Saint-Denis")
            XCTAssertEqual(bobigny.suffix(2), ["11", "93"])
        }
    }

    /// Each event loop's connection reads the file through a memory map (docs/PERFORMANCE.md).
    func testEverySQLiteConnectionReadsThroughAMemoryMap() async throws {
        if TestApp.postgresURL != nil { throw XCTSkip("SQLite settings only.") }
        try await TestApp.run(loadDemo: false) { app, _ in
            var loops = 0
            for eventLoop in app.eventLoopGroup.makeIterator() {
                let sql = try XCTUnwrap(app.databases.database(logger: app.logger, on: eventLoop) as? any SQLDatabase)
                let size = try await sql.raw("PRAGMA mmap_size").first()?.decode(column: "mmap_size", as: Int.self)
                XCTAssertEqual(size, StorageConfiguration.sqliteMemoryMapBytes)
                loops += 1
            }
            XCTAssertGreaterThan(loops, 0)
        }
    }

    func testOrganisationSearchIgnoresCaseAndAccents() async throws {
        try await TestApp.run { app, _ in
            let admin = WebClient(app)
            try await admin.login("admin@demo.cls-pilot.fr")
            let page = try await admin.get("/organisations?q=ILE-DE-FRANCE")
            XCTAssertTrue(page.body.string.contains("ARS Île-de-France"))
            XCTAssertTrue(page.body.string.contains("2 organisations"), "the ARS and its delegation")
            XCTAssertFalse(page.body.string.contains("ARS Bretagne"))
        }
    }
}
