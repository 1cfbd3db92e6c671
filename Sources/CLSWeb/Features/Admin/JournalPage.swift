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
        let type = (query.type ?? "").isEmpty ? nil : query.type
        let from = try FormValue.day(query.du, label: "du")
        let to = try FormValue.day(query.au, label: "au")
        let page = Pagination.pageNumber(query.page)
        let paris = TimeZone(identifier: "Europe/Paris") ?? .gmt
        func moment(_ day: CalendarDay, plusDays: Int = 0) -> Date {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = paris
            let start = calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day))!
            return calendar.date(byAdding: .day, value: plusDays, to: start)!
        }
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
            if let type { builder.filter(\.$entityType == type) }
            if let from { builder.filter(\.$occurredAt >= moment(from)) }
            if let to { builder.filter(\.$occurredAt < moment(to, plusDays: 1)) }
            return builder
        }
        let total = try await filtered().count()
        let entries = try await filtered().sort(\.$occurredAt, .descending)
            .range((page - 1) * pageSize ..< page * pageSize).all()
        return JournalPage(
            entries: try await AuditEntryView.all(entries, on: context.db),
            total: FrenchFormat.count(total, singular: "entrée", plural: "entrées"),
            filters: .init(utilisateur: actor, du: from?.iso ?? "", au: to?.iso ?? ""),
            typeOptions: AuditEntityLabels.all.map { SelectOption(value: $0, label: AuditEntityLabels.label($0), selected: $0 == type) },
            pagination: Pagination(page: page, total: total, pageSize: pageSize) {
                SitePath.journal.href(query: [("utilisateur", actor), ("type", type ?? ""), ("du", from?.iso ?? ""), ("au", to?.iso ?? ""),
                                              ("page", String($0))])
            })
    }
}
