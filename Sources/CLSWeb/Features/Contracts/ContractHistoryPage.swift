import CLSCore
import CLSStore
import Fluent
import Vapor

/// The changes made to a contract, or to one of its objects, most recent first. The contract's
/// history is filtered by author, kind of object, field changed and period, and paged.
struct ContractHistoryPage: Encodable, ContractPageContent {
    /// How many entries one object's history shows (the contract's is paged).
    static let limit = 500
    static let pageSize = 100

    struct Query: Content {
        var auteur: String?
        var type: String?
        var champ: String?
        var du: String?
        var au: String?
        var page: Int?
    }

    /// The filter form of the contract's history.
    struct Filters: Encodable {
        let action: String
        let authorOptions: [SelectOption]
        let typeOptions: [SelectOption]
        let champ: String
        let fieldLabels: [String]
        let du: String
        let au: String
        let total: String
    }

    let shell: ContractShell
    /// The object whose history this is, when it is not the whole contract.
    let subject: String?
    let entries: [AuditEntryView]
    let truncated: Bool
    let filters: Filters?
    let pagination: Pagination?

    static func load(_ contract: Contract, _ query: Query, _ context: PageContext) async throws -> ContractHistoryPage {
        let id = try contract.requireID()
        let filter = try AuditFilter(type: query.type, field: query.champ, from: query.du, to: query.au, page: query.page)
        let author = query.auteur.flatMap(UUID.init(uuidString:))
        func ofContract() -> QueryBuilder<AuditEntry> { AuditEntry.query(on: context.db).filter(\.$contractId == id) }
        func filtered() -> QueryBuilder<AuditEntry> {
            let builder = ofContract()
            if let author { builder.filter(\.$actorId == author) }
            filter.apply(to: builder)
            return builder
        }
        let (entries, total) = try await filter.page(of: filtered, size: pageSize)
        // The choices: the kinds of object and the people that appear in this contract's history.
        let types = Set(try await ofContract().unique().all(\.$entityType))
        let authorIds = try await ofContract().filter(\.$actorId != nil).unique().all(\.$actorId).compactMap { $0 }
        let authors = authorIds.isEmpty ? [] : try await User.query(on: context.db).filter(\.$id ~~ authorIds).sort(\.$displayName).all()
        let history = SitePath.contract(id, .history)
        return ContractHistoryPage(
            shell: ContractShell(contract, tab: .history), subject: nil,
            entries: try await AuditEntryView.all(entries, on: context.db), truncated: false,
            filters: Filters(
                action: history.href,
                authorOptions: authors.compactMap { user in user.id.map { SelectOption(value: $0.uuidString, label: user.displayName, selected: $0 == author) } },
                typeOptions: filter.typeOptions(among: AuditEntityLabels.all.filter(types.contains)),
                champ: filter.field ?? "", fieldLabels: AuditFilter.fieldLabels,
                du: filter.from?.iso ?? "", au: filter.to?.iso ?? "",
                total: FrenchFormat.count(total, singular: "modification", plural: "modifications")),
            pagination: Pagination(page: filter.page, total: total, pageSize: pageSize) {
                history.href(query: [("auteur", author?.uuidString)] + filter.queryItems(page: $0))
            })
    }

    /// One object's history: its latest entries, up to `limit`.
    /// - Parameters:
    ///   - entries: the most recent entries, up to `limit + 1` to tell whether some were left out.
    ///   - words: the names and labels of what the entries hold (`AuditWords.load`).
    init(shell: ContractShell, subject: String?, entries: [AuditEntry], words: AuditWords) {
        self.init(shell: shell, subject: subject, entries: entries.prefix(Self.limit).map { AuditEntryView($0, words: words) },
                  truncated: entries.count > Self.limit, filters: nil, pagination: nil)
    }

    private init(shell: ContractShell, subject: String?, entries: [AuditEntryView], truncated: Bool, filters: Filters?,
                 pagination: Pagination?) {
        self.shell = shell
        self.subject = subject
        self.entries = entries
        self.truncated = truncated
        self.filters = filters
        self.pagination = pagination
    }
}

/// A tab whose module is still to come: what it will hold.
struct UpcomingTabPage: Encodable, ContractPageContent {
    let shell: ContractShell
    let heading: String
    let explanation: String

    init(_ contract: Contract, tab: ContractTab) {
        shell = ContractShell(contract, tab: tab)
        heading = tab.label
        explanation = tab.emptyStateText
    }
}
