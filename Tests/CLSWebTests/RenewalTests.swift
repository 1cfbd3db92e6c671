import CLSCore
@testable import CLSStore
import Fluent
import Vapor
import XCTest
@testable import CLSWeb

/// Renewing a contract at the end of its evaluation: the next generation, linked to it, carries
/// the perimeter, the parties, the bodies and the chosen fiches actions, each linked to its predecessor.
final class RenewalTests: XCTestCase {
    func testRenewingCarriesTheChosenActionsWithTheirPredecessors() async throws {
        try await TestApp.run { app, _ in
            let contract = try await TestApp.contract(named: "CLS 2 de Belle-Île-en-Mer", on: app)
            let id = try contract.requireID()
            let ars = WebClient(app)
            try await ars.login("ars.bretagne@demo.cls-pilot.fr")
            try await ars.get(SitePath.contract(id).href)
            for (state, day) in [(ContractState.signe, "2017-03-01"), (.miseEnOeuvre, "2017-06-01"), (.evaluation, "2021-09-01")] {
                let moved = try await ars.post(SitePath.contract(id, .state).href, [("toState", state.rawValue), ("effectiveOn", day), ("comment", "")])
                XCTAssertEqual(moved.status, .seeOther, moved.body.string)
            }
            // "Renouvelé" is no bare change of state: the renewal page does it.
            let bare = try await ars.post(SitePath.contract(id, .state).href, [("toState", ContractState.renouvele.rawValue), ("effectiveOn", ""), ("comment", "")])
            XCTAssertEqual(bare.status, .unprocessableEntity)

            let actions = try await Action.query(on: app.db).filter(\.$contract.$id == id).filter(\.$parentAction.$id == nil).sort(\.$position).all()
            XCTAssertGreaterThanOrEqual(actions.count, 3)
            let mutations = Mutations(database: app.db, actor: .system)
            let scope = contract.accessScope
            try await mutations.update(actions[0], permission: .editProgramme(scope)) { $0.status = ActionStatus.inProgress.rawValue; $0.isRecurring = false }
            try await mutations.update(actions[1], permission: .editProgramme(scope)) { $0.status = ActionStatus.done.rawValue; $0.isRecurring = false; $0.isContinuous = false }
            let refreshed = try await TestApp.contract(named: "CLS 2 de Belle-Île-en-Mer", on: app)
            let candidates = try await ContractRenewal.candidates(of: refreshed, on: app.db)
            XCTAssertEqual(candidates.first { $0.action.id == actions[0].id }?.isProposed, true, "an action in progress is proposed")
            XCTAssertEqual(candidates.first { $0.action.id == actions[1].id }?.isProposed, false, "a done action is not")

            let page = try await ars.get(SitePath.contract(id, .renewal).href)
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.body.string.contains("CLS 3 de Belle-Île-en-Mer"), "the next generation's name is suggested")
            let chosen = [actions[0], actions[2]]
            let renewed = try await ars.post(SitePath.contract(id, .renewal).href,
                                             [("name", "CLS 3 de Belle-Île-en-Mer"), ("carriesPerimeter", "1"), ("carriesParties", "1"),
                                              ("carriesBodies", "1")] + chosen.map { ("actions[]", $0.id!.uuidString) })
            XCTAssertEqual(renewed.status, .seeOther, renewed.body.string)

            let found = try await Contract.query(on: app.db).filter(\.$name == "CLS 3 de Belle-Île-en-Mer").first()
            let next = try XCTUnwrap(found)
            let nextId = try next.requireID()
            XCTAssertEqual(next.generation, 3)
            XCTAssertEqual(next.$previousContract.id, id)
            XCTAssertEqual(next.contractState, .diagnostic)
            let old = try await TestApp.contract(named: "CLS 2 de Belle-Île-en-Mer", on: app)
            XCTAssertEqual(old.contractState, .renouvele)

            let oldSignatories = try await Signatory.query(on: app.db).filter(\.$contract.$id == id).all().map { $0.$organisation.id }
            let newSignatories = try await Signatory.query(on: app.db).filter(\.$contract.$id == nextId).all()
            XCTAssertEqual(Set(newSignatories.map { $0.$organisation.id }), Set(oldSignatories))
            XCTAssertTrue(newSignatories.allSatisfy { $0.signedOn == nil }, "the new contract is not signed yet")

            // The chosen fiches, and only them, with their sub-actions, each linked to its predecessor.
            let carried = try await Action.query(on: app.db).filter(\.$contract.$id == nextId).filter(\.$parentAction.$id == nil).all()
            XCTAssertEqual(Set(carried.map(\.title)), Set(chosen.map(\.title)))
            XCTAssertTrue(carried.allSatisfy { !$0.isNew }, "a carried action is no new action")
            let links = try await ActionPredecessor.query(on: app.db).filter(\.$contractId == nextId).all()
            for action in carried {
                let link = try XCTUnwrap(links.first { $0.actionId == action.id })
                let predecessor = try XCTUnwrap(chosen.first { $0.id == link.predecessorActionId })
                XCTAssertEqual(predecessor.title, action.title)
                XCTAssertEqual(predecessor.summary, action.summary, "every field comes along")
                XCTAssertEqual(link.predecessorContractId, id)
            }
            let oldSubs = try await Action.query(on: app.db).filter(\.$contract.$id == id).filter(\.$parentAction.$id ~~ chosen.map { $0.id! }).count()
            let newSubs = try await Action.query(on: app.db).filter(\.$contract.$id == nextId).filter(\.$parentAction.$id != nil).count()
            XCTAssertEqual(newSubs, oldSubs)
            let sections = try await ProgrammeSection.query(on: app.db).filter(\.$contract.$id == nextId).all()
            XCTAssertFalse(sections.isEmpty)

            // The fiche says where it comes from; the old one where it went.
            let sheet = try await ars.get(SitePath.contract(nextId, .action(try carried[0].requireID())).href)
            XCTAssertTrue(sheet.body.string.contains("Reconduite de la fiche"), sheet.body.string)
            let oldSheet = try await ars.get(SitePath.contract(id, .action(try XCTUnwrap(links.first?.predecessorActionId))).href)
            XCTAssertTrue(oldSheet.body.string.contains("Reconduite dans le contrat CLS 3 de Belle-Île-en-Mer"))

            // Renewed, it is renewed no more; a coordinator does not renew.
            let again = try await ars.post(SitePath.contract(id, .renewal).href, [("name", "CLS 4")])
            XCTAssertEqual(again.status, .unprocessableEntity)
            let coordinator = WebClient(app)
            try await coordinator.login("coordination.belle-ile@demo.cls-pilot.fr")
            let refused = try await coordinator.get(SitePath.contract(id, .renewal).href)
            XCTAssertEqual(refused.status, .forbidden)
        }
    }
}
