import CLSCore
import CLSStore
import Fluent
import Vapor

/// The platform's audit journal, filtered by author (a name or an address), kind of object, field
/// changed and period.
struct JournalPage: Encodable {
    struct Query: Content {
        var utilisateur: String?
        var type: String?
        var champ: String?
        var du: String?
        var au: String?
        var page: Int?
    }

    struct Filters: Encodable { let utilisateur: String; let champ: String; let du: String; let au: String }

    static let pageSize = 100

    let entries: [AuditEntryView]
    let total: String
    let filters: Filters
    let typeOptions: [SelectOption]
    let pagination: Pagination
    let list = SitePath.journal.href
    let fieldLabels = AuditFilter.fieldLabels

    static func load(_ query: Query, _ context: PageContext) async throws -> JournalPage {
        let typed = (query.utilisateur ?? "").trimmingCharacters(in: .whitespaces)
        let actor = typed.lowercased()
        let filter = try AuditFilter(type: query.type, field: query.champ, from: query.du, to: query.au, page: query.page)
        // Entries name their author; accounts are found by name or address, a failed sign-in by the address typed.
        let accounts = actor.isEmpty ? [] : try await UserAccounts.matching(actor, on: context.db)
        func filtered() -> QueryBuilder<AuditEntry> {
            let builder = AuditEntry.query(on: context.db)
            if !actor.isEmpty {
                builder.group(.or) { either in
                    either.filter(\.$actorLabel == actor)
                    if !accounts.isEmpty { either.filter(\.$actorId ~~ accounts) }
                }
            }
            filter.apply(to: builder)
            return builder
        }
        let (entries, total) = try await filter.page(of: filtered, size: pageSize)
        return JournalPage(
            entries: try await AuditEntryView.all(entries, on: context.db),
            total: FrenchFormat.count(total, singular: "entrée", plural: "entrées"),
            filters: .init(utilisateur: typed, champ: filter.field ?? "", du: filter.from?.iso ?? "", au: filter.to?.iso ?? ""),
            typeOptions: filter.typeOptions(),
            pagination: Pagination(page: filter.page, total: total, pageSize: pageSize) {
                SitePath.journal.href(query: [("utilisateur", typed)] + filter.queryItems(page: $0))
            })
    }
}
