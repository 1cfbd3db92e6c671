import CLSCore
import CLSStore
import Foundation

/// Labels for stored codes: unknown codes are shown as they are rather than hidden.
enum CodeLabels {
    /// An action an imported plan left without a status.
    static let noStatus = "Sans statut"
    static func status(_ code: String) -> String { code.isEmpty ? noStatus : ActionStatus(rawValue: code)?.label ?? code }
    static func priority(_ code: String) -> String { ActionPriority(rawValue: code)?.label ?? "—" }
    static func theme(_ code: String, in catalogue: [Theme] = Theme.defaults) -> String {
        catalogue.first { $0.code == code }?.label ?? code
    }
    static func taxonomy(_ code: String) -> String {
        code == ISTSTaxonomy.notSpecifiedCode ? "NS Non spécifié" : (ISTSTaxonomy.node(code: code)?.codeAndLabel ?? code)
    }
    static func publicTarget(_ code: String) -> String { PublicTarget.defaults.first { $0.code == code }?.label ?? code }
    static func sector(_ code: String) -> String { CompetenceDomain(rawValue: code)?.label ?? code }
    static func lifeStage(_ code: String) -> String { LifeCourseStage(rawValue: code)?.label ?? code }
    static func split(_ text: String) -> [String] { text.split(separator: ",").map(String.init) }
    static func day(_ text: String?) -> String { FrenchFormat.date(text.flatMap(CalendarDay.init(parsing:))) }
}

/// One action in the programme tree or table.
struct ActionRowView: Encodable {
    let id: String
    let href: String
    let title: String
    let statusCode: String
    let statusLabel: String
    let priority: String
    let endsOn: String
    let isLate: Bool
    let leadPeople: String
    let plannedBudget: String
    let indicatorCount: Int
    let themes: [String]
    let subActions: [ActionRowView]
    let hasSubActions: Bool

    init(_ node: ProgrammeOutline.ActionNode, contractId: UUID, today: CalendarDay, themes: [Theme]) {
        let action = node.action
        id = action.id?.uuidString ?? ""
        href = SitePath.contract(contractId, .action(action.id ?? UUID())).href
        title = action.title
        statusCode = action.status
        statusLabel = CodeLabels.status(action.status)
        priority = CodeLabels.priority(action.priority)
        endsOn = CodeLabels.day(action.endsOn)
        isLate = ActionSchedule.isLate(status: ActionStatus(rawValue: action.status),
                                       plannedEnd: action.endsOn.flatMap(CalendarDay.init(parsing:)), today: today)
        leadPeople = action.leadPeople
        plannedBudget = node.plannedBudget > 0 ? FrenchFormat.euros(node.plannedBudget) : "—"
        indicatorCount = node.indicatorCount
        self.themes = CodeLabels.split(action.themeCodes).map { CodeLabels.theme($0, in: themes) }
        subActions = node.subActions.map { ActionRowView($0, contractId: contractId, today: today, themes: themes) }
        hasSubActions = !node.subActions.isEmpty
    }
}

/// An axis or objective with what hangs under it, flattened for the template with its depth.
struct SectionView: Encodable {
    let id: String
    let links: Links
    struct Links: Encodable { let edit: String; let move: String; let delete: String }
    let kind: String
    let kindLabel: String
    /// `strategique`, `operationnel` or empty.
    let objectiveKind: String
    let title: String
    let description: String
    let headingLevel: Int
    let actions: [ActionRowView]
    let hasActions: Bool
    let children: [SectionView]
    let hasChildren: Bool
    let canAddObjective: Bool
    let isEmpty: Bool

    init(_ node: ProgrammeOutline.SectionNode, today: CalendarDay, themes: [Theme]) {
        let section = node.section
        id = section.id?.uuidString ?? ""
        func link(_ page: SectionPath) -> String {
            SitePath.contract(section.$contract.id, .programme(.section(section.id ?? UUID(), page))).href
        }
        links = Links(edit: link(.edit), move: link(.move), delete: link(.delete))
        kind = section.kind
        let objectiveKind = ObjectiveKind(rawValue: section.objectiveKind)
        kindLabel = section.sectionKind == .axis ? "Axe stratégique" : (objectiveKind?.label ?? "Objectif")
        self.objectiveKind = section.objectiveKind
        title = section.title
        description = section.summary
        headingLevel = min(2 + node.depth, 6)
        actions = node.actions.map { ActionRowView($0, contractId: section.$contract.id, today: today, themes: themes) }
        hasActions = !node.actions.isEmpty
        children = node.children.map { SectionView($0, today: today, themes: themes) }
        hasChildren = !node.children.isEmpty
        canAddObjective = section.sectionKind == .axis || node.depth < ProgrammeStructure.maxObjectiveDepth
        isEmpty = node.actions.isEmpty && node.children.isEmpty
    }
}
