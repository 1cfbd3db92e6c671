import CLSCore
import CLSStore
import Fluent
import Vapor

/// One year's review: the entries of the fiches actions, the consolidation and the steps to approval.
struct ReviewPage: Encodable, ContractPageContent {
    struct EntryRow: Encodable {
        let actionId: String
        let href: String
        let title: String
        let pilot: String
        let state: String
        let stateLabel: String
        let reportedStatus: String
        let comment: String
        let canEdit: Bool
    }

    struct TransitionOption: Encodable {
        let code: String
        let label: String
        let requiresReason: Bool
        let meetingLabel: String?
        /// The box confirming a step taken although entries are not submitted, when the step asks for it.
        let forceLabel: String?
        /// The fiches actions whose entry is not submitted, named before an approval.
        let pending: [String]
    }

    struct EventRow: Encodable { let label: String; let author: String; let date: String; let reason: String }

    let shell: ContractShell
    let year: Int
    let links: Links
    struct Links: Encodable { let report: String; let reportWorkbook: String; let reportDocument: String; let consolidation: String; let steps: String }
    let state: String
    let stateLabel: String
    let stateExplanation: String
    let isLocked: Bool
    let entries: [EntryRow]
    let submittedCount: Int
    let transitions: [TransitionOption]
    let consolidationComment: String
    let canEditConsolidation: Bool
    let cotechOn: String
    let copilOn: String
    let events: [EventRow]
    let today: String

    static func load(_ contract: Contract, review: AnnualReview, _ context: PageContext) async throws -> ReviewPage {
        let id = try contract.requireID()
        let state = ReviewState(rawValue: review.state) ?? .open
        let scope = contract.accessScope
        let entries = try await ReviewEntry.query(on: context.db).filter(\.$review.$id == review.requireID()).all()
        let actions = try await Action.query(on: context.db).filter(\.$contract.$id == id).with(\.$pilotUser).all()
        let actionById = Dictionary(uniqueKeysWithValues: actions.compactMap { action in action.id.map { ($0, action) } })
        let events = try await ReviewEvent.query(on: context.db).filter(\.$review.$id == review.requireID()).sort(\.$createdAt).all()
        func link(_ page: ReviewPath) -> String { SitePath.contract(id, .review(review.year, page)).href }
        let rows = entries.compactMap { entry -> EntryRow? in
            guard let action = actionById[entry.actionId] else { return nil }
            let entryState = ReviewEntryState(rawValue: entry.state) ?? .draft
            return EntryRow(actionId: entry.actionId.uuidString, href: link(.entry(entry.actionId)), title: action.title,
                            pilot: action.pilotUser?.displayName ?? action.leadPeople, state: entry.state, stateLabel: entryState.label,
                            reportedStatus: CodeLabels.status(entry.reportedStatus), comment: entry.comment,
                            canEdit: ReviewWorkflow.mayEditEntry(state: state, entryState: entryState, subject: context.subject, scope: scope,
                                                                 pilotUserId: action.$pilotUser.id?.uuidString))
        }.sorted { $0.title.localizedStandardCompare($1.title) == .orderedAscending }
        let pending = rows.filter { (ReviewEntryState(rawValue: $0.state) ?? .draft).isPending }.map(\.title)
        return ReviewPage(
            shell: ContractShell(contract, tab: .reviews,
                                 trail: [Breadcrumb(label: "Bilans annuels", href: SitePath.contract(id, .reviews).href)]),
            year: review.year,
            links: Links(report: link(.report), reportWorkbook: link(.reportWorkbook), reportDocument: link(.reportDocument), consolidation: link(.consolidation), steps: link(.steps)), state: state.rawValue, stateLabel: state.label, stateExplanation: state.explanation,
            isLocked: ReviewWorkflow.isLocked(state: state), entries: rows,
            submittedCount: entries.filter { $0.state == ReviewEntryState.submitted.rawValue }.count,
            transitions: ReviewWorkflow.allowedTransitions(from: state, subject: context.subject, scope: scope).map { transition in
                let asksConfirmation = transition == .consolidate || (transition == .approve && !pending.isEmpty)
                return TransitionOption(
                    code: transition.rawValue, label: transition.label, requiresReason: transition.requiresReason,
                    meetingLabel: transition.meetingKind.map { "Date du \($0.shortLabel)" },
                    forceLabel: asksConfirmation ? (transition == .approve ? "Approuver malgré les fiches en brouillon"
                                                                           : "Consolider même si des fiches n'ont pas été transmises") : nil,
                    pending: transition == .approve ? pending : [])
            },
            consolidationComment: review.consolidationComment,
            canEditConsolidation: ReviewWorkflow.mayEditConsolidation(state: state, subject: context.subject, scope: scope),
            cotechOn: review.cotechOn.map { CodeLabels.day($0) } ?? "", copilOn: review.copilOn.map { CodeLabels.day($0) } ?? "",
            events: events.map { event in
                EventRow(label: ReviewTransition(rawValue: event.transition)?.pastLabel ?? event.transition, author: event.author,
                         date: event.createdAt.map { FrenchFormat.dateTime($0) } ?? "", reason: event.reason)
            },
            today: context.today.iso)
    }
}
