import Vapor

extension SitePath {
    /// The route's components: `.key` parameters become `:name`.
    var pathComponents: [PathComponent] {
        segments.map { segment in
            switch segment {
            case .fixed(let text): .constant(text)
            case .parameter(let name, nil): .parameter(name)
            case .parameter(_, .some(let value)): .constant(value)
            case .catchAll: .catchall
            }
        }
    }
}

extension RoutesBuilder {
    // `@preconcurrency` as Vapor's own `get` and `post`: a controller's methods are passed as handlers.
    @preconcurrency @discardableResult
    func get<Response: AsyncResponseEncodable>(
        _ path: SitePath, use handler: @Sendable @escaping (Request) async throws -> Response
    ) -> Route {
        on(.GET, path.pathComponents, use: handler)
    }

    @preconcurrency @discardableResult
    func post<Response: AsyncResponseEncodable>(
        _ path: SitePath, body: HTTPBodyStreamStrategy = .collect, use handler: @Sendable @escaping (Request) async throws -> Response
    ) -> Route {
        on(.POST, path.pathComponents, body: body, use: handler)
    }
}

extension Request {
    /// A redirection to a page of the site, optionally to a place inside it.
    func redirect(to path: SitePath, fragment: String? = nil) -> Response {
        redirect(to: fragment.map(path.href(fragment:)) ?? path.href)
    }
}
