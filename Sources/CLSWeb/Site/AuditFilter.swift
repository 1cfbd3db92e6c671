import CLSCore
import CLSStore
import Fluent
import Foundation

/// The filters a history is read with: the kind of object, the field changed (by its French
/// label, as the history shows it), the period (French days, whole days in Paris time) and the
/// page. The journal and the contract history share them; each adds its own way of choosing the author.
struct AuditFilter {
    let type: String?
    let field: String?
    let from: CalendarDay?
    let to: CalendarDay?
    let page: Int

    init(type: String?, field: String? = nil, from: String?, to: String?, page: Int?) throws {
        self.type = (type ?? "").isEmpty ? nil : type
        let field = (field ?? "").trimmingCharacters(in: .whitespaces)
        self.field = field.isEmpty ? nil : String(field.prefix(100))
        self.from = try FormValue.day(from, label: "du")
        self.to = try FormValue.day(to, label: "au")
        self.page = Pagination.pageNumber(page)
    }

    /// Narrows `builder` to the kind of object, the field changed and the period.
    func apply(to builder: QueryBuilder<AuditEntry>) {
        if let type { builder.filter(\.$entityType == type) }
        if let field {
            // A field changed: creations and deletions, which list every field, are left out.
            builder.filter(\.$changesJSON, .custom("LIKE"), Self.likePattern(label: field))
                .filter(\.$action != AuditAction.create.rawValue).filter(\.$action != AuditAction.delete.rawValue)
        }
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
        [("type", type), ("champ", field), ("du", from?.iso), ("au", to?.iso), ("page", String(page))]
    }

    /// The labels a field may be chosen by: those of the fiche action and the common ones.
    static let fieldLabels: [String] = Array(Set(ActionField.all.map(\.historyLabel)
        + ["État", "Statut", "Nom", "Date", "Rôle", "Montant prévu", "Montant réalisé", "Valeur", "Cible", "Compte rendu", "Motif"])).sorted()

    /// The change lists are stored as JSON (`[{"field":…,"label":"Statut",…}]`): a change of the
    /// field labelled `label` holds `"label":"<label>"`. The characters LIKE or JSON treat apart
    /// (`%`, `_`, `\`, `/`, `"`) each match any one character (`_`), the same on both engines.
    static func likePattern(label: String) -> String {
        let plain = String(label.map { "%_\\/\"".contains($0) ? "_" : $0 })
        return "%\"label\":\"\(plain)\"%"
    }

    private static func start(of day: CalendarDay, plusDays: Int = 0) -> Date {
        (CalendarArithmetic.adding(days: plusDays, to: day) ?? day).start()
    }
}
