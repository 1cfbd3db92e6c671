import CLSCore
import CLSStore
import Fluent
import SQLKit
import Vapor
import XCTest
import XCTVapor
@testable import CLSWeb

/// The regional portfolio: figures from the database, scoped to what the ARS may see.
final class PortfolioTests: XCTestCase {
    func testTheRegionPortfolioShowsTheRegionsContractsAndTheirFigures() async throws {
        try await TestApp.run { app, _ in
            let today = CalendarDay(Date())
            // A late action and a vacant coordinator post in Belle-Île 2.
            let belleIle = try await TestApp.contract(named: "CLS 2 de Belle-Île-en-Mer", on: app)
            let id = belleIle.id!
            let tx = Mutations(database: app.db, actor: .system)
            let edit = Permission.editProgramme(belleIle.accessScope)
            let axis = ProgrammeSection(contractId: id, parentId: nil, kind: .axis, title: "Axe portefeuille", position: 20)
            try await tx.create(axis, permission: edit)
            let late = Action(contractId: id, sectionId: axis.id!, title: "Action en retard du portefeuille", position: 1)
            late.status = ActionStatus.inProgress.rawValue
            late.endsOn = CalendarDay(year: today.year - 1, month: 1, day: 31)!.iso
            try await tx.create(late, permission: edit)
            let line = BudgetLine(actionId: late.id!, contractId: id, funderName: "Fondation du portefeuille", year: today.year, planned: 12_345)
            line.channel = "Appel à projets"
            try await tx.create(line, permission: edit)

            let ars = WebClient(app)
            try await ars.login("ars.bretagne@demo.cls-pilot.fr")
            let response = try await ars.get("/portefeuille")
            XCTAssertEqual(response.status, .ok)
            let html = response.body.string

            // Every contract of Brittany, and none elsewhere.
            let contracts = try await Contract.query(on: app.db).all()
            for contract in contracts {
                XCTAssertEqual(html.contains(">\(contract.name.htmlEscaped())<") || html.contains(">\(contract.name)<"), contract.regionCode == "53", contract.name)
            }
            let breton = contracts.filter { $0.regionCode == "53" }
            XCTAssertTrue(html.contains("<dt>Contrats</dt><dd>\(breton.count)</dd>"))

            // Funding summed in SQL, by funder and channel.
            let lines = try await BudgetLine.query(on: app.db).filter(\.$contractId ~~ breton.compactMap(\.id)).filter(\.$unit == "euros").all()
            let foundation = lines.filter { $0.funderName == "Fondation du portefeuille" && $0.channel == "Appel à projets" }
            XCTAssertEqual(foundation.count, 1)
            XCTAssertTrue(html.contains("<td>Fondation du portefeuille</td><td>Appel à projets</td><td class=\"num\">\(FrenchFormat.euros(12_345))</td>"))
            let portfolio = try await RegionalPortfolio.load(regionCode: "53", departmentCode: nil, visibleTo: try await subject(of: "ars.bretagne@demo.cls-pilot.fr", app), today: today, on: app.db)
            XCTAssertEqual(portfolio.funding.reduce(0) { $0 + $1.planned }, lines.reduce(0) { $0 + ($1.planned ?? 0) }, accuracy: 0.001)
            XCTAssertEqual(portfolio.stateCounts.values.reduce(0, +), breton.count)

            // Late actions counted per contract; the coordinator post of Belle-Île 2.
            let belleIleLine = portfolio.contracts.first { $0.contract.id == id }!
            XCTAssertGreaterThanOrEqual(belleIleLine.lateActions, 1)
            XCTAssertTrue(html.contains("/contrats/\(id.uuidString)/programme/tableau?retard=1"))

            // Another region's ARS sees none of Brittany's contracts there.
            let idf = WebClient(app)
            try await idf.login("ars.idf@demo.cls-pilot.fr")
            let elsewhere = try await idf.get("/portefeuille?region=53").body.string
            XCTAssertTrue(elsewhere.contains("Aucun contrat visible sur ce territoire."))
            XCTAssertFalse(elsewhere.contains(belleIle.name))
            // A department view.
            let department = try await ars.get("/portefeuille?departement=56")
            XCTAssertEqual(department.status, .ok)
            XCTAssertTrue(department.body.string.contains("Morbihan (56)"))

            // Not for a coordinator.
            let coordinator = WebClient(app)
            try await coordinator.login("coordination.bobigny@demo.cls-pilot.fr")
            let denied = try await coordinator.get("/portefeuille")
            XCTAssertEqual(denied.status, .forbidden)
        }
    }

    func testAVacantCoordinatorPostIsListed() async throws {
        try await TestApp.run { app, _ in
            let bobigny = try await TestApp.contract(named: "CLS de Bobigny", on: app)
            let existing = try await CoordinatorPost.query(on: app.db).filter(\.$contractId == bobigny.id!).all()
            let tx = Mutations(database: app.db, actor: .system)
            for post in existing { try await tx.delete(post, permission: .editContract(bobigny.accessScope)) }
            // The only post ended last month: nobody coordinates today.
            let today = CalendarDay(Date())
            let ended = CalendarArithmetic.adding(days: -30, to: today)!
            let vacant = CoordinatorPost(contractId: bobigny.id!, personName: "Ancienne coordinatrice", fte: 1, employer: "Ville de Bobigny",
                                         reportingLine: "", startsOn: "2024-01-01", endsOn: ended.iso)
            try await tx.create(vacant, permission: .editContract(bobigny.accessScope))
            let ars = WebClient(app)
            try await ars.login("dt93@demo.cls-pilot.fr")
            let html = try await ars.get("/portefeuille").body.string
            XCTAssertTrue(html.contains("Seine-Saint-Denis (93)"), "a delegation opens its department")
            let section = html.components(separatedBy: "id=\"vacances-titre\"").last ?? ""
            XCTAssertTrue(section.prefix(2_000).contains(bobigny.name), "Bobigny's vacant post is listed")
            XCTAssertTrue(section.prefix(2_000).contains("Le dernier poste de coordination a pris fin le"))
        }
    }

    /// The region pages are computed once and kept (`RegionalPageCache`) until the data changes,
    /// whoever changes it: a second visit reads only the data version, a change shows at once.
    func testRegionPagesAreKeptUntilTheDataChanges() async throws {
        QueryCounting.install()
        try await TestApp.run(logQueries: true) { app, _ in
            let belleIle = try await TestApp.contract(named: "CLS 2 de Belle-Île-en-Mer", on: app)
            let ars = WebClient(app)
            try await ars.login("ars.bretagne@demo.cls-pilot.fr")
            for path in ["/portefeuille?region=53", "/rapports/ists?region=53"] {
                var statuses: [HTTPResponseStatus] = []
                let first = try await QueryCounting.statements { statuses.append(try await ars.get(path).status) }
                let again = try await QueryCounting.statements { statuses.append(try await ars.get(path).status) }
                XCTAssertEqual(statuses, [.ok, .ok], path)
                XCTAssertLessThan(again.count, first.count, "\(path): kept, not computed again")
                XCTAssertTrue(again.contains { $0.contains(DataVersion.table) }, "\(path): the data version is read")
            }
            let kept = try await ars.get("/portefeuille?region=53").body.string
            XCTAssertTrue(kept.contains(belleIle.name))

            // A change through `Mutations` shows on the next visit.
            let tx = Mutations(database: app.db, actor: .system)
            try await tx.update(belleIle, permission: .editContract(belleIle.accessScope)) { $0.name = "CLS renommé de Belle-Île" }
            let renamed = try await ars.get("/portefeuille?region=53").body.string
            XCTAssertTrue(renamed.contains("CLS renommé de Belle-Île"))
            XCTAssertFalse(renamed.contains("CLS 2 de Belle-Île-en-Mer"))

            // So does one made in SQL, as an importer or an administrator would.
            let sql = try XCTUnwrap(app.db as? any SQLDatabase)
            try await sql.raw("UPDATE contracts SET name = 'CLS modifié en SQL' WHERE name = 'CLS renommé de Belle-Île'").run()
            let edited = try await ars.get("/portefeuille?region=53").body.string
            XCTAssertTrue(edited.contains("CLS modifié en SQL"))
            XCTAssertFalse(edited.contains("CLS renommé de Belle-Île"))

            // Kept per set of grants: another region's ARS does not get Brittany's page.
            let idf = WebClient(app)
            try await idf.login("ars.idf@demo.cls-pilot.fr")
            let elsewhere = try await idf.get("/portefeuille?region=53").body.string
            XCTAssertTrue(elsewhere.contains("Aucun contrat visible sur ce territoire."))
            XCTAssertFalse(elsewhere.contains("CLS modifié en SQL"))
        }
    }

    private func subject(of email: String, _ app: Application) async throws -> AccessSubject {
        let user = try await User.query(on: app.db).filter(\.$email == email).first()!
        let grants = try await RoleAssignment.query(on: app.db).filter(\.$user.$id == user.id!).all()
        return AccessSubject(userId: user.id!.uuidString, grants: Set(grants.compactMap(\.grant)))
    }
}
