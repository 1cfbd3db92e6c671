import CLSCore
import CLSStore
import Foundation
import Fluent
import SQLKit
import Vapor

/// The signed-in user of a request, with the role grants the access policy reads.
struct AuthenticatedUser: Authenticatable {
    let id: UUID
    let email: String
    let displayName: String
    let subject: AccessSubject
    /// Derived from the password hash: a session records it at sign-in and is worth nothing once
    /// the password changes (by the user, an administrator or the command line).
    let credentialStamp: String
    /// What the header shows, read with the user (no query of its own): notifications not read
    /// yet, and API tokens not revoked (the tokens link is for those who use the API).
    var unreadNotices = 0
    var activeTokens = 0

    static func credentialStamp(passwordHash: String) -> String {
        String(APITokens.digest("session-credential:" + passwordHash).prefix(32))
    }

    /// Loads an active user, their grants and the header's counts in one query (this runs on every
    /// request with a session).
    static func load(_ userId: UUID, on database: any Database) async throws -> AuthenticatedUser? {
        guard let sql = database as? any SQLDatabase else { throw StoreError.sqlUnavailable }
        let rows = try await sql.raw("""
            SELECT u.email, u.display_name, u.is_active, u.password_hash, r.role, r.scope,
                   (SELECT COUNT(*) FROM \(ident: Notice.schema) n WHERE n.user_id = u.id AND n.read_at IS NULL) AS unread,
                   (SELECT COUNT(*) FROM \(ident: APIToken.schema) t WHERE t.user_id = u.id AND t.revoked_at IS NULL) AS tokens
            FROM \(ident: User.schema) u LEFT JOIN \(ident: RoleAssignment.schema) r ON r.user_id = u.id
            WHERE u.id = \(bind: userId)
            """).all()
        guard let first = rows.first, try first.decode(column: "is_active", as: Bool.self) else { return nil }
        let grants = try rows.compactMap { row -> RoleGrant? in
            try row.decode(column: "role", as: String?.self).flatMap(Role.init(rawValue:))
                .map { RoleGrant(role: $0, scope: try row.decode(column: "scope", as: String?.self)) }
        }
        var user = AuthenticatedUser(id: userId, email: try first.decode(column: "email", as: String.self),
                                     displayName: try first.decode(column: "display_name", as: String.self),
                                     subject: AccessSubject(userId: userId.uuidString, grants: Set(grants)),
                                     credentialStamp: credentialStamp(passwordHash: try first.decode(column: "password_hash", as: String.self)))
        user.unreadNotices = try first.decode(column: "unread", as: Int.self)
        user.activeTokens = try first.decode(column: "tokens", as: Int.self)
        return user
    }

    static func make(_ user: User, on database: any Database) async throws -> AuthenticatedUser {
        let userId = try user.requireID()
        let grants = try await RoleAssignment.query(on: database).filter(\.$user.$id == userId).all().compactMap(\.grant)
        return AuthenticatedUser(id: userId, email: user.email, displayName: user.displayName,
                                 subject: AccessSubject(userId: userId.uuidString, grants: Set(grants)),
                                 credentialStamp: credentialStamp(passwordHash: user.passwordHash))
    }
}

extension Request {
    var currentUser: AuthenticatedUser? { auth.get(AuthenticatedUser.self) }

    /// Who is asking: the signed-in user, or an anonymous visitor.
    var subject: AccessSubject { currentUser?.subject ?? .anonymous }

    /// The actor the audit trail records for changes made by this request: a person reads the
    /// history, so the user's name (the account stays known by its id).
    var actor: Actor {
        guard let user = currentUser else { return .anonymous(label: "anonyme") }
        return Actor(userId: user.id, label: user.displayName, subject: user.subject)
    }

    /// The single path for this request's changes: permission check plus audit entry.
    var mutations: Mutations { Mutations(database: db, actor: actor) }

    /// The same, through the `.background` pool, for long writes (a plan import by the API): their
    /// transaction never holds the connection the pages of this event loop read through.
    var backgroundMutations: Mutations {
        Mutations(database: application.databases.database(.background, logger: logger, on: eventLoop) ?? db, actor: actor)
    }

    /// The signed-in user, or a redirection to the login page (JSON 401 for the API).
    func requireUser() throws -> AuthenticatedUser {
        guard let user = currentUser else { throw WebError.authenticationRequired }
        return user
    }

    /// Refuses unless the access policy allows `permission`: anonymous visitors are sent to the
    /// login page, signed-in users get a 403.
    func require(_ permission: Permission) throws {
        if !subject.isAuthenticated, !permission.isOpenToAnonymous { throw WebError.authenticationRequired }
        guard AccessPolicy.allows(subject, permission) else { throw WebError.forbidden }
    }
}
