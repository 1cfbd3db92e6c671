import XCTest
@testable import CLSFormats

/// The delimited-text reader on self-made files, one quirk or refusal each.
final class TerritoryDelimitedTextTests: XCTestCase {
    private func reader(_ data: Data, _ options: DelimitedTextOptions = DelimitedTextOptions(separator: ";"),
                        name: String = "essai.csv") throws -> DelimitedTextReader {
        try DelimitedTextReader(data: data, fileName: name, options: options)
    }

    private func fields(_ data: Data, _ options: DelimitedTextOptions = DelimitedTextOptions(separator: ";")) throws -> [[String]] {
        try reader(data, options).records().map(\.fields)
    }

    // MARK: Quirks

    func testByteOrderMarkIsDroppedAndCRLFEndsLines() throws {
        var data = Data([0xEF, 0xBB, 0xBF])
        data.append(TerritoryFixture.crlf(["code;nom", "01001;L'Abergement-Clémenciat"]))
        let reader = try reader(data)
        XCTAssertEqual(reader.effectiveEncoding, .utf8)
        let records = try reader.records()
        XCTAssertEqual(records, [DelimitedRecord(line: 1, fields: ["code", "nom"]),
                                 DelimitedRecord(line: 2, fields: ["01001", "L'Abergement-Clémenciat"])])
    }

    func testLFCRLFAndLoneCRAllEndLines() throws {
        let data = Data("a;b\nc;d\r\ne;f\rg;h".utf8)
        let records = try reader(data).records()
        XCTAssertEqual(records.map(\.fields), [["a", "b"], ["c", "d"], ["e", "f"], ["g", "h"]])
        XCTAssertEqual(records.map(\.line), [1, 2, 3, 4])
    }

    func testWindows1252IsDetectedWhenTheBytesAreNotUTF8() throws {
        let data = TerritoryFixture.windows1252("code;nom\r\n42218;Saint-Étienne\r\n57463;Cœur d’Orne\r\n")
        XCTAssertTrue(data.contains(0xC9) && !data.contains(0xC3), "É is the single byte 0xC9 in Windows-1252")
        let reader = try reader(data)
        XCTAssertEqual(reader.effectiveEncoding, .windows1252)
        XCTAssertEqual(try reader.records().map(\.fields), [["code", "nom"], ["42218", "Saint-Étienne"], ["57463", "Cœur d’Orne"]])
    }

    func testWindows1252CanBeImposed() throws {
        // "Ã©" in Windows-1252 is also valid UTF-8 ("é"): only the caller knows.
        let data = Data([0x61, 0x3B, 0xC3, 0xA9, 0x0A])
        XCTAssertEqual(try fields(data), [["a", "é"]])
        XCTAssertEqual(try fields(data, DelimitedTextOptions(separator: ";", encoding: .windows1252)), [["a", "Ã©"]])
    }

    func testQuotedSeparatorsDoubledQuotesAndLineBreaks() throws {
        let data = TerritoryFixture.crlf([
            #"code,nom,note"#,
            #"QN01202M,"Bastide, Tricot et Lapeyrade","dit ""la Bastide""""#,
            #"QN03016M,"La Grand-Combe"#, #"et Branoux",5" pouces"#,
            #"QN00101M,"",fin"#,
        ])
        let records = try reader(data, DelimitedTextOptions(separator: ",")).records()
        XCTAssertEqual(records.map(\.fields), [
            ["code", "nom", "note"],
            ["QN01202M", "Bastide, Tricot et Lapeyrade", #"dit "la Bastide""#],
            ["QN03016M", "La Grand-Combe\r\net Branoux", #"5" pouces"#],
            ["QN00101M", "", "fin"],
        ])
        XCTAssertEqual(records.map(\.line), [1, 2, 3, 5], "a quoted line break counts as a line of the file")
    }

    func testTitleLinesAreSkippedAndCounted() throws {
        var data = Data([0xEF, 0xBB, 0xBF])
        data.append(TerritoryFixture.lf([#"CartoSanté; "titre ; "#, "Référentiel géographique : France par bassin de vie; ; ",
                                         "Code;Libellé;APL", "01004;Ambérieu-en-Bugey;3"]))
        var rows: [(Int, String, String)] = []
        try reader(data, DelimitedTextOptions(separator: ";", titleLines: 2))
            .readTable(kind: "un fichier d'indicateurs", columns: ["Code", "Libellé"]) { row in
                rows.append((row.line, row.text("Code"), row.text("libellé")))
            }
        XCTAssertEqual(rows.map(\.0), [4])
        XCTAssertEqual(rows.map(\.1), ["01004"])
        XCTAssertEqual(rows.map(\.2), ["Ambérieu-en-Bugey"], "columns are found whatever their case")
    }

    func testBlankRowsAndTheTrailingSeparatorRowAreSkipped() throws {
        let data = TerritoryFixture.crlf(["a;b;c", "1;2;3", "", "4;5;6", ";;", " ; ; "])
        var lines: [Int] = []
        try reader(data).readTable(kind: "essai", columns: ["a", "b", "c"]) { lines.append($0.line) }
        XCTAssertEqual(lines, [2, 4])
    }

    func testTrailingEmptyFieldsAreTolerated() throws {
        let data = TerritoryFixture.crlf(["a;b", "1;2;", "3;4;;"])
        var values: [String] = []
        try reader(data).readTable(kind: "essai", columns: ["a", "b"]) { values.append($0.text("b")) }
        XCTAssertEqual(values, ["2", "4"])
    }

    func testThousandsSeparatorsWithNormalNoBreakAndNarrowSpaces() throws {
        XCTAssertEqual(TerritoryValues.wholeNumber("15 156"), 15_156)
        XCTAssertEqual(TerritoryValues.wholeNumber("1\u{00A0}449\u{00A0}118"), 1_449_118)
        XCTAssertEqual(TerritoryValues.wholeNumber("15\u{202F}156"), 15_156)
        XCTAssertEqual(TerritoryValues.wholeNumber("876"), 876)
        XCTAssertEqual(TerritoryValues.wholeNumber("0"), 0)
        for refused in ["", " ", "15,156", "15.156", "-3", "12a", "1e3", "99999999999999999999"] {
            XCTAssertNil(TerritoryValues.wholeNumber(refused), refused)
        }
        // Through a row, a no-break space written by Windows-1252 (0xA0).
        let data = TerritoryFixture.windows1252("nom;pop\r\nLyon;1\u{00A0}449\u{00A0}118\r\nAnnot;1 042\r\n")
        var counts: [Int] = []
        try reader(data).readTable(kind: "essai", columns: ["nom", "pop"]) { counts.append(try $0.wholeNumber("pop")) }
        XCTAssertEqual(counts, [1_449_118, 1_042])
    }

    func testSeparatorGuessFollowsTheHeaderLine() {
        XCTAssertEqual(DelimitedTextReader.guessSeparator(in: Data("a;b;c\n1,5;2;3".utf8), fallback: ","), ";")
        XCTAssertEqual(DelimitedTextReader.guessSeparator(in: Data("a,b,c\n1;2;3;4;5".utf8), fallback: ";"), ",")
        XCTAssertEqual(DelimitedTextReader.guessSeparator(in: Data(#""a;b",c"#.utf8), fallback: ";"), ",", "quoted separators do not count")
        XCTAssertEqual(DelimitedTextReader.guessSeparator(in: Data("seul\n".utf8), fallback: ";"), ";")
        XCTAssertEqual(DelimitedTextReader.guessSeparator(in: Data("titre, deux\r\na;b\r\n".utf8), titleLines: 1, fallback: ","), ";")
    }

    func testReadsAFileFromDisk() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("territoire-\(UUID().uuidString).csv")
        try TerritoryFixture.crlf(["a;b", "1;2"]).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let reader = try DelimitedTextReader(contentsOf: url, options: DelimitedTextOptions(separator: ";"))
        XCTAssertEqual(reader.fileName, url.lastPathComponent)
        XCTAssertEqual(try reader.records().map(\.fields), [["a", "b"], ["1", "2"]])
    }

    // MARK: Refusals

    func testInvalidUTF8WithoutFallbackNamesLineColumnAndBytes() {
        let data = TerritoryFixture.windows1252("code;nom\r\n42218;Saint-Étienne\r\n")
        assertTerritoryRefusal(.invalidEncoding(file: "essai.csv", line: 2, column: "nom", bytes: "0xC9", encoding: "UTF-8"),
                               mentions: ["« essai.csv »", "ligne 2", "colonne « nom »", "0xC9", "UTF-8"]) {
            try reader(data, DelimitedTextOptions(separator: ";", encoding: .utf8)).records()
        }
    }

    func testAByteOrderMarkMeansUTF8() {
        var data = Data([0xEF, 0xBB, 0xBF])
        data.append(TerritoryFixture.windows1252("code;nom\r\n42218;Saint-Étienne\r\n"))
        assertTerritoryRefusal(.invalidEncoding(file: "essai.csv", line: 2, column: "nom", bytes: "0xC9", encoding: "UTF-8")) {
            try reader(data).records()
        }
    }

    func testInvalidUTF8InTheHeaderHasNoColumn() {
        let data = Data([0x61, 0xFF, 0x3B, 0x62, 0x0A])
        assertTerritoryRefusal(.invalidEncoding(file: "essai.csv", line: 1, column: nil, bytes: "0xFF", encoding: "UTF-8"),
                               mentions: ["ligne 1", "0xFF"]) {
            try reader(data, DelimitedTextOptions(separator: ";", encoding: .utf8)).records()
        }
    }

    func testUnterminatedQuote() {
        let data = TerritoryFixture.crlf(["code;nom", #"01001;"L'Abergement"#, "01002;Ambérieu"])
        assertTerritoryRefusal(.unterminatedQuote(file: "essai.csv", line: 2, column: "nom"),
                               mentions: ["ligne 2", "colonne « nom »", "guillemet"]) {
            try reader(data).records()
        }
    }

    func testTextAfterAClosingQuote() {
        let data = TerritoryFixture.crlf(["code;nom", #"01001;"L'Abergement" Clémenciat;x"#])
        assertTerritoryRefusal(.unexpectedCharacterAfterQuote(file: "essai.csv", line: 2, column: "nom"),
                               mentions: ["ligne 2", "colonne « nom »"]) {
            try reader(data).records()
        }
    }

    func testTruncatedRow() {
        let data = TerritoryFixture.crlf(["a;b;c", "1;2;3", "4;5"])
        assertTerritoryRefusal(.wrongFieldCount(file: "essai.csv", line: 3, expected: 3, found: 2, column: "c"),
                               mentions: ["« essai.csv »", "ligne 3", "2 valeurs au lieu de 3", "avant la colonne « c »"]) {
            try reader(data).readTable(kind: "essai", columns: ["a"]) { _ in }
        }
    }

    func testExtraValuesAreRefused() {
        let data = TerritoryFixture.crlf(["a;b", "1;2;3"])
        assertTerritoryRefusal(.wrongFieldCount(file: "essai.csv", line: 2, expected: 2, found: 3, column: "b"),
                               mentions: ["3 valeurs au lieu de 2", "dernière colonne « b »", "entre guillemets"]) {
            try reader(data).readTable(kind: "essai", columns: ["a"]) { _ in }
        }
    }

    func testWrongHeader() {
        let data = TerritoryFixture.crlf(["code;libellé", "1;2"])
        assertTerritoryRefusal(.unexpectedColumns(file: "essai.csv", kind: "un essai", expected: ["code", "nom"], found: ["code", "libellé"]),
                               mentions: ["Le fichier « essai.csv » ne ressemble pas à un essai", "colonnes attendues « code », « nom »",
                                          "trouvées « code », « libellé »"]) {
            try reader(data).readTable(kind: "un essai", columns: ["code", "nom"]) { _ in }
        }
    }

    func testNonNumericCountNamesLineColumnAndValue() {
        let data = TerritoryFixture.crlf(["nom;pop", "Annot;1 042", "Castellane;1 4x4"])
        assertTerritoryRefusal(
            .invalidValue(file: "essai.csv", line: 3, column: "pop", value: "1 4x4",
                          expected: "un nombre entier positif, les milliers pouvant être séparés par des espaces"),
            mentions: ["ligne 3", "colonne « pop »", "« 1 4x4 »"]) {
                try reader(data).readTable(kind: "essai", columns: ["nom", "pop"]) { _ = try $0.wholeNumber("pop") }
            }
    }

    func testEmptyFiles() {
        assertTerritoryRefusal(.emptyFile(file: "essai.csv"), mentions: ["« essai.csv » est vide"]) {
            try reader(Data()).records()
        }
        assertTerritoryRefusal(.emptyFile(file: "essai.csv")) { try reader(Data([0xEF, 0xBB, 0xBF])).records() }
        assertTerritoryRefusal(.emptyFile(file: "essai.csv")) {
            try reader(Data("\r\n;;\r\n".utf8)).readTable(kind: "essai", columns: ["a"]) { _ in }
        }
    }

    func testOversizedFileIsRefusedBeforeReading() {
        assertTerritoryRefusal(.fileTooLarge(file: "essai.csv", limitBytes: 8), mentions: ["taille maximale"]) {
            try reader(Data("a;b\n1;2\n3;4\n".utf8), DelimitedTextOptions(separator: ";", maxBytes: 8))
        }
    }

    func testMissingFile() {
        let url = URL(fileURLWithPath: "/nonexistent/absent-\(UUID().uuidString).csv")
        assertTerritoryRefusal(.unreadableFile(file: url.lastPathComponent), mentions: ["n'a pas pu être lu"]) {
            try DelimitedTextReader(contentsOf: url)
        }
    }
}
