import XCTest
@testable import CLSFormats

/// The COG, population, EPCI and QPV readers on small self-made files written with the quirks
/// of the official ones.
final class TerritoryCSVReadersTests: XCTestCase {
    // MARK: COG communes

    static let cogHeader = "TYPECOM,COM,REG,DEP,CTCD,ARR,TNCC,NCC,NCCENR,LIBELLE,CAN,COMPARENT"
    static let cogLines = [
        cogHeader,
        "COM,01001,84,01,01D,012,5,ABERGEMENT CLEMENCIAT,Abergement-Clémenciat,L'Abergement-Clémenciat,0108,",
        "COM,01015,84,01,01D,011,1,ARBOYS EN BUGEY,Arboys en Bugey,Arboys en Bugey,0104,",
        "COMD,01015,,,,,1,ARBIGNIEU,Arbignieu,Arbignieu,,01015",
        "COMA,01120,,,,,0,CORDIEUX,Cordieux,Cordieux,,01262",
        "COM,2A004,94,2A,20R,2A1,1,AJACCIO,Ajaccio,Ajaccio,2A98,",
        "COM,2B033,94,2B,20R,2B2,0,BASTIA,Bastia,Bastia,2B97,",
        "COM,75056,11,75,75C,751,0,PARIS,Paris,Paris,7599,",
        "ARM,75101,11,75,75C,751,0,PARIS 1ER ARRONDISSEMENT,Paris 1er Arrondissement,Paris 1er Arrondissement,7599,75056",
        "COM,97101,01,971,971D,9712,4,ABYMES,Abymes,Les Abymes,97193,",
    ]

    func testCOGCommunesKeepCodesAsTextAndCountKinds() throws {
        let cog = try COGCommunesReader.read(data: TerritoryFixture.crlf(Self.cogLines), fileName: "communes.csv")
        XCTAssertEqual(cog.records.map(\.code), ["01001", "01015", "01015", "01120", "2A004", "2B033", "75056", "75101", "97101"])
        XCTAssertEqual(cog.countsByKind, [.commune: 6, .delegatedCommune: 1, .associatedCommune: 1, .municipalArrondissement: 1])
        XCTAssertEqual(cog.count(of: .commune), 6)
        XCTAssertEqual(cog.communes.map(\.name), ["L'Abergement-Clémenciat", "Arboys en Bugey", "Ajaccio", "Bastia", "Paris", "Les Abymes"])
        XCTAssertEqual(cog.records[0], CommuneRecord(kind: .commune, code: "01001", regionCode: "84", departmentCode: "01",
                                                     name: "L'Abergement-Clémenciat", parentCode: nil, line: 2))
        XCTAssertEqual(cog.records[2], CommuneRecord(kind: .delegatedCommune, code: "01015", regionCode: nil, departmentCode: nil,
                                                     name: "Arbignieu", parentCode: "01015", line: 4))
        XCTAssertEqual(cog.records[4].departmentCode, "2A")
        XCTAssertEqual(cog.records[5].departmentCode, "2B")
        XCTAssertEqual(cog.records[7].parentCode, "75056")
        XCTAssertEqual(cog.records[8].departmentCode, "971")
    }

    func testCOGSavedAgainByExcelInWindows1252WithSemicolons() throws {
        let text = Self.cogLines.map { $0.replacingOccurrences(of: ",", with: ";") }.joined(separator: "\r\n")
        let cog = try COGCommunesReader.read(data: TerritoryFixture.windows1252(text), fileName: "communes.csv")
        XCTAssertEqual(cog.records.count, 9)
        XCTAssertEqual(cog.records[0].name, "L'Abergement-Clémenciat")
    }

    func testCOGRefusesAnotherFile() {
        let departments = TerritoryFixture.crlf(["DEP,REG,CHEFLIEU,TNCC,NCC,NCCENR,LIBELLE", "01,84,01053,5,AIN,Ain,Ain"])
        assertTerritoryRefusal(
            .unexpectedColumns(file: "departements.csv", kind: COGCommunesReader.kind, expected: COGCommunesReader.columns,
                               found: ["DEP", "REG", "CHEFLIEU", "TNCC", "NCC", "NCCENR", "LIBELLE"]),
            mentions: ["Le fichier « departements.csv » ne ressemble pas à la liste des communes du Code officiel géographique",
                       "colonnes attendues « TYPECOM », « COM »", "trouvées « DEP », « REG »"]) {
                try COGCommunesReader.read(data: departments, fileName: "departements.csv")
            }
    }

    func testCOGRefusesACodeThatLostItsLeadingZero() {
        var lines = Self.cogLines
        lines[2] = "COM,1015,84,01,01D,011,1,ARBOYS EN BUGEY,Arboys en Bugey,Arboys en Bugey,0104,"
        assertTerritoryRefusal(
            .invalidValue(file: "communes.csv", line: 3, column: "COM", value: "1015", expected: TerritoryCodeFormat.commune.expectation),
            mentions: ["ligne 3", "colonne « COM »", "« 1015 »", "zéro initial"]) {
                try COGCommunesReader.read(data: TerritoryFixture.crlf(lines), fileName: "communes.csv")
            }
    }

    func testCOGRefusesUnknownKindMissingParentAndDuplicates() {
        var unknownKind = Self.cogLines
        unknownKind[1] = unknownKind[1].replacingOccurrences(of: "COM,01001", with: "COMX,01001")
        assertTerritoryRefusal(.invalidValue(file: "c.csv", line: 2, column: "TYPECOM", value: "COMX", expected: "COM, COMD, COMA ou ARM")) {
            try COGCommunesReader.read(data: TerritoryFixture.crlf(unknownKind), fileName: "c.csv")
        }
        var orphan = Self.cogLines
        orphan[3] = "COMD,01015,,,,,1,ARBIGNIEU,Arbignieu,Arbignieu,,"
        assertTerritoryRefusal(.missingValue(file: "c.csv", line: 4, column: "COMPARENT"), mentions: ["ligne 4", "« COMPARENT »", "vide"]) {
            try COGCommunesReader.read(data: TerritoryFixture.crlf(orphan), fileName: "c.csv")
        }
        let twice = Self.cogLines + [Self.cogLines[5]]
        assertTerritoryRefusal(.duplicateValue(file: "c.csv", line: 11, column: "COM", value: "2A004", firstLine: 6),
                               mentions: ["ligne 11", "« 2A004 »", "déjà ligne 6"]) {
            try COGCommunesReader.read(data: TerritoryFixture.crlf(twice), fileName: "c.csv")
        }
    }

    // MARK: Departments and regions

    func testDepartmentsAndRegions() throws {
        let departments = try DepartmentsReader.read(data: TerritoryFixture.crlf([
            "DEP,REG,CHEFLIEU,TNCC,NCC,NCCENR,LIBELLE",
            "01,84,01053,5,AIN,Ain,Ain",
            "2A,94,2A004,3,CORSE DU SUD,Corse-du-Sud,Corse-du-Sud",
            "974,04,97411,0,LA REUNION,La Réunion,La Réunion",
        ]), fileName: "departements.csv")
        XCTAssertEqual(departments, [
            DepartmentRecord(code: "01", regionCode: "84", capitalCode: "01053", name: "Ain", line: 2),
            DepartmentRecord(code: "2A", regionCode: "94", capitalCode: "2A004", name: "Corse-du-Sud", line: 3),
            DepartmentRecord(code: "974", regionCode: "04", capitalCode: "97411", name: "La Réunion", line: 4),
        ])
        let regions = try RegionsReader.read(data: TerritoryFixture.lf([
            "REG,CHEFLIEU,TNCC,NCC,NCCENR,LIBELLE",
            "01,97105,3,GUADELOUPE,Guadeloupe,Guadeloupe",
            "93,13055,0,PROVENCE ALPES COTE D AZUR,Provence-Alpes-Côte d'Azur,Provence-Alpes-Côte d'Azur",
        ]), fileName: "regions.csv")
        XCTAssertEqual(regions.map(\.code), ["01", "93"])
        XCTAssertEqual(regions[1].name, "Provence-Alpes-Côte d'Azur")
        XCTAssertEqual(regions[1].capitalCode, "13055")
    }

    func testDepartmentAndRegionRefusals() {
        assertTerritoryRefusal(.invalidValue(file: "d.csv", line: 2, column: "DEP", value: "2C", expected: TerritoryCodeFormat.department.expectation),
                               mentions: ["« 2C »", "2A ou 971"]) {
            try DepartmentsReader.read(data: TerritoryFixture.crlf(["DEP,REG,CHEFLIEU,TNCC,NCC,NCCENR,LIBELLE", "2C,94,2A004,3,X,X,X"]), fileName: "d.csv")
        }
        assertTerritoryRefusal(.unexpectedColumns(file: "r.csv", kind: RegionsReader.kind, expected: RegionsReader.columns,
                                                  found: ["DEP", "REG", "CHEFLIEU", "TNCC", "NCC", "NCCENR", "LIBELLE"])) {
            try RegionsReader.read(data: TerritoryFixture.crlf(["DEP,REG,CHEFLIEU,TNCC,NCC,NCCENR,LIBELLE", "01,84,01053,5,AIN,Ain,Ain"]), fileName: "r.csv")
        }
        assertTerritoryRefusal(.duplicateValue(file: "r.csv", line: 3, column: "REG", value: "11", firstLine: 2)) {
            try RegionsReader.read(data: TerritoryFixture.crlf(["REG,CHEFLIEU,TNCC,NCC,NCCENR,LIBELLE", "11,75056,1,A,A,A", "11,75056,1,B,B,B"]), fileName: "r.csv")
        }
    }

    // MARK: Legal populations

    static let populationHeader = "REG;Région;DEP;CODARR;CODCAN;CODCOM;COM;Commune;PMUN;PCAP;PTOT"
    static let populationLines = [
        populationHeader,
        "84;Auvergne-Rhône-Alpes;01;2;08;001;01001;L'Abergement-Clémenciat;860;16;876",
        "93;Provence-Alpes-Côte d'Azur;13;3;98;201;13201;Marseille 1er Arrondissement;40000;500;40500",
        "93;Provence-Alpes-Côte d'Azur;13;3;98;202;13202;Marseille 2e Arrondissement;25000;100;25100",
        "94;Corse;2A;1;08;001;2A001;Afa;3350;56;3406",
        "84;Auvergne-Rhône-Alpes;69;1;99;381;69381;Lyon 1er Arrondissement;29000;300;29300",
        "11;Île-de-France;75;1;;101;75101;Paris 1er Arrondissement;15114;93;15207",
        "11;Île-de-France;75;1;;102;75102;Paris 2e Arrondissement;19847;132;19979",
        "01;Guadeloupe;971;2;;101;97101;Les Abymes;51055;386;51441",
        "04;La Réunion;974;2;;422;;Le Tampon;82579;939;83518",
    ]

    func testLegalPopulationsBuildCodesFromDepartmentAndCommune() throws {
        let records = try LegalPopulationsReader.read(data: TerritoryFixture.crlf(Self.populationLines), fileName: "pop.csv")
        XCTAssertEqual(records.map(\.code), ["01001", "13201", "13202", "2A001", "69381", "75101", "75102", "97101", "97422"],
                       "97422 is built from DEP 974 and CODCOM 422 when COM is empty")
        XCTAssertEqual(records[0], LegalPopulationRecord(code: "01001", name: "L'Abergement-Clémenciat", regionCode: "84", departmentCode: "01",
                                                         municipalPopulation: 860, separatelyCountedPopulation: 16, totalPopulation: 876, line: 2))
        XCTAssertEqual(records[7].departmentCode, "971")
    }

    func testArrondissementsAddUpToTheirCity() throws {
        let records = try LegalPopulationsReader.read(data: TerritoryFixture.crlf(Self.populationLines), fileName: "pop.csv")
        let communes = LegalPopulationsReader.communes(from: records)
        XCTAssertEqual(communes.map(\.code), ["01001", "13055", "2A001", "69123", "75056", "97101", "97422"])
        let paris = try XCTUnwrap(communes.first { $0.code == "75056" })
        XCTAssertEqual(paris.name, "Paris")
        XCTAssertEqual(paris.totalPopulation, 15207 + 19979)
        XCTAssertEqual(paris.municipalPopulation, 15114 + 19847)
        XCTAssertEqual(paris.separatelyCountedPopulation, 93 + 132)
        XCTAssertEqual(paris.departmentCode, "75")
        XCTAssertEqual(paris.line, 7)
        XCTAssertEqual(communes.first { $0.code == "13055" }?.totalPopulation, 40500 + 25100)
        XCTAssertEqual(communes.first { $0.code == "69123" }?.name, "Lyon")
        XCTAssertEqual(MunicipalArrondissements.city(ofArrondissement: "75120")?.code, "75056")
        XCTAssertEqual(MunicipalArrondissements.city(ofArrondissement: "69389")?.code, "69123")
        XCTAssertEqual(MunicipalArrondissements.city(ofArrondissement: "13216")?.code, "13055")
        XCTAssertNil(MunicipalArrondissements.city(ofArrondissement: "75121"))
        XCTAssertNil(MunicipalArrondissements.city(ofArrondissement: "75056"))
    }

    func testACityGivenByTheFileIsNotCountedTwice() throws {
        let lines = Self.populationLines + ["11;Île-de-France;75;1;;056;75056;Paris;2103778;15634;2119412"]
        let communes = LegalPopulationsReader.communes(from: try LegalPopulationsReader.read(data: TerritoryFixture.crlf(lines), fileName: "pop.csv"))
        XCTAssertEqual(communes.filter { $0.code.hasPrefix("75") }.map(\.totalPopulation), [2119412])
    }

    func testLegalPopulationRefusals() {
        func read(replacing index: Int, with line: String) throws -> [LegalPopulationRecord] {
            var lines = Self.populationLines
            lines[index] = line
            return try LegalPopulationsReader.read(data: TerritoryFixture.crlf(lines), fileName: "pop.csv")
        }
        assertTerritoryRefusal(.inconsistentValue(file: "pop.csv", line: 2, column: "COM", value: "01002",
                                                  detail: "le département 01 et le code 001 donnent la commune 01001"),
                               mentions: ["ligne 2", "colonne « COM »", "« 01002 »"]) {
            try read(replacing: 1, with: "84;Auvergne-Rhône-Alpes;01;2;08;001;01002;L'Abergement-Clémenciat;860;16;876")
        }
        assertTerritoryRefusal(.invalidValue(file: "pop.csv", line: 2, column: "PMUN", value: "huit cents",
                                             expected: "un nombre entier positif, les milliers pouvant être séparés par des espaces"),
                               mentions: ["ligne 2", "colonne « PMUN »", "« huit cents »"]) {
            try read(replacing: 1, with: "84;Auvergne-Rhône-Alpes;01;2;08;001;01001;L'Abergement-Clémenciat;huit cents;16;876")
        }
        assertTerritoryRefusal(.inconsistentValue(file: "pop.csv", line: 2, column: "PTOT", value: "877",
                                                  detail: "la population totale doit être la somme de PMUN et PCAP, soit 876")) {
            try read(replacing: 1, with: "84;Auvergne-Rhône-Alpes;01;2;08;001;01001;L'Abergement-Clémenciat;860;16;877")
        }
        assertTerritoryRefusal(.inconsistentValue(file: "pop.csv", line: 9, column: "CODCOM", value: "201",
                                                  detail: "outre-mer, le code commune commence par le dernier chiffre du département 971")) {
            try read(replacing: 8, with: "01;Guadeloupe;971;2;;201;;Les Abymes;51055;386;51441")
        }
        assertTerritoryRefusal(.invalidValue(file: "pop.csv", line: 2, column: "CODCOM", value: "1",
                                             expected: "le code de la commune dans son département, 3 chiffres comme 001")) {
            try read(replacing: 1, with: "84;Auvergne-Rhône-Alpes;01;2;08;1;;L'Abergement-Clémenciat;860;16;876")
        }
        assertTerritoryRefusal(.wrongFieldCount(file: "pop.csv", line: 2, expected: 11, found: 9, column: "PCAP"), mentions: ["ligne 2"]) {
            try read(replacing: 1, with: "84;Auvergne-Rhône-Alpes;01;2;08;001;01001;L'Abergement-Clémenciat;860")
        }
    }

    // MARK: EPCI

    static let epciHeader = "dept;siren;raison_sociale;nature_juridique;mode_financ;nb_membres;total_pop_tot;total_pop_mun;dep_com;insee;siren_membre;nom_membre;ptot_2025;pmun_2025"
    static let epciLines = [
        epciHeader,
        "01;200029999;CC Rives de l'Ain - Pays du Cerdon;CC;FPU;2;15 156;14 873;01;01304;210103040;Pont-d'Ain;2 912;2 862",
        "04;200068625;\"CC Alpes-Provence-Verdon \"\"Sources de lumière\"\"\";CC;FPU;1;11\u{00A0}661;11\u{00A0}417;04;04039;210400396;Castellane;1\u{00A0}494;1\u{00A0}454",
        "01;200029999;CC Rives de l'Ain - Pays du Cerdon;CC;FPU;2;15 156;14 873;01;01199;210101994;Jujurieux;2 246;2 209",
        "69;200046977;Métropole de Lyon;MET69;FPU;1;1 449 118;1 433 613;69;69123;216901231;Lyon;526 912;520 774",
        ";;;;;;;;;;;;;",
    ]

    private func readEPCI(_ lines: [String]) throws -> EPCIPerimeter {
        try EPCIPerimeterReader.read(data: TerritoryFixture.windows1252(lines.joined(separator: "\r\n") + "\r\n"), fileName: "epci.csv")
    }

    func testEPCIInWindows1252WithThousandsSeparatorsAndATrailingEmptyRow() throws {
        let perimeter = try readEPCI(Self.epciLines)
        XCTAssertEqual(perimeter.epcis, [
            EPCIRecord(siren: "200029999", name: "CC Rives de l'Ain - Pays du Cerdon", nature: .communauteDeCommunes, taxRegime: "FPU",
                       departmentCode: "01", memberCount: 2, totalPopulation: 15_156, municipalPopulation: 14_873, line: 2),
            EPCIRecord(siren: "200068625", name: "CC Alpes-Provence-Verdon \"Sources de lumière\"", nature: .communauteDeCommunes,
                       taxRegime: "FPU", departmentCode: "04", memberCount: 1, totalPopulation: 11_661, municipalPopulation: 11_417, line: 3),
            EPCIRecord(siren: "200046977", name: "Métropole de Lyon", nature: .metropoleDeLyon, taxRegime: "FPU", departmentCode: "69",
                       memberCount: 1, totalPopulation: 1_449_118, municipalPopulation: 1_433_613, line: 5),
        ])
        XCTAssertEqual(perimeter.members.map(\.communeCode), ["01304", "04039", "01199", "69123"])
        XCTAssertEqual(perimeter.members[0], EPCIMemberRecord(epciSiren: "200029999", communeCode: "01304", communeSiren: "210103040",
                                                              name: "Pont-d'Ain", departmentCode: "01", totalPopulation: 2_912,
                                                              municipalPopulation: 2_862, line: 2))
        XCTAssertEqual(perimeter.members[1].totalPopulation, 1_494)
        XCTAssertEqual(perimeter.countsByNature, [.communauteDeCommunes: 2, .metropoleDeLyon: 1])
    }

    func testEPCIRefusals() {
        var wrongCount = Self.epciLines
        wrongCount[4] = wrongCount[4].replacingOccurrences(of: ";MET69;FPU;1;", with: ";MET69;FPU;59;")
        assertTerritoryRefusal(.inconsistentValue(file: "epci.csv", line: 5, column: "nb_membres", value: "59",
                                                  detail: "le fichier liste 1 commune membre pour l'EPCI 200046977"),
                               mentions: ["ligne 5", "colonne « nb_membres »", "« 59 »"]) { try readEPCI(wrongCount) }

        var renamed = Self.epciLines
        renamed[3] = renamed[3].replacingOccurrences(of: "Pays du Cerdon", with: "Pays de Cerdon")
        assertTerritoryRefusal(.inconsistentValue(file: "epci.csv", line: 4, column: "raison_sociale", value: "CC Rives de l'Ain - Pays de Cerdon",
                                                  detail: "la ligne 2 du même EPCI indique « CC Rives de l'Ain - Pays du Cerdon »")) {
            try readEPCI(renamed)
        }

        var twice = Self.epciLines
        twice[3] = twice[3].replacingOccurrences(of: "01199", with: "01304")
        assertTerritoryRefusal(.duplicateValue(file: "epci.csv", line: 4, column: "insee", value: "01304", firstLine: 2),
                               mentions: ["ligne 4", "colonne « insee »", "déjà ligne 2"]) { try readEPCI(twice) }

        var nature = Self.epciLines
        nature[2] = nature[2].replacingOccurrences(of: ";CC;", with: ";SIVU;")
        assertTerritoryRefusal(.invalidValue(file: "epci.csv", line: 3, column: "nature_juridique", value: "SIVU",
                                             expected: "CC, CA, CU, METRO ou MET69")) { try readEPCI(nature) }

        var population = Self.epciLines
        population[1] = population[1].replacingOccurrences(of: ";2 912;", with: ";2,912;")
        assertTerritoryRefusal(.invalidValue(file: "epci.csv", line: 2, column: "ptot_2025", value: "2,912",
                                             expected: "un nombre entier positif, les milliers pouvant être séparés par des espaces"),
                               mentions: ["ligne 2", "colonne « ptot_2025 »", "« 2,912 »"]) { try readEPCI(population) }

        var siren = Self.epciLines
        siren[4] = siren[4].replacingOccurrences(of: "200046977", with: "200046976")
        assertTerritoryRefusal(.invalidValue(file: "epci.csv", line: 5, column: "siren", value: "200046976",
                                             expected: TerritoryCodeFormat.siren.expectation)) { try readEPCI(siren) }

        assertTerritoryRefusal(.invalidEncoding(file: "epci.csv", line: 3, column: "raison_sociale", bytes: "0xE8", encoding: "UTF-8")) {
            let data = TerritoryFixture.windows1252(Self.epciLines.joined(separator: "\r\n"))
            let reader = try DelimitedTextReader(data: data, fileName: "epci.csv", options: DelimitedTextOptions(separator: ";", encoding: .utf8))
            return try reader.records()
        }
    }

    // MARK: QPV

    func testQPVWithQuotedNamesAndSeveralCommunes() throws {
        let records = try QPVReader.read(data: TerritoryFixture.crlf([
            "code_qpv,nom_qpv,insee_communes",
            "QN00101M,Grande Reyssouze Terre Des Fleurs,01053",
            "QN01202M,\"Bastide, Tricot et Lapeyrade\",12300",
            "QN03016M,\"La Grand-Combe, les Salles du Gardon et Branoux Les Taillades\",30051|30132|30307",
            "QN02A01M,Les Salines,2A004",
        ]), fileName: "qpv.csv")
        XCTAssertEqual(records.map(\.code), ["QN00101M", "QN01202M", "QN03016M", "QN02A01M"])
        XCTAssertEqual(records[1].name, "Bastide, Tricot et Lapeyrade")
        XCTAssertEqual(records[2].communeCodes, ["30051", "30132", "30307"])
        XCTAssertEqual(records[3], QPVRecord(code: "QN02A01M", name: "Les Salines", communeCodes: ["2A004"], line: 5))
    }

    func testQPVRefusals() {
        let header = "code_qpv,nom_qpv,insee_communes"
        assertTerritoryRefusal(.invalidValue(file: "qpv.csv", line: 2, column: "insee_communes", value: "30051|3013",
                                             expected: "des codes commune INSEE de 5 caractères séparés par « | », comme 30051|30132"),
                               mentions: ["ligne 2", "« insee_communes »", "« 30051|3013 »"]) {
            try QPVReader.read(data: TerritoryFixture.crlf([header, "QN03016M,La Grand-Combe,30051|3013"]), fileName: "qpv.csv")
        }
        assertTerritoryRefusal(.duplicateValue(file: "qpv.csv", line: 3, column: "code_qpv", value: "QN00101M", firstLine: 2)) {
            try QPVReader.read(data: TerritoryFixture.crlf([header, "QN00101M,A,01053", "QN00101M,B,01053"]), fileName: "qpv.csv")
        }
        assertTerritoryRefusal(.invalidValue(file: "qpv.csv", line: 2, column: "code_qpv", value: "QP001001",
                                             expected: QPVReader.codeFormat.expectation)) {
            try QPVReader.read(data: TerritoryFixture.crlf([header, "QP001001,A,01053"]), fileName: "qpv.csv")
        }
        assertTerritoryRefusal(.missingValue(file: "qpv.csv", line: 2, column: "insee_communes")) {
            try QPVReader.read(data: TerritoryFixture.crlf([header, "QN00101M,A,"]), fileName: "qpv.csv")
        }
    }
}
