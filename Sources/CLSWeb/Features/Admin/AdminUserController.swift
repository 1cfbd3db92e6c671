import CLSCore
import CLSStore
import Fluent
import Vapor

/// Accounts and their roles, for the platform administrator.
struct AdminUserController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.users, use: list)
        routes.get(.newUser, use: newForm)
        routes.post(.users, use: create)
        routes.get(.user(.key, .page), use: show)
        routes.post(.user(.key, .roles), use: addRole)
        routes.post(.user(.key, .removeRole(.key)), use: removeRole)
        routes.post(.user(.key, .activation), use: toggleActive)
        routes.post(.user(.key, .password), use: resetPassword)
    }

    struct UserRow: Encodable {
        let id: String
        let name: String
        let email: String
        let isActive: Bool
        let roles: [String]
        let lastLogin: String
    }

    struct ListContent: Encodable {
        let users: [UserRow]
        let total: String
    }

    func list(req: Request) async throws -> Response {
        try req.require(.manageUsers)
        let users = try await User.query(on: req.db).with(\.$roleAssignments).sort(\.$email).limit(1000).all()
        return try await req.renderPage("admin/users", title: "Utilisateurs", ListContent(
            users: users.map { user in
                UserRow(id: user.id!.uuidString, name: user.displayName, email: user.email, isActive: user.isActive,
                        roles: user.roleAssignments.compactMap(\.grant).map(describe),
                        lastLogin: user.lastLoginAt.map { FrenchFormat.dateTime($0) } ?? "jamais")
            },
            total: FrenchFormat.count(users.count, singular: "compte", plural: "comptes")))
    }

    /// "ARS – direction régionale : Bretagne".
    func describe(_ grant: RoleGrant) -> String {
        guard let scope = grant.scope else { return grant.role.label }
        switch grant.role.scopeKind {
        case .region: return "\(grant.role.label) : \(AdministrativeAreas.region(scope)?.name ?? scope)"
        case .department: return "\(grant.role.label) : \(AdministrativeAreas.department(scope)?.name ?? scope)"
        default: return "\(grant.role.label) (contrat \(scope.prefix(8))…)"
        }
    }

    struct NewUserForm: Content {
        var email: String?
        var displayName: String?
        var password: String?
    }

    struct FormContent: Encodable, BreadcrumbProviding {
        let values: NewUserForm
        let errors: [String: String]
        let breadcrumb: [Breadcrumb]
    }

    func newForm(req: Request) async throws -> Response {
        try req.require(.manageUsers)
        return try await req.renderPage("admin/user-form", title: "Nouvel utilisateur", FormContent(
            values: NewUserForm(), errors: [:], breadcrumb: [Breadcrumb(label: "Utilisateurs", href: "/admin/utilisateurs")]))
    }

    func create(req: Request) async throws -> Response {
        try req.require(.manageUsers)
        let form = try req.content.decode(NewUserForm.self)
        let email = User.normalise(email: form.email ?? "")
        let name = (form.displayName ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        var errors = FormErrors()
        if email.isEmpty || !email.contains("@") || email.contains(" ") {
            errors.add("email", "Saisissez une adresse électronique valide, par exemple prenom.nom@ars.sante.fr.")
        } else if try await User.query(on: req.db).filter(\.$email == email).count() > 0 {
            errors.add("email", "Un compte existe déjà pour « \(email) ».")
        }
        if name.isEmpty { errors.add("displayName", "Indiquez le nom de la personne.") }
        let chosen = form.password ?? ""
        if !chosen.isEmpty {
            for problem in PasswordRules.problems(chosen, confirmation: chosen) { errors.add("password", problem.message) }
        }
        guard errors.isEmpty else {
            return try await req.renderPage("admin/user-form", title: "Nouvel utilisateur", FormContent(
                values: form, errors: errors.messages, breadcrumb: [Breadcrumb(label: "Utilisateurs", href: "/admin/utilisateurs")]),
                status: .unprocessableEntity, extraFlashes: [Flash(kind: .error, text: errors.summary)])
        }
        let password = chosen.isEmpty ? GeneratedPassword.make() : chosen
        let user = User(email: email, displayName: name, passwordHash: try BcryptHasher().hash(password))
        try await req.mutations.create(user, permission: .manageUsers)
        req.flash(.success, chosen.isEmpty
            ? "Compte créé. Mot de passe provisoire, à transmettre de façon sûre (il ne sera plus affiché) : \(password)"
            : "Compte créé.")
        return req.redirect(to: "/admin/utilisateurs/\(try user.requireID().uuidString)")
    }

    struct ShowContent: Encodable, BreadcrumbProviding {
        struct Assignment: Encodable { let id: String; let label: String }
        let id: String
        let name: String
        let email: String
        let isActive: Bool
        let assignments: [Assignment]
        let roleOptions: [SelectOption]
        let regionOptions: OptionList
        let departmentOptions: OptionList
        let contractOptions: [SelectOption]
        let history: [AuditEntryView]
        let breadcrumb: [Breadcrumb]
    }

    func findUser(_ req: Request) async throws -> User {
        guard let id = req.parameters.get("userID", as: UUID.self), let user = try await User.find(id, on: req.db) else {
            throw WebError.notFound
        }
        return user
    }

    func show(req: Request) async throws -> Response {
        try req.require(.manageUsers)
        let user = try await findUser(req)
        let id = try user.requireID()
        let assignments = try await RoleAssignment.query(on: req.db).filter(\.$user.$id == id).all()
        let contracts = try await Contract.query(on: req.db).sort(\.$name).limit(2000).all()
        let history = try await AuditEntry.query(on: req.db)
            .group(.or) { $0.filter(\.$entityId == id.uuidString).filter(\.$actorId == id) }
            .sort(\.$occurredAt, .descending).limit(100).all()
        return try await req.renderPage("admin/user", title: user.displayName, ShowContent(
            id: id.uuidString, name: user.displayName, email: user.email, isActive: user.isActive,
            assignments: assignments.compactMap { assignment in
                assignment.grant.map { grant in
                    let contractName = grant.role.scopeKind == .contract ? contracts.first { $0.id?.uuidString == grant.scope }?.name : nil
                    return .init(id: assignment.id!.uuidString,
                                 label: contractName.map { "\(grant.role.label) : \($0)" } ?? describe(grant))
                }
            },
            roleOptions: Options.roles(selected: nil),
            regionOptions: Options.regions(selected: nil),
            departmentOptions: Options.departments(selected: nil),
            contractOptions: contracts.map { SelectOption(value: $0.id!.uuidString, label: $0.name) },
            history: history.map(AuditEntryView.init),
            breadcrumb: [Breadcrumb(label: "Utilisateurs", href: "/admin/utilisateurs")]))
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
        let page = "/admin/utilisateurs/\(id.uuidString)"
        let form = try req.content.decode(RoleForm.self)
        guard let role = form.role.flatMap(Role.init(rawValue:)) else {
            req.flash(.error, "Choisissez un rôle.")
            return req.redirect(to: page)
        }
        let scope: String? = switch role.scopeKind {
        case .platform: nil
        case .region: form.regionCode
        case .department: form.departmentCode
        case .contract: form.contractId
        }
        do {
            let grant = try RoleGrant.validated(role: role, scope: scope)
            if role.scopeKind == .contract {
                guard let contractId = grant.scope.flatMap(UUID.init(uuidString:)), try await Contract.find(contractId, on: req.db) != nil else {
                    throw AccessError.missingScope(role)
                }
            }
            let existing = try await RoleAssignment.query(on: req.db).filter(\.$user.$id == id)
                .filter(\.$role == role.rawValue).filter(\.$scope == grant.scope).count()
            if existing == 0 {
                try await req.mutations.create(RoleAssignment(userId: id, grant: grant), permission: .manageUsers)
            }
            req.flash(.success, "Rôle attribué : \(describe(grant)).")
        } catch let error as AccessError {
            req.flash(.error, error.message)
        }
        return req.redirect(to: page)
    }

    func removeRole(req: Request) async throws -> Response {
        try req.require(.manageUsers)
        let user = try await findUser(req)
        let id = try user.requireID()
        guard let assignmentID = req.parameters.get("assignmentID", as: UUID.self),
              let assignment = try await RoleAssignment.query(on: req.db).filter(\.$id == assignmentID).filter(\.$user.$id == id).first()
        else { throw WebError.notFound }
        if assignment.role == Role.admin.rawValue, id == req.currentUser?.id {
            req.flash(.error, "Vous ne pouvez pas retirer votre propre rôle d'administrateur : demandez-le à un autre administrateur.")
            return req.redirect(to: "/admin/utilisateurs/\(id.uuidString)")
        }
        try await req.mutations.delete(assignment, permission: .manageUsers)
        req.flash(.success, "Rôle retiré.")
        return req.redirect(to: "/admin/utilisateurs/\(id.uuidString)")
    }

    func toggleActive(req: Request) async throws -> Response {
        try req.require(.manageUsers)
        let user = try await findUser(req)
        let id = try user.requireID()
        if id == req.currentUser?.id {
            req.flash(.error, "Vous ne pouvez pas désactiver votre propre compte.")
            return req.redirect(to: "/admin/utilisateurs/\(id.uuidString)")
        }
        try await req.mutations.update(user, permission: .manageUsers) { $0.isActive.toggle() }
        req.flash(.success, user.isActive ? "Compte réactivé." : "Compte désactivé : la personne ne peut plus se connecter.")
        return req.redirect(to: "/admin/utilisateurs/\(id.uuidString)")
    }

    func resetPassword(req: Request) async throws -> Response {
        try req.require(.manageUsers)
        let user = try await findUser(req)
        let password = GeneratedPassword.make()
        let hash = try BcryptHasher().hash(password)
        try await req.mutations.update(user, permission: .manageUsers, action: .passwordChange) { $0.passwordHash = hash }
        req.flash(.success, "Nouveau mot de passe provisoire, à transmettre de façon sûre (il ne sera plus affiché) : \(password)")
        return req.redirect(to: "/admin/utilisateurs/\(try user.requireID().uuidString)")
    }
}
