import CLSCore
import CLSFormats
@testable import CLSStore
import Fluent
import Vapor
import XCTest
@testable import CLSWeb

/// Amendments: the contract as signed is kept; an amendment records, from the audit trail, exactly
/// what changed since; signed, it freezes its changes and a new version of the contract.
final class AmendmentTests: XCTestCase {
    func testAnAmendmentAddingAnActionAndASignatoryShowsExactlyThoseTwoChanges() async throws {
        try await TestApp.run { app, _ in
            let contract = try await TestApp.contract(named: "CLS 2 de Belle-Île-en-Mer", on: app)
            let id = try contract.requireID()
            let coordinator = WebClient(app)
            try await coordinator.login("coordination.belle-ile@demo.cls-pilot.fr")

            // Signed in the platform: the contract as signed is kept.
            try await coordinator.get(SitePath.contract(id).href)
            let signed = try await coordinator.post(SitePath.contract(id, .state).href,
                                                    [("toState", ContractState.signe.rawValue), ("effectiveOn", "2017-03-01"), ("comment", "")])
            XCTAssertEqual(signed.status, .seeOther, signed.body.string)
            let original = try await ContractVersions.find(0, contractId: id, on: app.db)
            let version0 = try XCTUnwrap(original, "the signature froze the signed version")
            let titlesAtSignature = try version0.content().actions.map(\.title)
            XCTAssertFalse(titlesAtSignature.isEmpty)

            // Nothing changed yet: nothing pending.
            let untouched = try await Amendments.pendingChanges(contract, since: version0, on: app.db)
            XCTAssertEqual(untouched, [])

            // The contract changes: a new fiche action, a new signatory (and an action edited then
            // set back, which is no change at all).
            let section = try await ProgrammeSection.query(on: app.db).filter(\.$contract.$id == id).sort(\.$position).first()
            let axis = try XCTUnwrap(section)
            let mutations = Mutations(database: app.db, actor: .system)
            let action = Action(contractId: id, sectionId: try axis.requireID(), title: "Médiation en santé au port", position: 99)
            try await mutations.create(action, permission: .editProgramme(contract.accessScope))
            let existingAction = try await Action.query(on: app.db).filter(\.$contract.$id == id).filter(\.$title == titlesAtSignature[0]).first()
            let edited = try XCTUnwrap(existingAction)
            let summary = edited.summary
            try await mutations.update(edited, permission: .editProgramme(contract.accessScope)) { $0.summary = "Provisoire" }
            try await mutations.update(edited, permission: .editProgramme(contract.accessScope)) { $0.summary = summary }
            let department = try await Organisation.query(on: app.db).filter(\.$name == "Conseil départemental du Morbihan").first()
            let cg56 = try XCTUnwrap(department)
            try await coordinator.get(SitePath.contract(id).href)
            let added = try await coordinator.post(SitePath.contract(id, .signatories).href,
                                                   [("organisationId", try cg56.requireID().uuidString), ("representative", "Président du conseil départemental"),
                                                    ("representativeRole", "Président"), ("deliberationOn", ""), ("signedOn", "")])
            XCTAssertEqual(added.status, .seeOther, added.body.string)

            // The amendment, drafted, lists exactly those two changes.
            let list = try await coordinator.get(SitePath.contract(id, .amendments).href)
            XCTAssertTrue(list.body.string.contains("Ajout de la fiche action « Médiation en santé au port »"), list.body.string)
            let drafted = try await coordinator.post(SitePath.contract(id, .amendments).href,
                                                     [("title", "Médiation en santé et entrée du Département"), ("text", "Le comité de pilotage du 12 mai a décidé…")])
            XCTAssertEqual(drafted.status, .seeOther, drafted.body.string)
            let draftRow = try await Amendments.find(1, contractId: id, on: app.db)
            let amendment = try XCTUnwrap(draftRow)
            let changes = try await Amendments.changes(of: amendment, contract: contract, on: app.db)
            XCTAssertEqual(changes, [
                AmendmentChange(subject: .signatory, kind: .added, name: "Conseil départemental du Morbihan"),
                AmendmentChange(subject: .action, kind: .added, name: "Médiation en santé au port"),
            ])

            // A second draft is refused while this one is pending (the page says why and offers no form).
            let second = try await coordinator.post(SitePath.contract(id, .amendments).href, [("title", "Un autre avenant"), ("text", "")])
            XCTAssertEqual(second.status, .unprocessableEntity)
            XCTAssertTrue(second.body.string.contains("Avenant n° 1 – Médiation en santé et entrée du Département est en projet"), second.body.string)
            XCTAssertFalse(second.body.string.contains("Préparer l'avenant"))
            let drafts = try await Amendment.query(on: app.db).filter(\.$contractId == id).count()
            XCTAssertEqual(drafts, 1)

            // Signed: the changes are frozen, the contract as amended is version 1.
            let page = try await coordinator.get(SitePath.contract(id, .amendment(1)).href)
            XCTAssertTrue(page.body.string.contains("Ajout du signataire « Conseil départemental du Morbihan »"), page.body.string)
            let signing = try await coordinator.post(SitePath.contract(id, .amendment(1, .sign)).href,
                                                     [("signedOn", "2018-05-12"), ("signers[]", "ARS Bretagne"),
                                                      ("signers[]", "Conseil départemental du Morbihan")])
            XCTAssertEqual(signing.status, .seeOther, signing.body.string)
            let signedRow = try await Amendments.find(1, contractId: id, on: app.db)
            let signedAmendment = try XCTUnwrap(signedRow)
            XCTAssertEqual(signedAmendment.amendmentState, .signed)
            XCTAssertEqual(signedAmendment.signers, ["ARS Bretagne", "Conseil départemental du Morbihan"])
            XCTAssertEqual(signedAmendment.frozenChanges, changes)
            let amended = try await ContractVersions.find(1, contractId: id, on: app.db)
            let version1 = try XCTUnwrap(amended)
            XCTAssertTrue(try version1.content().actions.map(\.title).contains("Médiation en santé au port"))
            let nothingSince = try await Amendments.pendingChanges(contract, since: version1, on: app.db)
            XCTAssertEqual(nothingSince, [])

            // The programme as signed still shows the programme of that day; the amended one the new action.
            let asSigned = try await coordinator.get(SitePath.contract(id, .version(0)).href)
            XCTAssertEqual(asSigned.status, .ok)
            XCTAssertFalse(asSigned.body.string.contains("Médiation en santé au port"))
            for title in titlesAtSignature { XCTAssertTrue(asSigned.body.string.contains(title.htmlEscaped()), title) }
            let asAmended = try await coordinator.get(SitePath.contract(id, .version(1)).href)
            XCTAssertTrue(asAmended.body.string.contains("Médiation en santé au port"))
            let signedDocument = try DOCXText.paragraphs(of: Data(try await coordinator.get(SitePath.contract(id, .version(0, .document)).href).body.readableBytesView))
            XCTAssertFalse(signedDocument.joined().contains("Médiation en santé au port"))
            XCTAssertTrue(signedDocument.contains("CLS 2 de Belle-Île-en-Mer"))

            // The amendment's own document names its changes and its signatories.
            let document = try await coordinator.get(SitePath.contract(id, .amendment(1, .document)).href)
            XCTAssertEqual(document.status, .ok)
            let text = try DOCXText.paragraphs(of: Data(document.body.readableBytesView))
            XCTAssertEqual(text.first, "Avenant n° 1")
            XCTAssertTrue(text.contains("Ajout de la fiche action « Médiation en santé au port »."), "\(text)")
            XCTAssertTrue(text.contains("Ajout du signataire « Conseil départemental du Morbihan »."), "\(text)")
            XCTAssertTrue(text.contains("Le comité de pilotage du 12 mai a décidé…"))
            XCTAssertTrue(text.joined(separator: "\n").contains("Signé le 12 mai 2018"))

            // The API says the same: versions, the amendment and its two changes; the documents list them.
            let api = try await coordinator.get(SitePath.api(.contract(.value(id), .amendments)).href)
            XCTAssertEqual(api.status, .ok)
            let json = try JSONSerialization.jsonObject(with: Data(api.body.readableBytesView)) as? [String: Any]
            XCTAssertEqual((json?["versions"] as? [[String: Any]])?.compactMap { $0["number"] as? Int }, [0, 1])
            let apiChanges = ((json?["amendments"] as? [[String: Any]])?.first?["changes"] as? [[String: Any]]) ?? []
            XCTAssertEqual(apiChanges.compactMap { $0["sentence"] as? String },
                           ["Ajout du signataire « Conseil départemental du Morbihan »", "Ajout de la fiche action « Médiation en santé au port »"])
            let listed = try await coordinator.get(SitePath.api(.contract(.value(id), .documents)).href)
            let documents = try JSONSerialization.jsonObject(with: Data(listed.body.readableBytesView)) as? [String: Any]
            XCTAssertEqual((documents?["generated"] as? [[String: Any]])?.compactMap { $0["kind"] as? String }.filter { $0 != "review" && $0 != "minutes" },
                           ["version", "version", "amendment"])

            // Signed, it changes no more; the journal keeps each step.
            let late = try await coordinator.post(SitePath.contract(id, .amendment(1)).href, [("title", "Autre"), ("text", "")])
            XCTAssertEqual(late.status, .unprocessableEntity)
            let journal = try await AuditEntry.query(on: app.db).filter(\.$contractId == id)
                .filter(\.$entityType ~~ [Amendment.auditEntityType, ContractVersion.auditEntityType]).all()
            XCTAssertEqual(journal.filter { $0.entityType == Amendment.auditEntityType }.map(\.action).sorted(), ["create", "transition"])
            XCTAssertEqual(journal.filter { $0.entityType == ContractVersion.auditEntityType }.count, 2, "the signed version and the amended one")

            // A reader sees the amendments but drafts none.
            let reader = WebClient(app)
            try await reader.login("lecture.belle-ile@demo.cls-pilot.fr")
            let readable = try await reader.get(SitePath.contract(id, .amendments).href)
            XCTAssertEqual(readable.status, .ok)
            XCTAssertFalse(readable.body.string.contains("Préparer l'avenant"))
            let refused = try await reader.post(SitePath.contract(id, .amendments).href, [("title", "Non"), ("text", "")])
            XCTAssertEqual(refused.status, .forbidden)
        }
    }

    /// A contract not yet signed has no amendment.
    func testAnUnsignedContractHasNoAmendment() async throws {
        try await TestApp.run { app, _ in
            let contract = try await TestApp.contract(named: "CLS 2 de Belle-Île-en-Mer", on: app)
            let id = try contract.requireID()
            let coordinator = WebClient(app)
            try await coordinator.login("coordination.belle-ile@demo.cls-pilot.fr")
            let page = try await coordinator.get(SitePath.contract(id, .amendments).href)
            XCTAssertTrue(page.body.string.contains("Le contrat n'est pas encore signé"))
            let refused = try await coordinator.post(SitePath.contract(id, .amendments).href, [("title", "Trop tôt"), ("text", "")])
            XCTAssertEqual(refused.status, .unprocessableEntity)
            let count = try await Amendment.query(on: app.db).count()
            XCTAssertEqual(count, 0)
        }
    }
}
