import CLSCore
import CLSStore
import Fluent
import Vapor

/// The platform's audit journal, filtered by author, kind of object and period.
struct JournalPage: Encodable {
    struct Query: Content {
        var utilisateur: String?
        var type: String?
        var du: String?
        var au: String?
        var page: Int?
    }

    struct Filters: Encodable { let utilisateur: String; let du: String; let au: String }

    static let pageSize = 100

    let entries: [AuditEntryView]
    let total: String
    let filters: Filters
    let typeOptions: [SelectOption]
    let pagination: Pagination
    let list = SitePath.journal.href

    static func load(_ query: Query, _ context: PageContext) async throws -> JournalPage {
        let actor = (query.utilisateur ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        let filter = try AuditFilter(type: query.type, from: query.du, to: query.au, page: query.page)
        // Entries name their author; an account is found by its address, a failed sign-in by the address typed.
        let account = actor.isEmpty ? nil : try await UserAccounts.find(email: actor, on: context.db)?.id
        func filtered() -> QueryBuilder<AuditEntry> {
            let builder = AuditEntry.query(on: context.db)
            if !actor.isEmpty {
                builder.group(.or) { either in
                    either.filter(\.$actorLabel == actor)
                    if let account { either.filter(\.$actorId == account) }
                }
            }
            filter.apply(to: builder)
            return builder
        }
        let (entries, total) = try await filter.page(of: filtered, size: pageSize)
        return JournalPage(
            entries: try await AuditEntryView.all(entries, on: context.db),
            total: FrenchFormat.count(total, singular: "entrée", plural: "entrées"),
            filters: .init(utilisateur: actor, du: filter.from?.iso ?? "", au: filter.to?.iso ?? ""),
            typeOptions: filter.typeOptions(),
            pagination: Pagination(page: filter.page, total: total, pageSize: pageSize) {
                SitePath.journal.href(query: [("utilisateur", actor)] + filter.queryItems(page: $0))
            })
    }
}
