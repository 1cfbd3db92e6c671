import FluentKit
import Foundation

/// The yearly review (bilan annuel) of a contract: pilots submit their actions' entries, the
/// coordination consolidates, COTECH checks, COPIL approves — which locks the year's values.
public final class AnnualReview: Model, @unchecked Sendable {
    public static let schema = "annual_reviews"

    @ID(key: .id) public var id: UUID?
    @Field(key: "contract_id") public var contractId: UUID
    @Field(key: "year") public var year: Int
    /// `ReviewState` raw value.
    @Field(key: "state") public var state: String
    @Field(key: "consolidation_comment") public var consolidationComment: String
    @OptionalField(key: "cotech_on") public var cotechOn: String?
    @OptionalField(key: "copil_on") public var copilOn: String?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public init(contractId: UUID, year: Int, state: String) {
        self.contractId = contractId
        self.year = year
        self.state = state
        self.consolidationComment = ""
    }
}

extension AnnualReview: Auditable {
    public static let auditEntityType = "annual_review"
    public var auditLabel: String { "Bilan annuel \(year)" }
    public var auditContractId: UUID? { contractId }
    public func auditSnapshot() -> [AuditField] {
        [.init("year", "Année", String(year)), .init("state", "État", state),
         .init("consolidation_comment", "Commentaire de la coordination", consolidationComment),
         .init("cotech_on", "COTECH", cotechOn), .init("copil_on", "COPIL", copilOn)]
    }
}

/// One action's part of a yearly review: its status for the year and the pilot's comment; the
/// indicator values and actual spending are the action's own, for that year.
public final class ReviewEntry: Model, @unchecked Sendable {
    public static let schema = "review_entries"

    @ID(key: .id) public var id: UUID?
    @Field(key: "contract_id") public var contractId: UUID
    @Parent(key: "review_id") public var review: AnnualReview
    @Field(key: "action_id") public var actionId: UUID
    /// `ReviewEntryState` raw value.
    @Field(key: "state") public var state: String
    /// The action's status as reported for the year (`ActionStatus` raw value).
    @Field(key: "reported_status") public var reportedStatus: String
    @Field(key: "comment") public var comment: String
    @Field(key: "return_comment") public var returnComment: String
    @OptionalField(key: "submitted_by") public var submittedBy: String?
    @OptionalField(key: "submitted_at") public var submittedAt: Date?

    public init() {}

    public init(contractId: UUID, reviewId: UUID, actionId: UUID, state: String, reportedStatus: String) {
        self.contractId = contractId
        self.$review.id = reviewId
        self.actionId = actionId
        self.state = state
        self.reportedStatus = reportedStatus
        self.comment = ""
        self.returnComment = ""
    }
}

extension ReviewEntry: Auditable {
    public static let auditEntityType = "review_entry"
    public var auditLabel: String { "Bilan d'une fiche action" }
    public var auditContractId: UUID? { contractId }
    public func auditSnapshot() -> [AuditField] {
        [.init("action_id", "Fiche action", actionId.uuidString), .init("state", "État", state),
         .init("reported_status", "Statut déclaré", reportedStatus), .init("comment", "Commentaire du pilote", comment),
         .init("return_comment", "Motif du renvoi", returnComment)]
    }
}

/// A step of a review's history: which transition, by whom, when, with what reason.
public final class ReviewEvent: Model, @unchecked Sendable {
    public static let schema = "review_events"

    @ID(key: .id) public var id: UUID?
    @Field(key: "contract_id") public var contractId: UUID
    @Parent(key: "review_id") public var review: AnnualReview
    @Field(key: "transition") public var transition: String
    @Field(key: "from_state") public var fromState: String
    @Field(key: "to_state") public var toState: String
    @Field(key: "reason") public var reason: String
    @Field(key: "author") public var author: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public init(contractId: UUID, reviewId: UUID, transition: String, fromState: String, toState: String, reason: String, author: String) {
        self.contractId = contractId
        self.$review.id = reviewId
        self.transition = transition
        self.fromState = fromState
        self.toState = toState
        self.reason = reason
        self.author = author
    }
}

extension ReviewEvent: Auditable {
    public static let auditEntityType = "review_event"
    public var auditLabel: String { transition }
    public var auditContractId: UUID? { contractId }
    public func auditSnapshot() -> [AuditField] {
        [.init("transition", "Étape", transition), .init("from_state", "De", fromState), .init("to_state", "Vers", toState),
         .init("reason", "Motif", reason)]
    }
}
