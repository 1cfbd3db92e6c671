import CLSCore
import CLSStore
import Fluent
import Foundation

/// The filters a history is read with: the kind of object, the period (French days, whole days
/// in Paris time) and the page. The journal and the contract history share them; each adds its
/// own way of choosing the author.
struct AuditFilter {
    let type: String?
    let from: CalendarDay?
    let to: CalendarDay?
    let page: Int

    init(type: String?, from: String?, to: String?, page: Int?) throws {
        self.type = (type ?? "").isEmpty ? nil : type
        self.from = try FormValue.day(from, label: "du")
        self.to = try FormValue.day(to, label: "au")
        self.page = Pagination.pageNumber(page)
    }

    /// Narrows `builder` to the kind of object and the period.
    func apply(to builder: QueryBuilder<AuditEntry>) {
        if let type { builder.filter(\.$entityType == type) }
        if let from { builder.filter(\.$occurredAt >= Self.start(of: from)) }
        if let to { builder.filter(\.$occurredAt < Self.start(of: to, plusDays: 1)) }
    }

    /// The entries of the page asked, most recent first, and how many match in all.
    func page(of filtered: () -> QueryBuilder<AuditEntry>, size: Int) async throws -> (entries: [AuditEntry], total: Int) {
        let total = try await filtered().count()
        let entries = try await filtered().sort(\.$occurredAt, .descending).range((page - 1) * size ..< page * size).all()
        return (entries, total)
    }

    /// The kinds of object, the chosen one selected; `among` restricts them (those a page can hold).
    func typeOptions(among types: [String] = AuditEntityLabels.all) -> [SelectOption] {
        types.map { SelectOption(value: $0, label: AuditEntityLabels.label($0), selected: $0 == type) }
    }

    /// The query items that keep these filters on another page of the list.
    func queryItems(page: Int) -> [(String, String?)] {
        [("type", type), ("du", from?.iso), ("au", to?.iso), ("page", String(page))]
    }

    private static func start(of day: CalendarDay, plusDays: Int = 0) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Paris") ?? .gmt
        let start = calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day))!
        return calendar.date(byAdding: .day, value: plusDays, to: start)!
    }
}
