import CLSCore
import CLSStore
import Fluent
import Vapor
import XCTest
import XCTVapor
@testable import CLSWeb

/// RÉFLEX-ISS sessions through HTTP: recorded by the coordination, read by members, evolution
/// between sessions, refusals that change nothing, and the audit trail.
final class ReflexISSWebTests: XCTestCase {
    func testSessionsAreRecordedComparedAndAudited() async throws {
        try await TestApp.run { app, _ in
            let contract = try await TestApp.contract(named: "CLS 2 de Belle-Île-en-Mer", on: app)
            let base = "/contrats/\(contract.id!.uuidString)/reflex-iss"
            let coordinator = WebClient(app)
            try await coordinator.login("coordination.belle-ile@demo.cls-pilot.fr")
            let form = try await coordinator.get(base + "/nouvelle")
            XCTAssertEqual(form.status, .ok)
            XCTAssertTrue(form.body.string.contains("P1 Connaissance des inégalités sur le territoire"))

            // First session: planning P1 = 1, P2 = 2, P3 = 0; implementation M1 = 3.
            let first = try await coordinator.post(base, [
                ("heldOn", "2025-03-12"), ("participants", "COTECH élargi, deux habitantes"),
                ("score_P1", "1"), ("comment_P1", "Diagnostic sans données infra-communales"),
                ("score_P2", "2"), ("score_P3", "0"), ("score_M1", "3"), ("conclusions", "Travailler la participation."),
            ])
            XCTAssertEqual(first.status, .seeOther)
            // Second session: P1 rises to 3, P3 to 1; E1 rated for the first time.
            let second = try await coordinator.post(base, [
                ("heldOn", "2026-03-10"), ("participants", "COTECH"),
                ("score_P1", "3"), ("score_P2", "2"), ("score_P3", "1"), ("score_E1", "2"), ("comment_E1", "Indicateurs par quartier"),
            ])
            XCTAssertEqual(second.status, .seeOther)
            let sessions = try await ReflexSession.query(on: app.db).filter(\.$contractId == contract.id!).sort(\.$heldOn).all()
            XCTAssertEqual(sessions.map(\.heldOn), ["2025-03-12", "2026-03-10"])
            let ratings = try await ReflexRating.query(on: app.db).filter(\.$session.$id == sessions[0].id!).all()
            XCTAssertEqual(ratings.count, 4)
            XCTAssertEqual(ratings.first { $0.elementCode == "P1" }?.comment, "Diagnostic sans données infra-communales")

            // The overview: planning mean 1.0 then 2.0 (P1 3, P2 2, P3 1), evolution per element.
            let reader = WebClient(app)
            try await reader.login("lecture.belle-ile@demo.cls-pilot.fr")
            let overview = try await reader.get(base).body.string
            XCTAssertTrue(overview.contains("<th scope=\"row\">Planification (moyenne)</th><td class=\"num\">1</td><td class=\"num\">2</td>"),
                          "planning means 1 then 2")
            XCTAssertTrue(overview.contains("<th scope=\"row\">Mise en œuvre (moyenne)</th><td class=\"num\">3</td><td class=\"num\">—</td>"))
            XCTAssertTrue(overview.contains("<td>P1 Connaissance des inégalités sur le territoire</td><td class=\"num\">1</td><td class=\"num\">3</td>"))
            let detail = try await reader.get("\(base)/\(sessions[1].id!.uuidString)").body.string
            XCTAssertTrue(detail.contains("Planification : 2 sur 4"))
            XCTAssertTrue(detail.contains("(+1)"), "planning moved from 1 to 2")
            XCTAssertTrue(detail.contains("Indicateurs par quartier"))

            // A reader may not record; a bad score or a missing date changes nothing.
            let denied = try await reader.post(base, [("heldOn", "2026-04-01"), ("score_P1", "2")])
            XCTAssertEqual(denied.status, .forbidden)
            let badScore = try await coordinator.post(base, [("heldOn", "2026-04-01"), ("score_P1", "5")])
            XCTAssertEqual(badScore.status, .unprocessableEntity)
            XCTAssertTrue(badScore.body.string.contains("doit être comprise entre 0 et 4"))
            let noDate = try await coordinator.post(base, [("score_P1", "2")])
            XCTAssertEqual(noDate.status, .unprocessableEntity)
            let nothingRated = try await coordinator.post(base, [("heldOn", "2026-04-01")])
            XCTAssertEqual(nothingRated.status, .unprocessableEntity)
            XCTAssertTrue(nothingRated.body.string.contains("value=\"2026-04-01\""), "the date typed is kept")
            let count = try await ReflexSession.query(on: app.db).filter(\.$contractId == contract.id!).count()
            XCTAssertEqual(count, 2)

            // Editing: P3 cleared (its rating removed), P4 added; every change journaled.
            let edit = try await coordinator.post("\(base)/\(sessions[1].id!.uuidString)", [
                ("heldOn", "2026-03-10"), ("participants", "COTECH"), ("score_P1", "3"), ("score_P2", "2"), ("score_P4", "1"),
                ("score_E1", "2"), ("comment_E1", "Indicateurs par quartier"),
            ])
            XCTAssertEqual(edit.status, .seeOther)
            let after = try await ReflexRating.query(on: app.db).filter(\.$session.$id == sessions[1].id!).all()
            XCTAssertEqual(Set(after.map(\.elementCode)), ["P1", "P2", "P4", "E1"])
            let journal = try await AuditEntry.query(on: app.db).filter(\.$entityType ~~ ["reflex_session", "reflex_rating"]).all()
            XCTAssertTrue(journal.contains { $0.action == AuditAction.delete.rawValue && $0.entityType == "reflex_rating" })
            XCTAssertEqual(journal.filter { $0.entityType == "reflex_session" && $0.action == AuditAction.create.rawValue }.count, 2)

            // Another contract's session is not found under this contract.
            let other = try await TestApp.contract(named: "CLS de Bobigny", on: app)
            let admin = WebClient(app)
            try await admin.login("admin@demo.cls-pilot.fr")
            let wrong = try await admin.get("/contrats/\(other.id!.uuidString)/reflex-iss/\(sessions[0].id!.uuidString)")
            XCTAssertEqual(wrong.status, .notFound)
        }
    }
}
