import CLSCharts
import CLSCore
import CLSStore
import Fluent
import Vapor

/// The home page: the visitor's entry, or the signed-in user's overview of their contracts.
struct HomeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.home, use: home)
    }

    func home(req: Request) async throws -> Response {
        let page = try await HomePage.load(req.currentUser, req.pageContext)
        return try await req.renderPage("home", title: page.title, page)
    }
}
