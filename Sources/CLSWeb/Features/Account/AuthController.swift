import CLSCore
import CLSStore
import Fluent
import Vapor

/// Sign in, sign out, and the user's own password.
struct AuthController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.login, use: loginForm)
        routes.post(.login, use: login, refusedOn: loginForm)
        routes.post(.logout, use: logout)
        routes.get(.password, use: passwordForm)
        routes.post(.password, use: changePassword, refusedOn: passwordForm)
    }

    struct LoginContent: Encodable {
        let email: String
        let next: String
        let error: String?
        let signedOut: Bool
    }

    struct LoginQuery: Content {
        var suite: String?
        var deconnecte: String?
    }

    func loginForm(req: Request) async throws -> Response {
        let query = try req.query.decode(LoginQuery.self)
        if req.currentUser != nil { return req.redirect(to: safeNext(query.suite)) }
        return try await req.renderPage("account/login", title: "Connexion", LoginContent(
            email: "", next: safeNext(query.suite), error: nil, signedOut: query.deconnecte != nil))
    }

    struct LoginForm: Content {
        var email: String?
        var password: String?
        var suite: String?
    }

    static let wrongCredentials = "Adresse électronique ou mot de passe incorrect. Vérifiez la saisie (majuscules comprises) ; après 5 échecs, la connexion à ce compte depuis votre poste est bloquée 15 minutes."

    func login(req: Request) async throws -> Response {
        let form = try req.content.decode(LoginForm.self)
        let email = User.normalise(email: form.email ?? "")
        let next = safeNext(form.suite)
        func refuse(_ message: String, status: HTTPResponseStatus) async throws -> Response {
            try await req.renderPage("account/login", title: "Connexion",
                                     LoginContent(email: email, next: next, error: message, signedOut: false), status: status)
        }
        guard !email.isEmpty, let password = form.password, !password.isEmpty else {
            return try await refuse("Saisissez votre adresse électronique et votre mot de passe.", status: .badRequest)
        }
        let now = req.now
        switch try await LoginThrottle.verdict(email: email, address: req.clientAddress, on: req.db, now: now) {
        case .allowed: break
        case .accountLocked:
            return try await refuse("Trop de tentatives de connexion à ce compte depuis votre poste. Réessayez dans 15 minutes, ou demandez à l'administrateur de la plateforme de réinitialiser votre mot de passe.", status: .tooManyRequests)
        case .addressLocked:
            return try await refuse("Trop de tentatives de connexion depuis votre poste. Réessayez dans 15 minutes.", status: .tooManyRequests)
        }
        guard let user = try await UserAccounts.find(email: email, on: req.db), user.isActive,
              try BcryptHasher().verify(password, against: user.passwordHash) else {
            try await LoginThrottle.recordFailure(email: email, address: req.clientAddress, on: req.db, now: now)
            try await Mutations(database: req.db, actor: .anonymous(label: email))
                .recordEvent(.loginFailed, entityType: "session", entityId: email, entityLabel: email)
            return try await refuse(Self.wrongCredentials, status: .unauthorized)
        }
        try await req.startSession(for: AuthenticatedUser.make(user, on: req.db))
        user.lastLoginAt = req.now
        try await user.save(on: req.db)
        try await req.mutations.recordEvent(.login, entityType: "session", entityId: email, entityLabel: user.displayName)
        return req.redirect(to: next)
    }

    func logout(req: Request) async throws -> Response {
        if let user = req.currentUser {
            try await req.mutations.recordEvent(.logout, entityType: "session", entityId: user.email, entityLabel: user.displayName)
        }
        req.auth.logout(AuthenticatedUser.self)
        req.session.destroy()
        return req.redirect(to: SitePath.login.href(query: [("deconnecte", "1")]))
    }

    /// Only paths of this site, never another host (`SameSitePath`).
    func safeNext(_ next: String?) -> String { SameSitePath.orHome(next) }

    // MARK: - Password

    struct PasswordContent: Encodable {
        let errors: [String: String]
        let minimumLength: Int
    }

    struct PasswordForm: Content {
        var currentPassword: String?
        var newPassword: String?
        var confirmation: String?
    }

    func passwordForm(req: Request) async throws -> Response {
        _ = try req.requireUser()
        return try await req.renderPage("account/password", title: "Changer mon mot de passe",
                                        PasswordContent(errors: [:], minimumLength: PasswordRules.minimumLength))
    }

    func changePassword(req: Request) async throws -> Response {
        let current = try req.requireUser()
        let form = try req.content.decode(PasswordForm.self)
        guard let user = try await UserAccounts.find(current.id, on: req.db) else { throw WebError.authenticationRequired }
        var errors = FormErrors()
        if !(try BcryptHasher().verify(form.currentPassword ?? "", against: user.passwordHash)) {
            errors.add("currentPassword", "Le mot de passe actuel est incorrect.")
        }
        for problem in PasswordRules.problems(form.newPassword ?? "", confirmation: form.confirmation ?? "") {
            errors.add(problem.field, problem.message)
        }
        guard errors.isEmpty else {
            return try await req.renderRefusedPage("account/password", title: "Changer mon mot de passe",
                                            PasswordContent(errors: errors.messages, minimumLength: PasswordRules.minimumLength),
                                            errors: errors)
        }
        let hash = try BcryptHasher().hash(form.newPassword ?? "")
        try await req.mutations.update(user, permission: .manageOwnAccount(userId: current.id.uuidString),
                                       action: .passwordChange) { $0.passwordHash = hash }
        // The user's other sessions end with the old password; this one goes on, renewed.
        try await req.startSession(for: AuthenticatedUser.make(user, on: req.db))
        req.flash(.success, "Votre mot de passe a été changé. Vos autres sessions ont été fermées.")
        return req.redirect(to: .home)
    }
}
