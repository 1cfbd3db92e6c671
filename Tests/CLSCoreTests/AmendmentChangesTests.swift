import XCTest
@testable import CLSCore

/// The fold of audited events into what an amendment changes.
final class AmendmentChangesTests: XCTestCase {
    private func event(_ subject: AmendmentChange.Subject, _ id: String, _ name: String, _ action: AmendmentEvent.Action,
                       _ fields: [AmendmentEvent.Field] = []) -> AmendmentEvent {
        AmendmentEvent(subject: subject, objectId: id, name: name, action: action, fields: fields)
    }

    func testAddedThenRemovedLeavesNoTraceAndAFieldSetBackIsNoChange() {
        let changes = AmendmentChanges.fold([
            event(.action, "a", "Éphémère", .create),
            event(.action, "a", "Éphémère", .delete),
            event(.action, "b", "Stable", .update, [.init(code: "status", label: "Statut", old: "En cours", new: "Réalisée")]),
            event(.action, "b", "Stable", .update, [.init(code: "status", label: "Statut", old: "Réalisée", new: "En cours")]),
        ])
        XCTAssertEqual(changes, [])
    }

    func testFieldsKeepTheirFirstOldAndLastNewValueAndSubjectsComeInTheirOrder() {
        let changes = AmendmentChanges.fold([
            event(.action, "b", "Bilan de santé", .update, [.init(code: "status", label: "Statut", old: "Prévue", new: "En cours")]),
            event(.action, "b", "Bilans de santé", .update, [.init(code: "status", label: "Statut", old: "En cours", new: "Réalisée"),
                                                           .init(code: "title", label: "Titre", old: "Bilan de santé", new: "Bilans de santé")]),
            event(.duration, "c", "", .update, [.init(code: "ends_on", label: "Fin", old: nil, new: "31 décembre 2027")]),
            event(.section, "s", "Axe ancien", .update, []),
            event(.section, "s", "Axe ancien", .delete),
            event(.signatory, "g", "Département", .create),
        ])
        XCTAssertEqual(changes, [
            AmendmentChange(subject: .signatory, kind: .added, name: "Département"),
            AmendmentChange(subject: .duration, kind: .changed, name: "", details: ["Fin : (vide) → « 31 décembre 2027 »"]),
            AmendmentChange(subject: .section, kind: .removed, name: "Axe ancien"),
            AmendmentChange(subject: .action, kind: .changed, name: "Bilans de santé",
                            details: ["Statut : « Prévue » → « Réalisée »", "Titre : « Bilan de santé » → « Bilans de santé »"]),
        ])
        XCTAssertEqual(changes[2].sentence, "Retrait de l'axe ou objectif « Axe ancien »")
        XCTAssertEqual(changes[1].sentence, "Modification de la durée du contrat")
    }

    func testAChangedThenRemovedObjectIsARemovalAndALongValueIsCut() {
        let long = String(repeating: "é", count: 400)
        let changes = AmendmentChanges.fold([
            event(.action, "x", "Action", .update, [.init(code: "summary", label: "Description", old: nil, new: long)]),
            event(.action, "x", "Action", .delete),
            event(.action, "y", "Autre", .update, [.init(code: "summary", label: "Description", old: nil, new: long)]),
        ])
        XCTAssertEqual(changes.map(\.kind), [.removed, .changed])
        XCTAssertEqual(changes[1].details.first?.count, "Description : (vide) → « ".count + 160 + "… »".count)
    }
}
