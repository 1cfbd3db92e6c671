import CLSCore
import CLSStore
import Fluent
import SQLKit
import Vapor
import XCTest
@testable import CLSWeb

/// Contract pages kept until their contract changes (ADR 19): a change shows at once whatever
/// path made it (a form, an import, SQL); another viewer never gets a page kept for someone else;
/// a change in contract A leaves contract B's kept pages as they are.
final class KeptContractPagesTests: XCTestCase {
    func testAKeptPageShowsAChangeAtOnceWhateverItsPath() async throws {
        try await TestApp.run { app, _ in
            let bobigny = try await TestApp.contract(named: "CLS de Bobigny", on: app)
            let belleIle = try await TestApp.contract(named: "CLS 2 de Belle-Île-en-Mer", on: app)
            let a = try bobigny.requireID(), b = try belleIle.requireID()
            let ars = WebClient(app)
            try await ars.login("ars.idf@demo.cls-pilot.fr")
            let overview = SitePath.contract(a).href
            let first = try await ars.get(overview)
            XCTAssertEqual(first.status, .ok)
            let builds = app.keptContractPages.builds
            XCTAssertGreaterThan(app.keptContractPages.count, 0, "the page is kept")
            let again = try await ars.get(overview)
            XCTAssertEqual(Self.withoutToken(again.body.string), Self.withoutToken(first.body.string), "served as kept")
            XCTAssertEqual(app.keptContractPages.builds, builds, "nothing computed again")
            XCTAssertFalse(again.body.string.contains(app.keptContractPages.csrfPlaceholder), "the session's token replaces the placeholder")
            XCTAssertTrue(again.body.string.contains("name=\"_csrf\" value=\"\(Self.token(in: first.body.string) ?? "?")\""))

            // A form: the summary rewritten.
            let edit = try await ars.get(SitePath.contract(a, .edit).href)
            XCTAssertEqual(edit.status, .ok)
            try await Mutations(database: app.db, actor: .system).update(bobigny, permission: .editContract(bobigny.accessScope)) {
                $0.summary = "Résumé réécrit par le formulaire"
            }
            let afterForm = try await ars.get(overview)
            XCTAssertTrue(afterForm.body.string.contains("Résumé réécrit par le formulaire"))

            // SQL typed by hand.
            let sql = try XCTUnwrap(app.db as? any SQLDatabase)
            try await sql.raw("UPDATE contracts SET description = 'Résumé écrit en SQL' WHERE id = \(bind: a)").run()
            let afterSQL = try await ars.get(overview)
            XCTAssertTrue(afterSQL.body.string.contains("Résumé écrit en SQL"))

            // A row written outside the forms, as an importer writes them: a fiche action of Belle-Île's programme.
            let breton = WebClient(app)
            try await breton.login("ars.bretagne@demo.cls-pilot.fr")
            let programme = SitePath.contract(b, .programme(.tree)).href
            let before = try await breton.get(programme)
            XCTAssertEqual(before.status, .ok)
            XCTAssertFalse(before.body.string.contains("Fiche ajoutée hors formulaire"))
            let section = try await ProgrammeSection.query(on: app.db).filter(\.$contract.$id == b).first()
            let action = Action(contractId: b, sectionId: try XCTUnwrap(section?.id), title: "Fiche ajoutée hors formulaire", position: 99)
            try await action.create(on: app.db)
            let afterImport = try await breton.get(programme)
            XCTAssertTrue(afterImport.body.string.contains("Fiche ajoutée hors formulaire"))

            // Contract B, kept, stays kept while A changes.
            let bPage = SitePath.contract(b).href
            _ = try await breton.get(bPage)
            let keptB = try await ContractDataVersion.current(contractId: b, on: app.db)
            try await sql.raw("UPDATE contracts SET description = 'Encore autre chose' WHERE id = \(bind: a)").run()
            let stillB = try await ContractDataVersion.current(contractId: b, on: app.db)
            XCTAssertEqual(stillB, keptB, "a change in A leaves B's number alone")
            let buildsBefore = app.keptContractPages.builds
            _ = try await breton.get(bPage)
            XCTAssertEqual(app.keptContractPages.builds, buildsBefore, "B's kept page is served as kept")
            _ = try await ars.get(overview)
            XCTAssertEqual(app.keptContractPages.builds, buildsBefore + 1, "A's page is computed again")

            // Another viewer, with other rights, never gets the ARS officer's page.
            let reader = WebClient(app)
            try await reader.login("lecture.belle-ile@demo.cls-pilot.fr")
            let forbidden = try await reader.get(overview)
            XCTAssertNotEqual(forbidden.status, .ok, "a reader of Belle-Île does not see Bobigny, kept or not")
            let readerPage = try await reader.get(bPage)
            XCTAssertEqual(readerPage.status, .ok)
            let officerPage = try await breton.get(bPage)
            XCTAssertNotEqual(Self.withoutToken(readerPage.body.string), Self.withoutToken(officerPage.body.string),
                              "each viewer gets the page built for them (their name, their rights)")
        }
    }

    static func token(in html: String) -> String? { WebClient.csrfToken(in: html) }

    static func withoutToken(_ html: String) -> String {
        html.replacingOccurrences(of: #"name="_csrf" value="[0-9a-f]+""#, with: "", options: .regularExpression)
    }
}
