import CLSCore
import FluentKit
import Foundation

/// A notification before it is addressed: the same words for each of its recipients.
public struct NoticeDraft: Sendable {
    public let kind: NoticeKind
    public let title: String
    public let body: String
    public let place: WorkPlace
    /// Raised once per person for the same key (the clock's notifications pass again every day).
    public let dedupKey: String?
    /// A meeting to attach as a calendar file to its e-mail.
    public var meetingId: UUID? {
        if kind == .meetingScheduled, case let .meeting(_, meeting) = place { return meeting }
        return nil
    }

    public init(kind: NoticeKind, title: String, body: String, place: WorkPlace, dedupKey: String? = nil) {
        self.kind = kind
        self.title = title
        self.body = body
        self.place = place
        self.dedupKey = dedupKey
    }
}

/// Writes notifications and, for those who want them at once, their e-mails in the outbox: on the
/// database it is given, so inside the transaction of the change they tell about.
public enum NoticeWriter {
    /// Raises `draft` for every active account in `recipients` but `author` (one is not told of
    /// what one did oneself); returns how many notifications were written.
    @discardableResult
    public static func raise(_ draft: NoticeDraft, for recipients: Set<UUID>, except author: UUID? = nil,
                             at moment: Date = Date(), on database: any Database) async throws -> Int {
        var ids = recipients
        if let author { ids.remove(author) }
        guard !ids.isEmpty else { return 0 }
        let users = try await User.query(on: database).filter(\.$id ~~ Array(ids)).filter(\.$isActive == true).all()
        var already: Set<UUID> = []
        if let key = draft.dedupKey {
            already = Set(try await Notice.query(on: database).filter(\.$user.$id ~~ Array(ids)).filter(\.$dedupKey == key)
                .all().map { $0.$user.id })
        }
        var written = 0
        for user in users {
            guard let userId = user.id, !already.contains(userId) else { continue }
            let notice = Notice(userId: userId, kind: draft.kind, title: draft.title, body: draft.body, place: draft.place,
                                dedupKey: draft.dedupKey, delivery: user.frequency, at: moment)
            notice.id = UUID()
            if user.frequency == .immediate, let noticeId = notice.id {
                let mail = OutboxMail(userId: userId, kind: .notice, dedupKey: "notice:\(noticeId.uuidString)", at: moment)
                try await mail.create(on: database)
                notice.mailId = mail.id
            }
            try await notice.create(on: database)
            written += 1
        }
        return written
    }
}
