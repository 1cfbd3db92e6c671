import CLSCharts
import CLSCore
import CLSStore
import Fluent
import Vapor

/// The regional portfolio of an ARS (`/portefeuille`): the contracts of a region or department on
/// a map and in a list, the pipeline by state, counts by department, funding by funder and
/// channel, coordinator vacancies, late actions, and the priority territories side by side.
struct PortfolioController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.portfolio, use: page)
    }

    struct Query: Content {
        var region: String?
        var departement: String?
    }

    func page(req: Request) async throws -> Response {
        try req.require(.viewRegionalPortfolio)
        let query = try req.query.decode(Query.self)
        let department = query.departement.flatMap { AdministrativeAreas.department($0)?.code }
            ?? (query.region == nil && req.subject.arsRegions.isEmpty ? req.subject.arsDepartments.sorted().first : nil)
        let region = department.flatMap { AdministrativeAreas.department($0)?.regionCode }
            ?? query.region.flatMap { AdministrativeAreas.region($0)?.code } ?? req.subject.arsRegions.sorted().first ?? "11"
        // Computed once per area, set of grants and state of the data (`RegionalPageCache`).
        return try await req.renderRegionalPage("portfolio/content", key: "region=\(region)&departement=\(department ?? "")") {
            try await PortfolioPage.load(region: region, department: department, req.pageContext)
        }
    }
}
