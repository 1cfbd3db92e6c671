import CLSStore
import Foundation
import Fluent
import Vapor

/// Slows down password guessing: after `maxFailures` failed logins for one address within
/// `window`, further attempts are refused until the window has passed. Failures are read from
/// the audit trail, so every server instance sharing the database sees the same count.
enum LoginThrottle {
    static let maxFailures = 5
    static let window: TimeInterval = 15 * 60

    static func isLocked(email: String, on database: any Database, now: Date = Date()) async throws -> Bool {
        let failures = try await AuditEntry.query(on: database)
            .filter(\.$action == AuditAction.loginFailed.rawValue)
            .filter(\.$entityId == email)
            .filter(\.$occurredAt >= now.addingTimeInterval(-window))
            .count()
        return failures >= maxFailures
    }
}
