import CLSCore
import CLSStore
import Leaf
import LeafKit
import NIOConcurrencyHelpers
import Vapor

/// The pages people open all day — a contract's overview, programme and dashboard — kept as HTML
/// until their contract or the shared data changes (ADR 19): each entry is stamped with the
/// contract's number and the shared data's, read *before* computing, so an entry is never older
/// than its stamp. Entries are per page, contract, query, person (what one may do on a contract
/// depends on who they are: the pilot of a fiche), grants and day (lateness depends on it). The
/// kept HTML is the page's body alone, its forms carrying a placeholder that each request
/// replaces with the session's CSRF token; the layout (person, navigation, messages) is rendered
/// around it for each request. Bounded in bytes, oldest first.
final class KeptContractPages: Sendable {
    struct Entry: Sendable {
        let stamp: String
        let title: String
        let html: String
        let breadcrumb: [Breadcrumb]?
    }

    private struct State {
        var entries: [String: Entry] = [:]
        var order: [String] = []
        var bytes = 0
        var builds = 0
    }

    private let state = NIOLockedValueBox(State())
    let byteLimit: Int
    /// What the kept HTML holds in place of the CSRF token: no page can contain it by chance.
    let csrfPlaceholder = "cls-csrf-" + UUID().uuidString

    init(byteLimit: Int = 64 << 20) {
        self.byteLimit = byteLimit
    }

    func entry(_ key: String, stamp: String) -> Entry? {
        state.withLockedValue { state in
            guard let entry = state.entries[key], entry.stamp == stamp else { return nil }
            return entry
        }
    }

    func store(_ entry: Entry, key: String) {
        state.withLockedValue { state in
            if let previous = state.entries.removeValue(forKey: key) {
                state.bytes -= previous.html.utf8.count
                state.order.removeAll { $0 == key }
            }
            state.builds += 1
            state.entries[key] = entry
            state.order.append(key)
            state.bytes += entry.html.utf8.count
            while state.bytes > byteLimit, let oldest = state.order.first {
                state.order.removeFirst()
                if let removed = state.entries.removeValue(forKey: oldest) { state.bytes -= removed.html.utf8.count }
            }
        }
    }

    var count: Int { state.withLockedValue { $0.entries.count } }
    /// How many pages were computed and kept since the start (the others were served as kept).
    var builds: Int { state.withLockedValue { $0.builds } }
}

struct KeptContractPagesKey: Vapor.StorageKey {
    typealias Value = KeptContractPages
}

/// The layout served as the body alone, so that a page's own content renders without the chrome.
struct BodyOnlyLayout: LeafSource {
    func file(template: String, escape: Bool, on eventLoop: any EventLoop) throws -> EventLoopFuture<ByteBuffer> {
        guard template == "base" || template.hasSuffix("/base") || template.hasSuffix("base.leaf") else {
            throw LeafError(.noTemplateExists(template))
        }
        return eventLoop.makeSucceededFuture(ByteBuffer(string: "#import(\"body\")"))
    }
}

/// The renderer of pages' bodies: the views, with `BodyOnlyLayout` found first, and a cache of
/// its own (a template compiled with the layout must never be served without it, nor the reverse).
struct BodyRenderingKey: Vapor.StorageKey {
    typealias Value = BodyRendering
}

struct BodyRendering: Sendable {
    let sources: LeafSources
    let cache: any LeafCache

    init(_ app: Application) throws {
        let root = app.leaf.configuration.rootDirectory
        let sources = LeafSources()
        try sources.register(source: "body-only-layout", using: BodyOnlyLayout(), searchable: true)
        try sources.register(source: "views", using: NIOLeafFiles(fileio: app.fileio, limits: .default, sandboxDirectory: root, viewDirectory: root),
                             searchable: true)
        self.sources = sources
        var cache = DefaultLeafCache()
        cache.isEnabled = app.leaf.cache.isEnabled
        self.cache = cache
    }
}

private struct KeptFragment: Encodable, BreadcrumbProviding {
    let html: String
    let breadcrumb: [Breadcrumb]
}

extension Application {
    var keptContractPages: KeptContractPages {
        if let pages = storage[KeptContractPagesKey.self] { return pages }
        let pages = KeptContractPages()
        storage[KeptContractPagesKey.self] = pages
        return pages
    }
}

extension Request {
    /// Renders a contract page from `KeptContractPages`, or computes it with `build`, renders its
    /// body and keeps it. The permission is checked by the caller before (`contract(requiring:)`).
    func renderKeptContractPage<Content: Encodable>(_ template: String, contract: Contract, title: String,
                                                    build: () async throws -> Content) async throws -> Response {
        guard let bodies = application.storage[BodyRenderingKey.self], let user = currentUser else {
            return try await renderPage(template, title: title, try await build())
        }
        let id = try contract.requireID()
        let pages = application.keptContractPages
        let grants = subject.grants.map { "\($0.role.rawValue):\($0.scope ?? "")" }.sorted().joined(separator: ",")
        let key = [template, id.uuidString, url.query ?? "", user.id.uuidString, grants, today.description].joined(separator: "|")
        // The stamp is read before computing: what is kept is never older than it.
        let stamp = "\(try await ContractDataVersion.current(contractId: id, on: db)):\(try await ContractDataVersion.shared(on: db))"
        let entry: KeptContractPages.Entry
        if let kept = pages.entry(key, stamp: stamp) {
            entry = kept
        } else {
            let content = try await build()
            let breadcrumb = (content as? any BreadcrumbProviding)?.breadcrumb
            let page = Page(title: title, user: userBadge, csrf: pages.csrfPlaceholder, flashes: [], nav: [], links: LayoutLinks(),
                            breadcrumb: breadcrumb, content: content)
            let renderer = LeafRenderer(configuration: application.leaf.configuration, tags: application.leaf.tags, cache: bodies.cache, sources: bodies.sources,
                                        eventLoop: eventLoop, userInfo: ["application": application])
            let body = try await renderer.render(path: template, context: page).get()
            entry = .init(stamp: stamp, title: title, html: String(buffer: body), breadcrumb: breadcrumb)
            pages.store(entry, key: key)
        }
        return try await renderPage("fragment", title: entry.title,
                                    KeptFragment(html: entry.html.replacingOccurrences(of: pages.csrfPlaceholder, with: csrfToken),
                                                 breadcrumb: entry.breadcrumb ?? []))
    }
}
