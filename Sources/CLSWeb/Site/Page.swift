import CLSCore
import Vapor

/// A flash message shown once on the next page.
struct Flash: Codable {
    enum Kind: String, Codable { case success, error, info, warning }
    let kind: Kind
    let text: String
    /// `alert` interrupts a screen reader; `status` waits its turn.
    var role: String { kind == .error ? "alert" : "status" }

    enum CodingKeys: String, CodingKey { case kind, text, role }
    init(kind: Kind, text: String) { self.kind = kind; self.text = text }
    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        kind = try c.decode(Kind.self, forKey: .kind)
        text = try c.decode(String.self, forKey: .text)
    }
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind)
        try c.encode(text, forKey: .text)
        try c.encode(role, forKey: .role)
    }
}

struct NavItem: Encodable {
    let label: String
    let href: String
    let current: Bool
}

struct UserBadge: Encodable {
    let name: String
    let email: String
    let isAdmin: Bool
}

/// What every page's layout needs, plus the page's own content.
struct Page<Content: Encodable>: Encodable {
    let title: String
    let user: UserBadge?
    let csrf: String
    let flashes: [Flash]
    let nav: [NavItem]
    let content: Content
}

struct Breadcrumb: Encodable {
    let label: String
    let href: String?
}

extension Request {
    private static let flashKey = "flash"

    /// Keeps a message for the next page this user sees.
    func flash(_ kind: Flash.Kind, _ text: String) {
        var pending = pendingFlashes()
        pending.append(Flash(kind: kind, text: text))
        if let data = try? JSONEncoder().encode(pending) {
            session.data[Self.flashKey] = String(decoding: data, as: UTF8.self)
        }
    }

    private func pendingFlashes() -> [Flash] {
        guard hasSession, let raw = session.data[Self.flashKey] else { return [] }
        return (try? JSONDecoder().decode([Flash].self, from: Data(raw.utf8))) ?? []
    }

    private func takeFlashes() -> [Flash] {
        let pending = pendingFlashes()
        if !pending.isEmpty { session.data[Self.flashKey] = nil }
        return pending
    }

    /// Renders a Leaf template inside the site layout.
    func renderPage<Content: Encodable>(_ template: String, title: String, _ content: Content,
                                        status: HTTPResponseStatus = .ok, extraFlashes: [Flash] = []) async throws -> Response {
        let user = currentUser
        let page = Page(
            title: title,
            user: user.map { UserBadge(name: $0.displayName, email: $0.email, isAdmin: $0.subject.isAdmin) },
            csrf: csrfToken,
            flashes: takeFlashes() + extraFlashes,
            nav: navigation(for: user),
            content: content)
        let view = try await self.view.render(template, page)
        let response = try await view.encodeResponse(for: self)
        response.status = status
        return response
    }

    private func navigation(for user: AuthenticatedUser?) -> [NavItem] {
        var items: [(String, String)] = [("Accueil", "/")]
        if let user {
            items += [("Contrats", "/contrats"), ("Organisations", "/organisations"), ("Territoires", "/territoires"), ("Profil ISTS", "/rapports/ists"), ("Bibliothèque", "/bibliotheque"), ("Alertes", "/alertes")]
            if user.subject.isAdmin || user.subject.isARS {
                items += [("Portefeuille", "/portefeuille"), ("Territoires prioritaires", "/territoires/priorites"), ("Thèmes", "/referentiels/themes")]
            }
            if user.subject.isAdmin { items += [("Utilisateurs", "/admin/utilisateurs"), ("Référentiel", "/admin/referentiel"), ("Journal d'audit", "/admin/journal")] }
        } else {
            items += [("Se connecter", "/connexion")]
        }
        let path = url.path
        return items.map { label, href in
            let current = href == "/" ? path == "/"
                : path.hasPrefix(href) && !(href == "/territoires" && path.hasPrefix("/territoires/priorites"))
            return NavItem(label: label, href: href, current: current)
        }
    }
}
