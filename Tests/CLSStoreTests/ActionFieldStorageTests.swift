import CLSCore
import FluentKit
import Foundation
import XCTest
@testable import CLSStore

/// The storage of a fiche action against its description (`ActionField`): every described column
/// exists, the plain rows of bulk inserts and the journal carry it, and a plan goes through the
/// importer and the exporter unchanged, field by field.
final class ActionFieldStorageTests: XCTestCase {
    /// Columns of `actions` that are not fields of the fiche (place, search index, time stamps),
    /// or a second column of a described one (`lead_organisation_name` beside the organisation).
    static let structuralColumns: Set<String> = [
        "id", "contract_id", "section_id", "parent_action_id", "position", "lead_organisation_name",
        "search_text", "search_title", "created_at", "updated_at",
    ]

    func testEveryColumnOfTheActionIsDescribedAndEveryDescribedColumnExists() {
        let columns = Set(Action.keys.map(\.description))
        let described = Set(ActionField.all.compactMap(\.storageColumn))
        XCTAssertEqual(described.subtracting(columns), [], "described columns missing from the model")
        XCTAssertEqual(columns.subtracting(described).subtracting(Self.structuralColumns), [],
                       "columns of the model that no ActionField describes")
    }

    /// A fiche whose every stored field holds a value of its own, set through the description.
    static func distinctAction() -> Action {
        let action = Action(contractId: UUID(), sectionId: UUID(), title: "Titre", position: 1)
        action.id = UUID()
        for (field, path) in ActionField.all.compactMap({ field in Action.textFields[field.key].map { (field, $0) } }) {
            action[keyPath: path] = "valeur de \(field.key)"
        }
        action.$leadOrganisation.id = UUID()
        action.$pilotUser.id = UUID()
        action.status = ActionStatus.late.rawValue
        action.priority = ActionPriority.high.rawValue
        action.startsOn = "2026-01-02"
        action.endsOn = "2026-12-30"
        action.themeCodes = "nutrition"; action.determinantCodes = "D1"; action.strategyCodes = "S1"
        action.publicCodes = "jeunes"; action.sectorCodes = "soins"; action.lifeStageCodes = "adultes"
        action.approach = "ciblee"; action.istsAim = "rattrapage"; action.participation = "consultation"
        action.plannedTotal = 1_234.5
        action.isRecurring = true; action.isNew = false; action.isConfidential = true
        return action
    }

    func testTheTextFieldsOfTheModelAreTheDescribedOnesOnTheirColumns() {
        let textFields = ActionField.all.filter { $0.kind.isText && $0.storageColumn != nil }
        XCTAssertEqual(Set(Action.textFields.keys), Set(textFields.map(\.key)))
        let action = Self.distinctAction()
        let row = Dictionary(uniqueKeysWithValues: action.bulkRow.map { ($0.column, $0.value) })
        for field in textFields {
            XCTAssertEqual(row[field.storageColumn!] as? String, "valeur de \(field.key)", "\(field.key) is column \(field.storageColumn!)")
        }
    }

    func testTheJournalNamesEveryStoredFieldWithItsHistoryLabel() {
        let action = Self.distinctAction()
        let snapshot = Dictionary(uniqueKeysWithValues: action.auditSnapshot().map { ($0.code, $0) })
        let row = Dictionary(uniqueKeysWithValues: action.bulkRow.map { ($0.column, $0.value) })
        for field in ActionField.all {
            guard let column = field.storageColumn else { continue }
            let entry = snapshot[column]
            XCTAssertEqual(entry?.label, field.historyLabel, field.key)
            XCTAssertNotNil(entry?.value, "\(field.key) has a value in the journal")
            // The journal writes what the column holds (texts, codes and dates as they are).
            if let stored = row[column] as? String { XCTAssertEqual(entry?.value, stored, field.key) }
        }
        XCTAssertEqual(snapshot["planned_total"]?.value, FrenchFormat.number(1_234.5))
        XCTAssertEqual(snapshot["is_confidential"]?.value, "oui")
        XCTAssertEqual(snapshot["lead_organisation_name"]?.label, "Structure pilote (texte)")
    }

    /// The plan's fields that the database keeps: all but the free text of "Participation
    /// Citoyenne", which the importer folds into the participation level or the partners. Linked
    /// actions and documents are kept as the fiche's links (`action_links`).
    func testEveryDescribedFieldGoesThroughTheImporterAndTheExporter() async throws {
        try await StoreTestDatabase.run { database, _ in
            let contract = try await StoreTestDatabase.contract(named: "CLS de Stains", on: database)
            let contractId = try contract.requireID()
            var actions: [PlanAction] = []
            for (index, field) in ActionField.spreadsheetFields.enumerated() where field != .title && field != .citizenParticipation {
                var action = PlanAction(title: "Action \(field.key)")
                Self.fill(field, in: &action, index: index)
                actions.append(action)
            }
            var all = PlanAction(title: "Action complète")
            for (index, field) in ActionField.spreadsheetFields.enumerated() where field != .title && field != .citizenParticipation {
                Self.fill(field, in: &all, index: index)
            }
            all.linkedActions = ["Action linkedActions"]  // linked actions are resolved by title, among the plan's
            actions.append(all)
            let document = PlanDocument(axes: [PlanSection(title: "Axe des champs décrits", actions: actions)])
            _ = try await PlanImporter.apply(document, to: contract, using: Mutations(database: database, actor: .system))
            let exported = try await PlanExporter.document(contractId: contractId, on: database)
            let axis = try XCTUnwrap(exported.axes.first { $0.title == "Axe des champs décrits" })
            XCTAssertEqual(axis.actions.count, actions.count)
            for (written, read) in zip(actions, axis.actions) {
                XCTAssertEqual(read, written, written.title)
            }
        }
    }

    /// Gives a field a value of its kind that is not the default one (as `ActionFieldSpreadsheetTests`).
    static func fill(_ field: ActionField, in action: inout PlanAction, index: Int) {
        switch field.plan {
        case nil: break
        // Documents and links are web addresses, one per line (text that is none joins the notes).
        case .text(let path)? where field == .documentLinks:
            action[keyPath: path] = "Rapport d'activité : https://exemple.fr/rapport.pdf\nhttps://exemple.fr/\(index)"
        case .text(let path)?: action[keyPath: path] = "Valeur de « \(field.label) »"
        case .date(let path)?: action[keyPath: path] = CalendarDay(year: 2025 + index % 3, month: 1 + index % 12, day: 1 + index % 28)
        case .amount(let path)?: action[keyPath: path] = 1_000.5 + Double(index)
        case .codes(let path)?: action[keyPath: path] = Array(field.vocabulary!.defaultCodes.suffix(2))
        case .flag(let path)?: action[keyPath: path] = true
        case .titles(let path)?: action[keyPath: path] = ["Action complète"]
        case .choice(_, let set)?: set(&action, field.vocabulary!.defaultCodes.last)
        }
    }
}
