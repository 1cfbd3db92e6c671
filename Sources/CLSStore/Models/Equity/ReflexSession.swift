import CLSCore
import FluentKit
import Foundation

/// A dated RÉFLEX-ISS self-assessment session of a contract's team (`ReflexISSGrid`): who took
/// part and what they concluded; its ratings are `ReflexRating` rows.
public final class ReflexSession: Model, @unchecked Sendable {
    public static let schema = "reflex_sessions"

    @ID(key: .id) public var id: UUID?
    @Field(key: "contract_id") public var contractId: UUID
    @Field(key: "held_on") public var heldOn: String
    @Field(key: "participants") public var participants: String
    @Field(key: "conclusions") public var conclusions: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public init(contractId: UUID, heldOn: String, participants: String, conclusions: String) {
        self.contractId = contractId
        self.heldOn = heldOn
        self.participants = participants
        self.conclusions = conclusions
    }
}

extension ReflexSession: Auditable {
    public static let auditEntityType = "reflex_session"
    public var auditLabel: String { "Auto-évaluation RÉFLEX-ISS du \(CalendarDay(parsing: heldOn).map { FrenchFormat.date($0) } ?? heldOn)" }
    public var auditContractId: UUID? { contractId }
    public func auditSnapshot() -> [AuditField] {
        [.init("held_on", "Date", heldOn), .init("participants", "Participants", participants), .init("conclusions", "Conclusions", conclusions)]
    }
}

/// One element's rating in a session: a score from 0 to 4 (nil: not rated) and a comment.
public final class ReflexRating: Model, @unchecked Sendable {
    public static let schema = "reflex_ratings"

    @ID(key: .id) public var id: UUID?
    @Field(key: "contract_id") public var contractId: UUID
    @Parent(key: "session_id") public var session: ReflexSession
    @Field(key: "element_code") public var elementCode: String
    @OptionalField(key: "score") public var score: Int?
    @Field(key: "comment") public var comment: String

    public init() {}

    public init(contractId: UUID, sessionId: UUID, elementCode: String, score: Int?, comment: String) {
        self.contractId = contractId
        self.$session.id = sessionId
        self.elementCode = elementCode
        self.score = score
        self.comment = comment
    }
}

extension ReflexRating: Auditable {
    public static let auditEntityType = "reflex_rating"
    public var auditLabel: String { ReflexISSGrid.element(elementCode).map { "\($0.code) \($0.label)" } ?? elementCode }
    public var auditContractId: UUID? { contractId }
    public func auditSnapshot() -> [AuditField] {
        [.init("session_id", "Séance", $session.id.uuidString), .init("element_code", "Élément", elementCode),
         .init("score", "Note", score.map(String.init)), .init("comment", "Commentaire", comment)]
    }
}
