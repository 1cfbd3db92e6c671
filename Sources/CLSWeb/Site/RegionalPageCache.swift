import CLSCore
import CLSStore
import NIOConcurrencyHelpers
import Vapor

/// The content of the pages computed over a whole region or department (the portfolio, the ISTS
/// report), kept as HTML while the data is unchanged. Each entry is filed under the database's
/// `DataVersion` read before computing it, so an entry is never older than the data it claims;
/// a change anywhere makes every entry stale. Entries are per page, per query and per set of
/// grants (two ARS officers of a region share theirs; they see the same contracts), and per day
/// (late actions depend on it). Bounded in bytes; the oldest entries go first.
final class RegionalPageCache: Sendable {
    struct Entry: Sendable {
        let version: Int64
        let title: String
        let html: String
    }

    private struct State {
        var entries: [String: Entry] = [:]
        var order: [String] = []
        var bytes = 0
    }

    private let state = NIOLockedValueBox(State())
    let byteLimit: Int

    init(byteLimit: Int = 32 << 20) {
        self.byteLimit = byteLimit
    }

    func entry(_ key: String, version: Int64) -> Entry? {
        state.withLockedValue { state in
            guard let entry = state.entries[key], entry.version == version else { return nil }
            return entry
        }
    }

    func store(_ entry: Entry, key: String) {
        state.withLockedValue { state in
            // The version only grows: entries of an older one will never be read again.
            if state.entries.values.contains(where: { $0.version < entry.version }) {
                state.entries = state.entries.filter { $0.value.version >= entry.version }
                state.order.removeAll { state.entries[$0] == nil }
                state.bytes = state.entries.values.reduce(0) { $0 + $1.html.utf8.count }
            }
            if let previous = state.entries.removeValue(forKey: key) {
                state.bytes -= previous.html.utf8.count
                state.order.removeAll { $0 == key }
            }
            state.entries[key] = entry
            state.order.append(key)
            state.bytes += entry.html.utf8.count
            while state.bytes > byteLimit, state.order.count > 1 {
                let oldest = state.order.removeFirst()
                state.bytes -= state.entries.removeValue(forKey: oldest)?.html.utf8.count ?? 0
            }
        }
    }

    var count: Int { state.withLockedValue { $0.entries.count } }
}

struct RegionalPageCacheKey: Vapor.StorageKey { typealias Value = RegionalPageCache }

extension Application {
    /// Set once by `configure`, before any request: the storage itself is not safe to write from
    /// concurrent requests.
    var regionalPageCache: RegionalPageCache {
        guard let cache = storage[RegionalPageCacheKey.self] else { fatalError("configure(_:) sets the regional page cache") }
        return cache
    }
}

/// A page's content rendered alone, for `fragment.leaf` to place in the layout.
private struct FragmentContext<Content: Encodable>: Encodable { let content: Content }
private struct Fragment: Encodable { let html: String }

extension Request {
    /// Renders a region page from `RegionalPageCache`, or computes it with `build` (its title and
    /// content), renders `template` (a content template, without the layout) and keeps it.
    /// `key` names the page and everything of the request it depends on.
    func renderRegionalPage<Content: Encodable>(_ template: String, key: String,
                                                build: () async throws -> (title: String, content: Content)) async throws -> Response {
        // A kept page was built for someone signed in: a visitor never gets one (the handler
        // checks its permission before asking, and this guards any page that would forget).
        try require(.useWorkspace)
        let cache = application.regionalPageCache
        let grants = subject.grants.map { "\($0.role.rawValue):\($0.scope ?? "")" }.sorted().joined(separator: ",")
        let fullKey = [template, key, grants, today.description].joined(separator: "|")
        let version = try await DataVersion.current(on: db)
        let entry: RegionalPageCache.Entry
        if let kept = cache.entry(fullKey, version: version) {
            entry = kept
        } else {
            let built = try await build()
            let view = try await self.view.render(template, FragmentContext(content: built.content))
            entry = .init(version: version, title: built.title, html: String(buffer: view.data))
            cache.store(entry, key: fullKey)
        }
        return try await renderPage("fragment", title: entry.title, Fragment(html: entry.html))
    }
}
