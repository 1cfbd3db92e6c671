import CLSCore
import CLSFormats
import CLSStore
import Fluent
import Vapor
import XCTest
import XCTVapor
@testable import CLSWeb

/// The ISTS tables of a region, computed from a dataset of 240 coded fiches actions in 18
/// contracts loaded as a new user would (contracts created through the form, each plan uploaded
/// as a workbook, previewed, then confirmed), compared with the figures the Île-de-France
/// evaluation published (seed document 003, lines 1034–1297). The dataset is synthetic, generated
/// to reproduce those tables (`Tests/Fixtures/ists-study/README.md`).
final class ISTSStudyDatasetTests: XCTestCase {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../Fixtures/ists-study/actions.csv").standardized

    /// Figure 1 of the study: actions by theme (240 actions, 256 theme codes).
    static let publishedThemes: [String: Int] = [
        "Accès aux soins": 56, "Amélioration du système de soins": 26, "Addictions": 15, "Cancer": 13,
        "Conduites à risque": 4, "Maladies cardio-vasculaires et métaboliques": 5, "Nutrition": 25,
        "Santé bucco-dentaire": 15, "Santé-environnement": 20, "Santé/bien-être": 7,
        "Santé des femmes et des enfants": 15, "Santé mentale": 36, "Santé sexuelle et affective": 10,
        "Tuberculose": 3, "Vaccination": 3, "Autre": 3,
    ]

    /// Figure 2 of the study: actions by determinant class (total) and by strategy class, with the
    /// sub-components of reorientation (S4.x) and strategic development (S5.x) where published.
    static let publishedCrossTable: [String: (total: Int, cells: [String: Int], subCells: [String: Int])] = [
        "D1": (2, ["S1": 0, "S2": 0, "S3": 0, "S4": 1, "S5": 1, "NS": 0], [:]),
        "D2": (50, ["S1": 7, "S2": 6, "S3": 8, "S4": 12, "S5": 18, "NS": 1],
               ["S4.1": 4, "S4.2": 2, "S4.3": 2, "S4.4": 4, "S5.1": 11, "S5.2": 7, "S5.3": 0]),
        "D3": (28, ["S1": 8, "S2": 6, "S3": 0, "S4": 12, "S5": 3, "NS": 1],
               ["S4.1": 4, "S4.2": 3, "S4.3": 0, "S4.4": 5]),
        "D4": (144, ["S1": 70, "S2": 7, "S3": 1, "S4": 42, "S5": 31, "NS": 0],
               ["S4.1": 22, "S4.2": 7, "S4.3": 14, "S4.4": 9]),
        "D5": (198, ["S1": 28, "S2": 7, "S3": 2, "S4": 104, "S5": 62, "NS": 0],
               ["S4.1": 43, "S4.2": 22, "S4.3": 18, "S4.4": 47, "S5.1": 45, "S5.2": 16, "S5.3": 0]),
        "D6": (34, ["S1": 0, "S2": 0, "S3": 0, "S4": 0, "S5": 34, "NS": 0],
               ["S5.1": 8, "S5.2": 19, "S5.3": 9]),
    ]

    /// The one published cell no 240-action dataset can reach (the study's own figures force at
    /// least 57 actions outside D5, where only 42 exist; see the fixture's README): the dataset
    /// holds the closest value, and the test expects it.
    static let knownDeviations: [String: Int] = ["D5×S1": 43]

    struct Line: Decodable { let code: String; let label: String; let count: Int; let percent: Double }
    struct Row: Decodable { let code: String; let total: Int; let cells: [String: Int]; let subCells: [String: Int] }
    struct Cross: Decodable { let rows: [Row] }
    struct Report: Decodable {
        let actionCount: Int
        let themeCodeCount: Int
        let themePercentTotal: Double
        let themes: [Line]
        let crossTable: Cross
        let approaches: [Line]
        let contracts: [String]
    }

    struct StudyAction { let contract: String; let axis: String; let title: String; let summary: String
        let themes: String; let determinants: String; let strategies: String; let approach: String }

    static func readFixture() throws -> [StudyAction] {
        let reader = try DelimitedTextReader(contentsOf: fixture, options: DelimitedTextOptions(separator: ","))
        let records = try reader.records()
        XCTAssertEqual(records.first?.fields, ["contract", "axis", "title", "description", "themes", "determinants", "strategies", "approach"])
        return records.dropFirst().map { record in
            let f = record.fields + Array(repeating: "", count: max(0, 8 - record.fields.count))
            return StudyAction(contract: f[0], axis: f[1], title: f[2], summary: f[3], themes: f[4], determinants: f[5], strategies: f[6], approach: f[7])
        }
    }

    /// A workbook in the Territoires en Transitions import format, with CLS Pilot's coding columns,
    /// as a coordinator fills it: section titles on row 1, headers on row 2, one action per row.
    static func workbook(_ actions: [StudyAction]) throws -> Data {
        var sheet = XLSXWriter.Sheet(name: "Plan d'action")
        sheet.append(texts: ["Structure", "", "Action", "", "Codage ISTS"])
        sheet.append(texts: ["Axe (x)", "Titre de l'action", "Descriptif", "Thèmes", "Déterminants ISTS", "Stratégies ISTS", "Approche"])
        for action in actions {
            sheet.append(texts: [action.axis, action.title, action.summary, action.themes, action.determinants, action.strategies, action.approach])
        }
        var writer = XLSXWriter()
        writer.append(sheet)
        return try writer.data()
    }

    func testTheStudysTablesAreFoundFromADatasetLoadedAsANewUserWould() async throws {
        guard FileManager.default.fileExists(atPath: Self.fixture.path) else {
            throw XCTSkip("the study dataset \(Self.fixture.path) is missing")
        }
        let actions = try Self.readFixture()
        XCTAssertEqual(actions.count, 240)
        try await TestApp.run { app, _ in
            let admin = WebClient(app)
            try await admin.login("admin@demo.cls-pilot.fr")
            let departments = ["08", "10", "51", "52", "54", "55", "57", "67", "68", "88"]
            let byContract = Dictionary(grouping: actions, by: \.contract).sorted { Int($0.key) ?? 0 < Int($1.key) ?? 0 }
            XCTAssertEqual(byContract.count, 18)
            for (index, (number, plan)) in byContract.enumerated() {
                // The contract, through the form.
                try await admin.get("/contrats/nouveau")
                let created = try await admin.post("/contrats", [
                    ("name", "CLS de l'étude n° \(number)"), ("generation", "1"), ("regionCode", "44"),
                    ("departmentCode", departments[index % departments.count]), ("territoryLabel", "Territoire \(number)"),
                ])
                XCTAssertEqual(created.status, .seeOther, created.body.string)
                let location = try XCTUnwrap(created.headers.first(name: .location))
                let contractId = try XCTUnwrap(location.split(separator: "/").last.map(String.init))
                // Its plan: upload, preview, confirm.
                let base = "/contrats/\(contractId)/programme"
                try await admin.get("\(base)/import")
                let preview = try await admin.upload("\(base)/import", filename: "plan-\(number).xlsx", data: try Self.workbook(plan))
                XCTAssertEqual(preview.status, .ok, preview.body.string)
                let html = preview.body.string
                let uploadId = try XCTUnwrap(html.range(of: "/import/").map { String(html[$0.upperBound...].prefix { $0 != "/" }) })
                let outcome = try await admin.confirmPlanImport("\(base)/import/\(uploadId)/confirmer")
                XCTAssertTrue(outcome.contains("Programme importé"), outcome)
            }

            // The region's tables, computed from the database.
            let response = try await admin.get("/api/v1/reports/ists?region=44")
            XCTAssertEqual(response.status, .ok)
            let report = try JSONDecoder().decode(Report.self, from: Data(buffer: response.body))
            XCTAssertEqual(report.contracts.count, 18)
            XCTAssertEqual(report.actionCount, 240)
            XCTAssertEqual(report.themeCodeCount, 256)
            XCTAssertEqual((report.themePercentTotal * 100).rounded() / 100, 106.67)
            XCTAssertEqual(Dictionary(uniqueKeysWithValues: report.themes.map { ($0.label, $0.count) }), Self.publishedThemes)
            let access = try XCTUnwrap(report.themes.first { $0.label == "Accès aux soins" })
            XCTAssertEqual((access.percent * 100).rounded() / 100, 23.33, "56 of 240 actions, as published")
            for (code, published) in Self.publishedCrossTable {
                let row = try XCTUnwrap(report.crossTable.rows.first { $0.code == code }, code)
                XCTAssertEqual(row.total, published.total, "\(code) total")
                for (strategy, count) in published.cells {
                    XCTAssertEqual(row.cells[strategy], Self.knownDeviations["\(code)×\(strategy)"] ?? count, "\(code) × \(strategy)")
                }
                for (sub, count) in published.subCells { XCTAssertEqual(row.subCells[sub], count, "\(code) × \(sub)") }
            }
            XCTAssertEqual(report.approaches.reduce(0) { $0 + $1.count }, 240)
        }
    }
}
