import CLSCore
import CLSStore
import Fluent
import Vapor

/// The library of actions across contracts (`/bibliotheque`) and its API
/// (`GET /api/v1/actions/search`): full-text search in French, ranked, with filters on the ISTS
/// codings, the approach, the status and the area. What each user may see is `ActionLibrary`'s.
struct ActionLibraryController: RouteCollection {
    static let pageSize = 25

    func boot(routes: any RoutesBuilder) throws {
        routes.get(.library, use: page)
        routes.get(.api(.actionSearch), use: api)
    }

    /// The page's and the API's query. The API also accepts `limit` and `offset`.
    struct Query: Content {
        var q: String?
        var theme: String?
        var determinant: String?
        var strategie: String?
        var publicCible: String?
        var approche: String?
        var statut: String?
        var region: String?
        var departement: String?
        var page: Int?
        var limit: Int?
        var offset: Int?

        var filters: ActionLibrary.Filters {
            func value(_ text: String?) -> String? {
                guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
                return text
            }
            return ActionLibrary.Filters(
                theme: value(theme), determinant: value(determinant), strategy: value(strategie), publicTarget: value(publicCible),
                approach: value(approche), status: value(statut),
                regionCode: value(region).flatMap { AdministrativeAreas.region($0)?.code },
                departmentCode: value(departement).flatMap { AdministrativeAreas.department($0)?.code })
        }
    }

    struct ResultView: Encodable {
        let id: String
        let title: String
        let href: String
        let summary: String
        let statusCode: String
        let statusLabel: String
        let themes: String
        let codes: String
        let approach: String
        let isConfidential: Bool
        let contractName: String
        let contractHref: String
        let department: String
        /// The action is shown from its contract's public page (the user is not a member).
        let isPublicView: Bool
    }

    struct Pagination: Encodable { let label: String; let previousHref: String?; let nextHref: String? }

    struct Content_: Encodable {
        let query: Query
        let hasQuery: Bool
        let results: [ResultView]
        let total: String
        let matchedAnyWord: Bool
        let terms: String
        let pagination: Pagination
        let themeOptions: [SelectOption]
        let determinantOptions: [SelectOption]
        let strategyOptions: [SelectOption]
        let publicOptions: [SelectOption]
        let approachOptions: [SelectOption]
        let statusOptions: [SelectOption]
        let regionOptions: OptionList
        let departmentOptions: OptionList
    }

    func page(req: Request) async throws -> Response {
        try req.require(.useWorkspace)
        let query = try req.query.decode(Query.self)
        let pageNumber = min(max(1, query.page ?? 1), ContractFilter.maxPage)
        let text = FullTextQuery(query.q ?? "")
        let results = try await ActionLibrary.search(text, filters: query.filters, visibleTo: req.subject,
                                                     limit: Self.pageSize, offset: (pageNumber - 1) * Self.pageSize, on: req.db)
        let themes = try await RegionalTheme.catalogue(regionCodes: nil, on: req.db)
        let views = results.hits.map { view($0, req: req, themes: themes) }
        let pageCount = (results.total + Self.pageSize - 1) / Self.pageSize
        let pagination = Pagination(
            label: pageCount > 1 ? "Page \(pageNumber) sur \(pageCount)" : "",
            previousHref: pageNumber > 1 ? link(query, page: pageNumber - 1) : nil,
            nextHref: pageNumber < pageCount ? link(query, page: pageNumber + 1) : nil)
        let filters = query.filters
        func nodes(_ taxonomy: Taxonomy, selected: String?) -> [SelectOption] {
            taxonomy.allNodes.filter { $0.code.split(separator: ".").count <= 2 }
                .map { SelectOption(value: $0.code, label: $0.codeAndLabel, selected: $0.code == selected) }
        }
        let content = Content_(
            query: query,
            hasQuery: !text.isEmpty || filters != ActionLibrary.Filters(),
            results: views,
            total: FrenchFormat.count(results.total, singular: "fiche action trouvée", plural: "fiches actions trouvées"),
            matchedAnyWord: results.matchedAnyWord,
            terms: text.terms.joined(separator: ", "),
            pagination: pagination,
            themeOptions: themes.map { SelectOption(value: $0.code, label: $0.label, selected: $0.code == filters.theme) },
            determinantOptions: nodes(ISTSTaxonomy.determinants, selected: filters.determinant),
            strategyOptions: nodes(ISTSTaxonomy.strategies, selected: filters.strategy),
            publicOptions: PublicTarget.defaults.map { SelectOption(value: $0.code, label: $0.label, selected: $0.code == filters.publicTarget) },
            approachOptions: InterventionApproach.allCases.map { SelectOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == filters.approach) },
            statusOptions: ActionStatus.allCases.map { SelectOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == filters.status) },
            regionOptions: Options.regions(selected: filters.regionCode),
            departmentOptions: Options.departments(selected: filters.departmentCode))
        let title = (query.q ?? "").isEmpty ? "Bibliothèque d'actions" : "« \(query.q ?? "") » – Bibliothèque d'actions"
        return try await req.renderPage("library/search", title: title, content)
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
        let limit = min(max(query.limit ?? Self.pageSize, 1), 200)
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
                          href: href(hit, req: req))
            })
    }

    private func href(_ hit: ActionLibrary.Hit, req: Request) -> String {
        AccessPolicy.allows(req.subject, .viewContract(hit.contract))
            ? "/contrats/\(hit.contractId.uuidString)/actions/\(hit.actionId.uuidString)"
            : "/public/contrats/\(hit.contractId.uuidString)#action-\(hit.actionId.uuidString)"
    }

    private func view(_ hit: ActionLibrary.Hit, req: Request, themes: [Theme]) -> ResultView {
        let member = AccessPolicy.allows(req.subject, .viewContract(hit.contract))
        let summary = hit.summary.count > 280 ? String(hit.summary.prefix(277)) + "…" : hit.summary
        return ResultView(
            id: hit.actionId.uuidString, title: hit.title, href: href(hit, req: req), summary: summary,
            statusCode: hit.status, statusLabel: CodeLabels.status(hit.status),
            themes: hit.themes.map { CodeLabels.theme($0, in: themes) }.joined(separator: ", "),
            codes: (hit.determinants + hit.strategies).joined(separator: ", "),
            approach: InterventionApproach(rawValue: hit.approach)?.label ?? "",
            isConfidential: hit.isConfidential, contractName: hit.contractName,
            contractHref: member ? "/contrats/\(hit.contractId.uuidString)" : "/public/contrats/\(hit.contractId.uuidString)",
            department: AdministrativeAreas.department(hit.contract.departmentCode).map { "\($0.name) (\($0.code))" } ?? hit.contract.departmentCode,
            isPublicView: !member)
    }

    private func link(_ query: Query, page: Int) -> String {
        var components = URLComponents()
        components.path = "/bibliotheque"
        let pairs: [(String, String?)] = [("q", query.q), ("theme", query.theme), ("determinant", query.determinant),
                                           ("strategie", query.strategie), ("publicCible", query.publicCible),
                                           ("approche", query.approche), ("statut", query.statut), ("region", query.region),
                                           ("departement", query.departement)]
        components.queryItems = pairs.compactMap { name, value in
            guard let value, !value.isEmpty else { return nil }
            return URLQueryItem(name: name, value: value)
        } + [URLQueryItem(name: "page", value: String(page))]
        return components.string ?? "/bibliotheque"
    }
}
