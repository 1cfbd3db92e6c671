import CLSCore
import CLSFormats
@testable import CLSStore
import Fluent
import Vapor
import XCTest
@testable import CLSWeb

/// The contract as a Word document: generated from the data as it stands, with every signatory,
/// axis and fiche action; its free texts rewritten by the coordinator, audited; read only for others.
final class ContractDocumentTests: XCTestCase {
    func testTheDemoContractIsAWordDocumentWithItsPartiesAxesAndActions() async throws {
        try await TestApp.run(loadDemo: false) { app, _ in
            _ = try await DemoDataset.loadIfEmpty(on: app.db, hasher: BcryptHasher(), runningContract: true)
            let bobigny = try await TestApp.contract(named: "CLS de Bobigny", on: app)
            let id = try bobigny.requireID()
            let coordinator = WebClient(app)
            try await coordinator.login("coordination.bobigny@demo.cls-pilot.fr")

            let page = try await coordinator.get(SitePath.contract(id, .documents).href)
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.body.string.contains("Télécharger le contrat (Word)"))
            let response = try await coordinator.get(SitePath.contract(id, .contractDocument).href)
            XCTAssertEqual(response.status, .ok)
            XCTAssertEqual(response.headers.contentType?.subType, "vnd.openxmlformats-officedocument.wordprocessingml.document")
            let data = Data(response.body.readableBytesView)
            let text = try DOCXText.paragraphs(of: data).joined(separator: "\n")

            XCTAssertTrue(text.contains("CLS de Bobigny"))
            XCTAssertTrue(text.contains("L1434-10"), "the legal bases in the préambule")
            let signatories = try await Signatory.query(on: app.db).filter(\.$contract.$id == id).with(\.$organisation).all()
            XCTAssertFalse(signatories.isEmpty)
            for signatory in signatories { XCTAssertTrue(text.contains(signatory.organisation.name), signatory.organisation.name) }
            let sections = try await ProgrammeSection.query(on: app.db).filter(\.$contract.$id == id).all()
            XCTAssertFalse(sections.isEmpty)
            for section in sections { XCTAssertTrue(text.contains(section.title), section.title) }
            let actions = try await Action.query(on: app.db).filter(\.$contract.$id == id).filter(\.$parentAction.$id == nil).all()
            XCTAssertFalse(actions.isEmpty)
            for action in actions { XCTAssertTrue(text.contains("– \(action.title)"), "the fiche « \(action.title) » in annex") }
            XCTAssertTrue(text.contains("Annexe – Programme d'actions"))

            // One fiche alone, every field of it; the consolidated yearly report.
            let action = try XCTUnwrap(actions.first { !$0.summary.isEmpty })
            let sheetPage = try await coordinator.get(SitePath.contract(id, .action(try action.requireID())).href)
            XCTAssertTrue(sheetPage.body.string.contains("Fiche en Word"))
            let fiche = try DOCXText.paragraphs(of: Data(try await coordinator.get(SitePath.contract(id, .action(try action.requireID(), .document)).href).body.readableBytesView))
            XCTAssertTrue(fiche.contains { $0.hasSuffix("– \(action.title)") }, "\(fiche)")
            XCTAssertTrue(fiche.contains("\(ActionField.summary.label) : \(action.summary)"), "\(fiche)")
            XCTAssertTrue(fiche.contains("CLS de Bobigny"))
            let report = try await coordinator.get(SitePath.contract(id, .review(2025, .reportDocument)).href)
            XCTAssertEqual(report.status, .ok)
            let reportText = try DOCXText.paragraphs(of: Data(report.body.readableBytesView))
            XCTAssertEqual(Array(reportText.prefix(2)), ["Rapport annuel 2025", "CLS de Bobigny"])
            XCTAssertTrue(reportText.contains("Finances") && reportText.contains("Gouvernance"))

            // The coordinator rewrites the préambule: the document says it, the journal keeps it.
            let documents = SitePath.contract(id, .documents).href
            try await coordinator.get(documents)
            let saved = try await coordinator.post(SitePath.contract(id, .documentTexts).href,
                                                   [("preambule", "Notre préambule, négocié avec les habitants.")])
            XCTAssertEqual(saved.status, .seeOther)
            let rewritten = try DOCXText.paragraphs(of: Data(try await coordinator.get(SitePath.contract(id, .contractDocument).href).body.readableBytesView))
            XCTAssertTrue(rewritten.contains("Notre préambule, négocié avec les habitants."))
            XCTAssertFalse(rewritten.joined().contains("L1434-10"), "the default préambule is replaced")
            let journaled = try await AuditEntry.query(on: app.db).filter(\.$contractId == id)
                .filter(\.$entityType == ContractText.auditEntityType).count()
            XCTAssertEqual(journaled, 1)
            // Emptied, the part comes back to its default text.
            _ = try await coordinator.post(SitePath.contract(id, .documentTexts).href, [("preambule", "")])
            let restored = try await ContractText.query(on: app.db).filter(\.$contractId == id).count()
            XCTAssertEqual(restored, 0)

            // A reader of the contract downloads it but may not rewrite it.
            let reader = WebClient(app)
            try await reader.login("lecture.belle-ile@demo.cls-pilot.fr")
            let belleIle = try await TestApp.contract(named: "CLS 2 de Belle-Île-en-Mer", on: app)
            let readable = try await reader.get(SitePath.contract(try belleIle.requireID(), .contractDocument).href)
            XCTAssertEqual(readable.status, .ok)
            try await reader.get(SitePath.contract(try belleIle.requireID(), .documents).href)
            let refused = try await reader.post(SitePath.contract(try belleIle.requireID(), .documentTexts).href, [("objet", "Non")])
            XCTAssertEqual(refused.status, .forbidden)
        }
    }

    /// Deposited documents keep every version; a reader downloads them, never deposits.
    func testDepositedDocumentsKeepTheirVersions() async throws {
        try await TestApp.run { app, _ in
            let contract = try await TestApp.contract(named: "CLS 2 de Belle-Île-en-Mer", on: app)
            let id = try contract.requireID()
            let coordinator = WebClient(app)
            try await coordinator.login("coordination.belle-ile@demo.cls-pilot.fr")
            let documents = SitePath.contract(id, .documents).href
            try await coordinator.get(documents)
            for content in ["%PDF-1.4 première", "%PDF-1.4 seconde"] {
                let sent = try await coordinator.uploadForm(SitePath.contract(id, .documentFiles).href,
                                                            fields: [("kind", ContractFileKind.diagnosis.rawValue), ("title", "Diagnostic local partagé")],
                                                            files: [(field: "file", filename: "diagnostic.pdf", data: Data(content.utf8))])
                XCTAssertEqual(sent.status, .seeOther, sent.body.string)
            }
            let files = try await ContractFile.query(on: app.db).filter(\.$contractId == id).sort(\.$version).all()
            XCTAssertEqual(files.map(\.version), [1, 2])
            XCTAssertEqual(files.map(\.kind), [ContractFileKind.diagnosis.rawValue, ContractFileKind.diagnosis.rawValue])
            let page = try await coordinator.get(documents).body.string
            XCTAssertTrue(page.contains("Diagnostic local partagé") && page.contains("Versions précédentes") && page.contains("Version 1"))
            XCTAssertTrue(page.contains(ContractFileKind.diagnosis.label))
            let journaled = try await AuditEntry.query(on: app.db).filter(\.$contractId == id)
                .filter(\.$entityType == ContractFile.auditEntityType).count()
            XCTAssertEqual(journaled, 2)

            let reader = WebClient(app)
            try await reader.login("lecture.belle-ile@demo.cls-pilot.fr")
            let first = try await reader.get(SitePath.contract(id, .documentFile(try files[0].requireID())).href)
            XCTAssertEqual(first.status, .ok)
            XCTAssertEqual(String(decoding: first.body.readableBytesView, as: UTF8.self), "%PDF-1.4 première", "every version is kept")
            XCTAssertEqual(first.headers.contentType, .binary)
            try await reader.get(documents)
            let refused = try await reader.uploadForm(SitePath.contract(id, .documentFiles).href, fields: [("kind", "autre")],
                                                      files: [(field: "file", filename: "x.pdf", data: Data("x".utf8))])
            XCTAssertEqual(refused.status, .forbidden)
        }
    }
}
