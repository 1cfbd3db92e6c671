import CLSCore
import CLSStore
import Fluent
import Vapor

/// Accounts and their roles, for the platform administrator.
struct AdminUserController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.users, use: list)
        routes.get(.newUser, use: newForm)
        routes.post(.users, use: create, refusedOn: newForm)
        routes.get(.user(.key, .page), use: show)
        routes.post(.user(.key, .roles), use: addRole, refusedOn: show)
        routes.post(.user(.key, .removeRole(.key)), use: removeRole, refusedOn: show)
        routes.post(.user(.key, .activation), use: toggleActive, refusedOn: show)
        routes.post(.user(.key, .password), use: resetPassword, refusedOn: show)
    }

    func list(req: Request) async throws -> Response {
        try req.require(.manageUsers)
        return try await req.renderPage("admin/users", title: "Utilisateurs", try await UsersPage.load(req.pageContext))
    }

    struct NewUserForm: Content {
        var email: String?
        var displayName: String?
        var password: String?
    }

    func newForm(req: Request) async throws -> Response {
        try req.require(.manageUsers)
        return try await req.renderPage("admin/user-form", title: "Nouvel utilisateur", UserFormPage(values: NewUserForm(), errors: [:]))
    }

    func create(req: Request) async throws -> Response {
        try req.require(.manageUsers)
        let form = try req.content.decode(NewUserForm.self)
        let email = User.normalise(email: form.email ?? "")
        let name = (form.displayName ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        var errors = FormErrors()
        if email.isEmpty || !email.contains("@") || email.contains(" ") {
            errors.add("email", "Saisissez une adresse électronique valide, par exemple prenom.nom@ars.sante.fr.")
        } else if try await UserAccounts.find(email: email, on: req.db) != nil {
            errors.add("email", "Un compte existe déjà pour « \(email) ».")
        }
        if name.isEmpty { errors.add("displayName", "Indiquez le nom de la personne.") }
        let chosen = form.password ?? ""
        if !chosen.isEmpty {
            for problem in PasswordRules.problems(chosen, confirmation: chosen) { errors.add("password", problem.message) }
        }
        guard errors.isEmpty else {
            return try await req.renderRefusedPage("admin/user-form", title: "Nouvel utilisateur", UserFormPage(values: form, errors: errors.messages),
                errors: errors)
        }
        let password = chosen.isEmpty ? GeneratedPassword.make() : chosen
        let user = User(email: email, displayName: name, passwordHash: try BcryptHasher().hash(password))
        try await req.mutations.create(user, permission: .manageUsers)
        req.flash(.success, chosen.isEmpty
            ? "Compte créé. Mot de passe provisoire, à transmettre de façon sûre (il ne sera plus affiché) : \(password)"
            : "Compte créé.")
        return req.redirect(to: .user(try user.requireID()))
    }

    func findUser(_ req: Request) async throws -> User {
        guard let user = try await UserAccounts.find(req.parameters.get("userID", as: UUID.self), on: req.db) else {
            throw WebError.notFound
        }
        return user
    }

    func show(req: Request) async throws -> Response {
        try req.require(.manageUsers)
        let user = try await findUser(req)
        return try await req.renderPage("admin/user", title: user.displayName, try await UserPage.load(user, req.pageContext))
    }

    struct RoleForm: Content {
        var role: String?
        var regionCode: String?
        var departmentCode: String?
        var contractId: String?
    }

    func addRole(req: Request) async throws -> Response {
        try req.require(.manageUsers)
        let user = try await findUser(req)
        let id = try user.requireID()
        let form = try req.content.decode(RoleForm.self)
        guard let role = form.role.flatMap(Role.init(rawValue:)) else { throw WebError.invalid("Choisissez un rôle.", field: "role") }
        let scope: String? = switch role.scopeKind {
        case .platform: nil
        case .region: form.regionCode
        case .department: form.departmentCode
        case .contract: form.contractId
        }
        let grant: RoleGrant
        do {
            grant = try RoleGrant.validated(role: role, scope: scope)
        } catch let error as AccessError {
            let field = switch role.scopeKind {
            case .platform: "role"
            case .region: "regionCode"
            case .department: "departmentCode"
            case .contract: "contractId"
            }
            throw WebError.invalid(error.message, field: field)
        }
        try await UserAccounts.grant(grant, to: id, using: req.mutations)
        req.flash(.success, "Rôle attribué : \(RoleDescription.describe(grant, contractNames: try await RoleDescription.contractNames([grant], on: req.db))).")
        return req.redirect(to: .user(id))
    }

    func removeRole(req: Request) async throws -> Response {
        try req.require(.manageUsers)
        let user = try await findUser(req)
        let id = try user.requireID()
        guard let assignment = try await UserAccounts.assignment(req.parameters.get("assignmentID", as: UUID.self), of: id, on: req.db) else {
            throw WebError.notFound
        }
        if assignment.role == Role.admin.rawValue, id == req.currentUser?.id {
            req.flash(.error, "Vous ne pouvez pas retirer votre propre rôle d'administrateur : demandez-le à un autre administrateur.")
            return req.redirect(to: .user(id))
        }
        try await req.mutations.delete(assignment, permission: .manageUsers)
        req.flash(.success, "Rôle retiré.")
        return req.redirect(to: .user(id))
    }

    func toggleActive(req: Request) async throws -> Response {
        try req.require(.manageUsers)
        let user = try await findUser(req)
        let id = try user.requireID()
        if id == req.currentUser?.id {
            req.flash(.error, "Vous ne pouvez pas désactiver votre propre compte.")
            return req.redirect(to: .user(id))
        }
        try await req.mutations.update(user, permission: .manageUsers) { $0.isActive.toggle() }
        req.flash(.success, user.isActive ? "Compte réactivé." : "Compte désactivé : la personne ne peut plus se connecter.")
        return req.redirect(to: .user(id))
    }

    func resetPassword(req: Request) async throws -> Response {
        try req.require(.manageUsers)
        let user = try await findUser(req)
        let password = GeneratedPassword.make()
        let hash = try BcryptHasher().hash(password)
        try await req.mutations.update(user, permission: .manageUsers, action: .passwordChange) { $0.passwordHash = hash }
        req.flash(.success, "Nouveau mot de passe provisoire, à transmettre de façon sûre (il ne sera plus affiché) : \(password)")
        return req.redirect(to: .user(try user.requireID()))
    }
}
