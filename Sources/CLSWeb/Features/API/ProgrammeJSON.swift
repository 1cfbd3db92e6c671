import CLSCore
import CLSStore
import Vapor

/// `GET /api/v1/contracts/{id}/programme`: the tree with every field, actions attached to the
/// level they belong to.
struct ProgrammeJSON: Content {
    let contractId: String
    let axes: [SectionJSON]

    struct SectionJSON: Content {
        let id: String
        let title: String
        let kind: String
        let objectiveKind: String?
        let description: String
        let objectives: [SectionJSON]
        let actions: [ActionJSON]
    }

    struct BudgetLineJSON: Content {
        let id: String
        let funder: String
        let funderOrganisationId: String?
        let year: Int?
        let kind: String
        let unit: String
        let planned: Double?
        let actual: Double?
        let channel: String
        let callName: String
        let status: String
        let refusalReason: String
    }

    struct LinkJSON: Content {
        let id: String
        let label: String
        let url: String?
        let relatedActionId: String?
    }

    struct ActionJSON: Content {
        let id: String
        let title: String
        /// Absent when the fiche has no status.
        let status: String?
        let priority: String?
        let startsOn: String?
        let endsOn: String?
        let isLate: Bool
        let isRecurring: Bool
        let description: String
        let objectives: String
        let expectedResults: String
        let logicModel: [String: String]
        let leadOrganisationId: String?
        let leadOrganisationName: String
        let pilotUserId: String?
        let leadPeople: String
        let leadService: String
        let electedReferent: String
        let partners: String
        let governanceBody: String
        let places: String
        let territoryScope: String
        let themes: [String]
        let determinants: [String]
        let strategies: [String]
        let publics: [String]
        let sectors: [String]
        let lifeStages: [String]
        let approach: String?
        let istsAim: String?
        let participation: String?
        let plannedTotal: Double?
        let budgetLines: [BudgetLineJSON]
        let isConfidential: Bool
        let means: String
        let linkedIndicators: String
        let financingNotes: String
        let isNew: Bool
        let isContinuous: Bool
        let schedule: String
        let linkedPlanActions: String
        let notes: String
        let amountsIncludeTax: Bool
        let links: [LinkJSON]
        let subActions: [ActionJSON]
    }

    /// The fields whose JSON key is under `logicModel.` (`ActionField`), by the rest of their key.
    static func logicModel(of action: Action) -> [String: String] {
        var model: [String: String] = [:]
        for field in ActionField.all {
            guard let key = field.jsonKey, key.hasPrefix("logicModel."), let path = Action.textFields[field.key] else { continue }
            model[String(key.dropFirst("logicModel.".count))] = action[keyPath: path]
        }
        return model
    }

    init(contractId: UUID, tree: ProgrammeTree, budgetLines: [BudgetLine], links: [ActionLink] = [], today: CalendarDay) {
        let linesByAction = Dictionary(grouping: budgetLines, by: { $0.$action.id })
        let linksByAction = Dictionary(grouping: links, by: { $0.$action.id })
        func nonEmpty(_ text: String) -> String? { text.isEmpty ? nil : text }
        func action(_ node: ProgrammeTree.ActionNode) -> ActionJSON {
            let a = node.action
            let codes = a.codesByScheme
            return ActionJSON(
                id: a.id!.uuidString, title: a.title, status: nonEmpty(a.status), priority: nonEmpty(a.priority),
                startsOn: a.startsOn, endsOn: a.endsOn,
                isLate: ActionSchedule.isLate(status: ActionStatus(rawValue: a.status),
                                              plannedEnd: a.endsOn.flatMap(CalendarDay.init(parsing:)), today: today),
                isRecurring: a.isRecurring, description: a.summary, objectives: a.objectives, expectedResults: a.expectedResults,
                logicModel: Self.logicModel(of: a),
                leadOrganisationId: a.$leadOrganisation.id?.uuidString, leadOrganisationName: a.leadOrganisationName,
                pilotUserId: a.$pilotUser.id?.uuidString, leadPeople: a.leadPeople, leadService: a.leadService,
                electedReferent: a.electedReferent, partners: a.partners, governanceBody: a.governanceBody, places: a.places,
                territoryScope: a.territoryScope, themes: codes[.theme] ?? [], determinants: codes[.determinant] ?? [],
                strategies: codes[.strategy] ?? [], publics: codes[.publicTarget] ?? [], sectors: codes[.sector] ?? [],
                lifeStages: codes[.lifeStage] ?? [], approach: nonEmpty(a.approach), istsAim: nonEmpty(a.istsAim),
                participation: nonEmpty(a.participation), plannedTotal: a.plannedTotal,
                budgetLines: (linesByAction[a.id!] ?? []).map {
                    BudgetLineJSON(id: $0.id!.uuidString, funder: $0.funderName, funderOrganisationId: $0.$funderOrganisation.id?.uuidString,
                                   year: $0.year, kind: $0.kind, unit: $0.unit, planned: $0.planned, actual: $0.actual,
                                   channel: $0.channel, callName: $0.callName, status: $0.status, refusalReason: $0.refusalReason)
                },
                isConfidential: a.isConfidential, means: a.means, linkedIndicators: a.linkedIndicators, financingNotes: a.financingNotes,
                isNew: a.isNew, isContinuous: a.isContinuous, schedule: a.schedule, linkedPlanActions: a.linkedPlanActions,
                notes: a.notes, amountsIncludeTax: a.amountsIncludeTax,
                links: (linksByAction[a.id!] ?? []).map {
                    LinkJSON(id: $0.id!.uuidString, label: $0.label, url: $0.$relatedAction.id == nil ? $0.url : nil,
                             relatedActionId: $0.$relatedAction.id?.uuidString)
                },
                subActions: node.subActions.map(action))
        }
        func section(_ node: ProgrammeTree.SectionNode) -> SectionJSON {
            SectionJSON(id: node.section.id!.uuidString, title: node.section.title, kind: node.section.kind,
                        objectiveKind: nonEmpty(node.section.objectiveKind), description: node.section.summary,
                        objectives: node.children.map(section), actions: node.actions.map(action))
        }
        self.contractId = contractId.uuidString
        self.axes = tree.axes.map(section)
    }
}
