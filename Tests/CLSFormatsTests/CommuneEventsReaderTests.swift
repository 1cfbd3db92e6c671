import XCTest
@testable import CLSFormats

/// The reader of INSEE's "mouvements des communes" on small self-made files written like the
/// official one (lines taken from it, one or more per kind of event).
final class CommuneEventsReaderTests: XCTestCase {
    typealias Side = CommuneEvent.Side

    static let header = "MOD,DATE_EFF,TYPECOM_AV,COM_AV,TNCC_AV,NCC_AV,NCCENR_AV,LIBELLE_AV,TYPECOM_AP,COM_AP,TNCC_AP,NCC_AP,NCCENR_AP,LIBELLE_AP"
    static let lines = [
        header,
        /* 2 */ "10,2026-01-01,COM,28274,0,MOUTIERS,Moutiers,Moutiers,COM,28274,0,MOUTIERS EN BEAUCE,Moutiers-en-Beauce,Moutiers-en-Beauce",
        /* 3 */ "20,2011-03-31,,,,,,,COM,97601,1,ACOUA,Acoua,Acoua",
        /* 4 */ "20,15/02/1989,COM,38422,0,SAINT MARTIN D URIAGE,Saint-Martin-d'Uriage,Saint-Martin-d'Uriage,COM,38567,0,CHAMROUSSE,Chamrousse,Chamrousse",
        /* 5 */ "21,2025-01-01,COM,15141,0,NEUSSARGUES EN PINATELLE,Neussargues en Pinatelle,Neussargues en Pinatelle,COM,15031,0,CELLES,Celles,Celles",
        /* 6 */ "30,1968-03-02,COM,08227,1,HOCMONT,Hocmont,Hocmont,COM,08203,0,GUIGNICOURT SUR VENCE,Guignicourt-sur-Vence,Guignicourt-sur-Vence",
        /* 7 */ "30,2007-02-23,COM,97123,0,SAINT BARTHELEMY,Saint-Barthélemy,Saint-Barthélemy,,,,,,",
        /* 8 */ "31,2009-01-01,COM,21551,0,SAINT GERMAIN SOURCE SEINE,Saint-Germain-Source-Seine,Saint-Germain-Source-Seine,COM,21084,0,SOURCE SEINE,Source-Seine,Source-Seine",
        /* 9 */ "31,2009-01-01,COM,21084,0,BLESSEY,Blessey,Blessey,COM,21084,0,SOURCE SEINE,Source-Seine,Source-Seine",
        /* 10 */ "32,2017-01-01,COM,16129,1,ERAVILLE,Éraville,Éraville,COM,16204,0,BELLEVIGNE,Bellevigne,Bellevigne",
        /* 11 */ "32,2017-01-01,COM,16204,0,MALAVILLE,Malaville,Malaville,COM,16204,0,BELLEVIGNE,Bellevigne,Bellevigne",
        /* 12 */ "32,2017-01-01,COM,16204,0,MALAVILLE,Malaville,Malaville,COMD,16204,0,MALAVILLE,Malaville,Malaville",
        /* 13 */ "32,2025-01-01,COMA,25010,1,ALAISE,Alaise,Alaise,COM,25223,1,ETERNOZ VALLEE DU LISON,Éternoz-Vallée-du-Lison,Éternoz-Vallée-du-Lison",
        /* 14 */ "33,2010-12-09,COM,59248,0,FORT MARDYCK,Fort-Mardyck,Fort-Mardyck,COM,59183,0,DUNKERQUE,Dunkerque,Dunkerque",
        /* 15 */ "33,2010-12-09,COM,59248,0,FORT MARDYCK,Fort-Mardyck,Fort-Mardyck,COMA,59248,0,FORT MARDYCK,Fort-Mardyck,Fort-Mardyck",
        /* 16 */ "34,2026-01-01,COMA,01324,0,RIGNAT,Rignat,Rignat,COM,01245,0,BOHAS MEYRIAT RIGNAT,Bohas-Meyriat-Rignat,Bohas-Meyriat-Rignat",
        /* 17 */ "35,2026-01-01,COMD,16129,1,ERAVILLE,Éraville,Éraville,COM,16204,0,BELLEVIGNE,Bellevigne,Bellevigne",
        /* 18 */ "41,1976-01-01,COM,20001,1,AFA,Afa,Afa,COM,2A001,1,AFA,Afa,Afa",
        /* 19 */ "50,2025-01-01,COM,49069,1,OREE D ANJOU,Orée d'Anjou,Orée d'Anjou,COM,49126,1,OREE D ANJOU,Orée d'Anjou,Orée d'Anjou",
        /* 20 */ "70,2021-10-30,COMA,62482,0,LABUISSIERE,Labuissière,Labuissière,COMD,62482,0,LABUISSIERE,Labuissière,Labuissière",
        /* 21 */ "71,2020-07-22,COMD,73006,1,AIME,Aime,Aime,COMD,73148,0,LONGEFOY,Longefoy,Longefoy",
        /* 22 */ "72,2026-01-01,COM,49220,0,MORANNES SUR SARTHE DAUMERAY,Morannes sur Sarthe-Daumeray,Morannes sur Sarthe-Daumeray,COMD,49220,0,MORANNES,Morannes,Morannes",
        /* 23 */ "20,1964-08-12,ARM,69385,0,LYON 5E ARRONDISSEMENT,Lyon 5e Arrondissement,Lyon 5e Arrondissement,ARM,69389,0,LYON 9E ARRONDISSEMENT,Lyon 9e Arrondissement,Lyon 9e Arrondissement",
        /* 24 */ "99,2027-01-01,COM,01001,5,ABERGEMENT CLEMENCIAT,Abergement-Clémenciat,L'Abergement-Clémenciat,,,,,,",
    ]

    static func read(_ lines: [String], fileName: String = "mvt.csv") throws -> [CommuneEvent] {
        try CommuneEventsReader.read(data: TerritoryFixture.crlf(lines), fileName: fileName)
    }

    /// The fixture with line `line` (one-based, as in messages) replaced.
    static func read(line: Int, replacedBy text: String) throws -> [CommuneEvent] {
        var lines = Self.lines
        lines[line - 1] = text
        return try read(lines)
    }

    // MARK: Kinds and labels

    func testEveryKindIsMappedFromItsCode() throws {
        let events = try Self.read(Self.lines)
        XCTAssertEqual(events.map(\.kind), [
            .renamed, .created, .created, .restored, .removed, .removed, .merged, .merged,
            .newCommune, .newCommune, .newCommune, .newCommune, .associated, .associated, .associationToMerger,
            .delegatedRemoved, .codeChangedDepartment, .codeChangedChefLieu, .associatedToDelegated,
            .delegatedRestored, .delegatedCreated, .created, .other(99),
        ])
        XCTAssertEqual(events.map(\.code), [10, 20, 20, 21, 30, 30, 31, 31, 32, 32, 32, 32, 33, 33, 34, 35, 41, 50, 70, 71, 72, 20, 99])
        XCTAssertEqual(events.map(\.line), Array(2...24))
    }

    func testCodesAndLabelsGoBothWays() {
        let labels: [Int: String] = [
            10: "Changement de nom", 20: "Création", 21: "Rétablissement", 30: "Suppression", 31: "Fusion simple",
            32: "Création de commune nouvelle", 33: "Fusion association",
            34: "Transformation de fusion association en fusion simple", 35: "Suppression de commune déléguée",
            41: "Changement de code dû à un changement de département", 50: "Changement de code dû à un transfert de chef-lieu",
            70: "Transformation de commune associée en commune déléguée", 71: "Rétablissement de commune déléguée",
            72: "Création de commune déléguée",
        ]
        for (code, label) in labels {
            let kind = CommuneEvent.Kind(code: code)
            XCTAssertNotEqual(kind, .other(code), "\(code) is mapped")
            XCTAssertEqual(kind.code, code)
            XCTAssertEqual(kind.label, label)
        }
        XCTAssertEqual(CommuneEvent.Kind(code: 99), .other(99))
        XCTAssertEqual(CommuneEvent.Kind.other(99).code, 99)
        XCTAssertEqual(CommuneEvent.Kind.other(99).label, "Mouvement de type 99")
        let merger = CommuneEvent(code: 32, date: "2017-01-01", before: nil, after: nil, line: 1)
        XCTAssertEqual(merger.kind, .newCommune)
        XCTAssertEqual(merger.label, "Création de commune nouvelle")
    }

    // MARK: Events

    func testARenaming() throws {
        let events = try Self.read(Self.lines)
        XCTAssertEqual(events[0], CommuneEvent(code: 10, date: "2026-01-01",
                                               before: Side(kind: "COM", code: "28274", name: "Moutiers"),
                                               after: Side(kind: "COM", code: "28274", name: "Moutiers-en-Beauce"), line: 2))
        XCTAssertEqual(events[0].label, "Changement de nom")
        XCTAssertFalse(events[0].absorbsBeforeCommune)
    }

    func testACommuneNouvelle() throws {
        let events = try Self.read(Self.lines)
        let eraville = events[8], malaville = events[9], malavilleDelegated = events[10]
        XCTAssertEqual(eraville, CommuneEvent(code: 32, date: "2017-01-01",
                                              before: Side(kind: "COM", code: "16129", name: "Éraville"),
                                              after: Side(kind: "COM", code: "16204", name: "Bellevigne"), line: 10))
        XCTAssertTrue(eraville.absorbsBeforeCommune, "Éraville's code no longer designates a commune: Bellevigne takes it in")
        XCTAssertFalse(malaville.absorbsBeforeCommune, "16204 goes on, as the code of Bellevigne")
        XCTAssertEqual(malavilleDelegated.after, Side(kind: "COMD", code: "16204", name: "Malaville"))
        XCTAssertFalse(malavilleDelegated.absorbsBeforeCommune, "the status line, not the absorption")
    }

    func testWhichLinesAbsorbTheCommuneBefore() throws {
        let events = try Self.read(Self.lines)
        let absorbing = events.filter(\.absorbsBeforeCommune).map { "\($0.code) \($0.before!.code)→\($0.after!.code)" }
        XCTAssertEqual(absorbing, [
            "30 08227→08203", // Hocmont, removed and shared out
            "31 21551→21084", // fusion simple
            "32 16129→16204", // commune nouvelle
            "33 59248→59183", // fusion-association: Fort-Mardyck into Dunkerque
        ])
        // Not absorptions: a creation or restoration (the commune before lives on), a removal
        // without an after side, associated and delegated communes (already part of a commune),
        // code changes, and the unknown code.
        for line in [4, 5, 7, 13, 15, 16, 17, 18, 19, 20, 21, 22, 24] {
            XCTAssertFalse(events[line - 2].absorbsBeforeCommune, "line \(line)")
        }
    }

    func testEmptySidesWhereINSEELeavesThem() throws {
        let events = try Self.read(Self.lines)
        XCTAssertNil(events[1].before, "Acoua (Mayotte) was created out of no commune")
        XCTAssertEqual(events[1].after, Side(kind: "COM", code: "97601", name: "Acoua"))
        XCTAssertEqual(events[5].before, Side(kind: "COM", code: "97123", name: "Saint-Barthélemy"))
        XCTAssertNil(events[5].after, "Saint-Barthélemy left the list of communes")
        XCTAssertFalse(events[5].absorbsBeforeCommune)
        XCTAssertNil(events[22].after, "a code this reader does not know may leave one side empty")
    }

    func testOtherCodesKindsAndArrondissements() throws {
        let events = try Self.read(Self.lines)
        XCTAssertEqual(events[16].after, Side(kind: "COM", code: "2A001", name: "Afa"))
        XCTAssertEqual(events[16].before?.code, "20001")
        XCTAssertEqual(events[14].before, Side(kind: "COMA", code: "01324", name: "Rignat"))
        XCTAssertEqual(events[15].before?.kind, "COMD")
        XCTAssertEqual(events[21].before, Side(kind: "ARM", code: "69385", name: "Lyon 5e Arrondissement"))
        XCTAssertEqual(events[20].after, Side(kind: "COMD", code: "49220", name: "Morannes"))
    }

    // MARK: Dates

    func testDatesAreISOWhateverTheirSpelling() throws {
        let events = try Self.read(Self.lines)
        XCTAssertEqual(events[0].date, "2026-01-01")
        XCTAssertEqual(events[2].date, "1989-02-15", "15/02/1989 converted")
        let leap = "10,29/02/2024,COM,28274,0,A,A,A,COM,28274,0,B,B,B"
        XCTAssertEqual(try Self.read(line: 2, replacedBy: leap)[0].date, "2024-02-29")
        let iso = "10,2000-02-29,COM,28274,0,A,A,A,COM,28274,0,B,B,B"
        XCTAssertEqual(try Self.read(line: 2, replacedBy: iso)[0].date, "2000-02-29")
    }

    func testSavedAgainByExcelInWindows1252WithSemicolonsAndFrenchDates() throws {
        let text = [
            Self.header,
            "32,01/01/2017,COM,16129,1,ERAVILLE,Éraville,Éraville,COM,16204,0,BELLEVIGNE,Bellevigne,Bellevigne",
            "10,01/01/2026,com,28274,0,MOUTIERS,Moutiers,Moutiers,com,28274,0,MOUTIERS EN BEAUCE,Moutiers-en-Beauce,Moutiers-en-Beauce",
        ].map { $0.replacingOccurrences(of: ",", with: ";") }.joined(separator: "\r\n")
        let events = try CommuneEventsReader.read(data: TerritoryFixture.windows1252(text), fileName: "mvt.csv")
        XCTAssertEqual(events.count, 2)
        XCTAssertEqual(events[0].date, "2017-01-01")
        XCTAssertEqual(events[0].before?.name, "Éraville")
        XCTAssertTrue(events[0].absorbsBeforeCommune)
        XCTAssertEqual(events[1].before?.kind, "COM", "TYPECOM is read in upper case")
    }

    // MARK: Duplicates

    func testAnExactDuplicateLineIsKeptOnce() throws {
        let events = try Self.read(Self.lines + [Self.lines[9], Self.lines[9].replacingOccurrences(of: ",", with: " , ")])
        XCTAssertEqual(events.count, Self.lines.count - 1, "the repeated line, even with spaces around its values, adds nothing")
        XCTAssertEqual(events.filter { $0.before?.code == "16129" && $0.after?.code == "16204" && $0.code == 32 }.map(\.line), [10])
        let nearly = Self.lines[9].replacingOccurrences(of: ",Bellevigne,Bellevigne", with: ",Bellevigne,Belle Vigne")
        XCTAssertEqual(try Self.read(Self.lines + [nearly]).count, Self.lines.count, "a line differing in one value is another line")
    }

    // MARK: Refusals

    func testRefusesAnotherFile() {
        let cog = TerritoryFixture.crlf(["TYPECOM,COM,REG,DEP,CTCD,ARR,TNCC,NCC,NCCENR,LIBELLE,CAN,COMPARENT",
                                         "COM,01001,84,01,01D,012,5,ABERGEMENT CLEMENCIAT,Abergement-Clémenciat,L'Abergement-Clémenciat,0108,"])
        assertTerritoryRefusal(
            .unexpectedColumns(file: "communes.csv", kind: CommuneEventsReader.kind, expected: CommuneEventsReader.columns,
                               found: ["TYPECOM", "COM", "REG", "DEP", "CTCD", "ARR", "TNCC", "NCC", "NCCENR", "LIBELLE", "CAN", "COMPARENT"]),
            mentions: ["Le fichier « communes.csv » ne ressemble pas à l'historique des mouvements des communes", "« MOD »"]) {
                try CommuneEventsReader.read(data: cog, fileName: "communes.csv")
            }
    }

    func testRefusesAModThatIsNotAWholeNumber() {
        for value in ["3x", "32.0", "-10", "Fusion simple"] {
            assertTerritoryRefusal(.invalidValue(file: "mvt.csv", line: 9, column: "MOD", value: value, expected: CommuneEventsReader.modExpectation),
                                   mentions: ["ligne 9", "colonne « MOD »", "« \(value) »"]) {
                try Self.read(line: 9, replacedBy: value + Self.lines[8].drop { $0 != "," })
            }
        }
        assertTerritoryRefusal(.missingValue(file: "mvt.csv", line: 9, column: "MOD"), mentions: ["ligne 9", "colonne « MOD »"]) {
            try Self.read(line: 9, replacedBy: String(Self.lines[8].drop { $0 != "," }))
        }
    }

    func testRefusesADateThatIsNotARealDay() {
        for value in ["2026-02-30", "31/04/2020", "2026/01/01", "1/1/2026", "2026-1-1", "20260101", "01-01-2026", "2025-13-01"] {
            assertTerritoryRefusal(.invalidValue(file: "mvt.csv", line: 3, column: "DATE_EFF", value: value,
                                                 expected: CommuneEventsReader.dateExpectation),
                                   mentions: ["ligne 3", "colonne « DATE_EFF »", "« \(value) »", "AAAA-MM-JJ"]) {
                try Self.read(line: 3, replacedBy: "20,\(value),,,,,,,COM,97601,1,ACOUA,Acoua,Acoua")
            }
        }
        assertTerritoryRefusal(.missingValue(file: "mvt.csv", line: 3, column: "DATE_EFF"), mentions: ["ligne 3", "« DATE_EFF »"]) {
            try Self.read(line: 3, replacedBy: "20,,,,,,,,COM,97601,1,ACOUA,Acoua,Acoua")
        }
    }

    func testRefusesMalformedCommuneCodes() {
        let expected = TerritoryCodeFormat.commune.expectation
        assertTerritoryRefusal(.invalidValue(file: "mvt.csv", line: 10, column: "COM_AV", value: "6129", expected: expected),
                               mentions: ["ligne 10", "colonne « COM_AV »", "« 6129 »", "zéro initial"]) {
            try Self.read(line: 10, replacedBy: "32,2017-01-01,COM,6129,1,ERAVILLE,Éraville,Éraville,COM,16204,0,BELLEVIGNE,Bellevigne,Bellevigne")
        }
        assertTerritoryRefusal(.invalidValue(file: "mvt.csv", line: 18, column: "COM_AP", value: "2C001", expected: expected),
                               mentions: ["ligne 18", "colonne « COM_AP »", "« 2C001 »"]) {
            try Self.read(line: 18, replacedBy: "41,1976-01-01,COM,20001,1,AFA,Afa,Afa,COM,2C001,1,AFA,Afa,Afa")
        }
    }

    func testRefusesAnUnknownTYPECOM() {
        assertTerritoryRefusal(.invalidValue(file: "mvt.csv", line: 2, column: "TYPECOM_AP", value: "COMX", expected: "COM, COMD, COMA ou ARM"),
                               mentions: ["ligne 2", "colonne « TYPECOM_AP »", "« COMX »"]) {
            try Self.read(line: 2, replacedBy: "10,2026-01-01,COM,28274,0,MOUTIERS,Moutiers,Moutiers,COMX,28274,0,MOUTIERS EN BEAUCE,Moutiers-en-Beauce,Moutiers-en-Beauce")
        }
        assertTerritoryRefusal(.invalidValue(file: "mvt.csv", line: 20, column: "TYPECOM_AV", value: "ASSO", expected: "COM, COMD, COMA ou ARM"),
                               mentions: ["ligne 20", "colonne « TYPECOM_AV »"]) {
            try Self.read(line: 20, replacedBy: "70,2021-10-30,ASSO,62482,0,LABUISSIERE,Labuissière,Labuissière,COMD,62482,0,LABUISSIERE,Labuissière,Labuissière")
        }
    }

    func testRefusesSidesLeftEmptyWhereTheyMayNotBe() {
        // The before side of a merger.
        assertTerritoryRefusal(.missingValue(file: "mvt.csv", line: 8, column: "TYPECOM_AV"), mentions: ["ligne 8", "colonne « TYPECOM_AV »", "vide"]) {
            try Self.read(line: 8, replacedBy: "31,2009-01-01,,,,,,,COM,21084,0,SOURCE SEINE,Source-Seine,Source-Seine")
        }
        // The after side of a renaming.
        assertTerritoryRefusal(.missingValue(file: "mvt.csv", line: 2, column: "TYPECOM_AP"), mentions: ["ligne 2", "colonne « TYPECOM_AP »"]) {
            try Self.read(line: 2, replacedBy: "10,2026-01-01,COM,28274,0,MOUTIERS,Moutiers,Moutiers,,,,,,")
        }
        // Both sides, even of a creation or an unknown code.
        assertTerritoryRefusal(.missingValue(file: "mvt.csv", line: 3, column: "TYPECOM_AP"), mentions: ["ligne 3", "colonne « TYPECOM_AP »"]) {
            try Self.read(line: 3, replacedBy: "20,2011-03-31,,,,,,,,,,,,")
        }
        assertTerritoryRefusal(.missingValue(file: "mvt.csv", line: 24, column: "TYPECOM_AP"), mentions: ["ligne 24"]) {
            try Self.read(line: 24, replacedBy: "99,2027-01-01,,,,,,,,,,,,")
        }
        // A side half filled, where an empty one would do.
        assertTerritoryRefusal(.missingValue(file: "mvt.csv", line: 3, column: "COM_AV"), mentions: ["ligne 3", "colonne « COM_AV »"]) {
            try Self.read(line: 3, replacedBy: "20,2011-03-31,COM,,,,,,COM,97601,1,ACOUA,Acoua,Acoua")
        }
        assertTerritoryRefusal(.missingValue(file: "mvt.csv", line: 7, column: "LIBELLE_AP"), mentions: ["ligne 7", "colonne « LIBELLE_AP »"]) {
            try Self.read(line: 7, replacedBy: "30,2007-02-23,COM,97123,0,SAINT BARTHELEMY,Saint-Barthélemy,Saint-Barthélemy,COM,97701,,,,")
        }
    }

    func testRefusesATruncatedLine() {
        assertTerritoryRefusal(.wrongFieldCount(file: "mvt.csv", line: 2, expected: 14, found: 8, column: "TYPECOM_AP"),
                               mentions: ["ligne 2", "« TYPECOM_AP »"]) {
            try Self.read(line: 2, replacedBy: "10,2026-01-01,COM,28274,0,MOUTIERS,Moutiers,Moutiers")
        }
    }
}

/// The reader on the official file of `../shared/data` (skipped when absent). The figures were
/// counted on the file with Python's csv module, independently of the reader.
final class CommuneEventsRealFileTests: XCTestCase {
    func testTheCOGHistoryOfCommunes() throws {
        let events = try CommuneEventsReader.read(contentsOf: TerritoryFixture.sharedFile("territoires/mouvements-communes.csv"))
        XCTAssertEqual(events.count, 13_734, "every line: the file has no repeated line")
        let counts = events.reduce(into: [Int: Int]()) { $0[$1.code, default: 0] += 1 }
        XCTAssertEqual(counts[10], 1_407)
        XCTAssertEqual(counts[32], 5_470)
        XCTAssertEqual(counts[35], 419)
        XCTAssertEqual(counts[72], 1)
        XCTAssertEqual(Set(counts.keys), [10, 20, 21, 30, 31, 32, 33, 34, 35, 41, 50, 70, 71, 72])
        XCTAssertFalse(events.contains { if case .other = $0.kind { return true } else { return false } }, "every code of the file is mapped")
        XCTAssertEqual(events.map(\.date).min(), "1943-02-19")
        XCTAssertEqual(events.map(\.date).max(), "2026-01-01")
        XCTAssertEqual(events.filter { $0.before == nil }.count, 127)
        XCTAssertTrue(events.filter { $0.before == nil }.allSatisfy { $0.kind == .created })
        XCTAssertEqual(events.filter { $0.after == nil }.map { $0.before?.name }, ["Saint-Barthélemy", "Saint-Martin"])
        XCTAssertEqual(events.filter(\.absorbsBeforeCommune).count, 3_605)

        // Éraville joined Bellevigne, commune nouvelle, in 2017 (line 2653); Bellevigne removed
        // its delegated communes in 2026 (line 5).
        let joining = try XCTUnwrap(events.first { $0.line == 2_653 })
        XCTAssertEqual(joining, CommuneEvent(code: 32, date: "2017-01-01",
                                             before: CommuneEvent.Side(kind: "COM", code: "16129", name: "Éraville"),
                                             after: CommuneEvent.Side(kind: "COM", code: "16204", name: "Bellevigne"), line: 2_653))
        XCTAssertTrue(joining.absorbsBeforeCommune)
        XCTAssertEqual(events[3], CommuneEvent(code: 35, date: "2026-01-01",
                                               before: CommuneEvent.Side(kind: "COMD", code: "16129", name: "Éraville"),
                                               after: CommuneEvent.Side(kind: "COM", code: "16204", name: "Bellevigne"), line: 5))
        XCTAssertEqual(events[3].label, "Suppression de commune déléguée")
        XCTAssertFalse(events[3].absorbsBeforeCommune)
        XCTAssertEqual(events.filter { $0.after?.name == "Bellevigne" }.count, 10)
    }
}
