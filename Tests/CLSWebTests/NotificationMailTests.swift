import CLSCore
import CLSStore
import Fluent
import Foundation
import Vapor
import XCTest
@testable import CLSWeb

/// Notifications are written with the change they tell about, and their e-mails reach a real SMTP
/// server on loopback (aiosmtpd): French subject and bodies, links, a meeting's calendar file,
/// retries after a refusal, daily digests, and exactly one delivery when the worker is killed mid-send.
final class NotificationMailTests: XCTestCase {
    static let pilotEmail = "pilote.belle-ile@demo.cls-pilot.fr"
    static let coordinatorEmail = "coordination.belle-ile@demo.cls-pilot.fr"
    static let contractName = "CLS 2 de Belle-Île-en-Mer"

    // MARK: - Written with the change

    func testAssigningAPilotNotifiesThemInTheSameTransaction() async throws {
        try await TestApp.run { app, _ in
            let (action, pilot, coordination) = try await Self.unpilotedAction(app)
            try await coordination.update(action, permission: .editProgramme(try await Self.contract(app).accessScope)) {
                $0.$pilotUser.id = pilot.id
            }
            let notices = try await Notice.query(on: app.db).filter(\.$user.$id == pilot.requireID())
                .filter(\.$kind == NoticeKind.pilotAssigned.rawValue).filter(\.$placeSubject == action.id).all()
            XCTAssertEqual(notices.count, 1)
            let notice = try XCTUnwrap(notices.first)
            XCTAssertEqual(notice.title, "Vous pilotez « \(action.title) »")
            XCTAssertEqual(notice.place, .action(contract: action.$contract.id, action: try action.requireID()))
            let mailId = try XCTUnwrap(notice.mailId, "an immediate e-mail is queued with the notification")
            let mail = try await XCTUnwrapAsync(try await OutboxMail.find(mailId, on: app.db))
            XCTAssertEqual(mail.mailState, .pending)
        }
    }

    func testAChangeRolledBackNotifiesNobody() async throws {
        try await TestApp.run { app, _ in
            let (action, pilot, coordination) = try await Self.unpilotedAction(app)
            let scope = try await Self.contract(app).accessScope
            struct Abandon: Error {}
            do {
                try await coordination.transaction { tx in
                    try await tx.update(action, permission: .editProgramme(scope)) { $0.$pilotUser.id = pilot.id }
                    throw Abandon()
                }
                XCTFail("the transaction was abandoned")
            } catch is Abandon {}
            let count = try await Notice.query(on: app.db).filter(\.$user.$id == pilot.requireID())
                .filter(\.$kind == NoticeKind.pilotAssigned.rawValue).filter(\.$placeSubject == action.id).count()
            XCTAssertEqual(count, 0)
        }
    }

    func testTheCalendarRaisesEachDecisionNoticeOnce() async throws {
        try await TestApp.run { app, _ in
            let contract = try await Self.contract(app)
            let contractId = try contract.requireID()
            let body = GovernanceBody(contractId: contractId, kind: GovernanceBodyKind.copil.rawValue, name: "Comité de pilotage")
            try await body.create(on: app.db)
            let meeting = Meeting(contractId: contractId, bodyId: try body.requireID(), heldOn: "2026-03-12")
            try await meeting.create(on: app.db)
            let decision = Decision(contractId: contractId, meetingId: try meeting.requireID(), text: "Relancer la mairie",
                                    sectionId: nil, actionId: nil, owner: "Coordination", dueOn: "2026-06-10")
            try await decision.create(on: app.db)
            let day = try XCTUnwrap(CalendarDay(parsing: "2026-06-05"))
            let first = try await ScheduledNotices.run(today: day, at: Date(), on: app.db)
            let again = try await ScheduledNotices.run(today: day, at: Date(), on: app.db)
            XCTAssertGreaterThanOrEqual(first.decisions, 1, "the coordination hears of the decision due")
            XCTAssertEqual(again.decisions, 0, "a second pass raises nothing new")
            let coordinator = try await Self.user(Self.coordinatorEmail, app)
            let due = try await Notice.query(on: app.db).filter(\.$user.$id == coordinator.requireID())
                .filter(\.$kind == NoticeKind.decisionDueSoon.rawValue).all()
            XCTAssertEqual(due.map(\.title), ["Décision à échéance le 10 juin 2026"])
            XCTAssertTrue(due.first?.body.contains("Relancer la mairie. Responsable : Coordination.") == true, due.first?.body ?? "")
            // Once late, it is raised again, as overdue.
            let late = try await ScheduledNotices.run(today: try XCTUnwrap(CalendarDay(parsing: "2026-06-11")), at: Date(), on: app.db)
            XCTAssertGreaterThanOrEqual(late.decisions, 1)
        }
    }

    // MARK: - Sent to a real SMTP server

    func testThePilotReceivesAFrenchMailWithTheLinkAndThePreferences() async throws {
        let server = try SMTPTestServer(arguments: ["--auth", "cls:secret"])
        try await TestApp.run { app, _ in
            let (action, pilot, coordination) = try await Self.unpilotedAction(app)
            try await coordination.update(action, permission: .editProgramme(try await Self.contract(app).accessScope)) {
                $0.$pilotUser.id = pilot.id
            }
            var settings = Self.settings(server)
            settings.username = "cls"
            settings.password = "secret"
            let pass = try await Self.worker(app, smtp: settings).runOnce()
            XCTAssertGreaterThanOrEqual(pass.sent, 1)
            let mails = try server.messages().filter { $0.envelopeTo == Self.pilotEmail }
            let mail = try XCTUnwrap(mails.first { $0.subject == "Vous pilotez « \(action.title) »" },
                                     "subjects received: \(mails.map(\.subject))")
            XCTAssertTrue(mail.to.hasPrefix("Sophie Tanguy"), mail.to)
            let text = try XCTUnwrap(mail.part("text/plain"))
            let link = "https://cls.example.fr" + SitePath.contract(action.$contract.id, .action(try action.requireID(), .page)).href
            XCTAssertTrue(text.hasPrefix("Bonjour Sophie Tanguy,"), text)
            XCTAssertTrue(text.contains("Ouvrir : \(link)"), text)
            XCTAssertTrue(text.contains("https://cls.example.fr/notifications#preferences"), text)
            let html = try XCTUnwrap(mail.part("text/html"))
            XCTAssertTrue(html.contains("href=\"\(link)\""), html)
            XCTAssertTrue(html.contains("lang=\"fr\""))
            let stored = try await OutboxMail.query(on: app.db).filter(\.$messageId == mail.messageId).first()
            XCTAssertEqual(stored?.mailState, .sent, "the mail received is the one marked sent")
        }
    }

    /// STARTTLS as configured for a real relay: the server's certificate checked against the
    /// trusted ones (`CLS_SMTP_CA_FILE`) and its name, AUTH over TLS only; an untrusted certificate
    /// sends nothing and leaves the mail for a later attempt, with the reason.
    func testMailGoesOverSTARTTLSToATrustedServerOnly() async throws {
        let server = try SMTPTestServer(arguments: ["--starttls", "--auth", "cls:secret"])
        try await TestApp.run { app, _ in
            try await Self.emptyOutbox(app)
            let pilot = try await Self.user(Self.pilotEmail, app)
            let place = WorkPlace.contract(try await Self.contract(app).requireID())
            try await NoticeWriter.raise(NoticeDraft(kind: .reviewOpened, title: "Par un canal chiffré", body: "Chiffré.", place: place),
                                         for: [try pilot.requireID()], on: app.db)
            var settings = SMTPSettings(host: "localhost", port: server.port, security: .startTLS, username: "cls", password: "secret",
                                        heloName: "cls-pilot.test")
            let untrusted = try await Self.worker(app, smtp: settings).runOnce()
            XCTAssertEqual(untrusted.retried, 1, "a certificate nobody vouches for: nothing sent")
            let waiting = try await XCTUnwrapAsync(try await OutboxMail.query(on: app.db).first())
            XCTAssertEqual(waiting.mailState, .pending)
            XCTAssertTrue(waiting.lastError?.contains("TLS") == true, waiting.lastError ?? "")
            XCTAssertEqual(try server.messages().count, 0)

            settings.caFile = server.maildir.appendingPathComponent("ca.pem").path
            let policy = MailQueue.Policy(lease: 60, retryDelays: [0])
            let trusted = try await Self.worker(app, smtp: settings, policy: policy,
                                                now: { Date().addingTimeInterval(3_600) }).runOnce()
            XCTAssertEqual(trusted.sent, 1)
            XCTAssertEqual(try server.messages().map(\.subject), ["Par un canal chiffré"])
        }
    }

    func testAMeetingAnnouncementCarriesItsCalendarFile() async throws {
        let server = try SMTPTestServer()
        try await TestApp.run { app, _ in
            let contract = try await Self.contract(app)
            let contractId = try contract.requireID()
            let body = GovernanceBody(contractId: contractId, kind: GovernanceBodyKind.cotech.rawValue, name: "Comité technique")
            try await body.create(on: app.db)
            let meeting = Meeting(contractId: contractId, bodyId: try body.requireID(), heldOn: "2026-09-17", startsAt: "09:30",
                                  endsAt: "12:00", place: "Le Palais", agenda: "Préparation du bilan")
            try await MeetingEditing.schedule(meeting, in: contract, using: try await Self.mutations(Self.coordinatorEmail, app))
            _ = try await Self.worker(app, smtp: Self.settings(server)).runOnce()
            let received = try server.messages()
            let announcements = received.filter { $0.subject.hasPrefix("Comité technique le 17 septembre 2026 à 09 h 30") }
            XCTAssertFalse(announcements.isEmpty, "received: \(received.map(\.subject))")
            for mail in announcements {
                let calendar = try XCTUnwrap(mail.part("text/calendar"))
                XCTAssertTrue(calendar.contains("BEGIN:VEVENT"))
                XCTAssertTrue(calendar.contains("UID:meeting-\(try meeting.requireID().uuidString)@cls-pilot"), calendar)
                XCTAssertTrue(calendar.contains("DTSTART:20260917T073000Z"), calendar)
                XCTAssertTrue(calendar.contains("LOCATION:Le Palais"), calendar)
            }
            XCTAssertFalse(announcements.contains { $0.envelopeTo == Self.coordinatorEmail }, "the author is not told of their own change")
        }
    }

    func testARefusalForNowIsRetriedAfterItsDelayAndDeliveredOnce() async throws {
        let server = try SMTPTestServer(arguments: ["--refuse-first", "1"])
        try await TestApp.run { app, _ in
            try await Self.emptyOutbox(app)
            let pilot = try await Self.user(Self.pilotEmail, app)
            let draft = NoticeDraft(kind: .reviewOpened, title: "Bilan 2026 ouvert", body: "Le bilan est ouvert.",
                                    place: .contract(try await Self.contract(app).requireID()))
            let start = Date(timeIntervalSince1970: 1_780_000_000)
            try await NoticeWriter.raise(draft, for: [try pilot.requireID()], at: start, on: app.db)
            let clock = MovableClock(start)
            var policy = MailQueue.Policy(lease: 60, retryDelays: [300])
            let worker = Self.worker(app, smtp: Self.settings(server), policy: policy, now: clock.now)
            let first = try await worker.runOnce()
            XCTAssertEqual(first.retried, 1, "the 451 leaves the mail for later")
            let waiting = try await XCTUnwrapAsync(try await OutboxMail.query(on: app.db).first())
            XCTAssertEqual(waiting.mailState, .pending)
            XCTAssertEqual(waiting.nextAttemptAt.timeIntervalSince1970, start.addingTimeInterval(300).timeIntervalSince1970, accuracy: 1)
            XCTAssertTrue(waiting.lastError?.contains("451") == true, waiting.lastError ?? "")
            let early = try await worker.runOnce()
            XCTAssertEqual(early.claimed, 0, "not before its delay")
            clock.advance(301)
            let second = try await worker.runOnce()
            XCTAssertEqual(second.sent, 1)
            XCTAssertEqual(try server.messages().count, 1)
            // After the last attempt, a mail is given up and kept for the administrators.
            policy.retryDelays = []
            try await NoticeWriter.raise(NoticeDraft(kind: .reviewOpened, title: "Autre", body: "Autre.", place: draft.place),
                                         for: [try pilot.requireID()], at: clock.now(), on: app.db)
            let stopped = try await Self.worker(app, smtp: SMTPSettings(host: "127.0.0.1", port: 9, security: .none,
                                                                         heloName: "test"), policy: policy, now: clock.now).runOnce()
            XCTAssertEqual(stopped.failed, 1)
        }
    }

    func testWithoutSMTPTheMailsAreKeptAndShownToTheAdministrators() async throws {
        try await TestApp.run { app, _ in
            let (action, pilot, coordination) = try await Self.unpilotedAction(app)
            try await coordination.update(action, permission: .editProgramme(try await Self.contract(app).accessScope)) {
                $0.$pilotUser.id = pilot.id
            }
            let pass = try await Self.worker(app, smtp: nil).runOnce()
            XCTAssertGreaterThanOrEqual(pass.kept, 1)
            let kept = try await OutboxMail.query(on: app.db).filter(\.$subject == "Vous pilotez « \(action.title) »").first()
            XCTAssertEqual(kept?.mailState, .kept)
            let client = WebClient(app)
            try await client.login("admin@demo.cls-pilot.fr")
            let list = try await client.get(SitePath.outbox.href)
            XCTAssertEqual(list.status, .ok)
            XCTAssertTrue(list.body.string.contains("Vous pilotez « \(action.title) »".htmlEscaped()))
            XCTAssertTrue(list.body.string.contains("Sophie Tanguy"), "the recipient by name")
            let page = try await client.get(SitePath.outboxMail(try XCTUnwrap(kept?.id)).href)
            XCTAssertTrue(page.body.string.contains("Bonjour Sophie Tanguy,"))
            let refused = WebClient(app)
            try await refused.login(Self.pilotEmail)
            let denied = try await refused.get(SitePath.outbox.href)
            XCTAssertEqual(denied.status, .forbidden)
        }
    }

    func testDailyDigestGathersThePreviousDaysNotificationsOnce() async throws {
        let server = try SMTPTestServer()
        try await TestApp.run { app, _ in
            try await Self.emptyOutbox(app)
            let pilot = try await Self.user(Self.pilotEmail, app)
            pilot.mailFrequency = MailFrequency.daily.rawValue
            try await pilot.update(on: app.db)
            let contractId = try await Self.contract(app).requireID()
            let monday = Date(timeIntervalSince1970: 1_780_000_000)  // 28 May 2026, in the afternoon in Paris
            for title in ["Bilan 2026 ouvert", "Réunion programmée"] {
                try await NoticeWriter.raise(NoticeDraft(kind: .reviewOpened, title: title, body: "\(title).", place: .contract(contractId)),
                                             for: [try pilot.requireID()], at: monday, on: app.db)
            }
            let clock = MovableClock(monday)
            let worker = Self.worker(app, smtp: Self.settings(server), now: clock.now)
            let sameDay = try await worker.runOnce()
            XCTAssertEqual(sameDay.digests, 0, "the digest waits for the next day")
            clock.advance(86_400)
            let nextDay = try await worker.runOnce()
            XCTAssertEqual(nextDay.digests, 1)
            let again = try await worker.runOnce()
            XCTAssertEqual(again.digests, 0, "one digest a day")
            let mails = try server.messages()
            XCTAssertEqual(mails.map(\.subject), ["CLS Pilot : 2 notifications"])
            let text = try XCTUnwrap(mails.first?.part("text/plain"))
            XCTAssertTrue(text.contains("— Bilan 2026 ouvert") && text.contains("— Réunion programmée"), text)
        }
    }

    func testNoMailForThoseWhoWantNone() async throws {
        try await TestApp.run { app, _ in
            try await Self.emptyOutbox(app)
            let pilot = try await Self.user(Self.pilotEmail, app)
            pilot.mailFrequency = MailFrequency.none.rawValue
            try await pilot.update(on: app.db)
            let written = try await NoticeWriter.raise(
                NoticeDraft(kind: .reviewOpened, title: "Bilan", body: "Bilan.", place: .contract(try await Self.contract(app).requireID())),
                for: [try pilot.requireID()], on: app.db)
            XCTAssertEqual(written, 1, "the notification is in the platform")
            let mails = try await OutboxMail.query(on: app.db).count()
            XCTAssertEqual(mails, 0, "and no e-mail is queued")
        }
    }

    // MARK: - Killed mid-send

    /// The worker (`clspilot mail`, a process of its own) is killed with SIGKILL while the server
    /// holds the third message at RCPT TO; a new worker takes over once the claim expires. Every
    /// mail of the outbox arrives, and none twice.
    func testKillingTheWorkerMidSendDeliversEveryMessageExactlyOnce() async throws {
        let binary = SMTPTestServer.repository.appendingPathComponent(".build/debug/clspilot")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            throw XCTSkip("kill test skipped: .build/debug/clspilot is not built (swift build --product clspilot)")
        }
        let server = try SMTPTestServer(arguments: ["--hold-at", "3"])
        try await TestApp.run { app, directory in
            try await Self.emptyOutbox(app)
            let pilot = try await Self.user(Self.pilotEmail, app)
            let contractId = try await Self.contract(app).requireID()
            for number in 1...6 {
                try await NoticeWriter.raise(NoticeDraft(kind: .reviewOpened, title: "Message \(number)", body: "Corps \(number).",
                                                         place: .contract(contractId)), for: [try pilot.requireID()], on: app.db)
            }
            var environment = ProcessInfo.processInfo.environment
            environment["CLS_SMTP_HOST"] = "127.0.0.1"
            environment["CLS_SMTP_PORT"] = String(server.port)
            environment["CLS_SMTP_STARTTLS"] = "none"
            environment["CLS_MAIL_POLL_SECONDS"] = "0.2"
            environment["CLS_MAIL_LEASE_SECONDS"] = "2"
            if let url = TestApp.postgresURL { environment["DATABASE_URL"] = url } else { environment["CLS_DATA_DIR"] = directory.url.path }

            let first = try Self.startWorker(binary, environment: environment)
            try await Self.waitUntil("the server holds the third message") { server.isHolding }
            kill(first.processIdentifier, SIGKILL)
            first.waitUntilExit()
            XCTAssertEqual(try server.messages().count, 2, "two messages went before the kill")

            let second = try Self.startWorker(binary, environment: environment)
            defer { second.terminate(); second.waitUntilExit() }
            try await Self.waitUntil("every mail is sent") {
                let pending = try await OutboxMail.query(on: app.db).filter(\.$state != OutboxMail.State.sent.rawValue).count()
                return pending == 0
            }
            // The worker also raised the calendar's notifications (the demo's alerts): their mails count too.
            let received = try server.messages()
            let stored = try await OutboxMail.query(on: app.db).all()
            XCTAssertEqual(received.map(\.subject).filter { $0.hasPrefix("Message ") }.sorted(), (1...6).map { "Message \($0)" })
            XCTAssertEqual(received.count, stored.count)
            XCTAssertEqual(received.map(\.messageId).sorted(), stored.compactMap(\.messageId).sorted(), "each mail once, none twice")
        }
    }

    // MARK: - Helpers

    static func startWorker(_ binary: URL, environment: [String: String]) throws -> Process {
        let process = Process()
        process.executableURL = binary
        process.arguments = ["mail"]
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Waits for a condition another process brings about (a minute at most, then fails).
    static func waitUntil(_ what: String, _ condition: () async throws -> Bool) async throws {
        for _ in 0..<600 {
            if try await condition() { return }
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        XCTFail("gave up waiting: \(what)")
        throw CancellationError()
    }

    static func settings(_ server: SMTPTestServer) -> SMTPSettings {
        SMTPSettings(host: "127.0.0.1", port: server.port, security: .none, heloName: "cls-pilot.test")
    }

    static func worker(_ app: Application, smtp: SMTPSettings?, policy: MailQueue.Policy = .standard,
                       now: @escaping @Sendable () -> Date = { Date() }) -> MailWorker {
        let identity = MailIdentity(from: MailAddress(name: "CLS Pilot", address: "notifications@cls.example.fr"),
                                    baseURL: "https://cls.example.fr")
        // The calendar's notifications (alerts of the demo contracts) have their own test: left out here.
        let configuration = MailWorker.Configuration(smtp: smtp, identity: identity, policy: policy, scheduledInterval: nil)
        return MailWorker(configuration: configuration, database: app.db, logger: app.logger, now: now)
    }

    static func emptyOutbox(_ app: Application) async throws {
        try await Notice.query(on: app.db).delete()
        try await OutboxMail.query(on: app.db).delete()
    }

    static func contract(_ app: Application) async throws -> Contract {
        try await TestApp.contract(named: contractName, on: app)
    }

    static func user(_ email: String, _ app: Application) async throws -> User {
        try await XCTUnwrapAsync(try await User.query(on: app.db).filter(\.$email == email).first())
    }

    static func mutations(_ email: String, _ app: Application) async throws -> Mutations {
        let user = try await user(email, app)
        let loaded = try await XCTUnwrapAsync(try await AuthenticatedUser.load(try user.requireID(), on: app.db))
        return Mutations(database: app.db, actor: Actor(userId: loaded.id, label: loaded.displayName, subject: loaded.subject))
    }

    /// An action of the contract without a pilot, the pilot's account, and the coordination's mutations.
    static func unpilotedAction(_ app: Application) async throws -> (Action, User, Mutations) {
        let contractId = try await contract(app).requireID()
        let action = try await XCTUnwrapAsync(try await Action.query(on: app.db).filter(\.$contract.$id == contractId)
            .filter(\.$pilotUser.$id == nil).first())
        return (action, try await user(pilotEmail, app), try await mutations(coordinatorEmail, app))
    }
}

/// A clock a test moves forward.
final class MovableClock: @unchecked Sendable {
    private var moment: Date
    private let lock = NSLock()

    init(_ start: Date) { moment = start }

    var now: @Sendable () -> Date { { [self] in lock.withLock { moment } } }

    func advance(_ seconds: TimeInterval) { lock.withLock { moment += seconds } }
}
