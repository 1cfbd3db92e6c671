import FluentKit
import Foundation
import SQLKit

/// What the programme tree hangs under its sections: an action (or sub-action), either the whole
/// model (`ProgrammeTree`, for exports and the API) or the few columns a page shows
/// (`ProgrammeOutline`, for the programme page and the dashboard).
public protocol ProgrammeTreeItem: Sendable {
    var id: UUID? { get }
    var sectionId: UUID { get }
    var parentActionId: UUID? { get }
    var title: String { get }
}

extension Action: ProgrammeTreeItem {
    public var sectionId: UUID { $section.id }
    public var parentActionId: UUID? { $parentAction.id }
}

/// A contract's programme with every field of its actions.
public typealias ProgrammeTree = ProgrammeTreeOf<Action>
/// A contract's programme with the columns the programme page and the dashboard show: decoding a
/// model reads its 47 fields by reflection, a row of ten columns costs a fraction of it.
public typealias ProgrammeOutline = ProgrammeTreeOf<ActionOutline>

/// The columns of an action the programme page and the dashboard show.
public struct ActionOutline: ProgrammeTreeItem, Equatable {
    public let id: UUID?
    public let sectionId: UUID
    public let parentActionId: UUID?
    public let title: String
    public let status: String
    public let priority: String
    public let endsOn: String?
    public let leadPeople: String
    public let themeCodes: String
    public let isConfidential: Bool
}

/// A contract's programme loaded in a fixed number of queries (sections, actions, budget sums,
/// indicator counts), assembled in memory into the tree axis → objectives → actions → sub-actions.
public struct ProgrammeTreeOf<Item: ProgrammeTreeItem>: Sendable {
    public final class SectionNode: @unchecked Sendable {
        public let section: ProgrammeSection
        public var children: [SectionNode] = []
        public var actions: [ActionNode] = []
        public let depth: Int
        init(_ section: ProgrammeSection, depth: Int) { self.section = section; self.depth = depth }
    }

    public final class ActionNode: @unchecked Sendable {
        public let action: Item
        public var subActions: [ActionNode] = []
        public var plannedBudget: Double = 0
        public var actualBudget: Double = 0
        public var indicatorCount: Int = 0
        init(_ action: Item) { self.action = action }
    }

    public let axes: [SectionNode]
    public let sections: [ProgrammeSection]
    /// The actions and sub-actions, by position then creation.
    public let actions: [Item]
    public let actionNodes: [UUID: ActionNode]

    static func assemble(contractId: UUID, actions: [Item], on database: any Database) async throws -> Self {
        let sections = try await ProgrammeSection.query(on: database)
            .filter(\.$contract.$id == contractId).sort(\.$position).sort(\.$createdAt).all()
        let budgets = try await ProgrammeQueries.budgetTotalsByAction(contractId: contractId, on: database)
        let indicators = try await ProgrammeQueries.indicatorCountsByAction(contractId: contractId, on: database)

        var actionNodes: [UUID: ActionNode] = [:]
        for action in actions {
            let node = ActionNode(action)
            if let id = action.id {
                node.plannedBudget = budgets[id]?.planned ?? 0
                node.actualBudget = budgets[id]?.actual ?? 0
                node.indicatorCount = indicators[id] ?? 0
                actionNodes[id] = node
            }
        }
        var topActionsBySection: [UUID: [ActionNode]] = [:]
        for action in actions {
            guard let node = action.id.flatMap({ actionNodes[$0] }) else { continue }
            if let parentId = action.parentActionId, let parent = actionNodes[parentId] {
                parent.subActions.append(node)
            } else {
                topActionsBySection[action.sectionId, default: []].append(node)
            }
        }
        let childrenByParent = Dictionary(grouping: sections.filter { $0.$parent.id != nil }, by: { $0.$parent.id! })
        func build(_ section: ProgrammeSection, depth: Int) -> SectionNode {
            let node = SectionNode(section, depth: depth)
            node.actions = section.id.flatMap { topActionsBySection[$0] } ?? []
            node.children = (section.id.flatMap { childrenByParent[$0] } ?? []).map { build($0, depth: depth + 1) }
            return node
        }
        let axes = sections.filter { $0.$parent.id == nil }.map { build($0, depth: 0) }
        return Self(axes: axes, sections: sections, actions: actions, actionNodes: actionNodes)
    }
}

extension ProgrammeTreeOf where Item == Action {
    public static func load(contractId: UUID, on database: any Database) async throws -> Self {
        let actions = try await Action.query(on: database)
            .filter(\.$contract.$id == contractId).sort(\.$position).sort(\.$createdAt).all()
        return try await assemble(contractId: contractId, actions: actions, on: database)
    }
}

extension ProgrammeTreeOf where Item == ActionOutline {
    public static func load(contractId: UUID, on database: any Database) async throws -> Self {
        guard let sql = database as? any SQLDatabase else { throw StoreError.sqlUnavailable }
        let actions = try await sql.raw("""
            SELECT id, section_id, parent_action_id, title, status, priority, ends_on, lead_people, themes, is_confidential
            FROM \(ident: Action.schema) WHERE contract_id = \(bind: contractId) ORDER BY position, created_at
            """).all().map { row in
            ActionOutline(id: try row.decode(column: "id", as: UUID.self), sectionId: try row.decode(column: "section_id", as: UUID.self),
                          parentActionId: try row.decode(column: "parent_action_id", as: UUID?.self),
                          title: try row.decode(column: "title", as: String.self), status: try row.decode(column: "status", as: String.self),
                          priority: try row.decode(column: "priority", as: String.self), endsOn: try row.decode(column: "ends_on", as: String?.self),
                          leadPeople: try row.decode(column: "lead_people", as: String.self), themeCodes: try row.decode(column: "themes", as: String.self),
                          isConfidential: try row.decode(column: "is_confidential", as: Bool.self))
        }
        return try await assemble(contractId: contractId, actions: actions, on: database)
    }
}
