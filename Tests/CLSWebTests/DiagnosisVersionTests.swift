import CLSCore
import CLSStore
import Fluent
import Foundation
import XCTest
import XCTVapor
@testable import CLSWeb

/// Dated versions of the diagnosis: updating it never erases what an earlier version said.
final class DiagnosisVersionTests: XCTestCase {
    func testAnUpdateKeepsTheDatedVersion() async throws {
        try await TestApp.run { app, _ in
            let contract = try await TestApp.contract(named: "CLS 2 de Belle-Île-en-Mer", on: app)
            let id = try contract.requireID()
            let coordinator = WebClient(app)
            try await coordinator.login("coordination.belle-ile@demo.cls-pilot.fr")
            let diagnosis = SitePath.contract(id, .diagnosis(.page)).href
            try await coordinator.get(diagnosis)
            func narrative(_ portrait: String) -> [(String, String)] {
                [("author", "Observatoire régional de santé de Bretagne"), ("portrait", portrait), ("healthStatus", ""), ("resources", ""),
                 ("voices", ""), ("funders", ""), ("sources", ""), ("cost", ""), ("startedOn", ""), ("finishedOn", "")]
            }
            let saved = try await coordinator.post(SitePath.contract(id, .diagnosis(.narrative)).href, narrative("Une île de 4 500 habitants."))
            XCTAssertEqual(saved.status, .seeOther)
            let finding = try await coordinator.post(SitePath.contract(id, .diagnosis(.findings)).href, [("text", "La population double en été.")])
            XCTAssertEqual(finding.status, .seeOther)

            let frozen = try await coordinator.post(SitePath.contract(id, .diagnosis(.versions)).href, [("label", "Diagnostic initial")])
            XCTAssertEqual(frozen.status, .seeOther)
            XCTAssertEqual(frozen.headers.first(name: .location), SitePath.contract(id, .diagnosis(.version(1))).href)
            let journal = try await AuditEntry.query(on: app.db).filter(\.$entityType == DiagnosisVersion.auditEntityType).count()
            XCTAssertEqual(journal, 1, "dating the diagnosis is in the journal")

            // The update: the portrait rewritten, the finding removed.
            _ = try await coordinator.post(SitePath.contract(id, .diagnosis(.narrative)).href, narrative("Une île de 5 000 habitants, 30 000 en été."))
            let findings = try await DiagnosisWork.findings(contractId: id, on: app.db)
            _ = try await coordinator.post(SitePath.contract(id, .diagnosis(.deleteFinding(try XCTUnwrap(findings.first?.id)))).href, [])
            let current = try await coordinator.get(diagnosis)
            XCTAssertTrue(current.body.string.contains("Une île de 5 000 habitants"))
            XCTAssertFalse(current.body.string.contains("La population double en été."))
            XCTAssertTrue(current.body.string.contains("Version 1 : Diagnostic initial"), "the versions are listed")

            let version = try await coordinator.get(SitePath.contract(id, .diagnosis(.version(1))).href)
            XCTAssertEqual(version.status, .ok)
            let html = version.body.string
            XCTAssertTrue(html.contains("Une île de 4 500 habitants."), "the version keeps what it said")
            XCTAssertTrue(html.contains("La population double en été."))
            XCTAssertFalse(html.contains("5 000 habitants"))
            XCTAssertTrue(html.contains("Observatoire régional de santé de Bretagne"))

            // An empty label takes the date; a missing version answers 404.
            let second = try await coordinator.post(SitePath.contract(id, .diagnosis(.versions)).href, [("label", "")])
            XCTAssertEqual(second.headers.first(name: .location), SitePath.contract(id, .diagnosis(.version(2))).href)
            let stored = try await DiagnosisVersions.find(contractId: id, number: 2, on: app.db)
            XCTAssertTrue(stored?.label.hasPrefix("Version du ") ?? false, stored?.label ?? "")
            let missing = try await coordinator.get(SitePath.contract(id, .diagnosis(.version(9))).href)
            XCTAssertEqual(missing.status, .notFound)
        }
    }
}
