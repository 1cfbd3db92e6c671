import CLSCore
import FluentKit
import Foundation

/// The yearly reviews of a contract: opening one (an entry per fiche action), moving it through its
/// states with `ReviewWorkflow`, each step audited and kept in the review's history.
public enum AnnualReviews {
    /// Why a review operation was refused; `isForbidden` maps to 403, otherwise 422.
    public struct Failure: Error, Sendable {
        public let message: String
        public let isForbidden: Bool

        init(_ refusal: ReviewRefusal) {
            message = refusal.message
            if case .notAllowed = refusal { isForbidden = true } else { isForbidden = false }
        }

        init(message: String) {
            self.message = message
            isForbidden = false
        }
    }

    public static func find(contractId: UUID, year: Int, on database: any Database) async throws -> AnnualReview? {
        try await AnnualReview.query(on: database).filter(\.$contractId == contractId).filter(\.$year == year).first()
    }

    /// Opens the review of `year`: one entry, in draft, for each fiche action (sub-actions are
    /// reported within their action), with the action's current status.
    @discardableResult
    public static func open(contract: Contract, year: Int, using mutations: Mutations) async throws -> AnnualReview {
        let contractId = try contract.requireID()
        let scope = contract.accessScope
        guard (2000...2100).contains(year) else { throw Failure(message: "L'année du bilan doit s'écrire sur quatre chiffres, par exemple 2025.") }
        if try await find(contractId: contractId, year: year, on: mutations.database) != nil {
            throw Failure(message: "Le bilan \(year) existe déjà : ouvrez-le depuis la liste des bilans du contrat.")
        }
        let actions = try await Action.query(on: mutations.database).filter(\.$contract.$id == contractId)
            .filter(\.$parentAction.$id == nil).sort(\.$position).all()
        let review = AnnualReview(contractId: contractId, year: year, state: ReviewState.open.rawValue)
        try await mutations.transaction { tx in
            try await tx.create(review, permission: .manageReview(scope))
            let reviewId = try review.requireID()
            for action in actions {
                try await tx.create(ReviewEntry(contractId: contractId, reviewId: reviewId, actionId: try action.requireID(),
                                                state: ReviewEntryState.draft.rawValue, reportedStatus: action.status),
                                    permission: .manageReview(scope))
            }
        }
        return review
    }

    /// Moves `review` through `transition`, recording the meeting date (COTECH, COPIL) and the reason.
    public static func take(_ transition: ReviewTransition, on review: AnnualReview, contract: Contract, context: ReviewTransitionContext,
                            using mutations: Mutations) async throws {
        let scope = contract.accessScope
        let reviewId = try review.requireID()
        let state = ReviewState(rawValue: review.state) ?? .open
        let entries = try await ReviewEntry.query(on: mutations.database).filter(\.$review.$id == reviewId).all()
        let context = ReviewTransitionContext(pendingEntries: entries.filter { (ReviewEntryState(rawValue: $0.state) ?? .draft).isPending }.count,
                                          force: context.force, meetingDate: context.meetingDate, reason: context.reason,
                                          checkedOn: review.cotechOn.flatMap(CalendarDay.init(parsing:)))
        let target: ReviewState
        switch ReviewWorkflow.apply(transition, from: state, subject: mutations.actor.subject, scope: scope, context: context) {
        case .success(let next): target = next
        case .failure(let refusal): throw Failure(refusal)
        }
        let reason = context.trimmedReason ?? ""
        let permission = Permission.takeReviewTransition(scope, transition)
        try await mutations.transaction { tx in
            try await tx.update(review, permission: permission, action: .transition,
                                context: reason.isEmpty ? [] : [FieldChange(field: "reason", label: "Motif", old: nil, new: reason)]) {
                $0.state = target.rawValue
                if transition == .check { $0.cotechOn = context.meetingDate?.iso }
                if transition == .approve { $0.copilOn = context.meetingDate?.iso }
            }
            try await tx.create(ReviewEvent(contractId: review.contractId, reviewId: reviewId, transition: transition.rawValue,
                                            fromState: state.rawValue, toState: target.rawValue, reason: reason, author: tx.actor.label),
                                permission: permission)
        }
    }
}
