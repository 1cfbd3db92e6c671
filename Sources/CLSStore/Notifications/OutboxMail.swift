import FluentKit
import Foundation

/// One e-mail to send, written in the same transaction as the notification it carries
/// (transactional outbox). The mail worker claims it for a while (`leaseUntil`), composes it once
/// (subject, bodies, calendar file, Message-ID kept for every retry), sends it, and marks it sent;
/// a worker that dies mid-send leaves the claim to expire and the next one sends it again.
public final class OutboxMail: Model, @unchecked Sendable {
    public static let schema = "mail_outbox"

    public enum State: String, Sendable, CaseIterable {
        /// Waiting for a worker (or for its next attempt).
        case pending
        /// Accepted by the SMTP server.
        case sent
        /// Kept on the platform: no SMTP server is configured (the demo); shown to administrators.
        case kept
        /// Given up after the last attempt; shown to administrators with the server's answer.
        case failed

        public var label: String {
            switch self {
            case .pending: "En attente d'envoi"
            case .sent: "Envoyé"
            case .kept: "Conservé (pas de serveur de courriel)"
            case .failed: "Échec"
            }
        }
    }

    public enum Kind: String, Sendable {
        /// One notification, sent as soon as it is raised.
        case notice
        /// The daily digest of a person's notifications.
        case digest
    }

    @ID(key: .id) public var id: UUID?
    @Parent(key: "user_id") public var user: User
    @Field(key: "kind") public var kind: String
    /// "notice:<id>" or "digest:<user>:<day>": the same mail is never queued twice.
    @Field(key: "dedup_key") public var dedupKey: String
    @Field(key: "state") public var state: String
    @Field(key: "attempts") public var attempts: Int
    @Field(key: "next_attempt_at") public var nextAttemptAt: Date
    @OptionalField(key: "lease_until") public var leaseUntil: Date?
    /// Composed at the first attempt and kept, so that every retry sends the same message.
    @OptionalField(key: "recipient") public var recipient: String?
    @OptionalField(key: "subject") public var subject: String?
    @OptionalField(key: "text_body") public var textBody: String?
    @OptionalField(key: "html_body") public var htmlBody: String?
    @OptionalField(key: "calendar") public var calendar: String?
    @OptionalField(key: "message_id") public var messageId: String?
    @OptionalField(key: "last_error") public var lastError: String?
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "sent_at") public var sentAt: Date?

    public init() {}

    public init(id: UUID = UUID(), userId: UUID, kind: Kind, dedupKey: String, at moment: Date) {
        self.id = id
        self.$user.id = userId
        self.kind = kind.rawValue
        self.dedupKey = dedupKey
        self.state = State.pending.rawValue
        self.attempts = 0
        self.nextAttemptAt = moment
        self.createdAt = moment
    }

    public var mailState: State { State(rawValue: state) ?? .pending }
    public var mailKind: Kind { Kind(rawValue: kind) ?? .notice }
    public var isComposed: Bool { subject != nil && textBody != nil }
}
