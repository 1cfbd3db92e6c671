import CLSCore
import XCTest
@testable import CLSFormats

/// The plan spreadsheet's columns come from `ActionField`, and every described field goes
/// through the writer and back through the reader unchanged.
final class ActionFieldSpreadsheetTests: XCTestCase {
    /// Gives a field a value of its kind that is not the default one.
    static func fill(_ field: ActionField, in action: inout PlanAction, index: Int) {
        switch field.plan {
        case nil: break
        // An organisation is one name ("A, B" names two: the first leads, the others are partners).
        case .text(let path)? where field.kind == .organisation: action[keyPath: path] = "Organisation « \(field.label) »"
        case .text(let path)?: action[keyPath: path] = "Valeur de « \(field.label) », ligne 1\nligne 2"
        case .date(let path)?: action[keyPath: path] = CalendarDay(year: 2025 + index % 3, month: 1 + index % 12, day: 1 + index % 28)
        case .amount(let path)?: action[keyPath: path] = 1_000.5 + Double(index)
        case .codes(let path)?: action[keyPath: path] = Array(field.vocabulary!.defaultCodes.suffix(2))
        case .flag(let path)?: action[keyPath: path] = true
        case .titles(let path)?: action[keyPath: path] = ["Une autre action, avec une virgule", "Encore une action"]
        case .choice(_, let set)?: set(&action, field.vocabulary!.defaultCodes.last)
        }
    }

    static func everyFieldFilled() -> PlanAction {
        var action = PlanAction(title: "Une action où tout est rempli")
        for (index, field) in ActionField.spreadsheetFields.enumerated() where field != .title {
            fill(field, in: &action, index: index)
        }
        return action
    }

    func testEveryDescribedFieldIsWrittenAndReadBack() throws {
        // Each field on its own, so that a field the writer or the reader forgets fails by name.
        for (index, field) in ActionField.spreadsheetFields.enumerated() where field != .title {
            var action = PlanAction(title: "Action")
            Self.fill(field, in: &action, index: index)
            XCTAssertNotEqual(action, PlanAction(title: "Action"), "\(field.key) was given a value")
            let document = PlanDocument(axes: [PlanSection(title: "Axe", actions: [action])])
            let read = try PlanSpreadsheetReader.read(data: PlanSpreadsheetWriter.write(document, title: "Plan"))
            XCTAssertEqual(read.errors, [], field.key)
            XCTAssertEqual(read.document, document, "\(field.key) (« \(field.spreadsheet!.header) ») comes back as written")
        }
        // All together, as a sub-action too.
        var full = Self.everyFieldFilled()
        full.subActions = [Self.everyFieldFilled()]
        let document = PlanDocument(axes: [PlanSection(title: "Axe", actions: [full])])
        let read = try PlanSpreadsheetReader.read(data: PlanSpreadsheetWriter.write(document, title: "Plan"))
        XCTAssertEqual(read.errors, [])
        XCTAssertEqual(read.document, document)
    }

    func testTheColumnsAreTheDescribedHeadersInTheirOrder() throws {
        let fieldHeaders = PlanSpreadsheetWriter.columns(funderCount: 3).compactMap { column -> String? in
            guard case .field(let field) = column else { return nil }
            return field.spreadsheet?.header
        }
        XCTAssertEqual(fieldHeaders, ActionField.spreadsheetFields.map { $0.spreadsheet!.header })
        let workbook = try XLSXWorkbook(data: PlanSpreadsheetWriter.template())
        let headers = workbook.sheets[0].rows[PlanSpreadsheetFormat.headerRow].compactMap { $0?.stringValue }
        for field in ActionField.spreadsheetFields {
            XCTAssertTrue(headers.contains(field.spreadsheet!.header), "the template has « \(field.spreadsheet!.header) »")
        }
    }

    func testEveryHeaderAndVariantIsRecognised() {
        for field in ActionField.spreadsheetFields {
            for spelling in [field.spreadsheet!.header] + field.spreadsheet!.aliases {
                XCTAssertEqual(PlanSpreadsheetFormat.column(forHeader: spelling), .field(field), spelling)
                XCTAssertEqual(PlanSpreadsheetFormat.column(forHeader: " " + spelling.uppercased() + " "), .field(field), spelling)
            }
        }
    }
}
