import XCTest
@testable import CLSFormats

/// The reader on hand-written parts: every cell type and the shapes real writers produce.
final class XLSXReaderTests: XCTestCase {
    func testReadsEveryCellType() throws {
        let strings = """
            <si><t>Titre de l&apos;action</t></si>\
            <si><r><rPr><b/></rPr><t xml:space="preserve">Riche </t></r><r><t>texte</t></r></si>\
            <si><t>漢字</t><rPh sb="0" eb="2"><t>かんじ</t></rPh></si>\
            <si><t xml:space="preserve">  espaces  </t></si>\
            <si><t>ligne_x000D_
            suivante</t></si>
            """
        let data = try XLSXFixture.singleSheet("""
            <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c>\
            <c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c></row>\
            <row r="2"><c r="A2"><v>42</v></c><c r="B2" t="n"><v>-1.5E-3</v></c><c r="C2" t="b"><v>1</v></c>\
            <c r="D2" t="b"><v>0</v></c><c r="E2" t="e"><v>#DIV/0!</v></c></row>\
            <row r="3"><c r="A3"><f>SUM(A2:A2)</f><v>42</v></c><c r="B3" t="str"><f>"a"&amp;"b"</f><v>ab</v></c>\
            <c r="C3" t="inlineStr"><is><t>en ligne &amp; &lt;ok&gt;</t></is></c>\
            <c r="D3" t="inlineStr"><is><r><t>run </t></r><r><t>deux</t></r></is></c>\
            <c r="E3"><f>NOW()</f></c></row>
            """, sharedStrings: strings)
        let sheet = try XLSXReader(data: data).sheet(at: 0)
        XCTAssertEqual(sheet.rows[0], [.text("Titre de l'action"), .text("Riche texte"), .text("漢字"), .text("  espaces  "), .text("ligne\r\nsuivante")])
        XCTAssertEqual(sheet.rows[1], [.number(42), .number(-0.0015), .bool(true), .bool(false), .error("#DIV/0!")])
        // A formula gives its cached value; one never computed (no <v>) is an empty cell.
        XCTAssertEqual(sheet.rows[2], [.number(42), .text("ab"), .text("en ligne & <ok>"), .text("run deux")])
        XCTAssertNil(sheet.cell("E3"))
    }

    func testSparseCellsAndRowsLandAtTheirReferences() throws {
        let data = try XLSXFixture.singleSheet("""
            <row r="2"><c r="C2" t="inlineStr"><is><t>C2</t></is></c></row>\
            <row r="5"><c r="A5" s="3"/><c r="AB5"><v>7</v></c></row>
            """)
        let sheet = try XLSXReader(data: data).sheet(at: 0)
        XCTAssertEqual(sheet.rowCount, 5)
        XCTAssertEqual(sheet.rows[0], [])
        XCTAssertEqual(sheet.cell(row: 1, column: 2), .text("C2"))
        XCTAssertEqual(sheet.cell("AB5"), .number(7))
        XCTAssertEqual(sheet.cell(row: 4, column: 27), .number(7))
        XCTAssertNil(sheet.cell("A5"), "a styled cell without value is empty")
        XCTAssertNil(sheet.cell(row: 99, column: 0))
        XCTAssertEqual(sheet.columnCount, 28)
        XCTAssertEqual(sheet.textRow(1).count, 28)
        XCTAssertEqual(sheet.textRow(1)[2], "C2")
    }

    func testCountsPositionsWhenReferencesAreOmitted() throws {
        let data = try XLSXFixture.singleSheet("""
            <row><c t="inlineStr"><is><t>a</t></is></c><c><v>1</v></c></row>\
            <row><c/><c t="inlineStr"><is><t>b</t></is></c></row>\
            <row r="6"><c t="inlineStr"><is><t>f</t></is></c><c r="D6"><v>4</v></c><c><v>5</v></c></row>
            """)
        let sheet = try XLSXReader(data: data).sheet(at: 0)
        XCTAssertEqual(sheet.cell("A1"), .text("a"))
        XCTAssertEqual(sheet.cell("B1"), .number(1))
        XCTAssertEqual(sheet.cell("B2"), .text("b"))
        XCTAssertEqual(sheet.cell("A6"), .text("f"))
        XCTAssertEqual(sheet.cell("D6"), .number(4))
        XCTAssertEqual(sheet.cell("E6"), .number(5), "a cell without r follows the previous one")
    }

    func testSheetListOrderHiddenStateAndAbsoluteTargets() throws {
        let data = try XLSXFixture.workbook(sheets: [
            ("Plan", XLSXFixture.worksheet(#"<row r="1"><c r="A1"><v>1</v></c></row>"#)),
            ("Listes déroulantes", XLSXFixture.worksheet(#"<row r="1"><c r="A1"><v>2</v></c></row>"#)),
        ], sharedStrings: "<si><t>x</t></si>", absoluteTargets: true)
        let reader = try XLSXReader(data: data)
        XCTAssertEqual(reader.sheetNames, ["Plan", "Listes déroulantes"])
        XCTAssertEqual(reader.sheetInfos.map(\.partPath), ["xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"])
        XCTAssertEqual(try reader.sheet(named: " LISTES déroulantes ").cell("A1"), .number(2))
        assertRefused(.sheetNotFound(name: "Absente")) { try reader.sheet(named: "Absente") }
        let workbook = try reader.workbook()
        XCTAssertEqual(workbook.sheet(named: "plan")?.cell("A1"), .number(1))
        XCTAssertFalse(workbook.usesDate1904)
    }

    func testReadsPrefixedSpreadsheetMLAndTheDateSystem() throws {
        let sheet = """
            <?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
            <x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>préfixé</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>
            """
        let data = try XLSXFixture.workbook(sheets: [("S", sheet)], workbookPr: #"<workbookPr date1904="1"/>"#)
        let workbook = try XLSXWorkbook(data: data)
        XCTAssertEqual(workbook.sheets[0].cell("A1"), .text("préfixé"))
        XCTAssertTrue(workbook.usesDate1904)
    }

    func testReadsStoredEntriesAndZIP64Directories() throws {
        let stored = try XLSXFixture.workbook(sheets: [("S", XLSXFixture.worksheet(#"<row r="1"><c r="A1"><v>3</v></c></row>"#))], stored: true)
        XCTAssertEqual(try XLSXWorkbook(data: stored).sheets[0].cell("A1"), .number(3))
        let xml = Data(#"<workbook xmlns:r="r"><sheets><sheet name="Z" sheetId="1" r:id="rId1"/></sheets></workbook>"#.utf8)
        let zip64 = RawZip.singleEntry(path: "xl/workbook.xml", method: 0, payload: xml, declaredSize: xml.count,
                                       crc: RawZip.crc32(xml), zip64: true)
        // The workbook part is found and read through the ZIP64 sizes; its rels part is missing.
        assertRefused(.missingPart(path: "xl/_rels/workbook.xml.rels")) { try XLSXReader(data: zip64) }
    }

    func testEmptyStringsAreEmptyCells() throws {
        let data = try XLSXFixture.singleSheet(#"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="str"><v></v></c></row>"#,
                                               sharedStrings: "<si><t/></si>")
        XCTAssertEqual(try XLSXReader(data: data).sheet(at: 0).rowCount, 0)
    }

    func testStringValueRendering() {
        XCTAssertEqual(XLSXCell.number(12).stringValue, "12")
        XCTAssertEqual(XLSXCell.number(-3).stringValue, "-3")
        XCTAssertEqual(XLSXCell.number(-0.0).stringValue, "0")
        XCTAssertEqual(XLSXCell.number(12.5).stringValue, "12.5")
        XCTAssertEqual(XLSXCell.number(0.1 + 0.2).stringValue, "0.3")
        XCTAssertEqual(XLSXCell.number(1.1000000000000001).stringValue, "1.1")
        XCTAssertEqual(XLSXCell.number(45292).stringValue, "45292")
        XCTAssertEqual(XLSXCell.number(1e20).stringValue, "1e+20")
        XCTAssertEqual(XLSXCell.bool(true).stringValue, "VRAI")
        XCTAssertEqual(XLSXCell.error("#N/A").stringValue, "#N/A")
        XCTAssertEqual(XLSXCell.text("x").stringValue, "x")
        XCTAssertEqual(XLSXCell.number(2).numberValue, 2)
        XCTAssertNil(XLSXCell.text("2").numberValue)
    }

    func testReadsFromAFileURL() throws {
        var sheet = XLSXWriter.Sheet(name: "Disque")
        sheet.append(texts: ["sur disque"])
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("xlsx-\(UUID().uuidString).xlsx")
        defer { try? FileManager.default.removeItem(at: url) }
        try XLSXWriter(sheets: [sheet]).write(to: url)
        XCTAssertEqual(try XLSXWorkbook(contentsOf: url).sheets[0].cell("A1"), .text("sur disque"))
        assertRefused(.unreadableFile(path: "absent.xlsx")) {
            try XLSXReader(contentsOf: url.deletingLastPathComponent().appendingPathComponent("absent.xlsx"))
        }
    }
}
