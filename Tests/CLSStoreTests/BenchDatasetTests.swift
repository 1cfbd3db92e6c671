import CLSCore
import FluentKit
import Foundation
import SQLKit
import XCTest
@testable import CLSStore

/// The benchmark dataset (`BenchDataset`): its plain-row writing names exactly each model's
/// columns, and the same seed gives the same rows, on SQLite and on PostgreSQL.
final class BenchDatasetTests: XCTestCase {
    /// One generated contract's rows, before they are written.
    func generatedRows() -> BenchDataset.Rows {
        var random = SeededGenerator(seed: 7)
        let area = BenchDataset.Area(regionCode: "53", departmentCode: "56", label: "Belle-Île-en-Mer",
                                     epciSiren: "200000000", communes: ["56009", "56033"])
        let plan = BenchDataset.ContractPlan(index: 0, area: area, random: &random)
        let ars = Organisation(id: UUID(), name: "ARS Bretagne", kind: .ars, regionCode: "53")
        var rows = BenchDataset.Rows()
        rows.add(plan: plan, ars: ars, sizes: BenchDataset.Sizes(), pilots: [UUID()], random: &random)
        return rows
    }

    func assertColumns<Row: BulkRow>(_ rows: [Row], file: StaticString = #filePath, line: UInt = #line) {
        guard let first = rows.first else { return XCTFail("no \(Row.schema) generated", file: file, line: line) }
        let columns = first.bulkRow.map(\.column)
        XCTAssertEqual(columns.count, Set(columns).count, "\(Row.schema): a column named twice", file: file, line: line)
        XCTAssertEqual(Set(columns), Set(Row.keys.map(\.description)), "\(Row.schema): the row's columns are the model's", file: file, line: line)
    }

    func testEveryPlainRowNamesExactlyTheColumnsOfItsModel() {
        let rows = generatedRows()
        assertColumns(rows.values)
        assertColumns(rows.budgetLines)
        assertColumns(rows.indicators)
        assertColumns(rows.codes)
        assertColumns(rows.perimeterCommunes)
        assertColumns(rows.sections)
        assertColumns(rows.actions)
        assertColumns(rows.subActions)
        assertColumns(rows.meetings)
        assertColumns(rows.decisions)
    }

    /// What a generated dataset holds, reduced to values both engines give alike.
    struct Fingerprint: Equatable {
        var counts: [String: Int] = [:]
        var actions: [String] = []
        var euros: [String] = []
        var values: [String] = []
    }

    func fingerprint(sqliteOnly: Bool) async throws -> Fingerprint {
        var result = Fingerprint()
        try await StoreTestDatabase.run(loadDemo: false, sqliteOnly: sqliteOnly) { database, _ in
            var sizes = BenchDataset.Sizes()
            sizes.contracts = 6
            sizes.actionsPerContract = 4
            sizes.indicatorsPerAction = 2
            sizes.years = 3
            sizes.users = 20
            let summary = try await BenchDataset.generate(sizes, passwordHash: "x", on: database)
            result.counts = Dictionary(uniqueKeysWithValues: summary.rows.map { ($0.table, $0.count) })
            let sql = try XCTUnwrap(database as? any SQLDatabase)
            for table in result.counts.keys {
                let row = try await sql.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first()
                XCTAssertEqual(try row?.decode(column: "n", as: Int.self), result.counts[table], "\(table) holds what the summary says")
            }
            result.actions = try await Action.query(on: database).all()
                .map { "\($0.id!) \($0.$parentAction.id?.uuidString ?? "-") \($0.title) \($0.status) \($0.startsOn ?? "") \($0.themeCodes) \($0.$pilotUser.id?.uuidString ?? "-")" }
                .sorted()
            result.euros = try await BudgetLine.query(on: database).all()
                .map { "\($0.id!) \($0.funderName) \($0.year ?? 0) \($0.planned ?? -1) \($0.actual ?? -1) \($0.channel)" }.sorted()
            result.values = try await IndicatorValue.query(on: database).all()
                .map { "\($0.id!) \($0.$indicator.id) \($0.year) \($0.target ?? -1) \($0.actual ?? -1)" }.sorted()
        }
        return result
    }

    /// Generated twice (on PostgreSQL then SQLite when PostgreSQL is given, else twice on
    /// SQLite), the dataset is the same row for row.
    func testTheSameSeedGivesTheSameRowsOnEveryEngine() async throws {
        let first = try await fingerprint(sqliteOnly: false)
        let second = try await fingerprint(sqliteOnly: true)
        XCTAssertEqual(first.counts[Action.schema], 6 * 4 * 3, "4 fiches actions and their 2 sub-actions per contract")
        XCTAssertEqual(first.counts[IndicatorValue.schema], 6 * 4 * 2 * 3)
        XCTAssertEqual(first.counts, second.counts)
        XCTAssertEqual(first.actions, second.actions)
        XCTAssertEqual(first.euros, second.euros)
        XCTAssertEqual(first.values, second.values)
    }
}
