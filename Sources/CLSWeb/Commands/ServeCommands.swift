import CLSStore
import Vapor

/// `serve`: runs pending migrations, then serves HTTP until SIGINT/SIGTERM.
struct MigratingServeCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "port", short: "p", help: "Port to listen on (default 8080, or $PORT).")
        var port: Int?
        @Option(name: "hostname", short: "H", help: "Address to bind (default 127.0.0.1).")
        var hostname: String?
    }

    var help: String { "Runs pending migrations, then serves the platform over HTTP." }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await Serving.start(context: context, port: signature.port, hostname: signature.hostname, loadDemo: false)
    }
}

/// `demo`: like `serve`, after loading the demo data into an empty database.
struct DemoCommand: AsyncCommand {
    typealias Signature = MigratingServeCommand.Signature

    var help: String { "Creates the database if needed, loads the demo data when it is empty, prints the demo accounts and serves." }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await Serving.start(context: context, port: signature.port, hostname: signature.hostname, loadDemo: true)
    }
}

enum Serving {
    static func start(context: CommandContext, port: Int?, hostname: String?, loadDemo: Bool) async throws {
        let app = context.application
        try await prepareDatabase(app)
        if let port { app.http.server.configuration.port = port }
        if let hostname { app.http.server.configuration.hostname = hostname }
        let configuration = app.http.server.configuration
        let url = "http://\(configuration.hostname):\(configuration.port)"
        if loadDemo {
            if let accounts = try await DemoDataset.loadIfEmpty(on: app.db, hasher: BcryptHasher(), runningContract: true) {
                context.console.print("Données de démonstration chargées.")
                context.console.print("Comptes de démonstration (mot de passe : \(DemoDataset.password)) :")
                for account in accounts {
                    context.console.print("  \(account.email) — \(account.roleDescription)")
                }
            } else {
                context.console.print("La base contient déjà des contrats : données de démonstration non rechargées (comptes de démonstration : mot de passe \(DemoDataset.password)).")
            }
        }
        context.console.print("CLS Pilot (\(app.storageConfiguration?.engineName ?? "?")) : \(url)")
        if MailWorkerService.isEnabled() {
            let service = MailWorkerService()
            try service.start(app, baseURL: url)
            app.lifecycle.use(service)
        }
        // Vapor's own serve command does the listening and the graceful shutdown on SIGINT/SIGTERM;
        // host and port are already in the server configuration, so it gets no arguments.
        var serveContext = context
        serveContext.input = CommandInput(arguments: ["clspilot"])
        try await app.servers.asyncCommand.run(using: &serveContext)
    }
}

/// `migrate`: applies pending migrations and exits.
struct MigrateCommand: AsyncCommand {
    struct Signature: CommandSignature {}
    var help: String { "Applies pending database migrations (they never drop data)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await prepareDatabase(context.application)
        context.console.print("Migrations appliquées (\(context.application.storageConfiguration?.engineName ?? "?")).")
    }
}
