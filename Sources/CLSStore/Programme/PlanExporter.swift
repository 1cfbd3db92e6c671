import CLSCore
import FluentKit
import Foundation

/// Reads a contract's programme into a `PlanDocument` for the spreadsheet export, in a fixed
/// number of queries.
public enum PlanExporter {
    public static func document(contractId: UUID, on database: any Database) async throws -> PlanDocument {
        let tree = try await ProgrammeTree.load(contractId: contractId, on: database)
        // Funding lines in their order, each one a funder of the spreadsheet (never merged nor re-sorted).
        let lines = try await BudgetLine.query(on: database).filter(\.$contractId == contractId)
            .filter(\.$unit == BudgetUnit.euros.rawValue).sort(\.$position).sort(\.$year).sort(\.$id).all()
        let linesByAction = Dictionary(grouping: lines, by: { $0.$action.id })
        let links = try await ProgrammeQueries.links(contractId: contractId, on: database)
        let linksByAction = Dictionary(grouping: links, by: { $0.$action.id })
        let titles = Dictionary(uniqueKeysWithValues: tree.actions.map { ($0.id!, $0.title) })
        let leadIds = Set(tree.actions.compactMap { $0.$leadOrganisation.id })
        let leads = leadIds.isEmpty ? [] : try await Organisation.query(on: database).filter(\.$id ~~ leadIds).all()
        let leadNames = Dictionary(uniqueKeysWithValues: leads.map { ($0.id!, $0.name) })

        func planAction(_ node: ProgrammeTree.ActionNode) -> PlanAction {
            let action = node.action
            var plan = PlanAction(title: action.title)
            // The texts described by `ActionField`, as stored.
            for field in ActionField.spreadsheetFields where field != .title {
                if case .text(let planPath)? = field.plan, let path = Action.textFields[field.key] {
                    plan[keyPath: planPath] = action[keyPath: path]
                }
            }
            plan.leadOrganisation = action.$leadOrganisation.id.flatMap { leadNames[$0] } ?? action.leadOrganisationName
            plan.fundings = (linesByAction[action.id!] ?? []).map { PlanFunding(funder: $0.funderName, amount: $0.planned, year: $0.year) }
            plan.plannedTotal = action.plannedTotal
            plan.amountsIncludeTax = action.amountsIncludeTax
            plan.isContinuous = action.isContinuous
            let actionLinks = linksByAction[action.id!] ?? []
            plan.linkedActions = actionLinks.compactMap { $0.$relatedAction.id.flatMap { titles[$0] } }
            plan.documentLinks = actionLinks.filter { $0.$relatedAction.id == nil }
                .map { WebLinkText.line(label: $0.label, url: $0.url) }.joined(separator: "\n")
            plan.status = ActionStatus(rawValue: action.status)
            plan.priority = ActionPriority(rawValue: action.priority)
            plan.startsOn = action.startsOn.flatMap(CalendarDay.init(parsing:))
            plan.endsOn = action.endsOn.flatMap(CalendarDay.init(parsing:))
            let codes = action.codesByScheme
            plan.themes = codes[.theme] ?? []
            plan.determinants = codes[.determinant] ?? []
            plan.strategies = codes[.strategy] ?? []
            plan.publics = codes[.publicTarget] ?? []
            plan.sectors = codes[.sector] ?? []
            plan.lifeStages = codes[.lifeStage] ?? []
            plan.approach = InterventionApproach(rawValue: action.approach)
            plan.istsAim = ISTSAim(rawValue: action.istsAim)
            plan.participation = ParticipationLevel(rawValue: action.participation)
            plan.isConfidential = action.isConfidential
            plan.subActions = node.subActions.map(planAction)
            return plan
        }

        func planSection(_ node: ProgrammeTree.SectionNode) -> PlanSection {
            PlanSection(title: node.section.title, children: node.children.map(planSection), actions: node.actions.map(planAction))
        }
        return PlanDocument(axes: tree.axes.map(planSection))
    }
}
