import CLSCore
import FluentKit
import Foundation
import SQLKit

/// The outbox as the mail worker sees it: daily digests queued, mails claimed for a while, then
/// marked sent, kept, retried later or given up. A claim is a conditional update, so that two
/// workers (the server's and `clspilot mail`) never take the same mail; a worker that dies leaves
/// its claim to expire, and the mail goes again.
public enum MailQueue {
    public struct Policy: Sendable {
        /// How long a claimed mail is left to its worker before another may take it.
        public var lease: TimeInterval
        /// The wait after the first, second… failed attempt; after the last, the mail is given up.
        public var retryDelays: [TimeInterval]

        public init(lease: TimeInterval = 120, retryDelays: [TimeInterval] = [60, 300, 900, 3_600, 10_800, 21_600, 43_200]) {
            self.lease = lease
            self.retryDelays = retryDelays
        }

        public static let standard = Policy()

        /// Nil when `attempts` failures are all there may be.
        func delay(afterAttempts attempts: Int) -> TimeInterval? {
            attempts >= 1 && attempts <= retryDelays.count ? retryDelays[attempts - 1] : nil
        }
    }

    /// What a worker needs to compose one mail.
    public struct Claimed: Sendable {
        public let mail: OutboxMail
        public let user: User
        /// The notification it carries, or those of the digest, oldest first.
        public let notices: [Notice]
    }

    /// Queues one digest per person who chose daily e-mails and has notifications from before
    /// `today` not yet mailed. Returns how many digests were queued.
    @discardableResult
    public static func queueDigests(today: CalendarDay, startOfToday: Date, at moment: Date, on database: any Database) async throws -> Int {
        let waiting = try await Notice.query(on: database).filter(\.$delivery == MailFrequency.daily.rawValue)
            .filter(\.$mailId == nil).filter(\.$createdAt < startOfToday).limit(5_000).all()
        var queued = 0
        for (userId, notices) in Dictionary(grouping: waiting, by: { $0.$user.id }) {
            let key = "digest:\(userId.uuidString):\(today.iso)"
            queued += try await database.transaction { tx in
                guard try await OutboxMail.query(on: tx).filter(\.$dedupKey == key).first() == nil else { return 0 }
                let mail = OutboxMail(userId: userId, kind: .digest, dedupKey: key, at: moment)
                try await mail.create(on: tx)
                try await Notice.query(on: tx).filter(\.$id ~~ notices.compactMap(\.id)).filter(\.$mailId == nil)
                    .set(\.$mailId, to: mail.id).update()
                return 1
            }
        }
        return queued
    }

    /// Claims up to `limit` mails due at `moment`, for `policy.lease`, counting the attempt.
    public static func claim(limit: Int, at moment: Date, policy: Policy = .standard, on database: any Database) async throws -> [Claimed] {
        guard let sql = database as? any SQLDatabase else { return [] }
        let candidates = try await OutboxMail.query(on: database).filter(\.$state == OutboxMail.State.pending.rawValue)
            .filter(\.$nextAttemptAt <= moment)
            .group(.or) { $0.filter(\.$leaseUntil == nil).filter(\.$leaseUntil < moment) }
            .sort(\.$nextAttemptAt).limit(limit).all()
        // Each one taken by a conditional update: another worker may have taken it meanwhile.
        var taken: [UUID] = []
        for id in candidates.compactMap(\.id) {
            let rows = try await sql.update(OutboxMail.schema)
                .set("lease_until", to: SQLBind(moment.addingTimeInterval(policy.lease)))
                .set("attempts", to: SQLRaw("attempts + 1"))
                .where("id", .equal, SQLBind(id))
                .where("state", .equal, SQLBind(OutboxMail.State.pending.rawValue))
                .where { $0.where("lease_until", .is, SQLLiteral.null).orWhere("lease_until", .lessThan, SQLBind(moment)) }
                .returning("id")
                .all()
            if !rows.isEmpty { taken.append(id) }
        }
        guard !taken.isEmpty else { return [] }
        // What composing them needs, in three queries whatever their number.
        let mails = try await OutboxMail.query(on: database).filter(\.$id ~~ taken).sort(\.$nextAttemptAt).all()
        let users = Dictionary(try await User.query(on: database).filter(\.$id ~~ mails.map { $0.$user.id }).all()
            .compactMap { user in user.id.map { ($0, user) } }, uniquingKeysWith: { first, _ in first })
        let notices = Dictionary(grouping: try await Notice.query(on: database).filter(\.$mailId ~~ taken).sort(\.$createdAt).all(),
                                 by: { $0.mailId })
        return mails.compactMap { mail in
            guard let id = mail.id, let user = users[mail.$user.id] else { return nil }
            return Claimed(mail: mail, user: user, notices: notices[id] ?? [])
        }
    }

    /// Keeps what was composed, so that a retry sends the very same message.
    public static func saveComposition(_ mail: OutboxMail, on database: any Database) async throws {
        guard let id = mail.id else { return }
        try await OutboxMail.query(on: database).filter(\.$id == id)
            .set(\.$recipient, to: mail.recipient).set(\.$subject, to: mail.subject)
            .set(\.$textBody, to: mail.textBody).set(\.$htmlBody, to: mail.htmlBody)
            .set(\.$calendar, to: mail.calendar).set(\.$messageId, to: mail.messageId)
            .update()
    }

    public static func markSent(_ id: UUID, at moment: Date, on database: any Database) async throws {
        try await OutboxMail.query(on: database).filter(\.$id == id)
            .set(\.$state, to: OutboxMail.State.sent.rawValue).set(\.$sentAt, to: moment)
            .set(\.$leaseUntil, to: nil).set(\.$lastError, to: nil).update()
    }

    /// No SMTP server: the mail stays on the platform, for the administrators to read.
    public static func markKept(_ id: UUID, on database: any Database) async throws {
        try await OutboxMail.query(on: database).filter(\.$id == id)
            .set(\.$state, to: OutboxMail.State.kept.rawValue).set(\.$leaseUntil, to: nil).update()
    }

    /// A failed attempt: tried again after the policy's delay, or given up after the last one or
    /// when the refusal is `permanent` (an address the server does not know). Returns the state
    /// the mail is left in.
    @discardableResult
    public static func recordFailure(_ mail: OutboxMail, error: String, permanent: Bool = false, at moment: Date,
                                     policy: Policy = .standard, on database: any Database) async throws -> OutboxMail.State {
        guard let id = mail.id else { return .failed }
        let attempts = (try await OutboxMail.find(id, on: database))?.attempts ?? mail.attempts
        let message = String(error.prefix(500))
        if !permanent, let delay = policy.delay(afterAttempts: attempts) {
            try await OutboxMail.query(on: database).filter(\.$id == id)
                .set(\.$nextAttemptAt, to: moment.addingTimeInterval(delay)).set(\.$leaseUntil, to: nil)
                .set(\.$lastError, to: message).update()
            return .pending
        }
        try await OutboxMail.query(on: database).filter(\.$id == id)
            .set(\.$state, to: OutboxMail.State.failed.rawValue).set(\.$leaseUntil, to: nil)
            .set(\.$lastError, to: message).update()
        return .failed
    }
}
