import CLSCore
import CLSFormats
import CLSStore
import Fluent
import Foundation
import XCTest
import XCTVapor
@testable import CLSWeb

/// Santé publique France's files imported from the administration page: a masked count shown
/// « < 5 » and never compared; the department's indicators on the contract's Diagnostic tab and
/// on the territory API, with their verdicts; a file of regions leaving the departments alone;
/// the same file twice changing nothing; the tab exported as a workbook and as CSV.
final class PublishedDiagnosisTests: XCTestCase {
    static let header = "\u{FEFF}Année;Département Code;Département;Classe d'âge;Sexe;Nombre de décès;Taux brut;Taux standardisé"

    func testAMaskedCountIsShownBelowFiveAndNeverCompared() async throws {
        try await TestApp.run { app, _ in
            let contract = try await TestApp.contract(named: "CLS 2 de Belle-Île-en-Mer", on: app)
            let id = try contract.requireID()
            try await DiagnosisTests.perimeter(contract, communes: ["56009", "56152"], on: app)
            let admin = WebClient(app)
            try await admin.login("admin@demo.cls-pilot.fr")
            try await admin.get("/admin/referentiel")
            let departments = Data(([Self.header,
                                     "2021;56;Morbihan;Tous;Hommes et Femmes;170.0;21.9;21.0",
                                     "2022;56;Morbihan;Tous;Hommes et Femmes;180.0;23.1;22.0",
                                     "2023;56;Morbihan;Tous;Hommes et Femmes;2.5;0.3;0.3",
                                     "2023;35;Ille-et-Vilaine;Tous;Hommes et Femmes;150.0;13.9;14.1"].joined(separator: "\n")).utf8)
            _ = try await ReferenceImportTests.importFiles(admin, kind: "diagnostic",
                                                           files: [(field: "fichier", filename: "suicides_deces_departement.csv", data: departments)], app: app)
            let regions = Data(("\u{FEFF}Année;Région Code;Région;Classe d'âge;Sexe;Nombre de décès;Taux brut;Taux standardisé\n"
                                + "2023;53;Bretagne;Tous;Hommes et Femmes;730.5;21.2;20.6\n").utf8)
            _ = try await ReferenceImportTests.importFiles(admin, kind: "diagnostic",
                                                           files: [(field: "fichier", filename: "suicides_deces_region.csv", data: regions)], app: app)
            let stored = try await DiagnosticValue.query(on: app.db).filter(\.$indicatorCode == SuicideDeathsReader.crudeRateCode).count()
            XCTAssertEqual(stored, 5, "the regions' file leaves the departments' values alone")

            // The same file again through the store: nothing changes, not even the journal.
            let journal = try await AuditEntry.query(on: app.db).count()
            let again = try await DiagnosticImports.importPublished(try SuicideDeathsReader.read(data: regions, fileName: "suicides_deces_region.csv"),
                                                                     file: "suicides_deces_region.csv", using: Mutations(database: app.db, actor: .system))
            XCTAssertTrue(again.unchanged)
            let journalAgain = try await AuditEntry.query(on: app.db).count()
            XCTAssertEqual(journalAgain, journal)

            let coordinator = WebClient(app)
            try await coordinator.login("coordination.belle-ile@demo.cls-pilot.fr")
            let page = try await coordinator.get(SitePath.contract(id, .diagnosis(.page)).href)
            XCTAssertEqual(page.status, .ok)
            let html = page.body.string
            XCTAssertTrue(html.contains("Ces indicateurs ne sont publiés que par département"), html)
            XCTAssertTrue(html.contains("Décès par suicide (taux brut)"))
            XCTAssertTrue(html.contains("&lt; 5"), "the masked count of 2023")
            XCTAssertFalse(html.contains(">2,5<"), "never the placeholder")
            XCTAssertTrue(html.contains("2021 : 21,9 ; 2022 : 23,1 ; 2023 : &lt; 5"), "the trend, the masked year included")
            XCTAssertTrue(html.contains("class=\"trend-chart\""))

            let api = try await coordinator.get(SitePath.api(.territoryIndicators(.departements, .value("56"))).href)
            XCTAssertEqual(api.status, .ok, api.body.string)
            let lines = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(api.body.readableBytesView)) as? [[String: Any]])
            let masked = try XCTUnwrap(lines.first { $0["code"] as? String == SuicideDeathsReader.crudeRateCode && $0["period"] as? String == "2023" })
            XCTAssertEqual(masked["suppressed"] as? Bool, true)
            XCTAssertTrue(masked["value"] is NSNull || masked["value"] == nil)
            let benchmarks = try XCTUnwrap(masked["benchmarks"] as? [[String: Any]])
            XCTAssertEqual(benchmarks.first?["level"] as? String, "region")
            XCTAssertEqual(benchmarks.first?["verdict"] as? String, "not_compared")
            let unknown = try await coordinator.get(SitePath.api(.territoryIndicators(.departements, .value("99"))).href)
            XCTAssertEqual(unknown.status, .notFound)

            // The department's page compares it too, with the same words.
            _ = try await TerritoryImporter.apply(TerritoryTests.records(), using: Mutations(database: app.db, actor: .system))
            let territory = try await coordinator.get(SitePath.department("56").href)
            XCTAssertEqual(territory.status, .ok)
            XCTAssertTrue(territory.body.string.contains("Indicateurs de santé et comparaisons"), territory.body.string)
            XCTAssertTrue(territory.body.string.contains("Comparés à Bretagne."), "only the region was imported as a benchmark")
            XCTAssertTrue(territory.body.string.contains("Décès par suicide (taux brut)"))

            // The export: every period, numbers as numbers, read back by our reader.
            let workbook = try await coordinator.get(SitePath.contract(id, .diagnosis(.spreadsheet)).href)
            XCTAssertEqual(workbook.status, .ok)
            let sheets = try XLSXWorkbook(data: Data(workbook.body.readableBytesView))
            let rows = try XCTUnwrap(sheets.sheets.first).rows
            XCTAssertEqual(rows.first?.compactMap { $0?.stringValue }.prefix(4), ["Territoire", "Indicateur", "Unité", "Période"])
            let year2022 = try XCTUnwrap(rows.first { $0.count > 3 && $0[3]?.stringValue == "2022" && $0[1]?.stringValue == "Décès par suicide (taux brut)" })
            XCTAssertEqual(year2022[4]?.numberValue, 23.1)
            XCTAssertEqual(year2022[7]?.numberValue, 180)
            let csv = try await coordinator.get(SitePath.contract(id, .diagnosis(.csv)).href)
            XCTAssertTrue(csv.body.string.contains("Morbihan;Décès par suicide (taux brut);décès pour 100 000 habitants;2022;23,1;"), csv.body.string)
        }
    }

    /// The published files of `../shared/data/diagnostic`: the Morbihan's suicides 2023 (191
    /// deaths, 24,5 per 100 000) against Brittany (21,2) and France (13,0).
    func testThePublishedSuicideFilesGiveTheMorbihansVerdicts() async throws {
        let directory = PlanImportTests.sharedData.appendingPathComponent("diagnostic")
        guard FileManager.default.fileExists(atPath: directory.appendingPathComponent("suicides_deces_departement.csv").path) else {
            throw XCTSkip("../shared/data/diagnostic is absent: the published suicide files are not imported here (CI has them).")
        }
        try await TestApp.run { app, _ in
            let mutations = Mutations(database: app.db, actor: .system)
            for name in ["suicides_deces_departement.csv", "suicides_deces_region.csv", "suicides_deces_france_2019_2023.csv"] {
                let data = try Data(contentsOf: directory.appendingPathComponent(name))
                try await DiagnosticImports.importPublished(try SuicideDeathsReader.read(data: data, fileName: name), file: name, using: mutations)
            }
            let loaded = try await TerritoryDiagnosis.load(.department, code: "56", on: app.db)
            let diagnosis = try XCTUnwrap(loaded)
            let line = try XCTUnwrap(diagnosis.lines.first { $0.indicator.code == SuicideDeathsReader.crudeRateCode && $0.period == "2023" })
            let estimate = try XCTUnwrap(line.area.estimate)
            XCTAssertEqual(estimate.value, 24.5)
            // By hand: Byar's limits of 191 deaths, scaled by 24,5 / 191.
            let z = 1.959963984540054
            XCTAssertEqual(try XCTUnwrap(estimate.lower), 24.5 / 191 * 191 * pow(1 - 1 / (9 * 191.0) - z / (3 * 191.0.squareRoot()), 3), accuracy: 1e-9)
            XCTAssertEqual(try XCTUnwrap(estimate.upper), 24.5 / 191 * 192 * pow(1 - 1 / (9 * 192.0) + z / (3 * 192.0.squareRoot()), 3), accuracy: 1e-9)
            let region = try XCTUnwrap(line.benchmarks.first { $0.figure.level == .region })
            XCTAssertEqual(region.figure.estimate?.value, 21.2)
            XCTAssertEqual(region.verdict, .similar, "21,2 lies inside 21,15 – 28,2")
            let france = try XCTUnwrap(line.benchmarks.first { $0.figure.level == .france })
            XCTAssertEqual(france.figure.estimate?.value, 13.0)
            XCTAssertEqual(france.verdict, .worse)
            let mayotteLoaded = try await TerritoryDiagnosis.load(.department, code: "976", on: app.db)
            let mayotte = try XCTUnwrap(mayotteLoaded)
            XCTAssertTrue(mayotte.lines.filter { $0.indicator.code == SuicideDeathsReader.crudeRateCode }.allSatisfy(\.area.isSuppressed),
                          "Mayotte's counts are all masked")
        }
    }
}
