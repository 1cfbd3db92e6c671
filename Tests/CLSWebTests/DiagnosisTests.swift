import CLSCore
@testable import CLSFormats
@testable import CLSStore
import Fluent
import Vapor
import XCTest
@testable import CLSWeb

/// The Diagnostic tab: the perimeter's indicators summed from its communes, with their interval
/// and their verdict against the department, the region and France; imports all or nothing,
/// the same file twice changing nothing.
final class DiagnosisTests: XCTestCase {
    /// Gives a contract a perimeter of communes (without the territorial reference the page does not need).
    static func perimeter(_ contract: Contract, communes: [String], on app: Application) async throws {
        let perimeter = ContractPerimeter(contractId: try contract.requireID(), kind: .communes, epciSiren: nil, communeCodes: communes,
                                          focusQPVCodes: [], validFrom: CalendarDay(parsing: "2024-01-01")!, label: "Belle-Île-en-Mer")
        try await Mutations(database: app.db, actor: .system).create(perimeter, permission: .editContract(contract.accessScope))
    }

    func testThePerimetersMortalityIsItsCommunesSumsWithItsVerdicts() async throws {
        try await TestApp.run { app, _ in
            let contract = try await TestApp.contract(named: "CLS 2 de Belle-Île-en-Mer", on: app)
            let id = try contract.requireID()
            try await Self.perimeter(contract, communes: ["56009", "56152"], on: app)
            let communes = [
                ComparateurCommune(code: "56009", population2018: 1000, deaths2020: 30, births2020: 5, unemployed1564: 40, active1564: 400),
                ComparateurCommune(code: "56152", population2018: 2000, deaths2020: 40, births2020: 15, unemployed1564: 60, active1564: 900),
                ComparateurCommune(code: "56260", population2018: 97_000, deaths2020: 900, births2020: 900, unemployed1564: 4_000, active1564: 45_000),
                ComparateurCommune(code: "35238", population2018: 220_000, deaths2020: 1_500, births2020: 2_600, unemployed1564: 12_000, active1564: 100_000),
                ComparateurCommune(code: "75056", population2018: 2_000_000, deaths2020: 15_000, births2020: 25_000, unemployed1564: 100_000, active1564: 1_100_000),
                ComparateurCommune(code: "75101", population2018: 16_000, deaths2020: 100, births2020: 150, unemployed1564: 700, active1564: 9_000),
            ]
            let mutations = Mutations(database: app.db, actor: .system)
            let rehearsal = try await DiagnosticImports.importComparateur(communes, file: "base_cc_comparateur_csv.zip", dryRun: true, using: mutations)
            XCTAssertFalse(rehearsal.unchanged)
            let afterDryRun = try await DiagnosticValue.query(on: app.db).count()
            XCTAssertEqual(afterDryRun, 0, "a dry run changes nothing")
            let first = try await DiagnosticImports.importComparateur(communes, file: "base_cc_comparateur_csv.zip", using: mutations)
            XCTAssertFalse(first.unchanged)
            let values = try await DiagnosticValue.query(on: app.db).count()
            let entries = try await AuditEntry.query(on: app.db).count()
            let again = try await DiagnosticImports.importComparateur(communes, file: "base_cc_comparateur_csv.zip", using: mutations)
            XCTAssertTrue(again.unchanged)
            let valuesAgain = try await DiagnosticValue.query(on: app.db).count()
            let entriesAgain = try await AuditEntry.query(on: app.db).count()
            XCTAssertEqual(valuesAgain, values)
            XCTAssertEqual(entriesAgain, entries, "the same file twice changes nothing, not even the journal")

            // France leaves the arrondissement out (it is counted in Paris).
            let france = try await DiagnosticValue.query(on: app.db).filter(\.$indicatorCode == "mortalite_brute").filter(\.$level == "france").first()
            XCTAssertEqual(france?.numerator, 30 + 40 + 900 + 1_500 + 15_000)
            XCTAssertEqual(france?.denominator, 1_000 + 2_000 + 97_000 + 220_000 + 2_000_000)

            let diagnosis = try await PerimeterDiagnosis.load(contract, on: app.db)
            let mortality = try XCTUnwrap(diagnosis?.lines.first { $0.indicator.code == "mortalite_brute" })
            XCTAssertEqual(mortality.area.numerator, 70)
            XCTAssertEqual(mortality.area.denominator, 3_000)
            let estimate = try XCTUnwrap(mortality.area.estimate)
            XCTAssertEqual(estimate.value, 70.0 / 3_000 * 100_000, accuracy: 1e-9, "a sum of counts over a sum of populations")
            XCTAssertEqual(try XCTUnwrap(estimate.lower), try XCTUnwrap(ConfidenceIntervals.byarsLower(70)) / 3_000 * 100_000, accuracy: 1e-9)
            // Department 56: (30 + 40 + 900) / 100 000 = 970 per 100 000, inside the perimeter's interval (1 822 – 2 949)? No: below it.
            let department = try XCTUnwrap(mortality.benchmarks.first { $0.figure.level == .department })
            XCTAssertEqual(try XCTUnwrap(department.figure.estimate).value, 970, accuracy: 1e-9)
            XCTAssertEqual(department.verdict, .worse, "a mortality above its department's, significantly")
            XCTAssertEqual(mortality.benchmarks.map(\.figure.level), [.department, .region, .france])

            let coordinator = WebClient(app)
            try await coordinator.login("coordination.belle-ile@demo.cls-pilot.fr")
            let page = try await coordinator.get(SitePath.contract(id, .diagnosis(.page)).href)
            XCTAssertEqual(page.status, .ok)
            let html = page.body.string
            XCTAssertTrue(html.contains("Mortalité, toutes causes (taux brut)"))
            XCTAssertTrue(html.contains(FrenchFormat.number(estimate.value, fractionDigits: 1)), html)
            XCTAssertTrue(html.contains("Significativement moins bon"))
            XCTAssertTrue(html.contains("Morbihan"))
            XCTAssertTrue(html.contains("class=\"spine-chart\""), "the region's two departments give the spine chart its range")
            XCTAssertEqual(mortality.regionalDepartments.sorted(), [1_500.0 / 220_000 * 100_000, 970].sorted())

            // The API gives the same figures, the verdict as a code.
            let api = try await coordinator.get(SitePath.api(.contract(.value(id), .diagnosis)).href)
            XCTAssertEqual(api.status, .ok)
            let json = try JSONSerialization.jsonObject(with: Data(api.body.readableBytesView)) as? [[String: Any]]
            let line = try XCTUnwrap(json?.first { $0["code"] as? String == "mortalite_brute" })
            XCTAssertEqual(try XCTUnwrap(line["value"] as? Double), estimate.value, accuracy: 1e-9)
            XCTAssertEqual(try XCTUnwrap(line["lower"] as? Double), try XCTUnwrap(estimate.lower), accuracy: 1e-9)
            let benchmarks = try XCTUnwrap(line["benchmarks"] as? [[String: Any]])
            XCTAssertEqual(benchmarks.compactMap { $0["level"] as? String }, ["departement", "region", "france"])
            XCTAssertEqual(benchmarks.first?["verdict"] as? String, "worse")
            let catalogue = try await coordinator.get(SitePath.api(.indicators).href)
            let codes = (try JSONSerialization.jsonObject(with: Data(catalogue.body.readableBytesView)) as? [[String: Any]])?.compactMap { $0["code"] as? String }
            XCTAssertEqual(codes, ["mortalite_brute", "natalite_brute", "chomage_15_64"])
        }
    }

    /// From the administration page: the file uploaded, previewed (nothing written), confirmed; a
    /// damaged one refused with its line and column, nothing changed.
    func testAnAdministratorImportsTheComparateurFromTheReferencePage() async throws {
        try await TestApp.run { app, _ in
            let header = "CODGEO;P18_POP;P13_POP;NAISD20;DECESD20;P18_CHOM1564;P18_ACT1564"
            func archive(_ lines: [String]) throws -> Data {
                try ZipPackageWriter.archive([(ComparateurReader.entry, Data(([header] + lines).joined(separator: "\r\n").utf8))])
            }
            let admin = WebClient(app)
            try await admin.login("admin@demo.cls-pilot.fr")
            try await admin.get("/admin/referentiel")
            let damaged = try await admin.uploadForm("/admin/referentiel/imports", fields: [("type", "diagnostic")],
                                                     files: [(field: "fichier", filename: "base_cc_comparateur_csv.zip",
                                                              data: try archive(["56152;2529;2550;20;31;63.5;1000", "56009;abc;900;5;9;20;400"]))])
            XCTAssertEqual(damaged.status, .unprocessableEntity)
            XCTAssertTrue(damaged.body.string.contains("ligne 3"), damaged.body.string)
            XCTAssertTrue(damaged.body.string.contains("P18_POP"))
            let none = try await DiagnosticValue.query(on: app.db).count()
            XCTAssertEqual(none, 0)

            let page = try await ReferenceImportTests.importFiles(admin, kind: "diagnostic", files: [
                (field: "fichier", filename: "base_cc_comparateur_csv.zip",
                 data: try archive(["56152;2529;2550;20;31;63.5;1000", "56009;912;900;5;9;20;400", "75101;16000;17000;150;100;700;9000"]))],
                app: app)
            XCTAssertTrue(page.contains("Mortalité, toutes causes (taux brut)"), page)
            let france = try await DiagnosticValue.query(on: app.db).filter(\.$indicatorCode == "mortalite_brute").filter(\.$level == "france").first()
            XCTAssertEqual(france?.numerator, 40, "the arrondissement is left out of France")
            XCTAssertEqual(france?.denominator, 3_441)
        }
    }

    /// The published file: the perimeter of Belle-Île's four communes, its crude mortality 2020
    /// against the Morbihan, Brittany and France, equal to a hand computation from the file.
    func testThePublishedComparateurGivesBelleIlesCrudeMortality() async throws {
        let file = PlanImportTests.sharedData.appendingPathComponent("diagnostic/base_cc_comparateur_csv.zip")
        guard FileManager.default.fileExists(atPath: file.path) else {
            throw XCTSkip("../shared/data/diagnostic/base_cc_comparateur_csv.zip is absent: the published file is not imported here (CI has it).")
        }
        let data = try Data(contentsOf: file)
        let communes = try ComparateurReader.read(zip: data, fileName: file.lastPathComponent)
        // The file's README: France, arrondissements left out, had 66,732,538 inhabitants and 667,257 deaths in 2020.
        let counted = communes.filter { !$0.isArrondissement }
        XCTAssertEqual(counted.compactMap(\.population2018).reduce(0, +), 66_732_538, accuracy: 0.5)
        XCTAssertEqual(counted.compactMap(\.deaths2020).reduce(0, +), 667_257, accuracy: 0.5)

        try await TestApp.run { app, _ in
            let contract = try await TestApp.contract(named: "CLS 2 de Belle-Île-en-Mer", on: app)
            let island = ["56009", "56114", "56152", "56241"]
            try await Self.perimeter(contract, communes: island, on: app)
            try await DiagnosticImports.importComparateur(communes, file: file.lastPathComponent, using: Mutations(database: app.db, actor: .system))
            let diagnosis = try await PerimeterDiagnosis.load(contract, on: app.db)
            let mortality = try XCTUnwrap(diagnosis?.lines.first { $0.indicator.code == "mortalite_brute" && $0.period == "2020" })

            // By hand, from the CSV itself: Σ DECESD20 / Σ P18_POP × 100 000 over the four communes.
            let csv = try XCTUnwrap(String(data: try XCTUnwrap(Self.entry(ComparateurReader.entry, of: data)), encoding: .utf8))
            var deaths = 0.0, population = 0.0
            for line in csv.split(whereSeparator: \.isNewline).dropFirst() {
                let fields = line.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
                guard island.contains(fields[0]) else { continue }
                population += Double(fields[1])!
                deaths += Double(fields[8])!
            }
            XCTAssertEqual(mortality.area.numerator, deaths)
            XCTAssertEqual(mortality.area.denominator, population)
            XCTAssertEqual(try XCTUnwrap(mortality.area.estimate).value, deaths / population * 100_000, accuracy: 1e-9)
            let france = try XCTUnwrap(mortality.benchmarks.first { $0.figure.level == .france })
            XCTAssertEqual(try XCTUnwrap(france.figure.estimate).value, 667_257.0 / 66_732_538 * 100_000, accuracy: 1e-6)
            XCTAssertNotEqual(france.verdict, .notCompared)
            XCTAssertEqual(mortality.communesWithoutData, 0)
        }
    }

    static func entry(_ name: String, of zip: Data) throws -> Data? {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let archive = folder.appendingPathComponent("base.zip")
        try zip.write(to: archive)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/unzip")
        process.arguments = ["-q", archive.path, name, "-d", folder.path]
        try process.run()
        process.waitUntilExit()
        return try? Data(contentsOf: folder.appendingPathComponent(name))
    }
}

/// The observatories' CSV: new indicators defined by their lines, values computed from their
/// numerators and denominators, leading zeros put back, refusals naming line and column.
final class ObservatoryImportTests: XCTestCase {
    static let header = "indicateur;libelle;methode;multiplicateur;niveau;code;periode;numerateur;denominateur;valeur;borne_basse;borne_haute"

    func testAnObservatorysFileDefinesItsIndicatorsAndGivesTheirValues() async throws {
        let csv = Data(([Self.header,
                         "ald_diabete;Admissions en ALD pour diabète;taux;100000;commune;56009;2022;12;1000;;;",
                         "ald_diabete;;;;commune;56152;2022;20;2000;;;",
                         "ald_diabete;;;;departement;56;2022;3000;760000;;;",
                         "ald_diabete;;;;region;53;2022;12000;3400000;;;",
                         "ald_diabete;;;;france;;2022;250000;67000000;;;",
                         "couverture_hpv;Couverture vaccinale HPV;proportion;100;departement;3;2023;;;45,2;;"].joined(separator: "\n")).utf8)
        let records = try ObservatoryCSVReader.read(data: csv, fileName: "ors-bretagne.csv")
        XCTAssertEqual(records.map(\.code), ["56009", "56152", "56", "53", "FR", "03"], "« 3 » is department 03")
        XCTAssertEqual(records.last?.value, 45.2, "a decimal comma")

        try await TestApp.run { app, _ in
            let contract = try await TestApp.contract(named: "CLS 2 de Belle-Île-en-Mer", on: app)
            try await DiagnosisTests.perimeter(contract, communes: ["56009", "56152"], on: app)
            let mutations = Mutations(database: app.db, actor: .system)
            let summary = try await ObservatoryImports.importRecords(records, file: "ors-bretagne.csv", using: mutations)
            XCTAssertFalse(summary.unchanged)
            let again = try await ObservatoryImports.importRecords(records, file: "ors-bretagne.csv", using: mutations)
            XCTAssertTrue(again.unchanged, "the same file twice changes nothing")
            let indicator = try await DiagnosticIndicator.query(on: app.db).filter(\.$code == "ald_diabete").first()
            XCTAssertEqual(indicator?.label, "Admissions en ALD pour diabète")
            XCTAssertEqual(indicator?.indicatorMethod, .rate)

            let diagnosis = try await PerimeterDiagnosis.load(contract, on: app.db)
            let line = try XCTUnwrap(diagnosis?.lines.first { $0.indicator.code == "ald_diabete" })
            XCTAssertEqual(try XCTUnwrap(line.area.estimate).value, 32.0 / 3_000 * 100_000, accuracy: 1e-9)
            XCTAssertEqual(line.benchmarks.map(\.figure.level), [.department, .region, .france])

            // A new indicator left undefined is refused, nothing written.
            let undefined = try ObservatoryCSVReader.read(data: Data((Self.header + "\nnouveau;;;;france;FR;2022;1;10;;;").utf8), fileName: "autre.csv")
            do {
                _ = try await ObservatoryImports.importRecords(undefined, file: "autre.csv", using: mutations)
                XCTFail("an undefined indicator is refused")
            } catch let refusal as ObservatoryImports.Refusal {
                XCTAssertTrue(refusal.message.contains("ligne 2"), refusal.message)
            }
            let stored = try await DiagnosticIndicator.query(on: app.db).filter(\.$code == "nouveau").count()
            XCTAssertEqual(stored, 0)
        }
    }

    func testADamagedLineIsRefusedWithItsColumn() throws {
        for (line, column) in [("x;L;taux;1000;canton;1;2022;1;10;;;", "niveau"), ("x;L;taux;1000;departement;99;2022;1;10;;;", "code"),
                               ("x;L;mediane;1000;france;;2022;1;10;;;", "methode"), ("x;L;taux;1000;france;;2022;un;10;;;", "numerateur"),
                               ("x;L;taux;1000;france;;2022;;;;;", "valeur"), ("x;L;taux;1000;france;;2022;;;5;7;3", "borne_basse")] {
            XCTAssertThrowsError(try ObservatoryCSVReader.read(data: Data((Self.header + "\n" + line).utf8), fileName: "f.csv"), line) { error in
                let message = (error as? TerritoryFileError)?.message ?? "\(error)"
                XCTAssertTrue(message.contains("ligne 2") && message.contains(column), "\(line): \(message)")
            }
        }
    }
}

/// The shared diagnosis worked on: a finding citing an indicator, a priority proposed from it,
/// retained and turned into an axis in one step; the fiche action under that axis listed as
/// answering the finding; a priority set aside only with its reason; the competence check.
final class DiagnosisWorkTests: XCTestCase {
    func testAFindingBecomesAPriorityThenAnAxisWhoseActionsAnswerIt() async throws {
        try await TestApp.run { app, _ in
            let contract = try await TestApp.contract(named: "CLS 2 de Belle-Île-en-Mer", on: app)
            let id = try contract.requireID()
            try await DiagnosticImports.importComparateur([ComparateurCommune(code: "56152", population2018: 2_500, deaths2020: 31, births2020: 20,
                                                                               unemployed1564: 60, active1564: 1_000)],
                                                          file: "base_cc_comparateur_csv.zip", using: Mutations(database: app.db, actor: .system))
            let coordinator = WebClient(app)
            try await coordinator.login("coordination.belle-ile@demo.cls-pilot.fr")
            let page = SitePath.contract(id, .diagnosis(.page)).href
            try await coordinator.get(page)
            let narrative = try await coordinator.post(SitePath.contract(id, .diagnosis(.narrative)).href,
                                                       [("author", "Observatoire régional de la santé de Bretagne"), ("startedOn", "2016-02-01"),
                                                        ("finishedOn", "2016-06-30"), ("cost", "18 000"), ("funders", "ARS Bretagne"),
                                                        ("portrait", "Une île de 4 500 habitants, 30 000 en été.")])
            XCTAssertEqual(narrative.status, .seeOther, narrative.body.string)
            let finding = try await coordinator.post(SitePath.contract(id, .diagnosis(.findings)).href,
                                                     [("text", "Une mortalité supérieure à celle du Morbihan."), ("indicators[]", "mortalite_brute")])
            XCTAssertEqual(finding.status, .seeOther, finding.body.string)
            let stored = try await DiagnosisWork.findings(contractId: id, on: app.db)
            let found = try XCTUnwrap(stored.first)
            XCTAssertEqual(found.indicators, ["mortalite_brute"])

            let proposed = try await coordinator.post(SitePath.contract(id, .diagnosis(.priorities)).href,
                                                      [("title", "Prévenir les maladies cardio-vasculaires"), ("findingId", found.id!.uuidString),
                                                       ("prsReference", "PRS Bretagne, objectif 2.3"), ("domain", CompetenceDomain.education.rawValue)])
            XCTAssertEqual(proposed.status, .seeOther, proposed.body.string)
            let priorities = try await DiagnosisWork.priorities(contractId: id, on: app.db)
            let priority = try XCTUnwrap(priorities.first)
            let shown = try await coordinator.get(page)
            XCTAssertTrue(shown.body.string.contains("la règle veut au moins deux signataires compétents"), "the competence check warns")

            // Set aside without a reason: refused, the page says why.
            let unexplained = try await coordinator.post(SitePath.contract(id, .diagnosis(.priority(priority.id!))).href, [("status", "ecartee"), ("reason", "")])
            XCTAssertEqual(unexplained.status, .unprocessableEntity)
            XCTAssertTrue(unexplained.body.string.contains("Donnez le motif"))
            let retained = try await coordinator.post(SitePath.contract(id, .diagnosis(.priority(priority.id!))).href, [("status", "retenue"), ("reason", "")])
            XCTAssertEqual(retained.status, .seeOther)
            let axis = try await coordinator.post(SitePath.contract(id, .diagnosis(.priorityAxis(priority.id!))).href, [])
            XCTAssertEqual(axis.status, .seeOther, axis.body.string)
            let section = try await ProgrammeSection.query(on: app.db).filter(\.$contract.$id == id).filter(\.$title == "Prévenir les maladies cardio-vasculaires").first()
            let created = try XCTUnwrap(section)
            XCTAssertNil(created.$parent.id, "an axis")
            XCTAssertTrue(created.summary.contains("Une mortalité supérieure à celle du Morbihan."))
            let twice = try await coordinator.post(SitePath.contract(id, .diagnosis(.priorityAxis(priority.id!))).href, [])
            XCTAssertEqual(twice.status, .unprocessableEntity, "a priority becomes one axis")

            // The finding lists the fiche action written under that axis.
            let action = Action(contractId: id, sectionId: try created.requireID(), title: "Dépistage de l'hypertension au marché", position: 1)
            try await Mutations(database: app.db, actor: .system).create(action, permission: .editProgramme(contract.accessScope))
            let answers = try await DiagnosisWork.actionsByFinding(contractId: id, on: app.db)
            XCTAssertEqual(answers[found.id!]?.map(\.title), ["Dépistage de l'hypertension au marché"])
            let sheet = try await coordinator.get(SitePath.contract(id, .action(try action.requireID())).href)
            XCTAssertTrue(sheet.body.string.contains("Répond à la priorité"), "the fiche says which priority it answers")
            XCTAssertTrue(sheet.body.string.contains("Une mortalité supérieure à celle du Morbihan."), "and the finding behind it")
            let final = try await coordinator.get(page)
            XCTAssertTrue(final.body.string.contains("Dépistage de l&#39;hypertension au marché") || final.body.string.contains("Dépistage de l'hypertension au marché"))
            let journal = try await AuditEntry.query(on: app.db).filter(\.$contractId == id)
                .filter(\.$entityType ~~ [SharedDiagnosis.auditEntityType, DiagnosisFinding.auditEntityType, ContractPriority.auditEntityType]).count()
            XCTAssertGreaterThanOrEqual(journal, 5, "narrative, finding, priority, decision and axis are journaled")

            // A reader reads it all and changes nothing.
            let reader = WebClient(app)
            try await reader.login("lecture.belle-ile@demo.cls-pilot.fr")
            let readable = try await reader.get(page)
            XCTAssertEqual(readable.status, .ok)
            XCTAssertFalse(readable.body.string.contains("Proposer la priorité"))
            let refused = try await reader.post(SitePath.contract(id, .diagnosis(.findings)).href, [("text", "Non")])
            XCTAssertEqual(refused.status, .forbidden)
        }
    }
}
