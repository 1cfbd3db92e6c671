import CLSCore
import CLSStore
import Vapor

/// The alerts of every contract the user may see, most critical first (a fixed number of queries).
struct AlertsPage: Encodable {
    struct ContractAlerts: Encodable { let name: String; let href: String; let alerts: [AlertView] }

    let contracts: [ContractAlerts]
    let total: Int
    let contractCount: Int

    static func load(_ context: PageContext) async throws -> AlertsPage {
        let page = try await ContractQueries.listings(ContractFilter(pageSize: 2_000), visibleTo: context.subject, on: context.db)
        let facts = try await AlertFactsLoader.facts(for: page.contracts, today: context.today, on: context.db)
        let rows = page.contracts.compactMap { contract -> ContractAlerts? in
            guard let id = contract.id, let fact = facts[id] else { return nil }
            let alerts = GovernanceAlertRules.alerts(fact, today: context.today)
            guard !alerts.isEmpty else { return nil }
            return ContractAlerts(name: contract.name, href: SitePath.contract(id, .dashboard).href, alerts: alerts.map(AlertView.init))
        }.sorted { ($0.alerts.filter { $0.severity == "error" }.count, $0.alerts.count) > ($1.alerts.filter { $0.severity == "error" }.count, $1.alerts.count) }
        return AlertsPage(contracts: rows, total: rows.reduce(0) { $0 + $1.alerts.count }, contractCount: page.contracts.count)
    }
}
