import CLSCore
import CLSStore
import Fluent
import Vapor

/// The library of actions across contracts: full-text search in French, ranked, with filters on
/// the ISTS codings, the approach, the status and the area. What each user may see is `ActionLibrary`'s.
struct LibraryPage: Encodable {
    static let pageSize = 25

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

    struct Pages: Encodable { let label: String; let previousHref: String?; let nextHref: String? }


    let query: Query
    let hasQuery: Bool
    let results: [ResultView]
    let total: String
    let matchedAnyWord: Bool
    let terms: String
    let pagination: Pages
    let formAction = SitePath.library.href
    let themeOptions: [SelectOption]
    let determinantOptions: [SelectOption]
    let strategyOptions: [SelectOption]
    let publicOptions: [SelectOption]
    let approachOptions: [SelectOption]
    let statusOptions: [SelectOption]
    let regionOptions: OptionList
    let departmentOptions: OptionList

    static func load(_ query: Query, _ context: PageContext) async throws -> LibraryPage {
        let pageNumber = Pagination.pageNumber(query.page)
        let text = FullTextQuery(query.q ?? "")
        let results = try await ActionLibrary.search(text, filters: query.filters, visibleTo: context.subject,
                                                     limit: pageSize, offset: (pageNumber - 1) * pageSize, on: context.db)
        let themes = try await RegionalTheme.catalogue(regionCodes: nil, on: context.db)
        let views = results.hits.map { view($0, context, themes: themes) }
        let pageCount = (results.total + pageSize - 1) / pageSize
        let pagination = Pages(
            label: pageCount > 1 ? "Page \(pageNumber) sur \(pageCount)" : "",
            previousHref: pageNumber > 1 ? link(query, page: pageNumber - 1) : nil,
            nextHref: pageNumber < pageCount ? link(query, page: pageNumber + 1) : nil)
        let filters = query.filters
        func nodes(_ taxonomy: Taxonomy, selected: String?) -> [SelectOption] {
            taxonomy.allNodes.filter { $0.code.split(separator: ".").count <= 2 }
                .map { SelectOption(value: $0.code, label: $0.codeAndLabel, selected: $0.code == selected) }
        }
        return LibraryPage(
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
    }

    static func href(_ hit: ActionLibrary.Hit, _ context: PageContext) -> String {
        context.allows(.viewContract(hit.contract))
            ? SitePath.contract(hit.contractId, .action(hit.actionId)).href
            : SitePath.publicContract(hit.contractId).href(fragment: "action-\(hit.actionId.uuidString)")
    }

    static func view(_ hit: ActionLibrary.Hit, _ context: PageContext, themes: [Theme]) -> ResultView {
        let member = context.allows(.viewContract(hit.contract))
        let summary = hit.summary.count > 280 ? String(hit.summary.prefix(277)) + "…" : hit.summary
        return ResultView(
            id: hit.actionId.uuidString, title: hit.title, href: href(hit, context), summary: summary,
            statusCode: hit.status, statusLabel: CodeLabels.status(hit.status),
            themes: hit.themes.map { CodeLabels.theme($0, in: themes) }.joined(separator: ", "),
            codes: (hit.determinants + hit.strategies).map(CodeLabels.taxonomy).joined(separator: " ; "),
            approach: InterventionApproach(rawValue: hit.approach)?.label ?? "",
            isConfidential: hit.isConfidential, contractName: hit.contractName,
            contractHref: (member ? SitePath.contract(hit.contractId) : SitePath.publicContract(hit.contractId)).href,
            department: AdministrativeAreas.department(hit.contract.departmentCode).map { "\($0.name) (\($0.code))" } ?? hit.contract.departmentCode,
            isPublicView: !member)
    }

    static func link(_ query: Query, page: Int) -> String {
        let pairs: [(String, String?)] = [("q", query.q), ("theme", query.theme), ("determinant", query.determinant),
                                           ("strategie", query.strategie), ("publicCible", query.publicCible),
                                           ("approche", query.approche), ("statut", query.statut), ("region", query.region),
                                           ("departement", query.departement)]
        return SitePath.library.href(query: pairs.map { name, value in (name, value.flatMap { $0.isEmpty ? nil : $0 }) } + [("page", String(page))])
    }
}
