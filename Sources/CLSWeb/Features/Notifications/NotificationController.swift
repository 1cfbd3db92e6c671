import CLSCore
import CLSStore
import Fluent
import Vapor

/// A person's notifications: the list, marking them read, and how often they come by e-mail.
struct NotificationController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.notifications, use: list)
        routes.post(.notificationRead(.key), use: markRead)
        routes.post(.notificationsReadAll, use: markAllRead)
        routes.post(.notificationPreferences, use: savePreferences, refusedOn: list)
    }

    func list(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let page = Pagination.pageNumber(req.query[Int.self, at: "page"])
        return try await req.renderPage("notifications/list", title: "Mes notifications",
                                        try await NotificationsPage.load(user, page: page, req.pageContext))
    }

    struct ReadForm: Content {
        var ouvrir: String?
    }

    /// Marks the notification read, then opens its page (with `ouvrir`) or comes back to the list.
    func markRead(req: Request) async throws -> Response {
        let user = try req.requireUser()
        guard let id = req.parameters.get("noticeID", as: UUID.self),
              let notice = try await NoticeInbox.markRead(id, userId: user.id, at: req.now, on: req.db) else { throw WebError.notFound }
        if try req.content.decode(ReadForm.self).ouvrir != nil, let place = notice.place {
            return req.redirect(to: place.path)
        }
        return req.redirect(to: .notifications)
    }

    func markAllRead(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let count = try await NoticeInbox.markAllRead(userId: user.id, at: req.now, on: req.db)
        req.flash(.success, count == 0 ? "Aucune notification n'était à lire."
                  : FrenchFormat.count(count, singular: "notification marquée comme lue.", plural: "notifications marquées comme lues."))
        return req.redirect(to: .notifications)
    }

    struct PreferencesForm: Content {
        var frequency: String?
    }

    func savePreferences(req: Request) async throws -> Response {
        let current = try req.requireUser()
        guard let frequency = try req.content.decode(PreferencesForm.self).frequency.flatMap(MailFrequency.init(rawValue:)) else {
            throw WebError.invalid("Choisissez comment recevoir vos notifications par courriel.", field: "frequency")
        }
        guard let user = try await UserAccounts.find(current.id, on: req.db) else { throw WebError.authenticationRequired }
        try await req.mutations.update(user, permission: .manageOwnAccount(userId: current.id.uuidString)) {
            $0.mailFrequency = frequency.rawValue
        }
        req.flash(.success, "Préférence enregistrée : \(frequency.label.prefix(1).lowercased() + frequency.label.dropFirst()).")
        return req.redirect(to: .notifications, fragment: "preferences")
    }
}
