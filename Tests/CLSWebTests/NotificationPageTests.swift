import CLSCore
import CLSStore
import Fluent
import Vapor
import XCTest
@testable import CLSWeb

/// A person's notifications in the platform: the counter of the header, the list, opening one
/// (marked read, then its page), marking all read, and the choice of e-mails (audited).
final class NotificationPageTests: XCTestCase {
    func testTheCounterTheListAndMarkingRead() async throws {
        try await TestApp.run { app, _ in
            let pilot = try await NotificationMailTests.user(NotificationMailTests.pilotEmail, app)
            let pilotId = try pilot.requireID()
            try await Notice.query(on: app.db).filter(\.$user.$id == pilotId).delete()
            let contract = try await NotificationMailTests.contract(app)
            let contractId = try contract.requireID()
            for title in ["Bilan 2026 ouvert : « CLS 2 »", "Comité technique le 17 septembre 2026"] {
                try await NoticeWriter.raise(NoticeDraft(kind: .reviewOpened, title: title, body: "\(title).",
                                                         place: .review(contract: contractId, year: 2026)),
                                             for: [pilotId], on: app.db)
            }
            let client = WebClient(app)
            try await client.login(NotificationMailTests.pilotEmail)
            let home = try await client.get("/").body.string
            XCTAssertTrue(home.contains("Notifications <span class=\"site-header__count\">2<span class=\"visually-hidden\"> non lues</span>"),
                          "the header counts the unread ones")
            let list = try await client.get(SitePath.notifications.href).body.string
            XCTAssertTrue(list.contains("2 notifications, dont 2 non lues"))
            XCTAssertTrue(list.contains("Bilan 2026 ouvert : « CLS 2 »".htmlEscaped()))
            XCTAssertTrue(list.contains("Bilan ouvert"), "the kind in words")

            let first = try await XCTUnwrapAsync(try await Notice.query(on: app.db).filter(\.$user.$id == pilotId).sort(\.$title).first())
            let opened = try await client.post(SitePath.notificationRead(try first.requireID()).href, [("ouvrir", "1")])
            XCTAssertEqual(opened.status, .seeOther)
            XCTAssertEqual(opened.headers.first(name: .location), SitePath.contract(contractId, .review(2026)).href, "opens its page")
            let after = try await client.get("/").body.string
            XCTAssertTrue(after.contains("site-header__count\">1<"), "one left")

            // Someone else's notification is not theirs to read.
            let coordinator = try await NotificationMailTests.user(NotificationMailTests.coordinatorEmail, app)
            try await NoticeWriter.raise(NoticeDraft(kind: .reviewOpened, title: "Pour la coordination", body: "Pour elle.",
                                                     place: .contract(contractId)), for: [try coordinator.requireID()], on: app.db)
            let other = try await XCTUnwrapAsync(try await Notice.query(on: app.db).filter(\.$user.$id != pilotId).first())
            let refused = try await client.post(SitePath.notificationRead(try other.requireID()).href, [])
            XCTAssertEqual(refused.status, .notFound)
            let untouched = try await Notice.find(other.id, on: app.db)
            XCTAssertNil(untouched?.readAt)

            try await client.get(SitePath.notifications.href)
            let all = try await client.post(SitePath.notificationsReadAll.href, [])
            XCTAssertEqual(all.status, .seeOther)
            let unread = try await Notice.query(on: app.db).filter(\.$user.$id == pilotId).filter(\.$readAt == nil).count()
            XCTAssertEqual(unread, 0)
            let none = try await client.get("/").body.string
            XCTAssertFalse(none.contains("site-header__count"), "no counter once all are read")
        }
    }

    func testChoosingADailyDigestIsSavedAndAudited() async throws {
        try await TestApp.run { app, _ in
            let client = WebClient(app)
            try await client.login(NotificationMailTests.pilotEmail)
            try await client.get(SitePath.notifications.href)
            let saved = try await client.post(SitePath.notificationPreferences.href, [("frequency", MailFrequency.daily.rawValue)])
            XCTAssertEqual(saved.status, .seeOther)
            let pilot = try await NotificationMailTests.user(NotificationMailTests.pilotEmail, app)
            XCTAssertEqual(pilot.frequency, .daily)
            let page = try await client.get(SitePath.notifications.href).body.string
            XCTAssertTrue(page.contains("value=\"daily\" checked"), "the choice is shown")
            let entry = try await AuditEntry.query(on: app.db).filter(\.$entityType == User.auditEntityType)
                .filter(\.$entityId == (try pilot.requireID()).uuidString).sort(\.$occurredAt, .descending).first()
            XCTAssertTrue(entry?.changes.contains { $0.field == "mail_frequency" && $0.new == MailFrequency.daily.label } == true)
        }
    }

    func testTheTokensLinkIsForThoseWhoUseTheAPI() async throws {
        try await TestApp.run { app, _ in
            let pilot = WebClient(app)
            try await pilot.login(NotificationMailTests.pilotEmail)
            let home = try await pilot.get("/").body.string
            XCTAssertFalse(home.contains("Mes jetons d'API"), "a pilot without a token does not see it")
            let admin = WebClient(app)
            try await admin.login("admin@demo.cls-pilot.fr")
            let adminHome = try await admin.get("/").body.string
            XCTAssertTrue(adminHome.contains("Mes jetons d'API"))
        }
    }
}
