import CLSCore
import CLSStore
import Fluent
import Foundation

/// The e-mails of the platform for its administrators: those sent, waiting, given up, and, when no
/// SMTP server is configured (the demo), those kept here to be read.
struct OutboxPage: Encodable {
    struct Row: Encodable {
        let created: String
        let recipient: String
        let subject: String
        let state: String
        let attempts: String
        let error: String?
        let href: String
    }

    let rows: [Row]
    let total: String
    let states: [SelectOption]
    let action: String
    let smtpConfigured: Bool
    let pagination: Pagination

    static let pageSize = 50

    static func load(state: String?, page: Int, smtpConfigured: Bool, _ context: PageContext) async throws -> OutboxPage {
        let chosen = state.flatMap(OutboxMail.State.init(rawValue:))
        var query = OutboxMail.query(on: context.db).join(User.self, on: \OutboxMail.$user.$id == \User.$id)
        if let chosen { query = query.filter(\.$state == chosen.rawValue) }
        let total = try await query.count()
        let mails = try await query.copy().sort(\.$createdAt, .descending).sort(\.$id)
            .range(lower: (page - 1) * pageSize, upper: page * pageSize).all()
        return OutboxPage(
            rows: try mails.compactMap { mail in
                guard let id = mail.id else { return nil }
                return Row(created: FrenchFormat.dateTime(mail.createdAt), recipient: try mail.joined(User.self).displayName,
                           subject: mail.subject ?? "(pas encore rédigé)", state: mail.mailState.label,
                           attempts: FrenchFormat.count(mail.attempts, singular: "tentative", plural: "tentatives"),
                           error: mail.lastError, href: SitePath.outboxMail(id).href)
            },
            total: FrenchFormat.count(total, singular: "courriel", plural: "courriels"),
            states: [SelectOption(value: "", label: "Tous", selected: chosen == nil)]
                + OutboxMail.State.allCases.map { SelectOption(value: $0.rawValue, label: $0.label, selected: $0 == chosen) },
            action: SitePath.outbox.href,
            smtpConfigured: smtpConfigured,
            pagination: Pagination(page: page, total: total, pageSize: pageSize) {
                SitePath.outbox.href(query: [("etat", chosen?.rawValue), ("page", String($0))])
            })
    }
}

/// One e-mail as it was (or will be) sent: its headers in words, its text, its calendar file.
struct OutboxMailPage: Encodable {
    let recipient: String
    let address: String
    let subject: String
    let state: String
    let created: String
    let sent: String?
    let attempts: String
    let error: String?
    let text: String
    let html: String
    let hasCalendar: Bool
    let back: String

    static func load(_ id: UUID, _ context: PageContext) async throws -> OutboxMailPage? {
        guard let mail = try await OutboxMail.find(id, on: context.db),
              let user = try await User.find(mail.$user.id, on: context.db) else { return nil }
        return OutboxMailPage(
            recipient: user.displayName, address: mail.recipient ?? user.email,
            subject: mail.subject ?? "(pas encore rédigé : il le sera à la prochaine passe d'envoi)",
            state: mail.mailState.label, created: FrenchFormat.dateTime(mail.createdAt),
            sent: mail.sentAt.map { FrenchFormat.dateTime($0) },
            attempts: FrenchFormat.count(mail.attempts, singular: "tentative", plural: "tentatives"),
            error: mail.lastError, text: mail.textBody ?? "", html: mail.htmlBody ?? "", hasCalendar: mail.calendar != nil,
            back: SitePath.outbox.href)
    }
}
