import CLSCore
import CLSStore
import Fluent
import Vapor

/// One fiche action's entry in a yearly review: what its pilot reports, and the steps of the entry.
struct ReviewEntryPage: Encodable, ContractPageContent {
    struct IndicatorLine: Encodable {
        let id: String
        let name: String
        let unit: String
        let target: String
        let actual: String
        let previous: String
    }

    struct BudgetLineView: Encodable {
        let id: String
        let funder: String
        let planned: String
        let actual: String
        let unit: String
    }

    let shell: ContractShell
    let year: Int
    let previousYear: Int
    let links: Links
    struct Links: Encodable { let page: String; let submit: String; let sendBack: String }
    let actionTitle: String
    let actionHref: String
    let pilot: String
    let reviewStateLabel: String
    let entryState: String
    let entryStateLabel: String
    let returnComment: String
    let statusOptions: [SelectOption]
    let comment: String
    let indicators: [IndicatorLine]
    let budgetLines: [BudgetLineView]
    let canEdit: Bool
    let canSubmit: Bool
    let canReturn: Bool
    let lockMessage: String

    static func load(_ loaded: ReviewController.Loaded, _ context: PageContext) async throws -> ReviewEntryPage {
        let id = try loaded.contract.requireID()
        let scope = loaded.contract.accessScope
        let year = loaded.review.year
        let indicators = try await Indicator.query(on: context.db).filter(\.$action.$id == loaded.action.requireID()).sort(\.$name).all()
        let values = try await IndicatorValue.query(on: context.db).filter(\.$indicator.$id ~~ indicators.compactMap(\.id))
            .filter(\.$year ~~ [year, year - 1]).all()
        let budget = try await BudgetLine.query(on: context.db).filter(\.$action.$id == loaded.action.requireID()).filter(\.$year == year).all()
        func number(_ value: Double?) -> String { value.map { FrenchFormat.number($0) } ?? "" }
        let canEdit = ReviewWorkflow.mayEditEntry(state: loaded.state, entryState: loaded.entryState, subject: context.subject, scope: scope,
                                                  pilotUserId: loaded.pilotUserId)
        func link(_ page: ReviewEntryPath) -> String { SitePath.contract(id, .review(year, .entry(loaded.entry.actionId, page))).href }
        return ReviewEntryPage(
            shell: ContractShell(loaded.contract, tab: .reviews,
                                 trail: [Breadcrumb(label: "Bilan \(year)", href: SitePath.contract(id, .review(year)).href)]),
            year: year, previousYear: year - 1,
            links: Links(page: link(.page), submit: link(.submit), sendBack: link(.sendBack)),
            actionTitle: loaded.action.title, actionHref: SitePath.contract(id, .action(loaded.entry.actionId)).href,
            pilot: loaded.action.pilotUser?.displayName ?? loaded.action.leadPeople,
            reviewStateLabel: loaded.state.label, entryState: loaded.entry.state, entryStateLabel: loaded.entryState.label,
            returnComment: loaded.entry.returnComment,
            statusOptions: ActionStatus.allCases.map { SelectOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == loaded.entry.reportedStatus) },
            comment: loaded.entry.comment,
            indicators: indicators.map { indicator in
                let current = values.first { $0.$indicator.id == indicator.id && $0.year == year }
                let previous = values.first { $0.$indicator.id == indicator.id && $0.year == year - 1 }
                return IndicatorLine(id: indicator.id?.uuidString ?? "", name: indicator.name, unit: indicator.unit,
                                     target: number(current?.target), actual: number(current?.actual), previous: number(previous?.actual))
            },
            budgetLines: budget.map { BudgetLineView(id: $0.id?.uuidString ?? "", funder: $0.funderName, planned: number($0.planned),
                                                      actual: number($0.actual), unit: $0.unit == "etp" ? "ETP" : "€") },
            canEdit: canEdit,
            canSubmit: ReviewWorkflow.maySubmitEntry(state: loaded.state, entryState: loaded.entryState, subject: context.subject, scope: scope,
                                                     pilotUserId: loaded.pilotUserId),
            canReturn: ReviewWorkflow.mayReturnEntry(state: loaded.state, entryState: loaded.entryState, subject: context.subject, scope: scope),
            lockMessage: ReviewWorkflow.isLocked(state: loaded.state) ? ReviewLock.message(year: year) : "")
    }
}
