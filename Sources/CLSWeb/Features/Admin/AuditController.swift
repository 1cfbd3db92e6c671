import CLSCore
import CLSStore
import Fluent
import Vapor

/// The platform-wide audit journal, with filters.
struct AuditController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.journal, use: journal)
    }

    func journal(req: Request) async throws -> Response {
        try req.require(.viewAuditJournal)
        return try await req.renderPage("admin/journal", title: "Journal d'audit",
                                        try await JournalPage.load(try req.query.decode(JournalPage.Query.self), req.pageContext))
    }
}
