import CLSCore
import CLSFormats
import CLSStore
import FluentKit
import Foundation
import LeafKit

/// Writes the e-mail of a claimed outbox entry, in French: one notification, or the day's digest;
/// plain text and HTML alike, each with the link to the page where to act and to the preferences;
/// a meeting's announcement with its calendar file.
struct MailComposer: Sendable {
    let identity: MailIdentity

    /// Fills the mail's recipient, subject, bodies, calendar file and Message-ID.
    func compose(_ claimed: MailQueue.Claimed, on database: any Database) async throws {
        let mail = claimed.mail, user = claimed.user, notices = claimed.notices
        let items = notices.map { notice in
            Item(kind: notice.noticeKind?.label ?? "Notification", title: notice.title, body: notice.body,
                 url: notice.place.map { identity.baseURL + $0.path.href } ?? identity.baseURL + SitePath.notifications.href)
        }
        let subject: String
        if mail.mailKind == .digest {
            subject = "CLS Pilot : " + FrenchFormat.count(items.count, singular: "notification", plural: "notifications")
        } else {
            subject = items.first?.title ?? "CLS Pilot"
        }
        let preferences = identity.baseURL + SitePath.notifications.href(fragment: "preferences")
        let greeting = "Bonjour \(user.displayName),"
        let introduction = mail.mailKind == .digest
            ? "Voici ce qui s'est passé sur CLS Pilot depuis votre dernier récapitulatif :"
            : nil
        mail.recipient = user.email
        mail.subject = subject
        mail.textBody = text(greeting: greeting, introduction: introduction, items: items, preferences: preferences)
        mail.htmlBody = html(greeting: greeting, introduction: introduction, items: items, preferences: preferences)
        mail.calendar = try await calendar(for: notices, on: database)
        let host = identity.from.address.split(separator: "@").last.map(String.init) ?? "cls-pilot.localhost"
        mail.messageId = "<\((mail.id ?? UUID()).uuidString.lowercased())@\(host)>"
    }

    struct Item {
        let kind: String
        let title: String
        let body: String
        let url: String
    }

    func text(greeting: String, introduction: String?, items: [Item], preferences: String) -> String {
        var lines = [greeting, ""]
        if let introduction { lines += [introduction, ""] }
        for item in items {
            lines += items.count > 1 ? ["— \(item.title)"] : [item.title]
            lines += [item.body, "Ouvrir : \(item.url)", ""]
        }
        lines += ["-- ", "CLS Pilot, contrats locaux de santé.",
                  "Choisir les notifications que vous recevez par courriel : \(preferences)"]
        return lines.joined(separator: "\n") + "\n"
    }

    func html(greeting: String, introduction: String?, items: [Item], preferences: String) -> String {
        var parts = ["<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>CLS Pilot</title></head>",
                     "<body style=\"font-family: sans-serif; line-height: 1.5; color: #1b1b1b\">",
                     "<p>\(greeting.htmlEscaped())</p>"]
        if let introduction { parts.append("<p>\(introduction.htmlEscaped())</p>") }
        for item in items {
            parts.append("<h2 style=\"font-size: 1.1em\">\(item.title.htmlEscaped())</h2>")
            parts.append("<p>\(item.body.htmlEscaped())</p>")
            parts.append("<p><a href=\"\(item.url.htmlEscaped())\">Ouvrir dans CLS Pilot</a></p>")
        }
        parts.append("<hr><p style=\"font-size: 0.9em; color: #555\">CLS Pilot, contrats locaux de santé. "
                     + "<a href=\"\(preferences.htmlEscaped())\">Choisir les notifications que vous recevez par courriel</a>.</p>")
        parts.append("</body></html>")
        return parts.joined(separator: "\n")
    }

    /// The calendar file of the meeting a notification announces (one meeting per mail at most).
    func calendar(for notices: [Notice], on database: any Database) async throws -> String? {
        guard let notice = notices.first(where: { $0.noticeKind == .meetingScheduled }),
              case let .meeting(contractId, meetingId)? = notice.place,
              let meeting = try await Meeting.find(meetingId, on: database),
              let contract = try await Contract.find(contractId, on: database) else { return nil }
        let body = try await GovernanceBody.find(meeting.$body.id, on: database)?.name ?? "Réunion"
        let url = identity.baseURL + WorkPlace.meeting(contract: contractId, meeting: meetingId).path.href
        guard let event = MeetingCalendarEvent.make(meeting, bodyName: body, contractName: contract.name, url: url) else { return nil }
        var writer = ICalendarWriter(calendarName: "Réunions – \(contract.name)")
        writer.add(event)
        return writer.string(now: notice.createdAt)
    }
}
