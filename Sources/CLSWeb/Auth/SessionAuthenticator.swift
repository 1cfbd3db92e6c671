import CLSStore
import Vapor

/// Restores the signed-in user from the session cookie.
///
/// A session holds the user's id and the credential stamp of the password it was opened with:
/// once the password changes, every other session of that user is signed out.
struct SessionAuthenticator: AsyncMiddleware {
    static let sessionKey = "user_id"
    static let credentialKey = "credential"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if request.hasSession, let raw = request.session.data[Self.sessionKey], let id = UUID(uuidString: raw) {
            if let user = try await AuthenticatedUser.load(id, on: request.db),
               let stamp = request.session.data[Self.credentialKey],
               CSRFMiddleware.constantTimeEquals(stamp, user.credentialStamp) {
                request.auth.login(user)
            } else {
                request.session.data[Self.sessionKey] = nil
                request.session.data[Self.credentialKey] = nil
            }
        }
        return try await next.respond(to: request)
    }
}

extension Request {
    /// Starts a new session for `user` (a new id and a new CSRF token): a session id planted
    /// before is worth nothing after it.
    func startSession(for user: AuthenticatedUser) async throws {
        if let previous = session.id {
            try await application.sessions.driver.deleteSession(previous, for: self).get()
        }
        session.id = nil
        session.data = SessionData()
        session.data[SessionAuthenticator.sessionKey] = user.id.uuidString
        session.data[SessionAuthenticator.credentialKey] = user.credentialStamp
        _ = csrfToken
        auth.login(user)
    }
}
