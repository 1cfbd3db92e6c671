import CLSCore
import FluentKit
import Foundation

/// Writes a plan read from a spreadsheet into a contract's programme, all or nothing.
/// Sections are added after the existing ones; a section with the same title at the same place
/// is reused, so importing a plan twice does not duplicate its axes (its actions are added again).
///
/// The whole programme is built in memory first, then written in one transaction through
/// `Mutations.createAll` (multi-row inserts, an audit entry per object): a plan of thousands of
/// actions holds the database's write lock for a moment, not for the time of its import.
public enum PlanImporter {
    public struct Summary: Sendable, Equatable {
        public var sectionsCreated = 0
        public var sectionsReused = 0
        public var actions = 0
        public var subActions = 0
        public var budgetLines = 0
        /// Lead organisations not found in the registry: kept as text on the action.
        public var unmatchedOrganisations: [String] = []
    }

    public static func apply(_ document: PlanDocument, to contract: Contract, using mutations: Mutations,
                             now: Date = Date()) async throws -> Summary {
        let contractId = try contract.requireID()
        let permission = Permission.editProgramme(contract.accessScope)
        try AccessPolicy.require(mutations.actor.subject, permission)
        return try await mutations.transaction { tx in
            let existing = try await ProgrammeSection.query(on: tx.database).filter(\.$contract.$id == contractId).all()
            let organisations = try await Organisation.query(on: tx.database).all()
            let organisationsByName = Dictionary(organisations.map { (SearchText.fold($0.name), $0) }, uniquingKeysWith: { first, _ in first })
            var context = Context(contractId: contractId, tx: tx, sections: existing, organisationsByName: organisationsByName)
            for axis in document.axes {
                try await context.importSection(axis, parent: nil, depth: 0)
            }
            for depth in context.newSections.keys.sorted() {
                try await tx.createAll(context.newSections[depth] ?? [], permission: permission, at: now)
            }
            try await tx.createAll(context.actions, permission: permission, at: now)
            try await tx.createAll(context.subActions, permission: permission, at: now)
            try await tx.createAll(context.budgetLines, permission: permission, at: now)
            context.summary.unmatchedOrganisations = Array(Set(context.summary.unmatchedOrganisations)).sorted()
            return context.summary
        }
    }

    /// The programme being built: what exists, and what will be written.
    struct Context {
        let contractId: UUID
        let tx: Mutations
        var sections: [ProgrammeSection]
        let organisationsByName: [String: Organisation]
        var summary = Summary()
        var newSections: [Int: [ProgrammeSection]] = [:]
        var actions: [Action] = []
        var subActions: [Action] = []
        var budgetLines: [BudgetLine] = []

        mutating func importSection(_ plan: PlanSection, parent: ProgrammeSection?, depth: Int) async throws {
            let parentId = parent?.id
            let siblings = sections.filter { $0.$parent.id == parentId }
            let section: ProgrammeSection
            var position = 0
            if let same = siblings.first(where: { SearchText.fold($0.title) == SearchText.fold(plan.title) }) {
                section = same
                summary.sectionsReused += 1
                if let existingId = same.id, !newSections.values.contains(where: { $0.contains { $0 === same } }) {
                    position = try await Action.query(on: tx.database).filter(\.$section.$id == existingId)
                        .filter(\.$parentAction.$id == nil).count()
                }
                position += actions.filter { $0.$section.id == same.id }.count
            } else {
                section = ProgrammeSection(contractId: contractId, parentId: parentId, kind: parent == nil ? .axis : .objective,
                                           title: plan.title, position: (siblings.map(\.position).max() ?? 0) + 1)
                section.id = UUID()
                sections.append(section)
                newSections[depth, default: []].append(section)
                summary.sectionsCreated += 1
            }
            let sectionId = try section.requireID()
            for planAction in plan.actions {
                position += 1
                let action = makeAction(planAction, sectionId: sectionId, parentId: nil, position: position)
                actions.append(action)
                summary.actions += 1
                for (index, sub) in planAction.subActions.enumerated() {
                    subActions.append(makeAction(sub, sectionId: sectionId, parentId: action.id, position: index + 1))
                    summary.subActions += 1
                }
            }
            for child in plan.children {
                try await importSection(child, parent: section, depth: depth + 1)
            }
        }

        mutating func makeAction(_ plan: PlanAction, sectionId: UUID, parentId: UUID?, position: Int) -> Action {
            let action = Action(contractId: contractId, sectionId: sectionId, parentActionId: parentId, title: plan.title, position: position)
            action.id = UUID()
            // The texts described by `ActionField`, as written in the plan.
            for field in ActionField.spreadsheetFields where field != .title {
                if case .text(let planPath)? = field.plan, let path = Action.textFields[field.key] {
                    action[keyPath: path] = plan[keyPath: planPath]
                }
            }
            action.plannedTotal = plan.plannedTotal
            action.status = (plan.status ?? .upcoming).rawValue
            action.priority = plan.priority?.rawValue ?? ""
            action.startsOn = plan.startsOn?.iso
            action.endsOn = plan.endsOn?.iso
            action.themeCodes = Action.join(plan.themes)
            action.determinantCodes = Action.join(plan.determinants)
            action.strategyCodes = Action.join(plan.strategies)
            action.publicCodes = Action.join(plan.publics)
            action.sectorCodes = Action.join(plan.sectors)
            action.lifeStageCodes = Action.join(plan.lifeStages)
            action.approach = plan.approach?.rawValue ?? ""
            action.istsAim = plan.istsAim?.rawValue ?? ""
            action.participation = plan.participation?.rawValue ?? ""
            action.isConfidential = plan.isConfidential
            action.isNew = false
            // "Participation citoyenne" free text has no column of its own: it joins the partners' text when it is not a level.
            if plan.participation == nil, !plan.citizenParticipation.isEmpty {
                if let level = ParticipationLevel.match(plan.citizenParticipation) {
                    action.participation = level.rawValue
                } else {
                    action.partners = [action.partners, "Participation citoyenne : \(plan.citizenParticipation)"]
                        .filter { !$0.isEmpty }.joined(separator: "\n")
                }
            }
            if !plan.leadOrganisation.isEmpty {
                if let organisation = organisationsByName[SearchText.fold(plan.leadOrganisation)] {
                    action.$leadOrganisation.id = organisation.id
                } else {
                    action.leadOrganisationName = plan.leadOrganisation
                    summary.unmatchedOrganisations.append(plan.leadOrganisation)
                }
            }
            for funding in plan.fundings where !funding.funder.isEmpty || funding.amount != nil {
                let line = BudgetLine(actionId: action.id!, contractId: contractId, funderName: funding.funder,
                                      year: plan.startsOn?.year, planned: funding.amount)
                line.id = UUID()
                line.$funderOrganisation.id = organisationsByName[SearchText.fold(funding.funder)]?.id
                budgetLines.append(line)
                summary.budgetLines += 1
            }
            return action
        }
    }
}
