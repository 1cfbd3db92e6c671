import CLSCore
import CLSStore
import Foundation

/// A person's notifications, newest first and paged, and their choice of e-mails.
struct NotificationsPage: Encodable {
    struct Item: Encodable {
        let kind: String
        let title: String
        let body: String
        let date: String
        let isUnread: Bool
        let href: String
        /// Marks it read (and, with `ouvrir`, goes to its page).
        let read: String
    }

    let items: [Item]
    let unread: Int
    let total: String
    let readAll: String
    let preferences: String
    let frequencies: [SelectOption]
    let pagination: Pagination

    static let pageSize = 50

    static func load(_ user: AuthenticatedUser, page: Int, _ context: PageContext) async throws -> NotificationsPage {
        let (notices, total) = try await NoticeInbox.page(userId: user.id, page: page, pageSize: pageSize, on: context.db)
        let frequency = try await User.find(user.id, on: context.db)?.frequency ?? .immediate
        return NotificationsPage(
            items: notices.compactMap { notice in
                guard let id = notice.id else { return nil }
                return Item(kind: notice.noticeKind?.label ?? "Notification", title: notice.title, body: notice.body,
                            date: FrenchFormat.dateTime(notice.createdAt), isUnread: notice.readAt == nil,
                            href: notice.place?.path.href ?? SitePath.notifications.href, read: SitePath.notificationRead(id).href)
            },
            unread: user.unreadNotices,
            total: FrenchFormat.count(total, singular: "notification", plural: "notifications"),
            readAll: SitePath.notificationsReadAll.href,
            preferences: SitePath.notificationPreferences.href,
            frequencies: MailFrequency.allCases.map { SelectOption(value: $0.rawValue, label: $0.label, selected: $0 == frequency) },
            pagination: Pagination(page: page, total: total, pageSize: pageSize) {
                SitePath.notifications.href(query: [("page", String($0))])
            })
    }
}
