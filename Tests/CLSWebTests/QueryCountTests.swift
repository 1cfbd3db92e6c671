import CLSCore
import CLSStore
import Fluent
import Vapor
import XCTest
import XCTVapor
@testable import CLSWeb

/// The number of SQL statements behind each key page does not grow with the data: the same pages
/// are read on a small and on a larger benchmark dataset (`BenchDataset`) and their query counts
/// compared. (Speed itself is measured by `scripts/bench`, never by tests.)
final class QueryCountTests: XCTestCase {
    /// The key pages, with `{contract}` and `{region}` standing for the dataset's own.
    static let pages = [
        "/contrats", "/contrats/{contract}", "/contrats/{contract}/programme", "/contrats/{contract}/programme/tableau",
        "/contrats/{contract}/tableau-de-bord", "/contrats/{contract}/gouvernance", "/contrats/{contract}/bilans",
        "/contrats/{contract}/reflex-iss", "/alertes",
        "/portefeuille?region={region}", "/rapports/ists?region={region}",
        "/api/v1/reports/ists?region={region}", "/bibliotheque?q=sante", "/api/v1/actions/search?q=ecarts+sante",
        "/api/v1/contracts/{contract}/programme", "/api/v1/contracts/{contract}/dashboard",
    ]

    /// Query counts per page on a dataset of the given sizes.
    func counts(contracts: Int, actions: Int) async throws -> [String: Int] {
        var result: [String: Int] = [:]
        QueryCounting.install() // before the application creates its loggers
        try await TestApp.run(loadDemo: false, logQueries: true) { app, _ in
            var sizes = BenchDataset.Sizes()
            sizes.contracts = contracts
            sizes.actionsPerContract = actions
            sizes.subActionsPerAction = 1
            sizes.indicatorsPerAction = 2
            sizes.years = 3
            sizes.meetingsPerContract = 4
            sizes.decisionsPerContract = 5
            sizes.users = contracts + 10
            let summary = try await BenchDataset.generate(sizes, passwordHash: try BcryptHasher().hash(BenchDataset.password), on: app.db)
            let client = WebClient(app)
            try await client.login(BenchDataset.arsEmail, password: BenchDataset.password)
            for page in Self.pages {
                let path = page.replacingOccurrences(of: "{contract}", with: summary.contractId!.uuidString)
                    .replacingOccurrences(of: "{region}", with: summary.regionCode)
                _ = try await client.get(path) // warm: first-time caches (sessions, templates)
                var status: HTTPResponseStatus = .ok
                let count = try await QueryCounting.count {
                    status = try await client.get(path).status
                }
                XCTAssertEqual(status, .ok, path)
                result[page] = count
            }
        }
        return result
    }

    func testQueriesPerPageDoNotGrowWithTheData() async throws {
        let small = try await counts(contracts: 4, actions: 3)
        let large = try await counts(contracts: 40, actions: 12)
        XCTAssertEqual(Set(small.keys), Set(large.keys))
        for (page, count) in small.sorted(by: { $0.key < $1.key }) {
            XCTAssertGreaterThan(count, 0, "\(page): queries are counted")
            XCTAssertEqual(large[page], count, "\(page): \(count) queries on the small dataset, \(large[page] ?? -1) on the large one")
        }
        print("Queries per page: " + small.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
    }

    /// Reading a page leaves the session as it was: no write (Vapor would update the stored
    /// session after every response); signing in and out still write it.
    func testReadingAPageWritesNothing() async throws {
        QueryCounting.install()
        try await TestApp.run(logQueries: true) { app, _ in
            let client = WebClient(app)
            try await client.login("ars.bretagne@demo.cls-pilot.fr")
            let contract = try await TestApp.contract(named: "CLS 2 de Belle-Île-en-Mer", on: app)
            for path in ["/contrats", "/contrats/\(contract.id!.uuidString)", "/contrats/\(contract.id!.uuidString)/programme", "/bibliotheque?q=sante"] {
                _ = try await client.get(path)
                let statements = try await QueryCounting.statements { _ = try await client.get(path) }
                XCTAssertFalse(statements.isEmpty, path)
                let writes = statements.filter { ["INSERT", "UPDATE", "DELETE"].contains($0.uppercased().split(separator: " ").first.map(String.init) ?? "") }
                XCTAssertEqual(writes, [], "\(path) writes nothing")
            }
            // Signing out still deletes the session.
            let logout = try await QueryCounting.statements { _ = try await client.post("/deconnexion", []) }
            XCTAssertTrue(logout.contains { $0.uppercased().hasPrefix("DELETE") && $0.contains("_fluent_sessions") }, "\(logout)")
        }
    }
}
