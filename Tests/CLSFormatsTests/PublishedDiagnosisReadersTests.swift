import CLSCore
import Foundation
import XCTest
@testable import CLSFormats

/// Santé publique France's files read as published: suicides with their masked counts kept
/// masked, vaccination coverage with the leading zeros put back; a damaged line refused with its
/// file, line and column.
final class PublishedDiagnosisReadersTests: XCTestCase {
    static let suicideHeader = "\u{FEFF}Année;Département Code;Département;Classe d'âge;Sexe;Nombre de décès;Taux brut;Taux standardisé"

    func testSuicidesKeepTheirMaskedCountsMasked() throws {
        let csv = Data(([Self.suicideHeader,
                         "2023;56;Morbihan;Tous;Hommes et Femmes;191.0;24.5;23.2",
                         "2023;56;Morbihan;Tous;Hommes;140.5;37.0;35.7",
                         "2023;04;Alpes-de-Haute-Provence;Tous;Hommes et Femmes;2.5;2.9;2.9",
                         "2023;01;Ain;Tous;Hommes et Femmes;80.5;11.9;12.0",
                         "2023;01;Ain;25-44 ans;Hommes et Femmes;20.0;11.9;"].joined(separator: "\n")).utf8)
        let published = try SuicideDeathsReader.read(data: csv, fileName: "suicides.csv")
        XCTAssertEqual(published.levels, [.department])
        let crude = published.values.filter { $0.indicator == SuicideDeathsReader.crudeRateCode }
        XCTAssertEqual(crude.map(\.code), ["56", "04", "01"], "only « Tous » ages, « Hommes et Femmes »")
        XCTAssertEqual(crude[0], PublishedValue(indicator: SuicideDeathsReader.crudeRateCode, level: .department, code: "56", period: "2023",
                                                numerator: 191, value: 24.5))
        XCTAssertTrue(crude[1].isMasked)
        XCTAssertNil(crude[1].numerator, "2.5 is a placeholder for 1 to 4 deaths, never a count")
        XCTAssertNil(crude[1].value)
        XCTAssertEqual(crude[2].numerator, 80.5, "a sum of masked cells is kept as published")
        let standardised = published.values.filter { $0.indicator == SuicideDeathsReader.standardisedRateCode }
        XCTAssertEqual(standardised.map(\.value), [23.2, nil, 12.0])
        XCTAssertEqual(published.definitions.map(\.method), [.rate, .standardisedRate])
    }

    func testADamagedSuicideLineIsRefusedWithItsColumn() {
        let csv = Data(([Self.suicideHeader, "2023;56;Morbihan;Tous;Hommes et Femmes;beaucoup;24.5;23.2"].joined(separator: "\n")).utf8)
        XCTAssertThrowsError(try SuicideDeathsReader.read(data: csv, fileName: "suicides.csv")) { error in
            guard case let .invalidValue(file, line, column, value, _)? = error as? TerritoryFileError else { return XCTFail("\(error)") }
            XCTAssertEqual([file, "\(line)", column, value], ["suicides.csv", "2", "Nombre de décès", "beaucoup"])
        }
        let unknown = Data(([Self.suicideHeader, "2023;999;Nulle part;Tous;Hommes et Femmes;3;1;1"].joined(separator: "\n")).utf8)
        XCTAssertThrowsError(try SuicideDeathsReader.read(data: unknown, fileName: "suicides.csv")) { error in
            XCTAssertTrue((error as? TerritoryFileError)?.message.contains("Département Code") ?? false, "\(error)")
        }
    }

    func testVaccinationPutsBackLeadingZerosAndRefusesAPercentageAbove100() throws {
        let csv = Data(["Année,Département Code,Département,HPV filles 1 dose à 15 ans,Grippe 65 ans et plus,Région,Région Code",
                        "2011,3,Allier,33.7,,Auvergne et Rhône-Alpes,84",
                        "2011,2A,Corse-du-Sud,,51.2,Corse,94"].joined(separator: "\n").utf8)
        let published = try VaccinationCoverageReader.read(data: csv, fileName: "couvertures.csv")
        XCTAssertEqual(published.values.map(\.code), ["03", "2A"])
        XCTAssertEqual(published.values.map(\.indicator), ["vaccination_hpv_filles_1_dose_a_15_ans", "vaccination_grippe_65_ans_et_plus"])
        XCTAssertEqual(published.definitions.map(\.label), ["Couverture vaccinale : HPV filles 1 dose à 15 ans", "Couverture vaccinale : Grippe 65 ans et plus"])
        XCTAssertTrue(published.values.allSatisfy { $0.numerator == nil && $0.lower == nil }, "percentages only")

        let wrong = Data(["Année,Département Code,Département,HPV filles 1 dose à 15 ans", "2011,3,Allier,133.7"].joined(separator: "\n").utf8)
        XCTAssertThrowsError(try VaccinationCoverageReader.read(data: wrong, fileName: "couvertures.csv")) { error in
            guard case let .invalidValue(_, line, column, value, _)? = error as? TerritoryFileError else { return XCTFail("\(error)") }
            XCTAssertEqual(["\(line)", column, value], ["2", "HPV filles 1 dose à 15 ans", "133.7"])
        }
    }

    /// The published files of `../shared/data/diagnostic`; the figures were counted with Python's csv module.
    func testThePublishedFiles() throws {
        guard let directory = SharedData.directory?.appendingPathComponent("diagnostic") else {
            throw XCTSkip("../shared/data is absent (set CLS_SHARED_DATA to its path): the published diagnosis files are not read here (CI has them).")
        }
        func read(_ name: String) throws -> Data { try Data(contentsOf: directory.appendingPathComponent(name)) }
        let departments = try SuicideDeathsReader.read(data: try read("suicides_deces_departement.csv"), fileName: "suicides_deces_departement.csv")
        let crude = departments.values.filter { $0.indicator == SuicideDeathsReader.crudeRateCode }
        XCTAssertEqual(crude.count, 505, "101 departments × 5 years (Saint-Barthélemy and Saint-Martin left aside)")
        XCTAssertEqual(crude.filter(\.isMasked).count, 5)
        XCTAssertTrue(departments.notes.contains { $0.contains("Saint-Barthélemy") })
        let morbihan = try XCTUnwrap(crude.first { $0.code == "56" && $0.period == "2023" })
        XCTAssertEqual([morbihan.numerator, morbihan.value], [191, 24.5])
        let regions = try SuicideDeathsReader.read(data: try read("suicides_deces_region.csv"), fileName: "suicides_deces_region.csv")
        XCTAssertEqual(regions.levels, [.region])
        XCTAssertEqual(regions.values.filter { $0.indicator == SuicideDeathsReader.crudeRateCode && $0.isMasked }.count, 5)
        let france = try SuicideDeathsReader.read(data: try read("suicides_deces_france_2019_2023.csv"), fileName: "suicides_deces_france_2019_2023.csv")
        XCTAssertEqual(france.values.filter { $0.indicator == SuicideDeathsReader.crudeRateCode }.map(\.code), Array(repeating: "FR", count: 5))

        let vaccination = try VaccinationCoverageReader.read(data: try read("couvertures-vaccinales-des-adolescent-et-adultes-departement.csv"),
                                                             fileName: "departement.csv")
        XCTAssertEqual(vaccination.values.count, 8_070)
        XCTAssertEqual(vaccination.definitions.count, 12)
        XCTAssertEqual(vaccination.values.first { $0.code == "03" && $0.period == "2011" }?.value, 33.7, "« 3 » is the Allier")
        let national = try VaccinationCoverageReader.read(data: try read("couvertures-vaccinales-des-adolescents-et-adultes-depuis-2011-france.csv"),
                                                          fileName: "france.csv")
        XCTAssertEqual(national.levels, [.france])
        XCTAssertEqual(national.values.count, 82, "`;`, a byte-order mark and CRLF")
        XCTAssertEqual(national.values.first?.value, 19.4)
    }
}

/// CépiDc's and INSEE's workbooks of `../shared/data/diagnostic`, read as published (figures
/// counted with openpyxl).
final class PublishedDiagnosisWorkbooksTests: XCTestCase {
    func directory() throws -> URL {
        guard let directory = SharedData.directory?.appendingPathComponent("diagnostic") else {
            throw XCTSkip("../shared/data is absent (set CLS_SHARED_DATA to its path): the published workbooks are not read here (CI has them).")
        }
        return directory
    }

    func testCausesOfDeathByRegion() throws {
        let data = try Data(contentsOf: try directory().appendingPathComponent("taux_effectifs_regions_15_23.xlsx"))
        let published = try CausesOfDeathRegionsReader.read(data: data, fileName: "taux_effectifs_regions_15_23.xlsx")
        XCTAssertEqual(published.definitions.count, 7, "one cause per sheet, Covid-19 included")
        XCTAssertEqual(published.values.count, 1_102)
        XCTAssertEqual(published.levels, [.region, .france])
        let all = "deces_toutes_causes"
        let brittany = try XCTUnwrap(published.values.first { $0.indicator == all && $0.code == "53" && $0.period == "2015" })
        XCTAssertEqual([brittany.numerator, brittany.value], [33_821, 933.9])
        let france = try XCTUnwrap(published.values.first { $0.indicator == all && $0.code == "FR" && $0.period == "2015" })
        XCTAssertEqual([france.numerator, france.value], [591_806, 892.5], "« France » with a trailing space")
        XCTAssertTrue(published.values.contains { $0.code == "04" }, "« La Réunion » is region 04")
        XCTAssertEqual(published.definitions.first?.method, .standardisedRate)
        XCTAssertTrue(published.notes.contains { $0.contains("2022, 2023") }, "the provisional years said")
    }

    func testPopulationEstimates() throws {
        let data = try Data(contentsOf: try directory().appendingPathComponent("estim-pop-dep-sexe-aq-1975-2021.xlsx"))
        let published = try PopulationEstimatesReader.read(data: data, fileName: "estim-pop-dep-sexe-aq-1975-2021.xlsx")
        XCTAssertEqual(Set(published.values.map(\.period)), Set((2012...2021).map(String.init)), "the ten latest years")
        let older = published.values.filter { $0.indicator == PopulationEstimatesReader.olderCode && $0.period == "2021" }
        let morbihan = try XCTUnwrap(older.first { $0.level == .department && $0.code == "56" })
        XCTAssertEqual([morbihan.numerator, morbihan.denominator], [88_132, 763_103])
        let france = try XCTUnwrap(older.first { $0.level == .france })
        XCTAssertEqual([france.numerator, france.denominator], [6_409_568, 67_407_241])
        XCTAssertEqual(older.filter { $0.level == .department }.count, 101, "2021 has Mayotte; the 2021 sheet's stray quote is no obstacle")
        let brittany = try XCTUnwrap(older.first { $0.level == .region && $0.code == "53" })
        let parts = older.filter { $0.level == .department && ["22", "29", "35", "56"].contains($0.code) }
        XCTAssertEqual(brittany.denominator, parts.compactMap(\.denominator).reduce(0, +), "a region is the sum of its departments")
    }
}
