import FluentKit
import Foundation

/// A person's notifications as the platform shows them: the list, and marking them read (the
/// header's counter is read with the signed-in user, `AuthenticatedUser.load`). Reading changes no one's work: it is not written in the audit trail (as the
/// time of the last sign-in is not), and only ever touches the reader's own notifications.
public enum NoticeInbox {
    /// One page of the person's notifications, newest first, and how many there are in all.
    public static func page(userId: UUID, page: Int, pageSize: Int, on database: any Database) async throws -> (notices: [Notice], total: Int) {
        let query = Notice.query(on: database).filter(\.$user.$id == userId)
        let total = try await query.count()
        let notices = try await query.copy().sort(\.$createdAt, .descending).sort(\.$id)
            .range(lower: (page - 1) * pageSize, upper: page * pageSize).all()
        return (notices, total)
    }

    /// Marks one of the person's notifications read; returns it (nil when it is not theirs).
    @discardableResult
    public static func markRead(_ id: UUID, userId: UUID, at moment: Date, on database: any Database) async throws -> Notice? {
        guard let notice = try await Notice.query(on: database).filter(\.$id == id).filter(\.$user.$id == userId).first() else { return nil }
        if notice.readAt == nil {
            notice.readAt = moment
            try await notice.update(on: database)
        }
        return notice
    }

    /// Marks all the person's notifications read; returns how many were unread.
    @discardableResult
    public static func markAllRead(userId: UUID, at moment: Date, on database: any Database) async throws -> Int {
        let unread = try await Notice.query(on: database).filter(\.$user.$id == userId).filter(\.$readAt == nil).count()
        try await Notice.query(on: database).filter(\.$user.$id == userId).filter(\.$readAt == nil).set(\.$readAt, to: moment).update()
        return unread
    }
}
