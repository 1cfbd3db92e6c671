import CLSCore
import CLSFormats
import CLSStore
import Fluent
import SQLKit
import Vapor

/// Priority territories: the EPCI of a region or department ranked by a transparent deprivation
/// score, against the contracts that cover them — the deprived territories without a contract are
/// the "territoires muets".
struct PriorityTerritoryController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.priorities, use: page)
        routes.get(.prioritiesCSV, use: csv)
    }

    func page(req: Request) async throws -> Response {
        try req.require(.useWorkspace)
        return try await req.renderPage("territories/priorities", title: "Territoires prioritaires",
                                        try await PrioritiesPage.load(try req.query.decode(PrioritiesPage.Query.self), req.pageContext))
    }

    func csv(req: Request) async throws -> Response {
        try req.require(.useWorkspace)
        let csv = try await PrioritiesPage.csv(try req.query.decode(PrioritiesPage.Query.self), req.pageContext)
        let response = Response(status: .ok, body: .init(data: csv.data))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        response.headers.contentDisposition = .init(.attachment, filename: "territoires-prioritaires.csv")
        return response
    }
}
