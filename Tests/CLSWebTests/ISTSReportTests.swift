import CLSCore
import CLSFormats
import CLSStore
import Fluent
import Vapor
import XCTest
import XCTVapor
@testable import CLSWeb

/// The ISTS report through HTTP: computed from the database for the scope the user may see, the
/// API's shape and percentages, the exports read back. (The counting rules themselves are tested
/// on a hand-computed fixture in CLSCoreTests.)
final class ISTSReportWebTests: XCTestCase {
    struct ThemeLine: Decodable { let code: String; let label: String; let count: Int; let percent: Double }
    struct CrossRow: Decodable { let code: String; let total: Int; let cells: [String: Int] }
    struct Cross: Decodable { let rows: [CrossRow]; let grandTotal: Int }
    struct Report: Decodable {
        let actionCount: Int
        let themeCodeCount: Int
        let themes: [ThemeLine]
        let crossTable: Cross
        let approaches: [ThemeLine]
        let contracts: [String]
    }

    func testTheRegionReportIsComputedFromTheDatabaseForWhatTheUserMaySee() async throws {
        try await TestApp.run { app, _ in
            let ars = WebClient(app)
            try await ars.login("ars.bretagne@demo.cls-pilot.fr")
            let response = try await ars.get("/api/v1/reports/ists?region=53")
            XCTAssertEqual(response.status, .ok)
            let report = try JSONDecoder().decode(Report.self, from: Data(buffer: response.body))

            // Against the database: the fiches actions (not sub-actions) of Brittany's contracts.
            let contracts = try await Contract.query(on: app.db).filter(\.$regionCode == "53").all()
            let actions = try await Action.query(on: app.db).filter(\.$contract.$id ~~ contracts.compactMap(\.id))
                .filter(\.$parentAction.$id == nil).all()
            XCTAssertGreaterThan(actions.count, 0)
            XCTAssertEqual(report.actionCount, actions.count)
            XCTAssertEqual(report.crossTable.grandTotal, actions.count)
            let themeCodes = actions.reduce(0) { $0 + Set($1.themeCodes.split(separator: ",")).count }
            XCTAssertEqual(report.themeCodeCount, themeCodes)
            for line in report.themes {
                let expected = actions.filter { $0.themeCodes.split(separator: ",").map(String.init).contains(line.code) }.count
                XCTAssertEqual(line.count, expected, line.code)
                XCTAssertEqual(line.percent, 100 * Double(expected) / Double(actions.count), accuracy: 1e-9)
            }
            let withCareSystem = actions.filter { $0.determinantCodes.split(separator: ",").contains { $0.hasPrefix("D5") } }.count
            XCTAssertEqual(report.crossTable.rows.first { $0.code == "D5" }?.total, withCareSystem, "a class counts an action once")
            XCTAssertEqual(report.approaches.reduce(0) { $0 + $1.count }, actions.count, "one approach per action, « Non renseigné » included")

            // The same figures on the page and in the workbook.
            let page = try await ars.get("/rapports/ists?region=53").body.string
            XCTAssertTrue(page.contains("\(actions.count) fiches actions"))
            let workbook = try await ars.get("/rapports/ists.xlsx?region=53")
            let book = try XLSXReader(data: Data(buffer: workbook.body))
            XCTAssertTrue(book.sheetNames.contains("Déterminants × stratégies"))
            let summary = try book.sheet(named: "Synthèse")
            XCTAssertTrue(summary.rows.contains { $0.first??.textValue == "Actions" && $0.dropFirst().first??.numberValue == Double(actions.count) })
            let csv = try await ars.get("/rapports/ists.csv?region=53").body.string
            XCTAssertTrue(csv.contains("Actions;\(actions.count)"))

            // Another region's ARS sees none of these contracts; a contract it cannot see answers 404.
            let idf = WebClient(app)
            try await idf.login("ars.idf@demo.cls-pilot.fr")
            let elsewhere = try await idf.get("/api/v1/reports/ists?region=53")
            let empty = try JSONDecoder().decode(Report.self, from: Data(buffer: elsewhere.body))
            XCTAssertEqual(empty.actionCount, 0)
            XCTAssertEqual(empty.contracts, [])
            let hidden = try await idf.get("/api/v1/reports/ists?contracts=\(contracts[0].id!.uuidString)")
            XCTAssertEqual(hidden.status, .notFound)
        }
    }
}
