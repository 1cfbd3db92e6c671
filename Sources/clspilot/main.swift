import CLSWeb
import Logging
import Vapor

// clspilot: serve, demo, migrate, user, token, backup, restore (see `clspilot --help`).
var environment = try Environment.detect()
try LoggingSystem.bootstrap(from: &environment)
let app = try await Application.make(environment)
do {
    try configure(app)
    app.registerCLSCommands()
    try await app.execute()
} catch {
    app.logger.report(error: error)
    try? await app.asyncShutdown()
    exit(1)
}
try await app.asyncShutdown()
