import CLSCore
import CLSStore
import Fluent
import Vapor

/// The library of actions across contracts (`/bibliotheque`) and its API
/// (`GET /api/v1/actions/search`): full-text search in French, ranked, with filters on the ISTS
/// codings, the approach, the status and the area. What each user may see is `ActionLibrary`'s.
struct ActionLibraryController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.library, use: page)
        routes.get(.api(.actionSearch), use: api)
    }

    typealias Query = LibraryPage.Query

    func page(req: Request) async throws -> Response {
        try req.require(.useWorkspace)
        let query = try req.query.decode(Query.self)
        let title = (query.q ?? "").isEmpty ? "Bibliothèque d'actions" : "« \(query.q ?? "") » – Bibliothèque d'actions"
        return try await req.renderPage("library/search", title: title, try await LibraryPage.load(query, req.pageContext))
    }

    struct APIResult: Content {
        struct ContractRef: Content { let id: String; let name: String; let regionCode: String; let departmentCode: String }
        let id: String
        let title: String
        let summary: String
        let status: String
        let themes: [String]
        let determinants: [String]
        let strategies: [String]
        let approach: String?
        let confidential: Bool
        let contract: ContractRef
        /// The page showing the action: its sheet, or its contract's public page.
        let href: String
    }

    struct APIResponse: Content {
        let query: String
        let terms: [String]
        let total: Int
        let matchedAnyWord: Bool
        let limit: Int
        let offset: Int
        let results: [APIResult]
    }

    func api(req: Request) async throws -> APIResponse {
        try req.require(.useWorkspace)
        let query = try req.query.decode(Query.self)
        let limit = min(max(query.limit ?? LibraryPage.pageSize, 1), 200)
        let offset = min(max(query.offset ?? 0, 0), 1_000_000_000)
        let text = FullTextQuery(query.q ?? "")
        let results = try await ActionLibrary.search(text, filters: query.filters, visibleTo: req.subject, limit: limit, offset: offset, on: req.db)
        return APIResponse(
            query: query.q ?? "", terms: text.terms, total: results.total, matchedAnyWord: results.matchedAnyWord,
            limit: limit, offset: offset,
            results: results.hits.map { hit in
                APIResult(id: hit.actionId.uuidString, title: hit.title, summary: hit.summary, status: hit.status,
                          themes: hit.themes, determinants: hit.determinants, strategies: hit.strategies,
                          approach: hit.approach.isEmpty ? nil : hit.approach, confidential: hit.isConfidential,
                          contract: .init(id: hit.contractId.uuidString, name: hit.contractName,
                                          regionCode: hit.contract.regionCode, departmentCode: hit.contract.departmentCode),
                          href: LibraryPage.href(hit, req.pageContext))
            })
    }
}
