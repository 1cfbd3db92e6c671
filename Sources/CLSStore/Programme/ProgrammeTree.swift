import FluentKit
import Foundation

/// A contract's programme loaded in a fixed number of queries (sections, actions, budget sums,
/// indicator counts), assembled in memory into the tree axis → objectives → actions → sub-actions.
public struct ProgrammeTree: Sendable {
    public final class SectionNode: @unchecked Sendable {
        public let section: ProgrammeSection
        public var children: [SectionNode] = []
        public var actions: [ActionNode] = []
        public let depth: Int
        init(_ section: ProgrammeSection, depth: Int) { self.section = section; self.depth = depth }
    }

    public final class ActionNode: @unchecked Sendable {
        public let action: Action
        public var subActions: [ActionNode] = []
        public var plannedBudget: Double = 0
        public var actualBudget: Double = 0
        public var indicatorCount: Int = 0
        init(_ action: Action) { self.action = action }
    }

    public let axes: [SectionNode]
    public let sections: [ProgrammeSection]
    public let actions: [Action]
    public let actionNodes: [UUID: ActionNode]

    public static func load(contractId: UUID, on database: any Database) async throws -> ProgrammeTree {
        let sections = try await ProgrammeSection.query(on: database)
            .filter(\.$contract.$id == contractId).sort(\.$position).sort(\.$createdAt).all()
        let actions = try await Action.query(on: database)
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
            if let parentId = action.$parentAction.id, let parent = actionNodes[parentId] {
                parent.subActions.append(node)
            } else {
                topActionsBySection[action.$section.id, default: []].append(node)
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
        return ProgrammeTree(axes: axes, sections: sections, actions: actions, actionNodes: actionNodes)
    }
}
