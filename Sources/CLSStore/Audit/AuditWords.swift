import CLSCore
import FluentKit
import Foundation

/// What a person reads in a history for what the trail stored: the name of the organisation,
/// person, action, axis, body, meeting, post or indicator an id designates; the French label of a
/// vocabulary code; a date in words. The trail keeps ids and codes (they survive renamings and
/// feed the machine-readable exports); the words are found when the history is read, in one
/// query per kind of record whatever the number of entries.
public struct AuditWords: Sendable {
    private let names: [UUID: String]
    private let themeLabels: [String: String]

    /// The words for `entries`: every id they hold, and every author, looked up at once.
    public static func load(for entries: [AuditEntry], on database: any Database) async throws -> AuditWords {
        var ids = Set<UUID>()
        for entry in entries {
            if let actor = entry.actorId { ids.insert(actor) }
            ids.formUnion(uuids(in: entry.entityLabel))
            for change in entry.changes {
                for value in [change.old, change.new] {
                    if let value, let id = UUID(uuidString: value) { ids.insert(id) }
                }
            }
        }
        var names: [UUID: String] = [:]
        if !ids.isEmpty {
            let wanted = Array(ids)
            func add<M: Model>(_ model: M.Type, _ name: @escaping (M) -> String) async throws where M.IDValue == UUID {
                for chunk in stride(from: 0, to: wanted.count, by: 500).map({ Array(wanted[$0..<min($0 + 500, wanted.count)]) }) {
                    for record in try await M.query(on: database).filter(\._$id ~~ chunk).all() {
                        if let id = record.id { names[id] = name(record) }
                    }
                }
            }
            try await add(User.self) { $0.displayName }
            try await add(Organisation.self) { $0.name }
            try await add(Contract.self) { $0.name }
            try await add(Action.self) { $0.title }
            try await add(ProgrammeSection.self) { $0.title }
            try await add(GovernanceBody.self) { $0.name }
            try await add(Meeting.self) { meeting in
                CalendarDay(parsing: meeting.heldOn).map { "réunion du \(FrenchFormat.date($0))" } ?? "réunion"
            }
            try await add(CoordinatorPost.self) { post in post.personName.isEmpty ? "poste de coordination" : "poste de \(post.personName)" }
            try await add(Indicator.self) { $0.name }
            try await add(ReflexSession.self) { session in
                CalendarDay(parsing: session.heldOn).map { "séance du \(FrenchFormat.date($0))" } ?? "séance RÉFLEX-ISS"
            }
        }
        let regionalThemes = try await RegionalTheme.query(on: database).all()
        return AuditWords(names: names, themeLabels: Dictionary(regionalThemes.map { ($0.code, $0.label) }, uniquingKeysWith: { first, _ in first }))
    }

    init(names: [UUID: String], themeLabels: [String: String] = [:]) {
        self.names = names
        self.themeLabels = themeLabels
    }

    /// Who made the change: the account's name today, or the label recorded (a system task, an
    /// address typed at a failed sign-in).
    public func author(of entry: AuditEntry) -> String {
        entry.actorId.flatMap { names[$0] } ?? entry.actorLabel
    }

    /// What the entry is about, in words: an id written into a label by an earlier version of the
    /// platform reads as the name it designates; an account, labelled "Name <address>" by earlier
    /// versions, reads as its name.
    public func label(of entry: AuditEntry) -> String {
        var label = entry.entityLabel
        if entry.entityType == User.auditEntityType, let open = label.range(of: " <"), label.hasSuffix(">") {
            label = String(label[..<open.lowerBound])
        }
        for id in Self.uuids(in: label) {
            label = label.replacingOccurrences(of: id.uuidString, with: names[id] ?? "élément supprimé depuis", options: .caseInsensitive)
        }
        return label
    }

    private static func uuids(in text: String) -> [UUID] {
        guard text.count >= 36 else { return [] }
        return text.split { !($0.isHexDigit || $0 == "-") }.compactMap { UUID(uuidString: String($0)) }
    }

    /// A recorded value in words.
    public func value(_ raw: String?, field: String, entityType: String) -> String {
        guard let raw, !raw.isEmpty else { return "—" }
        if let id = UUID(uuidString: raw) { return names[id] ?? "élément supprimé depuis" }
        if let words = Self.vocabularyLabel(raw, field: field, entityType: entityType, themes: themeLabels) { return words }
        if raw.count == 10, raw.dropFirst(4).first == "-", let day = CalendarDay(parsing: raw) { return FrenchFormat.date(day) }
        return raw
    }

    /// The label of a code of the vocabulary a field takes its values from (`nil` when the field
    /// has none or the code is unknown).
    static func vocabularyLabel(_ code: String, field: String, entityType: String, themes: [String: String]) -> String? {
        func term<Term: CodedVocabulary>(_: Term.Type) -> String? { Term(rawValue: code)?.label }
        switch (entityType, field) {
        case ("action", _):
            guard let actionField = ActionField.all.first(where: { ($0.storageColumn ?? $0.key) == field }),
                  let vocabulary = actionField.vocabulary else { return nil }
            if actionField.kind == .choice { return vocabulary.label(of: code) }
            let labels = code.split(separator: ",").map { listLabel(String($0), vocabulary, themes: themes) }
            return labels.joined(separator: ", ")
        case ("budget_line", "kind"): return term(BudgetLineKind.self)
        case ("budget_line", "unit"): return term(BudgetUnit.self)
        case ("budget_line", "channel"): return term(FundingChannel.self)
        case ("budget_line", "status"): return term(BudgetStatus.self)
        case ("indicator", "kind"): return term(IndicatorType.self)
        case ("indicator", "polarity"): return term(IndicatorPolarity.self)
        case ("programme_section", "objective_kind"): return term(ObjectiveKind.self)
        case ("governance_body", "kind"): return GovernanceBodyKind(rawValue: code)?.label
        case ("annual_review", "state"), ("review_event", "from_state"), ("review_event", "to_state"):
            return ReviewState(rawValue: code)?.label
        case ("review_entry", "state"): return ReviewEntryState(rawValue: code)?.label
        case ("review_entry", "reported_status"): return term(ActionStatus.self)
        case ("review_event", "transition"): return ReviewTransition(rawValue: code)?.label
        case (_, "region_code"): return AdministrativeAreas.region(code)?.name
        case (_, "department_code"): return AdministrativeAreas.department(code)?.name
        case ("role_assignment", "scope"):
            return AdministrativeAreas.region(code).map { "région \($0.name)" }
                ?? AdministrativeAreas.department(code).map { "département \($0.name)" }
        default: return nil
        }
    }

    /// One code of a list: the ISTS grid's codes keep their code before the words ("D4.2.2
    /// Compétences psychosociales"), as on the fiche action.
    private static func listLabel(_ code: String, _ vocabulary: ActionField.Vocabulary, themes: [String: String]) -> String {
        switch vocabulary {
        case .themes: Theme.defaults.first { $0.code == code }?.label ?? themes[code] ?? code
        case .determinants, .strategies: ISTSTaxonomy.node(code: code).map { "\($0.code) \($0.label)" } ?? code
        case .publics: PublicTarget.defaults.first { $0.code == code }?.label ?? code
        case .sectors: CompetenceDomain(rawValue: code)?.label ?? code
        case .lifeStages: LifeCourseStage(rawValue: code)?.label ?? code
        default: vocabulary.label(of: code) ?? code
        }
    }
}
