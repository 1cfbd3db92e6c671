import XCTest
@testable import CLSCore

/// The one description of a fiche action's fields (`ActionField`) is coherent: one name per
/// field in each place, a vocabulary exactly where a choice is, a plan value of the field's kind.
final class ActionFieldTests: XCTestCase {
    func assertUnique(_ values: [String], _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        let repeated = Dictionary(grouping: values, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted()
        XCTAssertEqual(repeated, [], "\(what) named twice", file: file, line: line)
    }

    func testEveryPlaceNamesEachFieldOnce() {
        let fields = ActionField.all
        assertUnique(fields.map(\.key), "keys")
        assertUnique(fields.map(\.label), "labels")
        assertUnique(fields.compactMap(\.jsonKey), "JSON keys")
        assertUnique(fields.compactMap(\.storageColumn), "database columns")
        assertUnique(fields.compactMap(\.formName), "form controls")
        assertUnique(fields.map(\.historyLabel), "history labels")
        // Headers and their variants are compared folded, as the reader compares them.
        let spellings = ActionField.spreadsheetFields.flatMap { field in
            Set(([field.spreadsheet!.header] + field.spreadsheet!.aliases).map(VocabularyMatching.fold)).map { $0 }
        }
        assertUnique(spellings, "spreadsheet headers (folded)")
        for field in fields {
            XCTAssertEqual(ActionField.named(field.key), field)
            XCTAssertFalse(field.label.isEmpty, field.key)
        }
        XCTAssertNil(ActionField.named("inconnu"))
    }

    func testAVocabularyIsGivenExactlyToChoicesAndItsCodesAreKnown() {
        for field in ActionField.all {
            let isChoice = field.kind == .choice || field.kind == .choiceList
            XCTAssertEqual(field.vocabulary != nil, isChoice, field.key)
            if let vocabulary = field.vocabulary {
                XCTAssertFalse(vocabulary.defaultCodes.isEmpty, field.key)
                if field.kind == .choice {
                    for code in vocabulary.defaultCodes { XCTAssertNotNil(vocabulary.label(of: code), "\(field.key) \(code)") }
                }
            }
        }
        XCTAssertEqual(ActionField.Vocabulary.status.label(of: ActionStatus.late.rawValue), ActionStatus.late.label)
        XCTAssertNil(ActionField.Vocabulary.status.label(of: "fini"))
    }

    func testThePlanValueOfAFieldIsOfItsKind() {
        for field in ActionField.all {
            switch (field.kind, field.plan) {
            case (_, nil): XCTAssertNil(field.spreadsheet, "\(field.key): a spreadsheet column needs a plan value")
            case (.shortText, .text?), (.longText, .text?), (.organisation, .text?), (.date, .date?), (.amount, .amount?),
                 (.choice, .choice?), (.choiceList, .codes?), (.flag, .flag?), (.actionList, .titles?): break
            default: XCTFail("\(field.key): its plan value is not of kind \(field.kind)")
            }
        }
        // The plan value reads and writes the field itself.
        var action = PlanAction(title: "Titre")
        guard case .choice(let get, let set)? = ActionField.status.plan,
              case .text(let summary)? = ActionField.summary.plan else { return XCTFail("status is a choice, summary a text") }
        set(&action, ActionStatus.late.rawValue)
        action[keyPath: summary] = "Le descriptif"
        XCTAssertEqual(action.status, .late)
        XCTAssertEqual(get(action), "en_retard")
        XCTAssertEqual(action.summary, "Le descriptif")
        set(&action, "inconnu")
        XCTAssertNil(action.status)
    }

    func testTheSpreadsheetKeepsTerritoiresEnTransitionsColumnsFirst() {
        let tet = ActionField.spreadsheetFields.map { $0.spreadsheet!.isTerritoiresEnTransitions }
        XCTAssertEqual(tet, tet.sorted { $0 && !$1 }, "TeT's columns, then CLS Pilot's")
        XCTAssertEqual(ActionField.spreadsheetFields.first, .title)
    }
}
