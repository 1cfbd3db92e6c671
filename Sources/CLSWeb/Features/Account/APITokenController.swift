import CLSCore
import CLSStore
import Fluent
import Vapor

/// A user's own personal API tokens: create (shown once), list, revoke.
struct APITokenController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.tokens, use: list)
        routes.post(.tokens, use: create, refusedOn: list)
        routes.post(.revokeToken(.key), use: revoke, refusedOn: list)
    }

    func list(req: Request) async throws -> Response {
        let user = try req.requireUser()
        return try await req.renderPage("account/tokens", title: "Mes jetons d'API", try await TokensPage.load(user, req.pageContext))
    }

    struct CreateForm: Content {
        var label: String?
    }

    func create(req: Request) async throws -> Response {
        let current = try req.requireUser()
        let label = (try req.content.decode(CreateForm.self).label ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !label.isEmpty, label.count <= 100 else {
            throw WebError.invalid("Donnez au jeton un libellé de 1 à 100 caractères qui dit à quoi il sert (par exemple « tableau de bord régional »).", field: "label")
        }
        guard let user = try await UserAccounts.find(current.id, on: req.db) else { throw WebError.authenticationRequired }
        let token = try await APITokens.issue(for: user, label: label, using: req.mutations)
        req.flash(.success, "Jeton créé. Copiez-le maintenant, il ne sera plus affiché : \(token)")
        return req.redirect(to: .tokens)
    }

    func revoke(req: Request) async throws -> Response {
        let current = try req.requireUser()
        guard let token = try await APITokens.token(req.parameters.get("tokenID", as: UUID.self), of: current.id, on: req.db) else {
            throw WebError.notFound
        }
        if token.revokedAt == nil {
            try await req.mutations.update(token, permission: .manageOwnAccount(userId: current.id.uuidString)) { $0.revokedAt = req.now }
        }
        req.flash(.success, "Jeton « \(token.label) » révoqué : il ne donne plus accès à l'API.")
        return req.redirect(to: .tokens)
    }
}
