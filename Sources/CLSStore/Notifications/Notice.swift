import CLSCore
import FluentKit
import Foundation

/// One notification for one person: what happened, in French, and where to act. Written in the
/// same transaction as the change it tells about; read in the platform, and sent by e-mail as the
/// person chose (`MailFrequency`) through the outbox.
public final class Notice: Model, @unchecked Sendable {
    public static let schema = "notifications"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "user_id") public var user: User
    /// A `NoticeKind`.
    @Field(key: "kind") public var kind: String
    @Field(key: "title") public var title: String
    @Field(key: "body") public var body: String
    /// The `WorkPlace` it leads to.
    @Field(key: "place_kind") public var placeKind: String
    @OptionalField(key: "place_contract") public var placeContract: UUID?
    @OptionalField(key: "place_subject") public var placeSubject: UUID?
    @OptionalField(key: "place_year") public var placeYear: Int?
    /// For notifications raised by the clock (a decision due, an alert): what makes it the same
    /// one on the next pass, so that it is raised once. Unique per person.
    @OptionalField(key: "dedup_key") public var dedupKey: String?
    /// The `MailFrequency` of its person when it was raised: how it reaches the mailbox.
    @Field(key: "delivery") public var delivery: String
    /// The e-mail that carries it, once queued (immediately, or in a daily digest).
    @OptionalField(key: "mail_id") public var mailId: UUID?
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "read_at") public var readAt: Date?

    public init() {}

    public init(userId: UUID, kind: NoticeKind, title: String, body: String, place: WorkPlace,
                dedupKey: String?, delivery: MailFrequency, at moment: Date) {
        self.$user.id = userId
        self.kind = kind.rawValue
        self.title = title
        self.body = body
        let stored = place.stored
        self.placeKind = stored.kind
        self.placeContract = stored.contract
        self.placeSubject = stored.subject
        self.placeYear = stored.year
        self.dedupKey = dedupKey
        self.delivery = delivery.rawValue
        self.createdAt = moment
    }

    public var noticeKind: NoticeKind? { NoticeKind(rawValue: kind) }

    public var place: WorkPlace? {
        WorkPlace(.init(kind: placeKind, contract: placeContract, subject: placeSubject, year: placeYear))
    }
}
