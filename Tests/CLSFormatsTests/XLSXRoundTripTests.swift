import XCTest
@testable import CLSFormats

/// What the writer writes, the reader reads back unchanged.
final class XLSXRoundTripTests: XCTestCase {
    func testValuesSurviveWriteThenRead() throws {
        let tricky = [
            "Élu·e référent·e", "Dit \"le CLS\" d'Œuvre", "Ligne 1\nLigne 2", "A & B <c> > d",
            "  espaces autour  ", "tab\tulation", "emoji 🩺 santé", "_x0041_ reste littéral", "=1+1",
            String(repeating: "long ", count: 2_000),
        ]
        var first = XLSXWriter.Sheet(name: "Textes", headerRowCount: 1, frozenRowCount: 1)
        first.append(texts: ["Valeur", "Vide", "Après"])
        for text in tricky { first.append([.text(text), nil, .text("après")]) }
        var second = XLSXWriter.Sheet(name: "Nombres & booléens")
        let numbers: [Double] = [0, 1, -1, 42, 1_234.5, 0.1, 1.0 / 3.0, -0.000_012_5, 1e20, 123_456_789_012, 45_292]
        for number in numbers { second.append([.number(number)]) }
        second.append([.bool(true), .bool(false), .error("#N/A"), .error("pas un code")])
        second.append([])
        second.append([nil, nil, .text("fin")])
        let third = XLSXWriter.Sheet(name: "Vide")

        let data = try XLSXWriter(sheets: [first, second, third]).data()
        let workbook = try XLSXWorkbook(data: data)

        XCTAssertEqual(workbook.sheetNames, ["Textes", "Nombres & booléens", "Vide"])
        let texts = workbook.sheets[0]
        XCTAssertEqual(texts.rows[0], [.text("Valeur"), .text("Vide"), .text("Après")])
        for (index, text) in tricky.enumerated() {
            XCTAssertEqual(texts.cell(row: index + 1, column: 0), .text(text), "row \(index + 2)")
            XCTAssertNil(texts.cell(row: index + 1, column: 1))
            XCTAssertEqual(texts.cell(row: index + 1, column: 2), .text("après"))
        }
        let values = workbook.sheets[1]
        for (index, number) in numbers.enumerated() {
            XCTAssertEqual(values.cell(row: index, column: 0), .number(number), "\(number)")
        }
        XCTAssertEqual(values.rows[numbers.count], [.bool(true), .bool(false), .error("#N/A"), .text("pas un code")])
        XCTAssertEqual(values.rows[numbers.count + 1], [])
        XCTAssertEqual(values.cell(row: numbers.count + 2, column: 2), .text("fin"))
        XCTAssertEqual(values.rowCount, numbers.count + 3)
        XCTAssertEqual(workbook.sheets[2].rows, [])
    }

    func testWritingNormalisesWhatXMLCannotCarry() throws {
        let sheet = XLSXWriter.Sheet(name: "S", rows: [[.text("a\r\nb\rc\u{0}d"), .text("\u{1}\u{2}"), .text("")]])
        let read = try XLSXWorkbook(data: XLSXWriter(sheets: [sheet]).data()).sheets[0]
        XCTAssertEqual(read.rows, [[.text("a\nb\ncd")]], "CR becomes LF, controls are dropped, empty cells stay empty")
    }

    func testCutsTextBeyondExcelsCellLimit() throws {
        let sheet = XLSXWriter.Sheet(name: "S", rows: [[.text(String(repeating: "é", count: 40_000))]])
        let text = try XLSXWorkbook(data: XLSXWriter(sheets: [sheet]).data()).sheets[0].cell("A1")?.textValue
        XCTAssertEqual(text?.count, 32_767)
        XCTAssertEqual(text?.last, "…")
    }

    func testALargeSheetRoundTripsWithinTheLimits() throws {
        var sheet = XLSXWriter.Sheet(name: "Communes", headerRowCount: 1)
        sheet.append(texts: ["Code", "Nom", "Population"])
        for index in 0..<5_000 {
            sheet.append([.text(String(format: "%05d", index)), .text("Commune \(index)"), .number(Double(index * 7))])
        }
        let data = try XLSXWriter(sheets: [sheet]).data()
        let read = try XLSXReader(data: data, limits: XLSXLimits(maxRows: 5_001, maxColumns: 3)).sheet(at: 0)
        XCTAssertEqual(read.rowCount, 5_001)
        XCTAssertEqual(read.cell("A5001"), .text("04999"))
        XCTAssertEqual(read.cell("C5001"), .number(34_993))
        assertRefused(.tooManyRows(sheet: "Communes", row: 5_001, limit: 5_000)) {
            try XLSXReader(data: data, limits: XLSXLimits(maxRows: 5_000)).sheet(at: 0)
        }
    }
}
