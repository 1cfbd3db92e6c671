import CLSStore
import Vapor

/// `mail`: sends the outbox on its own, without serving pages (a separate process next to
/// `serve`, or a cron job with `--once`). Two workers never send the same mail: each claims it first.
struct MailCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "once", help: "Sends what is due, then exits (by default, runs until stopped).")
        var once: Bool
    }

    var help: String { "Envoie les courriels de notification en attente (CLS_SMTP_HOST…), ou les conserve sans serveur de courriel." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await prepareDatabase(app)
        let configuration = try MailWorker.Configuration.fromEnvironment()
        let worker = MailWorker(configuration: configuration, database: app.db, logger: app.logger)
        if signature.once {
            let pass = try await worker.runOnce()
            context.console.print("Courriels : \(pass.sent) envoyés, \(pass.kept) conservés, \(pass.retried) à réessayer, \(pass.failed) en échec.")
        } else {
            context.console.print(configuration.smtp.map { "Envoi des courriels par \($0.host):\($0.port)." }
                                  ?? "Aucun serveur de courriel (CLS_SMTP_HOST) : les courriels sont conservés sur la plateforme.")
            await worker.run()
        }
    }
}

/// The mail worker of a serving process: started with the server, stopped with it. Set
/// `CLS_MAIL_WORKER=0` to leave the sending to a separate `clspilot mail`.
struct MailWorkerService: LifecycleHandler {
    private final class Running: @unchecked Sendable { var task: Task<Void, Never>? }
    private let running = Running()

    static func isEnabled(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        environment["CLS_MAIL_WORKER"] != "0"
    }

    func start(_ app: Application, baseURL: String) throws {
        let worker = MailWorker(configuration: try .fromEnvironment(defaultBaseURL: baseURL), database: app.db, logger: app.logger,
                                now: { [clock = app.clock] in clock.now() })
        running.task = Task { await worker.run() }
    }

    func shutdownAsync(_ application: Application) async {
        running.task?.cancel()
        await running.task?.value
    }
}
