import CLSWeb
import Logging
import NIOCore
import NIOPosix
import Vapor

// clspilot: serve, demo, migrate, user, token, backup, restore (see `clspilot --help`).

// Async code runs on SwiftNIO's event loops rather than on a second pool of threads: every await on
// the database otherwise hops between the two, and those thread wake-ups were most of the kernel
// time of a page (docs/PERFORMANCE.md). Vapor's own template does the same; first, on the main thread.
NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
var environment = try Environment.detect()
try LoggingSystem.bootstrap(from: &environment)
let app = try await Application.make(environment)
do {
    try configure(app)
    app.registerCLSCommands()
} catch {
    app.logger.report(error: error)
    try? await app.asyncShutdown()
    exit(1)
}
do {
    try await app.execute()
} catch {
    // `execute` has reported the error already (a refused import is printed once, not twice).
    try? await app.asyncShutdown()
    exit(1)
}
try await app.asyncShutdown()
