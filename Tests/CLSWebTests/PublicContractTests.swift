import CLSCore
import CLSStore
import Fluent
import Vapor
import XCTest
import XCTVapor
@testable import CLSWeb

/// The public page of a published contract and its open data: the programme, key indicators and
/// ISTS profile are there; a confidential action, its sub-actions and its indicators never are.
final class PublicContractTests: XCTestCase {
    func testThePublicPageAndOpenDataShowTheProgrammeButNothingConfidential() async throws {
        try await TestApp.run { app, _ in
            let contract = try await TestApp.contract(named: "CLS 2 de Belle-Île-en-Mer", on: app)
            let system = Mutations(database: app.db, actor: .system)
            let path = "/public/contrats/\(contract.id!.uuidString)"
            let visitor = WebClient(app)
            let before = try await visitor.get(path)
            XCTAssertEqual(before.status, .notFound, "not published yet")

            try await system.update(contract, permission: .editContract(contract.accessScope)) { $0.isPublished = true }
            let secretFound = try await Action.query(on: app.db).filter(\.$contract.$id == contract.id!)
                .filter(\.$title == "Coordonner le parcours de santé des personnes âgées").first()
            let secret = try XCTUnwrap(secretFound)
            try await system.update(secret, permission: .editProgramme(contract.accessScope)) { $0.isConfidential = true }
            let secretIndicators = try await Indicator.query(on: app.db).filter(\.$action.$id == secret.id!).all()
            let secretSubActions = try await Action.query(on: app.db).filter(\.$parentAction.$id == secret.id!).all()
            XCTAssertFalse(secretIndicators.isEmpty)
            XCTAssertFalse(secretSubActions.isEmpty)
            let forbidden = [secret.title] + secretIndicators.map(\.name) + secretSubActions.map(\.title)

            let page = try await visitor.get(path)
            XCTAssertEqual(page.status, .ok)
            let html = page.body.string
            XCTAssertTrue(html.contains("Ateliers nutrition et activité physique dans les écoles"), "a public action")
            XCTAssertTrue(html.contains("Indicateurs clés"))
            XCTAssertTrue(html.contains("Actions par thème"))
            let json = try await visitor.get("\(path)/donnees.json")
            XCTAssertEqual(json.status, .ok)
            let data = try json.content.decode(PublicController.OpenData.self)
            let publicActions = try await Action.query(on: app.db).filter(\.$contract.$id == contract.id!)
                .filter(\.$parentAction.$id == nil).filter(\.$isConfidential == false).count()
            XCTAssertEqual(data.actions.count, publicActions)
            XCTAssertEqual(data.ists.actionCount, publicActions, "the ISTS profile counts public actions only")
            let csv = try await visitor.get("\(path)/donnees.csv").body.string
            for text in forbidden {
                XCTAssertFalse(html.contains(text), "page shows « \(text) »")
                XCTAssertFalse(json.body.string.contains(text), "JSON shows « \(text) »")
                XCTAssertFalse(csv.contains(text), "CSV shows « \(text) »")
            }
            // No budget, note or person appears in the open data.
            for key in ["\"planned\"", "\"funder", "\"notes\"", "\"leadPeople\""] {
                XCTAssertFalse(json.body.string.contains(key), "budgets, notes and people are not public content: \(key)")
            }
            XCTAssertFalse(json.body.string.contains("pilote.belle-ile"))

            // A confidential contract is never public, even when marked published.
            try await system.update(contract, permission: .editContract(contract.accessScope)) { $0.isConfidential = true }
            let hidden = try await visitor.get("\(path)/donnees.json")
            XCTAssertEqual(hidden.status, .notFound)
        }
    }
}
