import CLSCore
import CLSStore
import Fluent
import Vapor

/// Pages of the territorial reference: a department with its EPCI, an EPCI with its communes,
/// a commune with its EPCI and QPV — each with its figures, a map when contours are loaded, and
/// the contracts whose current perimeter covers it.
struct TerritoryController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.department(.key), use: department)
        routes.get(.epci(.key), use: epci)
        routes.get(.commune(.key), use: commune)
    }

    func department(req: Request) async throws -> Response {
        try req.require(.useWorkspace)
        let code = req.parameters.get("code") ?? ""
        guard let loaded = try await TerritoryPage.department(code, req.pageContext) else { throw WebError.invalidTerritory("département", code) }
        return try await req.renderPage("territories/show", title: loaded.title, loaded.page)
    }

    func epci(req: Request) async throws -> Response {
        try req.require(.useWorkspace)
        let siren = req.parameters.get("siren") ?? ""
        guard let loaded = try await TerritoryPage.epci(siren, req.pageContext) else { throw WebError.invalidTerritory("EPCI", siren) }
        return try await req.renderPage("territories/show", title: loaded.title, loaded.page)
    }

    func commune(req: Request) async throws -> Response {
        try req.require(.useWorkspace)
        let code = req.parameters.get("code") ?? ""
        guard let loaded = try await TerritoryPage.commune(code, req.pageContext) else { throw WebError.invalidTerritory("commune", code) }
        return try await req.renderPage("territories/show", title: loaded.title, loaded.page)
    }
}
