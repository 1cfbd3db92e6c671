import CLSCore
import XCTest
@testable import CLSFormats

/// The territory readers on the official files of `../shared/data` (skipped when absent).
final class TerritoryRealFilesTests: XCTestCase {
    func testCOGCommunesCountsByKind() throws {
        let cog = try COGCommunesReader.read(contentsOf: TerritoryFixture.sharedFile("territoires/communes-cog-2026.csv"))
        XCTAssertEqual(cog.records.count, 37_496)
        XCTAssertEqual(cog.countsByKind, [.commune: 34_875, .delegatedCommune: 2_105, .associatedCommune: 471, .municipalArrondissement: 45])
        let byCode = Dictionary(cog.communes.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        XCTAssertEqual(byCode["01001"]?.name, "L'Abergement-Clémenciat")
        XCTAssertEqual(byCode["2A004"]?.departmentCode, "2A")
        XCTAssertEqual(byCode["97101"]?.departmentCode, "971")
        let arrondissements = cog.records.filter { $0.kind == .municipalArrondissement }
        XCTAssertEqual(Set(arrondissements.map(\.parentCode)), ["75056", "69123", "13055"])
        for arrondissement in arrondissements {
            XCTAssertEqual(MunicipalArrondissements.city(ofArrondissement: arrondissement.code)?.code, arrondissement.parentCode)
        }
    }

    func testDepartmentsAndRegionsMatchTheCoreReference() throws {
        let departments = try DepartmentsReader.read(contentsOf: TerritoryFixture.sharedFile("territoires/departements.csv"))
        let regions = try RegionsReader.read(contentsOf: TerritoryFixture.sharedFile("territoires/regions.csv"))
        XCTAssertEqual(departments.count, 101)
        XCTAssertEqual(regions.count, 18)
        XCTAssertEqual(Set(departments.map(\.code)), Set(AdministrativeAreas.departments.map(\.code)))
        XCTAssertEqual(Set(regions.map(\.code)), Set(AdministrativeAreas.regions.map(\.code)))
        for department in departments {
            XCTAssertEqual(AdministrativeAreas.department(department.code)?.regionCode, department.regionCode, department.code)
        }
        XCTAssertEqual(regions.first { $0.code == "84" }?.name, "Auvergne-Rhône-Alpes")
    }

    func testLegalPopulationsAndTheThreeCities() throws {
        let records = try LegalPopulationsReader.read(contentsOf: TerritoryFixture.sharedFile("territoires/populations-legales-2023.csv"))
        XCTAssertEqual(records.count, 34_900)
        let byCode = Dictionary(uniqueKeysWithValues: records.map { ($0.code, $0) })
        XCTAssertEqual(byCode["01001"]?.totalPopulation, 876)
        XCTAssertEqual(byCode["2A001"]?.name, "Afa")
        XCTAssertEqual(byCode["97101"]?.name, "Les Abymes")
        XCTAssertNil(byCode["75056"], "the file gives Paris only by arrondissement")

        let communes = LegalPopulationsReader.communes(from: records)
        XCTAssertEqual(communes.count, 34_900 - 45 + 3)
        let communeByCode = Dictionary(uniqueKeysWithValues: communes.map { ($0.code, $0) })
        for city in MunicipalArrondissements.cities {
            let parts = city.arrondissementCodes.map { byCode[$0] }
            XCTAssertFalse(parts.contains(nil), "every arrondissement of \(city.name) is in the file")
            let aggregated = try XCTUnwrap(communeByCode[city.code])
            XCTAssertEqual(aggregated.totalPopulation, parts.reduce(0) { $0 + ($1?.totalPopulation ?? 0) })
            XCTAssertEqual(aggregated.municipalPopulation, parts.reduce(0) { $0 + ($1?.municipalPopulation ?? 0) })
            XCTAssertNil(communeByCode[city.arrondissementCodes[0]])
        }
        XCTAssertEqual(MunicipalArrondissements.cities[0].arrondissementCodes.count, 20)
        XCTAssertEqual(communeByCode["75056"]?.totalPopulation, 2_119_412)
        XCTAssertEqual(communeByCode["75056"]?.municipalPopulation, 2_103_778)
        XCTAssertEqual(communeByCode["69123"]?.totalPopulation, 525_314)
        XCTAssertEqual(communeByCode["13055"]?.totalPopulation, 892_391)
    }

    func testEPCIPerimeter() throws {
        let url = try TerritoryFixture.sharedFile("territoires/epci-perimetre-2025.csv")
        XCTAssertEqual(try DelimitedTextReader(contentsOf: url, options: DelimitedTextOptions(separator: ";")).effectiveEncoding, .windows1252)
        let perimeter = try EPCIPerimeterReader.read(contentsOf: url)
        XCTAssertEqual(perimeter.epcis.count, 1_255)
        XCTAssertEqual(perimeter.members.count, 34_871)
        XCTAssertEqual(perimeter.countsByNature, [.communauteDeCommunes: 989, .communauteDAgglomeration: 230, .metropole: 21,
                                                  .communauteUrbaine: 14, .metropoleDeLyon: 1])
        XCTAssertEqual(perimeter.epcis.reduce(0) { $0 + $1.memberCount }, 34_871)
        let lyon = try XCTUnwrap(perimeter.epcis.first { $0.nature == .metropoleDeLyon })
        XCTAssertEqual(lyon.name, "Métropole de Lyon")
        XCTAssertEqual(lyon.totalPopulation, 1_449_118)
        XCTAssertEqual(perimeter.epcis.first { $0.siren == "200029999" }?.totalPopulation, 15_156)
        XCTAssertEqual(perimeter.epcis.first { $0.siren == "200068625" }?.name, "CC Alpes-Provence-Verdon \"Sources de lumière\"")
        XCTAssertEqual(perimeter.members.first { $0.communeCode == "69123" }?.totalPopulation, 526_912)
        XCTAssertEqual(Set(perimeter.members.map(\.communeCode)).count, 34_871)
    }

    func testQPVListAndContours() throws {
        let qpv = try QPVReader.read(contentsOf: TerritoryFixture.sharedFile("territoires/qpv-2024.csv"))
        XCTAssertEqual(qpv.count, 1_584)
        XCTAssertEqual(qpv.filter { $0.communeCodes.count > 1 }.count, 149)
        XCTAssertEqual(qpv.first { $0.code == "QN01202M" }?.name, "Bastide, Tricot et Lapeyrade")

        let contours = try GeoJSONReader.read(contentsOf: TerritoryFixture.sharedFile("geo/qpv-2024.geojson"))
        XCTAssertEqual(contours.features.count, 1_584)
        XCTAssertTrue(contours.features.allSatisfy { $0.geometry?.kind == .multiPolygon })
        XCTAssertEqual(Set(contours.features.compactMap { $0.properties["code_qp"] }), Set(qpv.map(\.code)))
        XCTAssertEqual(contours.features[0].properties["lib_qp"], "Grande Reyssouze Terre Des Fleurs")
        XCTAssertEqual(contours.features[0].geometry?.polygons[0][0][0], GeoPosition(longitude: 5.2368, latitude: 46.2111))
    }

    func testOtherContours() throws {
        let departments = try GeoJSONReader.read(contentsOf: TerritoryFixture.sharedFile("geo/departements-simplifie-2018.geojson"))
        XCTAssertEqual(departments.features.count, 96)
        XCTAssertEqual(departments.features.filter { $0.geometry?.kind == .polygon }.count, 86)
        XCTAssertEqual(departments.features[0].properties, ["code": "01", "nom": "Ain"])
        let regions = try GeoJSONReader.read(contentsOf: TerritoryFixture.sharedFile("geo/regions-simplifie-2018.geojson"))
        XCTAssertEqual(regions.features.count, 13)
        let communes = try GeoJSONReader.read(contentsOf: TerritoryFixture.sharedFile("geo/communes-93-2018.geojson"))
        XCTAssertEqual(communes.features.count, 40)
        XCTAssertTrue(communes.features.allSatisfy { $0.properties["code"]?.hasPrefix("93") == true })
    }

    func testFilosofiCommunesAndIRIS() throws {
        let communes = try FilosofiCommunesReader.read(contentsOf: TerritoryFixture.sharedFile("indicateurs/filosofi-communes-2021.json"))
        XCTAssertEqual(communes.dataYear, 2021)
        XCTAssertEqual(communes.records.count, 31_322)
        XCTAssertEqual(communes.records.filter { $0.minimumBenefitsSharePercent != nil }.count, 5_343)
        XCTAssertEqual(communes.records.first { $0.code == "01004" },
                       FilosofiCommuneRecord(code: "01004", medianIncomeEuros: 21_660, minimumBenefitsSharePercent: 3.0))

        let iris = try FilosofiIRISReader.read(contentsOf: TerritoryFixture.sharedFile("indicateurs/filosofi-iris-2021.json.gz"))
        XCTAssertEqual(iris.dataYear, 2021)
        XCTAssertEqual(iris.records.count, 14_490)
        XCTAssertEqual(iris.records.filter { $0.povertyRatePercent == nil }.count, 4)
        XCTAssertEqual(iris.records.first { $0.code == "010040101" },
                       FilosofiIRISRecord(code: "010040101", medianIncomeEuros: 20_350, povertyRatePercent: 19, gini: 0.237))
    }

    func testIndicatorFileWithByteOrderMarkAndTitleLines() throws {
        let url = try TerritoryFixture.sharedFile("indicateurs/apl-generalistes-2023-bassins-de-vie.csv")
        let reader = try DelimitedTextReader(contentsOf: url, options: DelimitedTextOptions(separator: ";", titleLines: 2))
        var rows: [DelimitedRow] = []
        try reader.readTable(kind: "un fichier d'accessibilité aux médecins généralistes", columns: ["Code", "Libellé"]) { rows.append($0) }
        XCTAssertEqual(rows.count, 2_931)
        XCTAssertEqual(rows[0].line, 4)
        XCTAssertEqual(rows[0].text("Code"), "01004")
        XCTAssertEqual(rows[0].text("Libellé"), "Ambérieu-en-Bugey")
    }

    func testTheOfficialFilesAreNotTakenForOneAnother() throws {
        let populations = try Data(contentsOf: TerritoryFixture.sharedFile("territoires/populations-legales-2023.csv"))
        XCTAssertThrowsError(try EPCIPerimeterReader.read(data: populations, fileName: "populations-legales-2023.csv")) { error in
            XCTAssertTrue((error as? TerritoryFileError)?.message.contains("ne ressemble pas à la composition des EPCI") == true, "\(error)")
        }
        let filosofi = try Data(contentsOf: TerritoryFixture.sharedFile("indicateurs/filosofi-communes-2021.json"))
        XCTAssertThrowsError(try GeoJSONReader.read(data: filosofi, fileName: "filosofi-communes-2021.json")) { error in
            XCTAssertTrue((error as? TerritoryFileError)?.message.contains("ne ressemble pas à un fichier GeoJSON") == true, "\(error)")
        }
    }
}
