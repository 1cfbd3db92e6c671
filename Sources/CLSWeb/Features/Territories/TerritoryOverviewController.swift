import CLSCore
import CLSStore
import Fluent
import Vapor

/// France and its regions: a map of the departments coloured by a figure the user chooses (legal
/// population or any imported departmental indicator), with the table of the same figures.
struct TerritoryOverviewController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.territories, use: france)
        routes.get(.region(.key), use: region)
    }

    struct Query: Content { var indicateur: String? }

    func france(req: Request) async throws -> Response {
        try req.require(.useWorkspace)
        let loaded = try await TerritoryOverviewPage.france(indicator: try req.query.decode(Query.self).indicateur, req.pageContext)
        return try await req.renderPage("territories/overview", title: loaded.title, loaded.page)
    }

    func region(req: Request) async throws -> Response {
        try req.require(.useWorkspace)
        let code = req.parameters.get("code") ?? ""
        guard let loaded = try await TerritoryOverviewPage.region(code, indicator: try req.query.decode(Query.self).indicateur, req.pageContext) else {
            throw WebError.invalidTerritory("région", code)
        }
        return try await req.renderPage("territories/overview", title: loaded.title, loaded.page)
    }
}
