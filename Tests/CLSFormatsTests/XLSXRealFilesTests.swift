import XCTest
@testable import CLSFormats

/// The reader on the import files users really send (`../shared/data/import-plan`).
final class XLSXRealFilesTests: XCTestCase {
    private func file(_ name: String) throws -> URL {
        guard let directory = SharedData.directory else {
            throw XCTSkip("../shared/data is absent (set CLS_SHARED_DATA to its path): real import files not tested.")
        }
        let url = directory.appendingPathComponent("import-plan/\(name)")
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw XCTSkip("\(url.path) is absent: real import file not tested.")
        }
        return url
    }

    /// Headers sit on row 2 (1-based); the title column reads one of these, maybe with trailing spaces.
    private func assertImportSheet(_ sheet: XLSXSheet, file: StaticString = #filePath, line: UInt = #line) {
        let headers = sheet.textRow(1).map { $0.trimmingCharacters(in: .whitespaces) }
        XCTAssertTrue(headers.contains("Titre de l'action") || headers.contains("Titre de la fiche action"),
                      "row 2 of « \(sheet.name) » reads \(headers)", file: file, line: line)
        XCTAssertGreaterThan(sheet.rowCount, 2, "no data row after the headers", file: file, line: line)
    }

    func testTheTemplate() throws {
        let workbook = try XLSXWorkbook(contentsOf: file("modele-import-plan-action.xlsx"))
        XCTAssertEqual(workbook.sheetNames, ["Mode demploi", "Fichier dimport", "Listes déroulantes"])
        XCTAssertEqual(workbook.sheets.map(\.isHidden), [false, false, true])
        assertImportSheet(try XCTUnwrap(workbook.sheet(named: "Fichier dimport")))
        // Rich text runs of the instructions, emoji included.
        let instructions = workbook.sheets[0].cell("B3")?.textValue ?? ""
        XCTAssertTrue(instructions.hasPrefix("➜ À savoir :\n🟨 Les colonnes sur fond jaune"), instructions)
        let lists = workbook.sheets[2]
        XCTAssertGreaterThan(lists.rowCount, 5)
        XCTAssertNotNil(lists.cell("A1")?.textValue)
    }

    func testTheValidExample() throws {
        let workbook = try XLSXWorkbook(contentsOf: file("exemple-plan-valide.xlsx"))
        XCTAssertEqual(workbook.sheetNames, ["Fichier dimport", "Listes déroulantes"])
        let sheet = workbook.sheets[0]
        assertImportSheet(sheet)
        XCTAssertEqual(sheet.cell("A1")?.textValue, "Présentation de l’action")
        let dataRows = sheet.rows.dropFirst(2).filter { row in row.contains { $0 != nil } }
        XCTAssertFalse(dataRows.isEmpty)
    }

    func testThePlanWithSubActions() throws {
        let workbook = try XLSXWorkbook(contentsOf: file("exemple-plan-sous-actions.xlsx"))
        XCTAssertEqual(workbook.sheetNames, ["Plan"])
        let sheet = workbook.sheets[0]
        assertImportSheet(sheet)
        XCTAssertEqual(sheet.cell("A1"), .text("Plan avec sous-actions"))
        XCTAssertEqual(sheet.cell("D2"), .text("Titre de l'action"))
        XCTAssertEqual(sheet.cell("E6"), .text("Sous-action 1.1"))
        XCTAssertEqual(sheet.cell("AB6"), .text("31/12/2025"))
        XCTAssertEqual(sheet.columnCount, 28)
    }

    func testRealFilesReadWithinDefaultLimitsAndRewriteIdentically() throws {
        for name in ["modele-import-plan-action.xlsx", "exemple-plan-valide.xlsx", "exemple-plan-sous-actions.xlsx"] {
            let original = try XLSXWorkbook(contentsOf: file(name))
            let copy = XLSXWriter(sheets: original.sheets.map { XLSXWriter.Sheet(name: $0.name, rows: $0.rows, isHidden: $0.isHidden) })
            let reread = try XLSXWorkbook(data: copy.data())
            XCTAssertEqual(reread.sheets.map(\.rows), original.sheets.map { $0.rows.map(Self.normalised) }, name)
        }
    }

    /// The writer turns CR into LF and trims trailing empty cells; compare on those terms.
    private static func normalised(_ row: [XLSXCell?]) -> [XLSXCell?] {
        var row = row.map { cell -> XLSXCell? in
            guard case .text(let text)? = cell else { return cell }
            return .text(text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n"))
        }
        while let last = row.last, last == nil { row.removeLast() }
        return row
    }
}
