import CLSCore
import XCTest
@testable import CLSFormats

/// The workbooks CLS Pilot writes open in LibreOffice: saved again by LibreOffice, they read back
/// as what was written.
final class PlanLibreOfficeTests: XCTestCase {
    func testTheProgrammeExportOpensInLibreOfficeAndReadsBackUnchanged() throws {
        _ = try LibreOffice.require()
        let document = PlanSpreadsheetTests.richDocument()
        let written = try PlanSpreadsheetWriter.write(document, title: "CLS de Lorient 2025-2029")
        let resaved = try LibreOffice.convert(written, name: "programme.xlsx", to: "xlsx")
        let read = try PlanSpreadsheetReader.read(data: resaved)
        XCTAssertEqual(read.errors, [])
        XCTAssertEqual(read.document, document, "saved again by LibreOffice, the plan is the same")
        XCTAssertEqual(try XLSXWorkbook(data: resaved).sheetNames, ["CLS de Lorient 2025-2029", "Listes"])
    }

    func testMergedCellsWrittenAreMergedCellsInLibreOffice() throws {
        _ = try LibreOffice.require()
        let rows: [[XLSXCell?]] = [
            [.text("Axe (x)"), .text("Titre de l'action")],
            [.text("1. Prévention"), .text("A")],
            [nil, .text("B")],
            [.text("2. Soins"), .text("C")],
        ]
        let sheet = XLSXWriter.Sheet(name: "Plan", rows: rows, mergedRanges: [XLSXMergedRange("A2:A3")!])
        let resaved = try LibreOffice.convert(try XLSXWriter(sheets: [sheet]).data(), name: "fusion.xlsx", to: "xlsx")
        let workbook = try XLSXWorkbook(data: resaved)
        XCTAssertEqual(workbook.sheets[0].mergedRanges, [XLSXMergedRange("A2:A3")!])
        let plan = PlanSpreadsheetReader.read(workbook)
        XCTAssertEqual(plan.document.axes.map { $0.actions.map(\.title) }, [["A", "B"], ["C"]])
    }
}
