import CLSCore
@testable import CLSStore
import Fluent
import Vapor
import XCTest
@testable import CLSWeb

/// `clspilot demo` shows the whole cycle on the CLS de Bobigny: programme, governance, posts,
/// a review waiting for approval and one being filled in.
final class DemoCycleTests: XCTestCase {
    func testTheDemoShowsARunningContractThroughItsCycle() async throws {
        try await TestApp.run(loadDemo: false) { app, _ in
            let accounts = try await DemoDataset.loadIfEmpty(on: app.db, hasher: BcryptHasher(), runningContract: true)
            XCTAssertTrue(accounts?.contains { $0.email == DemoCycle.pilotEmail } == true, "the pilot's account is listed")
            let bobigny = try await TestApp.contract(named: "CLS de Bobigny", on: app)
            let id = try bobigny.requireID()

            let coordinator = WebClient(app)
            try await coordinator.login("coordination.bobigny@demo.cls-pilot.fr")
            let governance = try await coordinator.get(SitePath.contract(id, .governance(.overview)).href).body.string
            XCTAssertTrue(governance.contains("Comité de pilotage (COPIL)") && governance.contains("Comité technique (COTECH)"))
            XCTAssertTrue(governance.contains("28 janvier 2027"), "the next COPIL is scheduled")
            let reviews = try await coordinator.get(SitePath.contract(id, .reviews).href).body.string
            XCTAssertTrue(reviews.contains(ReviewState.checked.label.htmlEscaped()), "2025 waits for its approval")
            XCTAssertTrue(reviews.contains(ReviewState.open.label.htmlEscaped()), "2026 is being filled in")
            let review = try await coordinator.get(SitePath.contract(id, .review(2026, .page)).href).body.string
            XCTAssertTrue(review.contains(ReviewEntryState.returned.label.htmlEscaped()) && review.contains(ReviewEntryState.draft.label),
                          "entries sent back and still in draft")
            let dashboard = try await coordinator.get(SitePath.contract(id, .dashboard).href).body.string
            XCTAssertTrue(dashboard.contains("dont 1 en retard"), "the overdue decision is flagged: \(dashboard.components(separatedBy: "<main").last!.prefix(3000))")

            let ars = WebClient(app)
            try await ars.login("dt93@demo.cls-pilot.fr")
            let portfolio = try await ars.get(SitePath.portfolio.href).body.string
            let vacancies = portfolio.components(separatedBy: "id=\"vacances-titre\"").last ?? ""
            XCTAssertTrue(vacancies.prefix(2_000).contains("CLS de Bobigny"), "the vacant mission post shows")

            // Each one's home says what to do, with a link to where it is done.
            let coordinatorHome = try await coordinator.get(SitePath.home.href).body.string
            XCTAssertTrue(coordinatorHome.contains("Bilan 2026 : 2 fiches actions sans bilan transmis"), coordinatorHome)
            XCTAssertTrue(coordinatorHome.contains("Décision en retard : Présenter au COPIL un avenant"))
            XCTAssertTrue(coordinatorHome.contains("Décision à échéance proche : Obtenir l&#39;accord") || coordinatorHome.contains("Décision à échéance proche : Obtenir l'accord"))
            XCTAssertTrue(coordinatorHome.contains("href=\"\(SitePath.contract(id, .review(2026, .page)).href)\""))
            let arsHome = try await ars.get(SitePath.home.href).body.string
            XCTAssertTrue(arsHome.contains("Bilan 2025 à approuver en COPIL (vérifié en COTECH le 12 juin 2026)"), arsHome)
            let otherARS = WebClient(app)
            try await otherARS.login("ars.bretagne@demo.cls-pilot.fr")
            let bretagneHome = try await otherARS.get(SitePath.home.href).body.string
            XCTAssertFalse(bretagneHome.contains("Bilan 2025 à approuver"), "another region's reviews are not theirs to approve")

            let pilot = WebClient(app)
            try await pilot.login(DemoCycle.pilotEmail)
            let pilotHome = try await pilot.get(SitePath.home.href).body.string
            XCTAssertTrue(pilotHome.contains("Bilan 2026 de « Bilans bucco-dentaires dans les écoles élémentaires » renvoyé"), pilotHome)
            XCTAssertTrue(pilotHome.contains("« Bilans bucco-dentaires dans les écoles élémentaires » en retard"))
            XCTAssertFalse(pilotHome.contains("Permanences d&#39;accès aux droits de santé dans les centres sociaux » à renseigner"),
                           "an entry already sent is not asked again")
            let mine = try await pilot.get(SitePath.contract(id, .review(2026, .page)).href)
            XCTAssertEqual(mine.status, .ok)
            XCTAssertTrue(mine.body.string.contains("Bilans bucco-dentaires"), "the pilot sees the entry sent back to them")
        }
    }

    /// The end of the cycle in the demo: Bobigny amended once (an action added, the contract
    /// extended), Belle-Île's first contract evaluated and renewed into the second.
    func testTheDemoShowsAnAmendmentAnEvaluationAndARenewal() async throws {
        try await TestApp.run(loadDemo: false) { app, _ in
            _ = try await DemoDataset.loadIfEmpty(on: app.db, hasher: BcryptHasher(), runningContract: true)
            let bobigny = try await TestApp.contract(named: "CLS de Bobigny", on: app)
            let id = try bobigny.requireID()
            let amendment = try await Amendments.find(1, contractId: id, on: app.db)
            XCTAssertEqual(amendment?.amendmentState, .signed)
            XCTAssertEqual(amendment?.frozenChanges?.map(\.sentence),
                           ["Modification de la durée du contrat", "Ajout de la fiche action « Médiation en santé dans les quartiers prioritaires »"])
            let signed = try await ContractVersions.find(0, contractId: id, on: app.db)
            let amended = try await ContractVersions.find(1, contractId: id, on: app.db)
            XCTAssertFalse(try XCTUnwrap(signed).content().actions.contains { $0.title == "Médiation en santé dans les quartiers prioritaires" })
            XCTAssertTrue(try XCTUnwrap(amended).content().actions.contains { $0.title == "Médiation en santé dans les quartiers prioritaires" })
            let pending = try await Amendments.pendingChanges(bobigny, since: try XCTUnwrap(amended), on: app.db)
            XCTAssertEqual(pending, [], "the demo's contract stands as last amended")

            let first = try await TestApp.contract(named: "CLS de Belle-Île-en-Mer", on: app)
            XCTAssertEqual(first.contractState, .renouvele)
            let questions = try await FinalEvaluations.questions(contractId: try first.requireID(), on: app.db)
            XCTAssertEqual(questions.map(\.evaluationPurpose), EvaluationPurpose.allCases)
            let evaluation = try await FinalEvaluations.find(contractId: try first.requireID(), on: app.db)
            XCTAssertEqual(evaluation?.evidence?.day, "15 janvier 2016")
        }
    }
}
