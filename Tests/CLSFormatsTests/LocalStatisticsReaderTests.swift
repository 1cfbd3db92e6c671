import XCTest
@testable import CLSFormats

/// `LocalStatisticsReader` on small self-made files written with the quirks of the INSEE
/// "Statistiques locales" and CartoSanté exports, then on the real files of `../shared/data`.
final class LocalStatisticsReaderTests: XCTestCase {
    static let bom = Data([0xEF, 0xBB, 0xBF])

    /// UTF-8 with a byte-order mark, LF, no final line break: as the real exports are.
    static func export(_ lines: [String]) -> Data { bom + Data(lines.joined(separator: "\n").utf8) }

    static func read(_ lines: [String], fileName: String = "stats.csv") throws -> LocalStatisticsTable {
        try LocalStatisticsReader.read(data: export(lines), fileName: fileName)
    }

    static let inseeTitle = "Insee - Statistiques locales; ; ; "
    static let livingAreaTitle = "Référentiel géographique : France par bassin de vie; ; ; "

    /// Four columns, title lines: the smallest complete export.
    static func table(_ rows: [String], header: String = "Code;Libellé;Taux de pauvreté 2021;Médiane du niveau de vie 2021") -> [String] {
        [inseeTitle, livingAreaTitle, header] + rows
    }

    // MARK: Reading

    func testReadsAnExportWithByteOrderMarkAndTitleLines() throws {
        let table = try Self.read(Self.table([
            "01004;Ambérieu-en-Bugey;11.1;23250",
            "2A004;Ajaccio;18.4;22370",
            "97611;Mamoudzou;N/A - résultat non disponible;N/A - résultat non disponible",
        ]))
        XCTAssertEqual(table.source, "Insee - Statistiques locales")
        XCTAssertEqual(table.level, .livingArea)
        XCTAssertEqual(table.levelLabel, "bassin de vie")
        XCTAssertEqual(table.indicators, [
            LocalIndicatorColumn(key: "taux-de-pauvrete-2021", label: "Taux de pauvreté", year: 2021),
            LocalIndicatorColumn(key: "mediane-du-niveau-de-vie-2021", label: "Médiane du niveau de vie", year: 2021),
        ])
        XCTAssertEqual(table.rows, [
            LocalStatisticsRow(line: 4, code: "01004", name: "Ambérieu-en-Bugey", values: [11.1, 23_250]),
            LocalStatisticsRow(line: 5, code: "2A004", name: "Ajaccio", values: [18.4, 22_370]),
            LocalStatisticsRow(line: 6, code: "97611", name: "Mamoudzou", values: [nil, nil]),
        ])
        XCTAssertEqual(table.missingValueCount, 2)
        XCTAssertEqual(table.indicatorIndex(key: "mediane-du-niveau-de-vie-2021"), 1)
        XCTAssertEqual(table.indicators[0].header, "Taux de pauvreté 2021")
    }

    func testWithoutByteOrderMarkWithCRLFAndAFinalLineBreak() throws {
        let lines = Self.table(["01004;Ambérieu-en-Bugey;11.1;23250"])
        let table = try LocalStatisticsReader.read(data: TerritoryFixture.crlf(lines), fileName: "stats.csv")
        XCTAssertEqual(table.source, "Insee - Statistiques locales")
        XCTAssertEqual(table.rows.map(\.code), ["01004"])
        XCTAssertEqual(table.rows[0].values, [11.1, 23_250])
    }

    func testSavedAgainByExcelInWindows1252() throws {
        let text = Self.table(["01004;Ambérieu-en-Bugey;11,1;23250"]).joined(separator: "\r\n")
        let table = try LocalStatisticsReader.read(data: TerritoryFixture.windows1252(text), fileName: "stats.csv")
        XCTAssertEqual(table.levelLabel, "bassin de vie")
        XCTAssertEqual(table.indicators[0].label, "Taux de pauvreté")
        XCTAssertEqual(table.rows[0].name, "Ambérieu-en-Bugey")
        XCTAssertEqual(table.rows[0].values, [11.1, 23_250])
    }

    func testCodesKeepTheirLeadingZerosAndLetters() throws {
        let table = try Self.read([Self.inseeTitle, "Référentiel géographique : France par département; ; ",
                                   "Code;Libellé;Médecin généraliste (en nombre) 2024",
                                   "01;Ain;439", "2A;Corse-du-Sud;201", "976;Mayotte;39", "2A05;Ajaccio-5;2", "976ZZ;Mayotte;3"])
        XCTAssertEqual(table.rows.map(\.code), ["01", "2A", "976", "2A05", "976ZZ"])
    }

    func testWithoutTitleLinesTheHeaderIsTheFirstLine() throws {
        let table = try Self.read(["Code;Libellé;APL Médecins généralistes 2023", "01004;Ambérieu-en-Bugey;3"])
        XCTAssertEqual(table.source, "")
        XCTAssertEqual(table.level, .other(""))
        XCTAssertEqual(table.levelLabel, "")
        XCTAssertEqual(table.indicators, [LocalIndicatorColumn(key: "apl-medecins-generalistes-2023", label: "APL Médecins généralistes", year: 2023)])
        XCTAssertEqual(table.rows, [LocalStatisticsRow(line: 2, code: "01004", name: "Ambérieu-en-Bugey", values: [3])])
    }

    // MARK: Title lines

    func testLevelOfTheFourRealSecondLines() throws {
        let cases: [(title: String, source: String, line2: String, level: LocalStatisticsLevel, label: String)] = [
            ("CartoSanté; ; ", "CartoSanté", "Référentiel géographique : France par bassin de vie / canton-ville; ; ",
             .livingArea, "bassin de vie / canton-ville"),
            ("Insee - Statistiques locales; ; ; ; ; ; ; ; ; ; ; ; ; ; ; ; ; ", "Insee - Statistiques locales",
             "Référentiel géographique : France par bassin de vie; ; ; ; ; ; ; ; ; ; ; ; ; ; ; ; ; ", .livingArea, "bassin de vie"),
            ("CartoSanté; ; ; ; ; ; ; ; ; ", "CartoSanté", "Référentiel géographique : France par bassin de vie; ; ; ; ; ; ; ; ; ",
             .livingArea, "bassin de vie"),
            ("Insee - Statistiques locales; ; ; ; ; ; ; ; ; ; ; ; ; ; ; ; ; ; ; ; ; ; ; ", "Insee - Statistiques locales",
             "Référentiel géographique : France par département; ; ; ; ; ; ; ; ; ; ; ; ; ; ; ; ; ; ; ; ; ; ; ", .department, "département"),
        ]
        for item in cases {
            let table = try Self.read([item.title, item.line2, "Code;Libellé;Indicateur 2024", "01;Ain;1"])
            XCTAssertEqual(table.source, item.source, item.line2)
            XCTAssertEqual(table.level, item.level, item.line2)
            XCTAssertEqual(table.levelLabel, item.label, item.line2)
        }
    }

    func testOtherLevels() throws {
        let cases: [(line2: String, level: LocalStatisticsLevel, label: String)] = [
            ("Référentiel géographique : France par région; ; ", .region, "région"),
            ("Référentiel géographique : France par commune; ; ", .commune, "commune"),
            ("Référentiel géographique : France par EPCI; ; ", .epci, "EPCI"),
            ("Référentiel géographique : France par intercommunalité (EPCI); ; ", .epci, "intercommunalité (EPCI)"),
            ("Référentiel géographique : France par zone d'emploi; ; ", .other("zone d'emploi"), "zone d'emploi"),
            ("Référentiel géographique : Hauts-de-France; ; ", .other("Hauts-de-France"), "Hauts-de-France"),
        ]
        for item in cases {
            let table = try Self.read([Self.inseeTitle, item.line2, "Code;Libellé;Indicateur 2024", "01;Ain;1"])
            XCTAssertEqual(table.level, item.level, item.line2)
            XCTAssertEqual(table.levelLabel, item.label, item.line2)
        }
    }

    // MARK: Headers

    func testYearExtraction() throws {
        let header = "Code;Libellé;Densité de population (historique depuis 1876) 2022;Part des pers. âgées de 75 ans ou + 2022;"
            + "Population 2015-2021;Indicateur sans année;Nombre de lits 12345"
        let table = try Self.read(Self.table(["01;Ain;116.5;9.8;1;2;3"], header: header))
        XCTAssertEqual(table.indicators.map(\.label), ["Densité de population (historique depuis 1876)", "Part des pers. âgées de 75 ans ou +",
                                                       "Population 2015-2021", "Indicateur sans année", "Nombre de lits 12345"])
        XCTAssertEqual(table.indicators.map(\.year), [2022, 2022, nil, nil, nil])
        XCTAssertEqual(table.indicators.map(\.key), ["densite-de-population-historique-depuis-1876-2022",
                                                     "part-des-pers-agees-de-75-ans-ou-2022", "population-2015-2021",
                                                     "indicateur-sans-annee", "nombre-de-lits-12345"])
    }

    func testKeysAreUniqueWithinATable() throws {
        let header = "Code;Libellé;Taux de pauvreté 2021;Taux de pauvrete 2021;TAUX DE PAUVRETÉ  2021;Part des ouvriers dans le nb d’emplois au LT 2022;%"
        let table = try Self.read(Self.table(["01;Ain;10.8;10.8;10.8;20;1"], header: header))
        XCTAssertEqual(table.indicators.map(\.key), ["taux-de-pauvrete-2021", "taux-de-pauvrete-2021-2", "taux-de-pauvrete-2021-3",
                                                     "part-des-ouvriers-dans-le-nb-d-emplois-au-lt-2022", "indicateur"])
        XCTAssertEqual(Set(table.indicators.map(\.key)).count, 5)
        XCTAssertEqual(table.indicators[2].label, "TAUX DE PAUVRETÉ")
        XCTAssertEqual(table.indicators[2].year, 2021)
    }

    // MARK: Values

    func testEachMissingMarker() throws {
        let markers = ["N/A - secret statistique", "N/A - résultat non disponible", "N/A", "nd", "s", "", "  ", "n/a", "NA", "n.d.", "ND", "S"]
        let header = "Code;Libellé;" + markers.indices.map { "Indicateur \($0) 2024" }.joined(separator: ";")
        let table = try Self.read(Self.table(["01;Ain;" + markers.joined(separator: ";")], header: header))
        XCTAssertEqual(table.rows[0].values, Array(repeating: nil, count: markers.count))
        XCTAssertEqual(table.missingValueCount, markers.count)
    }

    func testMissingValuesAreCountedAcrossRows() throws {
        let table = try Self.read(Self.table([
            "01004;Ambérieu-en-Bugey;N/A - secret statistique;23250",
            "01033;Valserhône;12.6;nd",
            "01053;Bourg-en-Bresse;s;",
        ]))
        XCTAssertEqual(table.rows.map(\.values), [[nil, 23_250], [12.6, nil], [nil, nil]])
        XCTAssertEqual(table.missingValueCount, 4)
    }

    func testNumbersWithCommaDecimalsSignsAndThousandsSeparators() throws {
        let texts = ["12,5", "12.5", "-0,3", "+2", "0", "1 234,5", "1\u{A0}234", "1\u{202F}234\u{202F}567.25", " 7 ", "3498.4"]
        let header = "Code;Libellé;" + texts.indices.map { "Indicateur \($0) 2024" }.joined(separator: ";")
        let table = try Self.read(Self.table(["01;Ain;" + texts.joined(separator: ";")], header: header))
        XCTAssertEqual(table.rows[0].values, [12.5, 12.5, -0.3, 2, 0, 1_234.5, 1_234, 1_234_567.25, 7, 3_498.4])
        XCTAssertEqual(table.missingValueCount, 0)
    }

    func testNumberParsing() {
        XCTAssertEqual(LocalStatisticsReader.number("23250"), 23_250)
        XCTAssertEqual(LocalStatisticsReader.number("-12,75"), -12.75)
        for refused in ["1.234,5", "12 34", "1234 567", "1 234 56", "12,", ",5", "-", "1e3", "12 %", "abc", "1 ", "1..2", "nan", "--1"] {
            XCTAssertNil(LocalStatisticsReader.number(refused), refused)
        }
    }

    // MARK: Refusals

    func testRefusesAFileWithoutCodeHeader() {
        let lines = [Self.inseeTitle, Self.livingAreaTitle, "Identifiant;Libellé;Taux de pauvreté 2021", "01;Ain;10.8"]
        assertTerritoryRefusal(
            .invalidValue(file: "stats.csv", line: 3, column: "Code", value: "Identifiant",
                          expected: LocalStatisticsReader.codeHeaderExpectation),
            mentions: ["« stats.csv »", "ligne 3", "colonne « Code »", "« Identifiant »"]) {
                try Self.read(lines)
            }
    }

    func testRefusesAHeaderOneLineTooLow() {
        let lines = [Self.inseeTitle, Self.livingAreaTitle, "", "Code;Libellé;Taux de pauvreté 2021", "01;Ain;10.8"]
        assertTerritoryRefusal(
            .invalidValue(file: "stats.csv", line: 3, column: "Code", value: "",
                          expected: LocalStatisticsReader.codeHeaderExpectation),
            mentions: ["ligne 3", "colonne « Code »"]) {
                try Self.read(lines)
            }
    }

    func testRefusesAFileWithoutLibelleHeader() {
        assertTerritoryRefusal(
            .invalidValue(file: "stats.csv", line: 3, column: "Libellé", value: "Nom",
                          expected: LocalStatisticsReader.nameHeaderExpectation),
            mentions: ["ligne 3", "colonne « Libellé »", "« Nom »"]) {
                try Self.read(Self.table(["01;Ain;10.8"], header: "Code;Nom;Taux de pauvreté 2021"))
            }
        assertTerritoryRefusal(
            .invalidValue(file: "stats.csv", line: 1, column: "Libellé", value: "",
                          expected: LocalStatisticsReader.nameHeaderExpectation),
            mentions: ["ligne 1", "colonne « Libellé »"]) {
                try Self.read(["Code", "01"])
            }
    }

    func testRefusesAHeaderWithoutIndicator() {
        assertTerritoryRefusal(
            .invalidValue(file: "stats.csv", line: 3, column: "n° 3", value: "",
                          expected: LocalStatisticsReader.indicatorsExpectation),
            mentions: ["ligne 3", "colonne « n° 3 »", "au moins une colonne d'indicateur"]) {
                try Self.read(Self.table(["01;Ain"], header: "Code;Libellé"))
            }
        assertTerritoryRefusal(
            .invalidValue(file: "stats.csv", line: 3, column: "n° 4", value: "",
                          expected: LocalStatisticsReader.indicatorNameExpectation),
            mentions: ["ligne 3", "colonne « n° 4 »"]) {
                try Self.read(Self.table(["01;Ain;1;2"], header: "Code;Libellé;Taux de pauvreté 2021;"))
            }
    }

    func testRefusesAValueThatIsNeitherANumberNorAMissingMarker() {
        assertTerritoryRefusal(
            .invalidValue(file: "stats.csv", line: 5, column: "Taux de pauvreté 2021", value: "secret",
                          expected: LocalStatisticsReader.numberExpectation),
            mentions: ["« stats.csv »", "ligne 5", "colonne « Taux de pauvreté 2021 »", "« secret »", "N/A - secret statistique"]) {
                try Self.read(Self.table(["01004;Ambérieu-en-Bugey;11.1;23250", "01033;Valserhône;secret;21000"]))
            }
        assertTerritoryRefusal(
            .invalidValue(file: "stats.csv", line: 4, column: "Médiane du niveau de vie 2021", value: "23.250,5",
                          expected: LocalStatisticsReader.numberExpectation),
            mentions: ["ligne 4", "colonne « Médiane du niveau de vie 2021 »", "« 23.250,5 »"]) {
                try Self.read(Self.table(["01004;Ambérieu-en-Bugey;11.1;23.250,5"]))
            }
    }

    func testRefusesAnEmptyCode() {
        assertTerritoryRefusal(.missingValue(file: "stats.csv", line: 5, column: "Code"),
                               mentions: ["ligne 5", "colonne « Code »", "vide"]) {
            try Self.read(Self.table(["01004;Ambérieu-en-Bugey;11.1;23250", " ;Sans code;12;20000"]))
        }
        // No blank line in the published files: one is a row without a code.
        assertTerritoryRefusal(.missingValue(file: "stats.csv", line: 5, column: "Code"), mentions: ["ligne 5", "colonne « Code »"]) {
            try Self.read(Self.table(["01004;Ambérieu-en-Bugey;11.1;23250", "", "01033;Valserhône;12.6;21000"]))
        }
    }

    func testRefusesADuplicatedCode() {
        assertTerritoryRefusal(.duplicateValue(file: "stats.csv", line: 6, column: "Code", value: "01004", firstLine: 4),
                               mentions: ["ligne 6", "colonne « Code »", "« 01004 »", "déjà ligne 4"]) {
            try Self.read(Self.table(["01004;Ambérieu-en-Bugey;11.1;23250", "01033;Valserhône;12.6;21000", "01004;Ambérieu;11.1;23250"]))
        }
    }

    func testRefusesARowWithTooFewOrTooManyValues() {
        assertTerritoryRefusal(.wrongFieldCount(file: "stats.csv", line: 4, expected: 4, found: 3, column: "Médiane du niveau de vie 2021"),
                               mentions: ["ligne 4", "« Médiane du niveau de vie 2021 »"]) {
            try Self.read(Self.table(["01004;Ambérieu-en-Bugey;11.1"]))
        }
        assertTerritoryRefusal(.wrongFieldCount(file: "stats.csv", line: 4, expected: 4, found: 5, column: "Médiane du niveau de vie 2021"),
                               mentions: ["ligne 4"]) {
            try Self.read(Self.table(["01004;Ambérieu-en-Bugey;11,1;23250;12"]))
        }
        XCTAssertEqual(try Self.read(Self.table(["01004;Ambérieu-en-Bugey;11.1;23250; "])).rows[0].values, [11.1, 23_250],
                       "trailing empty fields are tolerated")
    }

    func testRefusesAnEmptyFileOrTitlesWithoutHeader() {
        assertTerritoryRefusal(.emptyFile(file: "stats.csv")) { try LocalStatisticsReader.read(data: Data(), fileName: "stats.csv") }
        assertTerritoryRefusal(.emptyFile(file: "stats.csv")) { try Self.read([Self.inseeTitle, Self.livingAreaTitle]) }
    }

    // MARK: Real files

    static func realTable(_ name: String) throws -> LocalStatisticsTable {
        try LocalStatisticsReader.read(contentsOf: TerritoryFixture.sharedFile("indicateurs/\(name)"))
    }

    func testRealAPLGeneralPractitioners() throws {
        let table = try Self.realTable("apl-generalistes-2023-bassins-de-vie.csv")
        XCTAssertEqual(table.source, "CartoSanté")
        XCTAssertEqual(table.level, .livingArea)
        XCTAssertEqual(table.levelLabel, "bassin de vie / canton-ville")
        XCTAssertEqual(table.indicators, [LocalIndicatorColumn(key: "apl-medecins-generalistes-2023", label: "APL Médecins généralistes", year: 2023)])
        XCTAssertEqual(table.rows.count, 2_931)
        XCTAssertEqual(table.missingValueCount, 3)
        let byCode = Dictionary(uniqueKeysWithValues: table.rows.map { ($0.code, $0) })
        XCTAssertEqual(byCode["01004"], LocalStatisticsRow(line: 4, code: "01004", name: "Ambérieu-en-Bugey", values: [3]))
        XCTAssertEqual(byCode["2A05"]?.values, [2])
        XCTAssertEqual(byCode["976ZZ"]?.values, [nil])
        XCTAssertEqual(table.rows.last?.line, 2_934)
    }

    func testRealSocialDeterminants() throws {
        let table = try Self.realTable("determinants-sociaux-bassins-de-vie.csv")
        XCTAssertEqual(table.source, "Insee - Statistiques locales")
        XCTAssertEqual(table.level, .livingArea)
        XCTAssertEqual(table.levelLabel, "bassin de vie")
        XCTAssertEqual(table.indicators.count, 16)
        XCTAssertEqual(table.rows.count, 1_707)
        XCTAssertEqual(table.missingValueCount, 51)
        let poverty = try XCTUnwrap(table.indicatorIndex(key: "taux-de-pauvrete-2021"))
        XCTAssertEqual(table.indicators[poverty], LocalIndicatorColumn(key: "taux-de-pauvrete-2021", label: "Taux de pauvreté", year: 2021))
        let median = try XCTUnwrap(table.indicatorIndex(key: "mediane-du-niveau-de-vie-2021"))
        let byCode = Dictionary(uniqueKeysWithValues: table.rows.map { ($0.code, $0) })
        XCTAssertEqual(byCode["01004"]?.values[poverty], 11.1)
        XCTAssertEqual(byCode["01004"]?.values[median], 23_250)
        XCTAssertEqual(byCode["75056"]?.values[median], 25_160)
        XCTAssertEqual(byCode["46063"]?.values[poverty], .some(nil), "N/A - secret statistique")
        XCTAssertEqual(byCode["97611"]?.values.first, 884)
    }

    func testRealCareSupply() throws {
        let table = try Self.realTable("offre-de-soins-bassins-de-vie.csv")
        XCTAssertEqual(table.source, "CartoSanté")
        XCTAssertEqual(table.level, .livingArea)
        XCTAssertEqual(table.levelLabel, "bassin de vie")
        XCTAssertEqual(table.indicators.count, 8)
        XCTAssertEqual(table.rows.count, 1_709)
        XCTAssertEqual(table.missingValueCount, 161)
        XCTAssertEqual(table.indicators.map(\.year), [2024, 2023, 2024, 2024, 2024, 2024, 2024, 2024])
        XCTAssertEqual(table.indicators[7].label, "Densité des pharmacies pour 10 000 hab.")
        XCTAssertEqual(table.rows[0], LocalStatisticsRow(line: 4, code: "01004", name: "Ambérieu-en-Bugey",
                                                         values: [35.3, 3, 24.7, 9, 17.3, 2.8, nil, 2.3]))
    }

    func testRealDepartments() throws {
        let table = try Self.realTable("indicateurs-departements.csv")
        XCTAssertEqual(table.source, "Insee - Statistiques locales")
        XCTAssertEqual(table.level, .department)
        XCTAssertEqual(table.levelLabel, "département")
        XCTAssertEqual(table.indicators.count, 22)
        XCTAssertEqual(table.rows.count, 101)
        XCTAssertEqual(table.missingValueCount, 14)
        XCTAssertEqual(table.indicators[0], LocalIndicatorColumn(key: "medecin-generaliste-en-nombre-2024",
                                                                 label: "Médecin généraliste (en nombre)", year: 2024))
        XCTAssertEqual(table.indicators.last?.year, 2025)
        let poverty = try XCTUnwrap(table.indicatorIndex(key: "taux-de-pauvrete-2021"))
        let byCode = Dictionary(uniqueKeysWithValues: table.rows.map { ($0.code, $0) })
        XCTAssertEqual(byCode["01"]?.name, "Ain")
        XCTAssertEqual(byCode["01"]?.values[0], 439)
        XCTAssertEqual(byCode["01"]?.values[poverty], 10.8)
        XCTAssertEqual(byCode["2A"]?.values[poverty], 15.8)
        XCTAssertEqual(byCode["974"]?.values[poverty], 36.1)
        XCTAssertEqual(byCode["976"]?.values[poverty], .some(nil))
        XCTAssertEqual(byCode["75"]?.values.last, 2_048_472)
    }
}
