import XCTest
@testable import CLSFormats

/// Hostile and broken files: each is refused with its own error and a French message, quickly.
final class XLSXReaderRefusalTests: XCTestCase {
    func testRefusesWhatIsNotAZip() {
        var generator = SystemRandomNumberGenerator()
        let random = Data((0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) })
        assertRefused(.notAZip) { try XLSXReader(data: Data("P".utf8) + random) }
        assertRefused(.notAZip) { try XLSXReader(data: Data()) }
        assertRefused(.notAZip) { try XLSXReader(data: Data("Titre;Statut\r\nA;B\r\n".utf8)) }
        // A zip signature with no directory behind it.
        assertRefused(.notAZip) { try XLSXReader(data: Data([0x50, 0x4B, 0x03, 0x04]) + random) }
        XCTAssertTrue(XLSXError.notAZip.message.hasPrefix("Le fichier n'est pas un classeur Excel (.xlsx) lisible"))
    }

    func testRefusesOldAndEncryptedWorkbooks() {
        let compoundFile = Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + Data(count: 512)
        assertRefused(.legacyOrEncrypted) { try XLSXReader(data: compoundFile) }
        XCTAssertTrue(XLSXError.legacyOrEncrypted.message.contains("mot de passe"))
    }

    func testRefusesAnEmptyZipAndOtherPackages() throws {
        let empty = try ZipPackageWriter.archive([])
        assertRefused(.missingPart(path: "xl/workbook.xml")) { try XLSXReader(data: empty) }
        let document = try ZipPackageWriter.archive([("word/document.xml", Data("<document/>".utf8))])
        assertRefused(.missingPart(path: "xl/workbook.xml")) { try XLSXReader(data: document) }
        let openDocument = try ZipPackageWriter.archive([("mimetype", Data("application/vnd.oasis.opendocument.spreadsheet".utf8)),
                                                         ("content.xml", Data("<office:document-content/>".utf8))])
        assertRefused(.unsupportedSpreadsheet(kind: "OpenDocument (.ods)")) { try XLSXReader(data: openDocument) }
    }

    func testRefusesAWorkbookWithoutItsRelationships() throws {
        let data = try ZipPackageWriter.archive([("xl/workbook.xml", Data(#"<workbook><sheets><sheet name="A" sheetId="1" r:id="rId1" xmlns:r="x"/></sheets></workbook>"#.utf8))])
        assertRefused(.missingPart(path: "xl/_rels/workbook.xml.rels")) { try XLSXReader(data: data) }
    }

    func testRefusesDoctypeAndEntities() throws {
        let billionLaughs = """
            <?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>\
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>\
            <row r="1"><c r="A1" t="inlineStr"><is><t>&b;</t></is></c></row></sheetData></worksheet>
            """
        let data = try XLSXFixture.workbook(sheets: [("Piège", billionLaughs)])
        let reader = try XLSXReader(data: data)
        assertRefused(.forbiddenXML(part: "xl/worksheets/sheet1.xml")) { try reader.sheet(at: 0) }

        let external = #"<?xml version="1.0"?><!DOCTYPE sst SYSTEM "file:///etc/passwd"><sst/>"#
        let withExternal = try XLSXFixture.workbook(sheets: [("A", XLSXFixture.worksheet(""))], sharedStrings: "")
        var parts = try XLSXFixture.parts(of: withExternal)
        parts["xl/sharedStrings.xml"] = Data(external.utf8)
        let rebuilt = try ZipPackageWriter.archive(parts.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
        assertRefused(.forbiddenXML(part: "xl/sharedStrings.xml")) { try XLSXReader(data: rebuilt) }
        XCTAssertTrue(XLSXError.forbiddenXML(part: "x").message.contains("DOCTYPE"))
    }

    func testRefusesUTF16Parts() throws {
        var utf16 = Data([0xFF, 0xFE])
        utf16.append(XLSXFixture.worksheet("").data(using: .utf16LittleEndian)!)
        let data = try XLSXFixture.workbook(sheets: [("A", "")])
        var parts = try XLSXFixture.parts(of: data)
        parts["xl/worksheets/sheet1.xml"] = utf16
        let rebuilt = try ZipPackageWriter.archive(parts.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
        assertRefused(.unsupportedEncoding(part: "xl/worksheets/sheet1.xml")) { try XLSXReader(data: rebuilt).sheet(at: 0) }
    }

    /// Found by the reliability campaign: one invalid UTF-8 byte in an element or attribute name
    /// made Foundation's `XMLParser` abort the whole process (SIGILL) instead of failing.
    func testRefusesInvalidUTF8InNamesWithoutCrashing() throws {
        let data = try XLSXFixture.singleSheet(#"<row r="1"><c r="A1"><v>1</v></c></row>"#)
        var parts = try XLSXFixture.parts(of: data)
        func rebuilt() throws -> Data { try ZipPackageWriter.archive(parts.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }) }

        var sheet = Data(XLSXFixture.worksheet(#"<row r="200" "#).utf8)
        let close = sheet.range(of: Data("</sheetData>".utf8))!
        sheet.replaceSubrange(close.lowerBound..<close.lowerBound, with: Data([0xFF]) + Data(#"="1"/>"#.utf8))
        parts["xl/worksheets/sheet1.xml"] = sheet
        assertRefused(.unsupportedEncoding(part: "xl/worksheets/sheet1.xml")) { try XLSXReader(data: rebuilt()).sheet(at: 0) }

        parts = try XLSXFixture.parts(of: data)
        var rels = parts["_rels/.rels"]!
        let name = rels.range(of: Data("<Relationships".utf8))!
        rels.replaceSubrange(name, with: Data("<Rel".utf8) + Data([0xC3]) + Data("(ationships".utf8))
        parts["_rels/.rels"] = rels
        assertRefused(.unsupportedEncoding(part: "_rels/.rels")) { try XLSXReader(data: rebuilt()) }

        // A comment and a processing instruction are decoded the same way by Foundation.
        parts = try XLSXFixture.parts(of: XLSXFixture.singleSheet("", sharedStrings: "<si><t>a</t></si>"))
        parts["xl/sharedStrings.xml"] = Data("<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst><!-- ".utf8) + Data([0xE9]) + Data(" --></sst>".utf8)
        assertRefused(.unsupportedEncoding(part: "xl/sharedStrings.xml")) { try XLSXReader(data: rebuilt()) }
        parts = try XLSXFixture.parts(of: data)
        parts["xl/worksheets/sheet1.xml"] = Data("<?xml version=\"1.0\"?><?pi".utf8) + Data([0xC0, 0xAF]) + Data(" x?><worksheet/>".utf8)
        assertRefused(.unsupportedEncoding(part: "xl/worksheets/sheet1.xml")) { try XLSXReader(data: rebuilt()).sheet(at: 0) }
    }

    /// Found by the fuzzer: a cell opened inside an unclosed value reset the value while the
    /// reader still collected its text, and a force-unwrap aborted the process.
    func testACellInsideAnUnclosedValueIsRefusedWithoutCrashing() throws {
        let data = try XLSXFixture.singleSheet(#"<row r="1"><c r="A1"><v>1<c r="B1">x</c></v></c></row>"#)
        XCTAssertThrowsError(try XLSXReader(data: data).sheet(at: 0))
        let inline = try XLSXFixture.singleSheet(#"<row r="1"><c r="A1" t="inlineStr"><is><t>a<c r="B1">b</c></t></is></c></row>"#)
        XCTAssertThrowsError(try XLSXReader(data: inline).sheet(at: 0))
    }

    func testRefusesAnotherDeclaredEncoding() throws {
        let latin1 = #"<?xml version="1.0" encoding="ISO-8859-1"?><worksheet><sheetData/></worksheet>"#
        let data = try XLSXFixture.workbook(sheets: [("A", latin1)])
        assertRefused(.unsupportedEncoding(part: "xl/worksheets/sheet1.xml")) { try XLSXReader(data: data).sheet(at: 0) }
        let quoted = XLSXFixture.worksheet("").replacingOccurrences(of: #"encoding="UTF-8""#, with: "encoding = 'utf-8'")
        XCTAssertEqual(try XLSXReader(data: XLSXFixture.workbook(sheets: [("A", quoted)])).sheet(at: 0).rowCount, 0)
    }

    /// The validation runs in slices: a character cut by a slice boundary is still valid, and an
    /// invalid byte anywhere, the last one included, is found.
    func testUTF8ValidationAcrossSlices() {
        for prefix in 0..<4 {
            let text = String(repeating: "a", count: prefix) + String(repeating: "é€😀", count: 40_000)
            XCTAssertTrue(SafeXML.isValidUTF8(Data(text.utf8)), "prefix \(prefix)")
            XCTAssertFalse(SafeXML.isValidUTF8(Data(text.utf8) + Data([0xF0, 0x9F])), "cut character at the end, prefix \(prefix)")
            var broken = Data(text.utf8)
            broken[70_000 + prefix] = 0xFF
            XCTAssertFalse(SafeXML.isValidUTF8(broken), "prefix \(prefix)")
        }
        XCTAssertTrue(SafeXML.isValidUTF8(Data()))
        XCTAssertFalse(SafeXML.isValidUTF8(Data([0xED, 0xA0, 0x80])), "a surrogate")
        XCTAssertFalse(SafeXML.isValidUTF8(Data([0xC0, 0x80])), "an overlong form")
        XCTAssertFalse(SafeXML.isValidUTF8(Data(repeating: 0x80, count: 70_000)), "continuation bytes only")
    }

    func testRefusesAZipBombByItsDeclaredSize() throws {
        // 20 MB of zeros deflate to about 20 KB. The limit is lowered so the test stays fast;
        // the bomb is refused from the directory, before a byte is inflated.
        let zeros = Data(count: 20_000_000)
        let bomb = try ZipPackageWriter.archive([("xl/workbook.xml", zeros)])
        XCTAssertLessThan(bomb.count, 100_000)
        let limits = XLSXLimits(maxUncompressedBytes: 10_000_000)
        assertRefused(.uncompressedSizeExceeded(limitBytes: 10_000_000)) { try XLSXReader(data: bomb, limits: limits) }
        // With room to spare on size, the ratio (about 1,000) gives it away.
        assertRefused(.suspiciousCompression(part: "xl/workbook.xml", limitRatio: 100)) { try XLSXReader(data: bomb) }
    }

    func testStopsInflatingABombThatLiesAboutItsSize() throws {
        let bomb = try ZipPackageWriter.archive([("xl/workbook.xml", Data(count: 20_000_000))])
        // The archive now claims 1,000 bytes: inflation stops at the first chunk beyond them.
        let liar = RawZip.withDeclaredSize(bomb, 1_000)
        assertRefused(.corruptArchive(detail: "« xl/workbook.xml » : taille annoncée dépassée")) { try XLSXReader(data: liar) }
        // Since what is produced never exceeds what is declared, and what is declared is checked
        // against the budget and the ratio first, the lie cannot get past either limit.
    }

    func testRefusesADeflateStreamThatNeverEnds() {
        // A stored block announcing 65,535 bytes with only 10 behind it. ZIPFoundation's Linux
        // inflater, fed the archive directly, reads past the entry and then waits for the rest
        // forever; fed by ZipExtractor, it is stopped. Regression test for that hang.
        let payload = Data([0x00, 0xFF, 0xFF, 0x00, 0x00]) + Data("<workbook>".utf8)
        let archive = RawZip.singleEntry(path: "xl/workbook.xml", method: 8, payload: payload, declaredSize: 900_000)
        assertRefused(.corruptArchive(detail: "« xl/workbook.xml » : flux compressé tronqué")) { try XLSXReader(data: archive) }
        let smaller = RawZip.singleEntry(path: "xl/workbook.xml", method: 8, payload: payload, declaredSize: 60_000)
        assertRefused(.corruptArchive(detail: "« xl/workbook.xml » : taille annoncée dépassée")) { try XLSXReader(data: smaller) }
    }

    func testRefusesBadChecksumsAndLyingOffsets() throws {
        let xml = Data("<workbook/>".utf8)
        let badCRC = RawZip.singleEntry(path: "xl/workbook.xml", method: 0, payload: xml, declaredSize: xml.count, crc: 0x1234_5678)
        assertRefused(.corruptArchive(detail: "« xl/workbook.xml » : somme de contrôle inexacte")) { try XLSXReader(data: badCRC) }
        var truncated = RawZip.singleEntry(path: "xl/workbook.xml", method: 0, payload: xml, declaredSize: xml.count)
        truncated.replaceSubrange(18..<22, with: RawZip.le32(5_000)) // local header claims more data than exists
        var directoryCopy = [UInt8](truncated)
        if let start = (0..<(directoryCopy.count - 4)).last(where: { directoryCopy[$0..<$0 + 4].elementsEqual([0x50, 0x4B, 0x01, 0x02]) }) {
            for (offset, byte) in RawZip.le32(5_000).enumerated() { directoryCopy[start + 20 + offset] = byte }
        }
        assertRefused(.corruptArchive(detail: "contenu de « xl/workbook.xml » hors de l'archive")) { try XLSXReader(data: Data(directoryCopy)) }
    }

    func testRefusesTooManyRowsAndColumnsNamingTheCell() throws {
        let rows = (1...11).map { "<row r=\"\($0)\"><c r=\"A\($0)\"><v>\($0)</v></c></row>" }.joined()
        let data = try XLSXFixture.workbook(sheets: [("Plan d'action", XLSXFixture.worksheet(rows))])
        let limits = XLSXLimits(maxRows: 10, maxColumns: 5)
        let error = XLSXError.tooManyRows(sheet: "Plan d'action", row: 11, limit: 10)
        assertRefused(error) { try XLSXReader(data: data, limits: limits).sheet(at: 0) }
        XCTAssertTrue(error.message.contains("« Plan d'action »") && error.message.contains("ligne 11"))
        XCTAssertEqual(try XLSXReader(data: data, limits: XLSXLimits(maxRows: 11)).sheet(at: 0).rowCount, 11)

        let wide = try XLSXFixture.singleSheet(#"<row r="3"><c r="F3"><v>1</v></c></row>"#)
        assertRefused(.tooManyColumns(sheet: "Feuille", reference: "F3", limit: 5)) { try XLSXReader(data: wide, limits: limits).sheet(at: 0) }
        // Styled empty cells far away do not count.
        let styled = try XLSXFixture.singleSheet(#"<row r="1048576"><c r="XFD1048576" s="1"/></row>"#)
        XCTAssertEqual(try XLSXReader(data: styled, limits: limits).sheet(at: 0).rowCount, 0)
    }

    func testRefusesBadCellsNamingSheetAndCell() throws {
        let outOfRange = try XLSXFixture.singleSheet(#"<row r="4"><c r="B4" t="s"><v>7</v></c></row>"#, sharedStrings: "<si><t>seule</t></si>")
        let error = XLSXError.invalidCellValue(sheet: "Feuille", reference: "B4", value: "7")
        assertRefused(error) { try XLSXReader(data: outOfRange).sheet(at: 0) }
        XCTAssertEqual(error.message, "La feuille « Feuille », cellule B4, contient une valeur illisible (« 7 ») : corrigez la cellule et enregistrez à nouveau.")
        let notANumber = try XLSXFixture.singleSheet(#"<row r="1"><c r="C1"><v>douze</v></c></row>"#)
        assertRefused(.invalidCellValue(sheet: "Feuille", reference: "C1", value: "douze")) { try XLSXReader(data: notANumber).sheet(at: 0) }
        let badReference = try XLSXFixture.singleSheet(#"<row r="1"><c r="1A"><v>1</v></c></row>"#)
        assertRefused(.invalidCellReference(sheet: "Feuille", reference: "1A")) { try XLSXReader(data: badReference).sheet(at: 0) }
    }

    func testRefusesMalformedXMLNamingTheSheet() throws {
        let data = try XLSXFixture.workbook(sheets: [("Budget", "<worksheet><sheetData><row></sheetData>")])
        do {
            _ = try XLSXReader(data: data).sheet(at: 0)
            XCTFail("malformed XML must be refused")
        } catch let XLSXError.malformedXML(part, sheet, line) {
            XCTAssertEqual(part, "xl/worksheets/sheet1.xml")
            XCTAssertEqual(sheet, "Budget")
            XCTAssertGreaterThanOrEqual(line, 1)
            XCTAssertTrue(XLSXError.malformedXML(part: part, sheet: sheet, line: line).message.contains("la feuille « Budget »"))
        }
    }

    func testRefusesATruncatedPart() throws {
        var sheet = XLSXWriter.Sheet(name: "Coupée")
        for row in 0..<50 { sheet.append([.text("ligne \(row)"), .number(Double(row))]) }
        var parts = try XLSXFixture.parts(of: XLSXWriter(sheets: [sheet]).data())
        let whole = parts["xl/worksheets/sheet1.xml"]!
        for cut in [whole.count / 2, whole.count - 1, 80] {
            parts["xl/worksheets/sheet1.xml"] = whole.prefix(cut)
            let data = try ZipPackageWriter.archive(parts.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
            XCTAssertThrowsError(try XLSXReader(data: data).sheet(at: 0), "cut at \(cut)") { error in
                guard case XLSXError.malformedXML(_, let name, _)? = error as? XLSXError else {
                    return XCTFail("\(error)")
                }
                XCTAssertEqual(name, "Coupée")
            }
        }
    }

    func testRefusesTooManyEntriesSheetsAndOversizedFiles() throws {
        let many = try ZipPackageWriter.archive((0..<12).map { ("f\($0).xml", Data("<a/>".utf8)) })
        assertRefused(.tooManyEntries(limit: 10)) { try XLSXReader(data: many, limits: XLSXLimits(maxEntries: 10)) }
        let three = try XLSXFixture.workbook(sheets: [("A", ""), ("B", ""), ("C", "")])
        assertRefused(.tooManySheets(limit: 2)) { try XLSXReader(data: three, limits: XLSXLimits(maxSheets: 2)) }
        assertRefused(.fileTooLarge(limitBytes: 100)) { try XLSXReader(data: three, limits: XLSXLimits(maxFileBytes: 100)) }
    }

    func testMessagesAreFrenchAndNameWhatToFix() {
        XCTAssertEqual(XLSXError.tooManyRows(sheet: "Plan", row: 100_001, limit: 100_000).message,
                       "La feuille « Plan » contient des données à la ligne 100\u{202F}001, au-delà de la limite de 100\u{202F}000 lignes : découpez-la en plusieurs fichiers.")
        XCTAssertEqual(XLSXError.uncompressedSizeExceeded(limitBytes: 100_000_000).message,
                       "Le classeur décompressé dépasse la taille maximale acceptée (100 Mo) : découpez-le en plusieurs classeurs.")
        XCTAssertEqual(XLSXError.tooManyColumns(sheet: "Plan", reference: "GS2", limit: 200).localizedDescription,
                       "La feuille « Plan » contient une valeur en cellule GS2, au-delà de la limite de 200 colonnes : supprimez les colonnes inutiles.")
    }
}
