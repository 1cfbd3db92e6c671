import CLSCharts
import CLSCore
import CLSStore
import Fluent
import Vapor

/// The contract dashboard, the page a signatory reads (charts with their tables, printable), and
/// the alerts across the contracts the user follows.
struct DashboardController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.contract(.key, .dashboard), use: dashboard)
        routes.get(.alerts, use: alerts)
    }

    func dashboard(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.viewContract)
        return try await req.renderKeptContractPage("governance/dashboard", contract: contract, title: "Tableau de bord – \(contract.name)") {
            try await ContractDashboardPage.load(contract, req.pageContext)
        }
    }

    /// The alerts of every contract the user may see, most critical first.
    func alerts(req: Request) async throws -> Response {
        try req.require(.useWorkspace)
        return try await req.renderPage("governance/alerts", title: "Alertes", try await AlertsPage.load(req.pageContext))
    }
}
