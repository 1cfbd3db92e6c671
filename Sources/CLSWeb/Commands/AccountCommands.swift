import CLSCore
import CLSStore
import Fluent
import Vapor

/// `user create --email E --role R [--scope S] [--name N] [--password P]`.
struct UserCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "Only `create` for now.")
        var action: String
        @Option(name: "email", help: "E-mail address used to sign in.")
        var email: String?
        @Option(name: "role", help: "admin, ars_regional, ars_delegation, coordinator, editor, pilot or reader.")
        var role: String?
        @Option(name: "scope", help: "Region code (ars_regional), department code (ars_delegation) or contract id (contract roles).")
        var scope: String?
        @Option(name: "name", help: "Display name (defaults to the address).")
        var name: String?
        @Option(name: "password", help: "Password; generated and printed when absent.")
        var password: String?
    }

    var help: String { "Creates a user account with a role: user create --email E --role R [--scope S] [--password P]." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.action == "create" else { throw CommandFailure("Action inconnue « \(signature.action) » : utilisez `user create`.") }
        guard let email = signature.email.map(User.normalise(email:)), email.contains("@") else {
            throw CommandFailure("--email est obligatoire : une adresse électronique valide.")
        }
        guard let role = signature.role.flatMap(Role.init(rawValue:)) else {
            throw CommandFailure("--role doit valoir l'un de : \(Role.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        let grant: RoleGrant
        do { grant = try RoleGrant.validated(role: role, scope: signature.scope) } catch {
            throw CommandFailure("--scope est obligatoire pour le rôle \(role.rawValue) (\(role.scopeKind.rawValue)).")
        }
        let app = context.application
        try await prepareDatabase(app)
        if try await User.query(on: app.db).filter(\.$email == email).count() > 0 {
            throw CommandFailure("Un compte existe déjà pour \(email).")
        }
        let password = signature.password ?? GeneratedPassword.make()
        if signature.password != nil, let problem = PasswordRules.problems(password, confirmation: password).first {
            throw CommandFailure("Mot de passe refusé : \(problem.message)")
        }
        let user = User(email: email, displayName: signature.name ?? email, passwordHash: try BcryptHasher().hash(password))
        try await Mutations(database: app.db, actor: .system).transaction { tx in
            try await tx.create(user, permission: .manageUsers)
            try await tx.create(RoleAssignment(userId: try user.requireID(), grant: grant), permission: .manageUsers)
        }
        context.console.print("Compte \(email) créé avec le rôle \(role.rawValue)\(grant.scope.map { " sur \($0)" } ?? "").")
        if signature.password == nil { context.console.print("Mot de passe : \(password)") }
    }
}

/// `token create --user EMAIL [--label L]`: prints a personal API token once.
struct TokenCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "Only `create` for now.")
        var action: String
        @Option(name: "user", help: "E-mail address of the token's owner.")
        var user: String?
        @Option(name: "label", help: "What the token is for.")
        var label: String?
    }

    var help: String { "Creates a personal API token: token create --user EMAIL [--label L]." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.action == "create" else { throw CommandFailure("Action inconnue « \(signature.action) » : utilisez `token create`.") }
        guard let email = signature.user.map(User.normalise(email:)) else { throw CommandFailure("--user est obligatoire : l'adresse du titulaire du jeton.") }
        let app = context.application
        try await prepareDatabase(app)
        guard let user = try await User.query(on: app.db).filter(\.$email == email).first() else {
            throw CommandFailure("Aucun compte pour \(email).")
        }
        let token = try await APITokens.issue(for: user, label: signature.label ?? "ligne de commande",
                                              using: Mutations(database: app.db, actor: .system))
        context.console.print(token)
    }
}

struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
