import CLSCore
import CLSStore
import Vapor

/// The administrators' view of the e-mails: the list, and each mail as written.
struct OutboxController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.outbox, use: list)
        routes.get(.outboxMail(.key), use: show)
    }

    func list(req: Request) async throws -> Response {
        try req.require(.manageUsers)
        let configured = (try? SMTPSettings.fromEnvironment()).flatMap { $0 } != nil
        let page = try await OutboxPage.load(state: req.query[String.self, at: "etat"], page: Pagination.pageNumber(req.query[Int.self, at: "page"]),
                                             smtpConfigured: configured, req.pageContext)
        return try await req.renderPage("admin/outbox", title: "Courriels", page)
    }

    func show(req: Request) async throws -> Response {
        try req.require(.manageUsers)
        guard let id = req.parameters.get("mailID", as: UUID.self), let page = try await OutboxMailPage.load(id, req.pageContext) else {
            throw WebError.notFound
        }
        return try await req.renderPage("admin/outbox-mail", title: page.subject, page)
    }
}
