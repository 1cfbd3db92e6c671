import XCTest
@testable import CLSFormats

/// The writer's parts, checked as XML: well-formed, escaped, in the order Excel requires.
final class XLSXWriterTests: XCTestCase {
    private func parts(_ writer: XLSXWriter) throws -> [String: String] {
        try XLSXFixture.parts(of: writer.data()).mapValues { String(decoding: $0, as: UTF8.self) }
    }

    func testEveryPartIsWellFormedXML() throws {
        var first = XLSXWriter.Sheet(name: "Actions", headerRowCount: 1, frozenRowCount: 1, frozenColumnCount: 1,
                                     columnWidths: [0: 40, 2: 12.5])
        first.append(texts: ["Titre", "Statut", "Montant"])
        first.append([.text("A & B <c> \"d\" 'e'"), .text("Ligne 1\nLigne 2"), .number(1_234.5)])
        first.append([.text("\u{0}\u{8}nul\u{B}\u{1F}"), .bool(true), .number(.nan)])
        var lists = XLSXWriter.Sheet(name: "Listes", isHidden: true)
        lists.append(texts: ["Statut"])
        lists.append(texts: ["En cours"])
        lists.append(texts: ["Réalisé"])
        first.listValidations = [
            .init(column: 1, firstRow: 1, lastRow: 999, source: .cells(sheet: "Listes", column: 0, firstRow: 1, lastRow: 2),
                  errorTitle: "Statut inconnu", errorMessage: "Choisissez un statut de la liste « Listes » & réessayez.", prompt: "Statut"),
            .init(column: 2, firstRow: 1, lastRow: 999, source: .values(["Oui", "Non"]), rejectsOtherValues: false),
        ]
        let written = try parts(XLSXWriter(sheets: [first, lists]))
        XCTAssertEqual(Set(written.keys), ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                                           "xl/styles.xml", "xl/sharedStrings.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"])
        for (name, xml) in written { assertWellFormedXML(Data(xml.utf8), name) }

        let strings = written["xl/sharedStrings.xml"]!
        XCTAssertTrue(strings.contains("<si><t>A &amp; B &lt;c&gt; &quot;d&quot; 'e'</t></si>"))
        XCTAssertTrue(strings.contains("<si><t xml:space=\"preserve\">Ligne 1\nLigne 2</t></si>"))
        XCTAssertTrue(strings.contains("<si><t>nul</t></si>"), "characters XML 1.0 forbids are dropped")
        XCTAssertTrue(strings.contains(#"count="9" uniqueCount="8""#), "\"Statut\" is stored once for two cells")
        let sheet = written["xl/worksheets/sheet1.xml"]!
        XCTAssertTrue(sheet.contains(#"<c r="A1" s="1" t="s"><v>0</v></c>"#), "header cells are bold")
        XCTAssertTrue(sheet.contains(#"<c r="B2" s="2" t="s">"#), "text with line breaks wraps")
        XCTAssertTrue(sheet.contains(#"<c r="C2"><v>1234.5</v></c>"#))
        XCTAssertTrue(sheet.contains(#"<c r="B3" t="b"><v>1</v></c>"#))
        XCTAssertTrue(sheet.contains(#"<c r="C3" t="e"><v>#NUM!</v></c>"#))
        XCTAssertTrue(sheet.contains(#"<pane xSplit="1" ySplit="1" topLeftCell="B2" activePane="bottomRight" state="frozen"/>"#))
        XCTAssertTrue(sheet.contains(#"<cols><col min="1" max="1" width="40" customWidth="1"/><col min="3" max="3" width="12.5" customWidth="1"/></cols>"#))
        XCTAssertTrue(sheet.contains(#"sqref="B2:B1000"><formula1>'Listes'!$A$2:$A$3</formula1>"#))
        XCTAssertTrue(sheet.contains(#"error="Choisissez un statut de la liste « Listes » &amp; réessayez.""#))
        XCTAssertTrue(sheet.contains(#"errorStyle="warning""#))
        XCTAssertTrue(sheet.contains("<formula1>&quot;Oui,Non&quot;</formula1>"))
        // CT_Worksheet order: views, format, columns, data, validations, margins.
        let order = ["<dimension", "<sheetViews", "<sheetFormatPr", "<cols", "<sheetData", "<dataValidations", "<pageMargins"]
        let positions = order.map { sheet.range(of: $0)!.lowerBound }
        XCTAssertEqual(positions, positions.sorted())
        XCTAssertTrue(written["xl/workbook.xml"]!.contains(#"<sheet name="Listes" sheetId="2" state="hidden" r:id="rId2"/>"#))
    }

    func testCellsAreNeverFormulas() throws {
        var sheet = XLSXWriter.Sheet(name: "Injection")
        sheet.append(texts: ["=HYPERLINK(\"http://example.com\",\"clic\")", "+1+1", "-2", "@SUM(A1)"])
        let xml = try parts(XLSXWriter(sheets: [sheet]))["xl/worksheets/sheet1.xml"]!
        XCTAssertFalse(xml.contains("<f>") || xml.contains("<f "))
        XCTAssertEqual(xml.components(separatedBy: #"t="s""#).count - 1, 4)
    }

    func testSheetNamesAreMadeValidAndUnique() throws {
        XCTAssertEqual(XLSXWriter.sheetName("Budget 2024/2025 [v2]: *final?*"), "Budget 2024-2025 -v2-- -final--")
        XCTAssertEqual(XLSXWriter.sheetName("'Citation'"), "Citation")
        XCTAssertEqual(XLSXWriter.sheetName("Une feuille au nom vraiment beaucoup trop long").count, 31)
        XCTAssertEqual(XLSXWriter.sheetName("  "), "Feuille 1")
        XCTAssertEqual(XLSXWriter.sheetName("history"), "history 1")
        let writer = XLSXWriter(sheets: [.init(name: "Plan"), .init(name: "plan"), .init(name: "PLAN"),
                                         .init(name: String(repeating: "x", count: 40)), .init(name: String(repeating: "x", count: 35))])
        XCTAssertEqual(writer.sheetNames, ["Plan", "plan (2)", "PLAN (3)", String(repeating: "x", count: 31),
                                           String(repeating: "x", count: 27) + " (2)"])
        let names = try XLSXReader(data: writer.data()).sheetNames
        XCTAssertEqual(names, writer.sheetNames)
    }

    func testAListRefersToASheetByItsFinalName() throws {
        var form = XLSXWriter.Sheet(name: "Saisie")
        form.append(texts: ["Choix"])
        form.listValidations = [.init(column: 0, firstRow: 1, lastRow: 10, source: .cells(sheet: "L'ist/es", column: 1, firstRow: 0, lastRow: 4))]
        let xml = try parts(XLSXWriter(sheets: [form, .init(name: "L'ist/es", rows: [[.text("a")]])]))["xl/worksheets/sheet1.xml"]!
        XCTAssertTrue(xml.contains("<formula1>'L''ist-es'!$B$1:$B$5</formula1>"))
    }

    func testRefusesWhatExcelCannotOpen() {
        assertRefused(.noSheetToWrite) { try XLSXWriter().data() }
        assertRefused(.invalidWriterInput(detail: "au moins une feuille doit rester visible.")) {
            try XLSXWriter(sheets: [.init(name: "A", isHidden: true)]).data()
        }
        let unknownSource = XLSXWriter.Sheet(name: "A", listValidations: [.init(column: 0, firstRow: 0, lastRow: 1, source: .cells(sheet: "Absente", column: 0, firstRow: 0, lastRow: 1))])
        XCTAssertThrowsError(try XLSXWriter(sheets: [unknownSource]).data()) { error in
            XCTAssertTrue((error as? XLSXError)?.message.contains("« Absente » absente du classeur") == true)
        }
        let tooLong = XLSXWriter.Sheet(name: "A", listValidations: [.init(column: 0, firstRow: 0, lastRow: 1, source: .values([String(repeating: "v", count: 256)]))])
        XCTAssertThrowsError(try XLSXWriter(sheets: [tooLong]).data())
        let comma = XLSXWriter.Sheet(name: "A", listValidations: [.init(column: 0, firstRow: 0, lastRow: 1, source: .values(["a,b"]))])
        XCTAssertThrowsError(try XLSXWriter(sheets: [comma]).data())
        XCTAssertThrowsError(try XLSXWriter(sheets: [.init(name: "A", columnWidths: [0: 300])]).data())
    }

    func testOutputIsReproducible() throws {
        let writer = XLSXWriter(sheets: [.init(name: "A", rows: [[.text("même"), .number(1)]])])
        XCTAssertEqual(try writer.data(), try writer.data())
    }

    func testMergedRangesAreWrittenAndReadBackAndOverlapsRefused() throws {
        let ranges = ["A2:A4", "B1:D1", "$C$3:$C$5"].compactMap(XLSXMergedRange.init)
        XCTAssertEqual(ranges.map(\.description), ["A2:A4", "B1:D1", "C3:C5"])
        XCTAssertNil(XLSXMergedRange("A1"), "a single cell is no block")
        XCTAssertNil(XLSXMergedRange("B4:A1"), "a reversed block is refused")
        XCTAssertNil(XLSXMergedRange("A1:"))
        let sheet = XLSXWriter.Sheet(name: "Fusions", rows: [[.text("a"), .text("b")], [.text("c")]], mergedRanges: ranges)
        let read = try XLSXWorkbook(data: XLSXWriter(sheets: [sheet]).data())
        XCTAssertEqual(read.sheets[0].mergedRanges, ranges)
        XCTAssertTrue(ranges[0].contains(row: 3, column: 0))
        XCTAssertFalse(ranges[0].contains(row: 4, column: 0))
        let overlapping = XLSXWriter.Sheet(name: "Chevauchement", rows: [[.text("a")]], mergedRanges: ["A1:B2", "B2:C3"].compactMap(XLSXMergedRange.init))
        XCTAssertThrowsError(try XLSXWriter(sheets: [overlapping]).data())
    }
}
