import CLSCore
import FluentKit
import CLSFormats
import Foundation
import SQLKit
import XCTest
@testable import CLSStore

/// The territorial reference written by `TerritoryImporter`: a small hand-made extract (the
/// same as `TerritoryTests`' in CLSWebTests, which serves it through the API), then the real
/// national files when `../shared/data` holds them.
final class TerritoryImporterTests: XCTestCase {
    static func records(vintage: String = "2026", belleIleName: String = "Le Palais") -> TerritoryRecords {
        var records = TerritoryRecords(vintage: vintage)
        records.regions = [Region(code: "53", name: "Bretagne"), Region(code: "11", name: "Île-de-France")]
        records.departments = [Department(code: "56", name: "Morbihan", regionCode: "53"), Department(code: "75", name: "Paris", regionCode: "11")]
        records.communes = [
            ReferenceCommune(kind: "COM", code: "56152", name: belleIleName, departmentCode: "56", regionCode: "53", population: 2_545),
            ReferenceCommune(kind: "COM", code: "56009", name: "Bangor", departmentCode: "56", regionCode: "53", population: 1_018),
            ReferenceCommune(kind: "COM", code: "56114", name: "Locmaria", departmentCode: "56", regionCode: "53", population: 877),
            ReferenceCommune(kind: "COM", code: "56241", name: "Sauzon", departmentCode: "56", regionCode: "53", population: 903),
            ReferenceCommune(kind: "COM", code: "75056", name: "Paris", departmentCode: "75", regionCode: "11", population: 2_113_705),
            ReferenceCommune(kind: "ARM", code: "75119", name: "Paris 19e Arrondissement", departmentCode: "75", regionCode: "11",
                          parentCode: "75056", population: 181_616),
        ]
        records.epcis = [ReferenceEPCI(siren: "245600465", name: "CC de Belle-Île-en-Mer", nature: "CC",
                                    memberCodes: ["56009", "56114", "56152", "56241"])]
        records.qpvs = [ReferenceQPV(code: "QN07501M", name: "Stalingrad Riquet", communeCodes: ["75056"])]
        return records
    }

    func testImportIsIdempotentAndReportsChanges() async throws {
        try await StoreTestDatabase.run(loadDemo: false) { database, _ in
            let system = Mutations(database: database, actor: .system)
            let first = try await TerritoryImporter.apply(Self.records(), using: system)
            XCTAssertEqual(first.communesByKind, ["COM": 5, "ARM": 1])
            XCTAssertEqual(first.memberships, 4)
            let value1 = try await Commune.query(on: database).count()
            XCTAssertEqual(value1, 6)

            let again = try await TerritoryImporter.apply(Self.records(), using: system)
            XCTAssertEqual(again.added, [])
            XCTAssertEqual(again.renamed, [])
            XCTAssertEqual(again.retired, [])
            let value2 = try await Commune.query(on: database).count()
            XCTAssertEqual(value2, 6, "a second import changes nothing")
            let value3 = try await QPVCommune.query(on: database).count()
            XCTAssertEqual(value3, 1)

            // A newer vintage: a commune renamed, one gone (merged).
            var next = Self.records(vintage: "2027", belleIleName: "Le Palais-Belle-Île")
            next.communes.removeAll { $0.code == "56241" }
            next.epcis[0].memberCodes.removeAll { $0 == "56241" }
            next.communeEvents = [ReferenceCommuneEvent(code: 31, label: "Fusion simple", date: "2027-01-01", beforeCode: "56241", beforeName: "Sauzon",
                                                        beforeKind: "COM", afterCode: "56152", afterName: "Le Palais-Belle-Île", afterKind: "COM",
                                                        absorbsBeforeCommune: true)]
            let update = try await TerritoryImporter.apply(next, using: system)
            XCTAssertEqual(update.renamed, ["56152 Le Palais → Le Palais-Belle-Île"])
            XCTAssertEqual(update.retired, ["56241 Sauzon (fusionnée le 2027-01-01 dans Le Palais-Belle-Île, 56152)"], "the COG history says what it became")
            XCTAssertEqual(update.newEvents, 1)
            let sauzon = try await Commune.find("56241", on: database)
            XCTAssertEqual(sauzon?.kind, "RETIRED", "kept for the perimeters that name it")
            XCTAssertNil(sauzon?.epciSiren)
            let value4 = try await Commune.find("56152", on: database)?.vintage
            XCTAssertEqual(value4, "2027")

            // Refused to anyone but the administrator, and journaled.
            let ars = Mutations(database: database, actor: Actor(userId: nil, label: "ars", subject: AccessSubject(userId: "x", grants: [RoleGrant(role: .arsRegional, scope: "53")])))
            do { _ = try await TerritoryImporter.apply(next, using: ars); XCTFail("only the administrator imports") } catch is AccessError {}
            let value5 = try await AuditEntry.query(on: database).filter(\.$entityType == "territories").count()
            XCTAssertEqual(value5, 3)
        }
    }

    func testTheNationalFilesImportTwiceWithTheOfficialCounts() async throws {
        let folder = StoreTestDatabase.sharedData.appendingPathComponent("territoires")
        guard FileManager.default.fileExists(atPath: folder.path) else {
            throw XCTSkip("../shared/data/territoires is absent: the national reference files cannot be imported here (CI provides them).")
        }
        let files = try TerritoryAssembler.Files(
            communes: folder.appendingPathComponent("communes-cog-2026.csv"),
            populations: folder.appendingPathComponent("populations-legales-2023.csv"),
            epci: folder.appendingPathComponent("epci-perimetre-2025.csv"),
            qpv: folder.appendingPathComponent("qpv-2024.csv"),
            departments: folder.appendingPathComponent("departements.csv"),
            regions: folder.appendingPathComponent("regions.csv"),
            events: folder.appendingPathComponent("mouvements-communes.csv"))
        let records = try TerritoryAssembler.assemble(files, vintage: "2026")
        try await StoreTestDatabase.run(loadDemo: false) { database, _ in
            let system = Mutations(database: database, actor: .system)
            let report = try await TerritoryImporter.apply(records, using: system)
            XCTAssertEqual(report.communesByKind, ["COM": 34_875, "COMD": 2_105, "COMA": 471, "ARM": 45])
            XCTAssertEqual(report.epcis, 1_255)
            XCTAssertEqual(report.memberships, 34_871)
            XCTAssertEqual(report.qpvs, 1_584)
            XCTAssertEqual(report.departments, 101)
            XCTAssertEqual(report.regions, 18)
            XCTAssertEqual(report.newEvents, 13_734, "every line of the COG history")
            let paris = try await Commune.find("75056", on: database)
            let arrondissements = try await Commune.query(on: database).filter(\.$parentCode == "75056").filter(\.$kind == "ARM").all()
            XCTAssertEqual(arrondissements.count, 20)
            XCTAssertEqual(paris?.population, arrondissements.compactMap(\.population).reduce(0, +))
            let members = try await Commune.query(on: database).filter(\.$epciSiren != nil).count()
            XCTAssertEqual(members, 34_871)

            let again = try await TerritoryImporter.apply(records, using: system)
            XCTAssertEqual(again.added, [])
            XCTAssertEqual(again.renamed, [])
            XCTAssertEqual(again.retired, [])
            XCTAssertEqual(again.newEvents, 0)
        }
    }
}
