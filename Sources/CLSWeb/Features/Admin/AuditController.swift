import CLSCore
import CLSStore
import Fluent
import Vapor

/// The platform-wide audit journal, with filters.
struct AuditController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.journal, use: journal)
    }

    struct JournalQuery: Content {
        var utilisateur: String?
        var type: String?
        var du: String?
        var au: String?
        var page: Int?
    }

    struct JournalContent: Encodable {
        let entries: [AuditEntryView]
        let total: String
        let filters: Filters
        let typeOptions: [SelectOption]
        let page: Int
        let pageCount: Int
        let previousPageQuery: String?
        let nextPageQuery: String?

        struct Filters: Encodable { let utilisateur: String; let du: String; let au: String }
    }

    static let pageSize = 100

    func journal(req: Request) async throws -> Response {
        try req.require(.viewAuditJournal)
        let query = try req.query.decode(JournalQuery.self)
        let actor = (query.utilisateur ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        let type = (query.type ?? "").isEmpty ? nil : query.type
        let from = try req.day(query.du, label: "du")
        let to = try req.day(query.au, label: "au")
        let page = min(max(1, query.page ?? 1), ContractFilter.maxPage)
        let paris = TimeZone(identifier: "Europe/Paris") ?? .gmt
        func moment(_ day: CalendarDay, plusDays: Int = 0) -> Date {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = paris
            let start = calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day))!
            return calendar.date(byAdding: .day, value: plusDays, to: start)!
        }
        func filtered() -> QueryBuilder<AuditEntry> {
            let builder = AuditEntry.query(on: req.db)
            if !actor.isEmpty { builder.filter(\.$actorLabel == actor) }
            if let type { builder.filter(\.$entityType == type) }
            if let from { builder.filter(\.$occurredAt >= moment(from)) }
            if let to { builder.filter(\.$occurredAt < moment(to, plusDays: 1)) }
            return builder
        }
        let total = try await filtered().count()
        let entries = try await filtered().sort(\.$occurredAt, .descending)
            .range((page - 1) * Self.pageSize ..< page * Self.pageSize).all()
        let pageCount = max(1, (total + Self.pageSize - 1) / Self.pageSize)
        func pageQuery(_ number: Int) -> String {
            var components = URLComponents()
            components.queryItems = [.init(name: "utilisateur", value: actor), .init(name: "type", value: type ?? ""),
                                     .init(name: "du", value: from?.iso ?? ""), .init(name: "au", value: to?.iso ?? ""),
                                     .init(name: "page", value: String(number))]
            return "?" + (components.percentEncodedQuery ?? "")
        }
        return try await req.renderPage("admin/journal", title: "Journal d'audit", JournalContent(
            entries: entries.map(AuditEntryView.init),
            total: FrenchFormat.count(total, singular: "entrée", plural: "entrées"),
            filters: .init(utilisateur: actor, du: from?.iso ?? "", au: to?.iso ?? ""),
            typeOptions: AuditEntityLabels.all.map { SelectOption(value: $0, label: AuditEntityLabels.label($0), selected: $0 == type) },
            page: page, pageCount: pageCount,
            previousPageQuery: page > 1 ? pageQuery(page - 1) : nil,
            nextPageQuery: page < pageCount ? pageQuery(page + 1) : nil))
    }
}
