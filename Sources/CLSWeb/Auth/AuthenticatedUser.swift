import CLSCore
import CLSStore
import Foundation
import Fluent
import Vapor

/// The signed-in user of a request, with the role grants the access policy reads.
struct AuthenticatedUser: Authenticatable {
    let id: UUID
    let email: String
    let displayName: String
    let subject: AccessSubject

    /// Loads an active user and their grants (two queries).
    static func load(_ userId: UUID, on database: any Database) async throws -> AuthenticatedUser? {
        guard let user = try await User.find(userId, on: database), user.isActive else { return nil }
        return try await make(user, on: database)
    }

    static func make(_ user: User, on database: any Database) async throws -> AuthenticatedUser {
        let userId = try user.requireID()
        let grants = try await RoleAssignment.query(on: database).filter(\.$user.$id == userId).all().compactMap(\.grant)
        return AuthenticatedUser(id: userId, email: user.email, displayName: user.displayName,
                                 subject: AccessSubject(userId: userId.uuidString, grants: Set(grants)))
    }
}

extension Request {
    var currentUser: AuthenticatedUser? { auth.get(AuthenticatedUser.self) }

    /// Who is asking: the signed-in user, or an anonymous visitor.
    var subject: AccessSubject { currentUser?.subject ?? .anonymous }

    /// The actor the audit trail records for changes made by this request.
    var actor: Actor {
        guard let user = currentUser else { return .anonymous(label: "anonyme") }
        return Actor(userId: user.id, label: user.email, subject: user.subject)
    }

    /// The single path for this request's changes: permission check plus audit entry.
    var mutations: Mutations { Mutations(database: db, actor: actor) }

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
