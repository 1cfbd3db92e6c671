import CLSCore
import Foundation

/// The person (or the platform itself) on whose behalf a change is made.
public struct Actor: Sendable {
    public let userId: UUID?
    /// How the journal names them: their e-mail address, or "système".
    public let label: String
    public let subject: AccessSubject

    public init(userId: UUID?, label: String, subject: AccessSubject) {
        self.userId = userId
        self.label = label
        self.subject = subject
    }

    /// The platform acting on its own (demo data, command line run by the operator).
    public static let system = Actor(
        userId: nil, label: "système",
        subject: AccessSubject(userId: "system", grants: [RoleGrant(role: .admin, scope: nil)]))

    /// Someone not signed in (a failed login attempt).
    public static func anonymous(label: String) -> Actor {
        Actor(userId: nil, label: label, subject: .anonymous)
    }
}
