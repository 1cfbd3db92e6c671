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
    /// Notifications not read yet, shown next to the link to the list.
    let unread: Int
    /// The API-tokens link is shown to those who use the API (a token not revoked) and to
    /// administrators and ARS officers, who extract the portfolio.
    let usesAPI: Bool
}

/// What every page's layout needs, plus the page's own content.
struct Page<Content: Encodable>: Encodable {
    let title: String
    let user: UserBadge?
    let csrf: String
    let flashes: [Flash]
    let nav: [NavItem]
    let links: LayoutLinks
    /// The pages leading to this one, when its content has them.
    let breadcrumb: [Breadcrumb]?
    let content: Content
}

struct Breadcrumb: Encodable {
    let label: String
    let href: String?
}

/// A page whose layout shows the way to it.
protocol BreadcrumbProviding {
    var breadcrumb: [Breadcrumb] { get }
}

/// A page inside a contract: its breadcrumb is its shell's.
protocol ContractPageContent: BreadcrumbProviding {
    var shell: ContractShell { get }
}

extension ContractPageContent {
    var breadcrumb: [Breadcrumb] { shell.breadcrumb }
}

/// The links of the layout itself.
struct LayoutLinks: Encodable {
    let home = SitePath.home.href
    let login = SitePath.login.href
    let password = SitePath.password.href
    let notifications = SitePath.notifications.href
    let tokens = SitePath.tokens.href
    let logout = SitePath.logout.href
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

    /// The signed-in person as the layout shows them. The counts came with the user
    /// (`AuthenticatedUser.load`): no query here.
    var userBadge: UserBadge? {
        currentUser.map {
            UserBadge(name: $0.displayName, email: $0.email, isAdmin: $0.subject.isAdmin, unread: $0.unreadNotices,
                      usesAPI: $0.activeTokens > 0 || $0.subject.isAdmin || $0.subject.isARS)
        }
    }

    /// Renders a Leaf template inside the site layout.
    func renderPage<Content: Encodable>(_ template: String, title: String, _ content: Content,
                                        status: HTTPResponseStatus = .ok, extraFlashes: [Flash] = []) async throws -> Response {
        let user = currentUser
        let page = Page(
            title: title,
            user: userBadge,
            csrf: csrfToken,
            flashes: takeFlashes() + extraFlashes,
            nav: navigation(for: user),
            links: LayoutLinks(),
            breadcrumb: (content as? any BreadcrumbProviding)?.breadcrumb,
            content: content)
        let view = try await self.view.render(template, page)
        let response = try await view.encodeResponse(for: self)
        response.status = status
        return response
    }

    private func navigation(for user: AuthenticatedUser?) -> [NavItem] {
        var items: [(String, SitePath)] = [("Accueil", .home)]
        if let user {
            items += [("Contrats", .contracts), ("Organisations", .organisations), ("Territoires", .territories),
                      ("Profil ISTS", .istsReport), ("Bibliothèque", .library), ("Alertes", .alerts)]
            if user.subject.isAdmin || user.subject.isARS {
                items += [("Portefeuille", .portfolio), ("Territoires prioritaires", .priorities), ("Thèmes", .regionalThemes)]
            }
            if user.subject.isAdmin {
                items += [("Utilisateurs", .users), ("Référentiel", .reference), ("Journal d'audit", .journal), ("Courriels", .outbox)]
            }
        } else {
            items += [("Se connecter", .login)]
        }
        let path = url.path
        let priorities = SitePath.priorities.href
        return items.map { label, target in
            let href = target.href
            let current = target == .home ? path == href
                : path.hasPrefix(href) && !(target == .territories && path.hasPrefix(priorities))
            return NavItem(label: label, href: href, current: current)
        }
    }
}
