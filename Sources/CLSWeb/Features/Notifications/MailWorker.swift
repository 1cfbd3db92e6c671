import CLSCore
import CLSStore
import FluentKit
import Foundation
import Logging

/// Sends what the outbox holds. Each pass raises the calendar's notifications (decisions due,
/// alerts) when their hour has come, queues the daily digests, then claims the mails due and hands
/// them to the SMTP server, or keeps them on the platform when none is configured. A mail the
/// server refuses for now goes again later (`MailQueue.Policy`); one it refuses for good, or after
/// the last attempt, is given up and shown to the administrators.
final class MailWorker: @unchecked Sendable {
    struct Configuration: Sendable {
        var smtp: SMTPSettings?
        var identity: MailIdentity
        var policy: MailQueue.Policy = .standard
        /// The pause between two passes.
        var pollInterval: TimeInterval = 15
        /// How often the calendar's notifications are looked for; nil: never (a worker that only sends).
        var scheduledInterval: TimeInterval? = 3_600
        /// Mails claimed per pass.
        var batchSize = 20

        /// `CLS_SMTP_*`, `CLS_MAIL_FROM`, `CLS_BASE_URL`, and for tests `CLS_MAIL_POLL_SECONDS`,
        /// `CLS_MAIL_LEASE_SECONDS`, `CLS_MAIL_RETRY_SECONDS` ("1,1,1").
        static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment,
                                    defaultBaseURL: String = "http://127.0.0.1:8080") throws -> Configuration {
            var configuration = Configuration(smtp: try SMTPSettings.fromEnvironment(environment),
                                              identity: .fromEnvironment(environment, defaultBaseURL: defaultBaseURL))
            if let poll = environment["CLS_MAIL_POLL_SECONDS"].flatMap(Double.init), poll > 0 { configuration.pollInterval = poll }
            if let lease = environment["CLS_MAIL_LEASE_SECONDS"].flatMap(Double.init), lease > 0 { configuration.policy.lease = lease }
            if let delays = environment["CLS_MAIL_RETRY_SECONDS"] {
                configuration.policy.retryDelays = delays.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
            }
            return configuration
        }
    }

    /// What one pass did.
    struct Pass: Sendable, Equatable {
        var raised = 0
        var digests = 0
        var sent = 0
        var kept = 0
        var retried = 0
        var failed = 0
        var claimed: Int { sent + kept + retried + failed }
    }

    let configuration: Configuration
    let database: any Database
    let logger: Logger
    let now: @Sendable () -> Date
    private var lastScheduledPass: Date?

    init(configuration: Configuration, database: any Database, logger: Logger, now: @escaping @Sendable () -> Date = { Date() }) {
        self.configuration = configuration
        self.database = database
        self.logger = logger
        self.now = now
    }

    /// Passes until the task is cancelled; a failing pass is logged and the next one comes.
    func run() async {
        while !Task.isCancelled {
            do {
                let pass = try await runOnce()
                if pass.claimed > 0 || pass.raised > 0 {
                    logger.info("Courriels : \(pass.sent) envoyés, \(pass.kept) conservés, \(pass.retried) à réessayer, \(pass.failed) en échec ; \(pass.raised) notifications datées.")
                }
            } catch {
                logger.error("Passe d'envoi des courriels interrompue : \(String(describing: error))")
            }
            try? await Task.sleep(nanoseconds: UInt64(configuration.pollInterval * 1_000_000_000))
        }
    }

    /// One pass: calendar notifications when due, digests, then every mail due, batch after batch.
    func runOnce() async throws -> Pass {
        var pass = Pass()
        let moment = now()
        let today = CalendarDay(moment)
        if let interval = configuration.scheduledInterval, lastScheduledPass.map({ moment.timeIntervalSince($0) >= interval }) ?? true {
            let outcome = try await ScheduledNotices.run(today: today, at: moment, on: database)
            pass.raised = outcome.decisions + outcome.alerts
            lastScheduledPass = moment
        }
        pass.digests = try await MailQueue.queueDigests(today: today, startOfToday: today.start(), at: moment, on: database)
        while true {
            let claimed = try await MailQueue.claim(limit: configuration.batchSize, at: now(), policy: configuration.policy, on: database)
            if claimed.isEmpty { break }
            try await deliver(claimed, into: &pass)
            if claimed.count < configuration.batchSize { break }
        }
        return pass
    }

    private func deliver(_ batch: [MailQueue.Claimed], into pass: inout Pass) async throws {
        let composer = MailComposer(identity: configuration.identity)
        var client: SMTPClient?
        do {
            try await deliver(batch, composer: composer, client: &client, into: &pass)
        } catch {
            await client?.close()
            throw error
        }
        await client?.close()
    }

    private func deliver(_ batch: [MailQueue.Claimed], composer: MailComposer, client: inout SMTPClient?, into pass: inout Pass) async throws {
        for claimed in batch {
            let mail = claimed.mail
            guard let id = mail.id else { continue }
            if !mail.isComposed {
                try await composer.compose(claimed, on: database)
                try await MailQueue.saveComposition(mail, on: database)
            }
            guard let smtp = configuration.smtp else {
                try await MailQueue.markKept(id, on: database)
                pass.kept += 1
                continue
            }
            do {
                if client == nil { client = try await SMTPClient.connect(smtp) }
                guard let connection = client, let recipient = mail.recipient else { continue }
                let message = MailMessage(
                    from: configuration.identity.from, to: MailAddress(name: claimed.user.displayName, address: recipient),
                    subject: mail.subject ?? "", text: mail.textBody ?? "", html: mail.htmlBody ?? "", calendar: mail.calendar,
                    messageId: mail.messageId ?? "<\(id.uuidString.lowercased())@cls-pilot>", date: mail.createdAt)
                try await connection.send(from: configuration.identity.from.address, to: recipient,
                                      message: message.rendered(boundarySeed: id.uuidString.lowercased()))
                try await MailQueue.markSent(id, at: now(), on: database)
                pass.sent += 1
            } catch {
                let failure = error as? SMTPFailure ?? .connection(String(describing: error))
                logger.warning("Courriel non remis (\(failure.isTransient ? "réessai prévu" : "refus définitif")) : \(failure.description)")
                let state = try await MailQueue.recordFailure(mail, error: failure.description, permanent: !failure.isTransient,
                                                              at: now(), policy: configuration.policy, on: database)
                if state == .failed { pass.failed += 1 } else { pass.retried += 1 }
                // A connection that failed is not reused: the next mail opens a new one.
                if case .refused = failure {} else if let broken = client { client = nil; await broken.close() }
            }
        }
    }
}
