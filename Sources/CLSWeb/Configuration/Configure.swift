import CLSStore
import Fluent
import Leaf
import Vapor

/// Configures the application: database, sessions, templates, middleware and routes.
/// Migrations are not run here: `serve`, `demo` and `migrate` run them (see `ServeCommand`).
public func configure(_ app: Application, storage: StorageConfiguration = .fromEnvironment()) throws {
    app.storage[StorageKey.self] = storage
    if case .sqlite(let path) = storage {
        // Held while this process runs, so that `restore` cannot replace the file under it.
        do {
            app.storage[DatabaseLockKey.self] = try DatabaseFileLock.shared(databasePath: path)
        } catch let failure as DatabaseFileLock.Failure {
            throw CommandFailure(failure.message)
        }
        app.lifecycle.use(DatabaseLockRelease())
    }
    app.storage[RegionalPageCacheKey.self] = RegionalPageCache()
    try storage.register(on: app.databases)
    app.migrations.add(StoreMigrations.all)
    app.migrations.add(SessionRecord.migration)

    app.passwords.use(.bcrypt)
    app.sessions.use { app in WriteOnChangeSessions(base: app.fluent.sessions.driver()) }
    app.sessions.configuration = .init(cookieName: "cls_session") { sessionID in
        HTTPCookies.Value(
            string: sessionID.string, expires: nil, maxAge: nil, domain: nil, path: "/",
            isSecure: Environment.get("CLS_SECURE_COOKIES") == "1", isHTTPOnly: true, sameSite: .lax)
    }
    app.routes.defaultMaxBodySize = "1mb"

    app.views.use(.leaf)
    app.leaf.cache.isEnabled = app.environment.isRelease
    app.storage[BodyRenderingKey.self] = try BodyRendering(app)

    // Outermost first: errors become French pages, every response gets the security headers.
    // The error pages are rendered inside the sessions middleware too, so that a page shown for
    // an error keeps its session (and the CSRF token it carries); the outer one covers failures
    // of the static files and of the session store itself.
    app.trustsForwardedFor = Environment.get("CLS_TRUST_PROXY") == "1"
    app.middleware = Middlewares()
    app.middleware.use(ErrorPageMiddleware())
    app.middleware.use(SecurityHeadersMiddleware())
    app.middleware.use(FileMiddleware(publicDirectory: app.directory.publicDirectory))
    app.middleware.use(app.sessions.middleware)
    app.middleware.use(ErrorPageMiddleware())
    app.middleware.use(SessionAuthenticator())
    app.middleware.use(BearerAuthenticator())
    app.middleware.use(CSRFMiddleware())

    if let port = Environment.get("PORT").flatMap(Int.init) { app.http.server.configuration.port = port }
    try routes(app)
}

/// Runs pending migrations and engine settings (WAL and memory-mapped reads on SQLite).
public func prepareDatabase(_ app: Application) async throws {
    try await app.storage[StorageKey.self]?.prepare(app.db)
    try await app.autoMigrate()
    // Every table raises the data version, including any a later migration added.
    try await DataVersion.installTriggers(on: app.db)
    try await ContractDataVersion.installTriggers(on: app.db)
    // SQLite: one connection per event loop; each gets the reading settings.
    if let storage = app.storage[StorageKey.self] {
        for eventLoop in app.eventLoopGroup.makeIterator() {
            guard let database = app.databases.database(logger: app.logger, on: eventLoop) else { continue }
            try await storage.tune(database)
        }
    }
}

struct DatabaseLockKey: Vapor.StorageKey {
    typealias Value = DatabaseFileLock
}

/// Lets go of the database lock when the application shuts down (tests start several in turn).
struct DatabaseLockRelease: LifecycleHandler {
    func shutdownAsync(_ application: Application) async {
        application.storage[DatabaseLockKey.self]?.release()
    }
}

struct StorageKey: Vapor.StorageKey {
    typealias Value = StorageConfiguration
}

extension Application {
    public var storageConfiguration: StorageConfiguration? { storage[StorageKey.self] }

    /// This process's shared hold on the SQLite database (nil on PostgreSQL).
    var databaseLock: DatabaseFileLock? { storage[DatabaseLockKey.self] }
}
