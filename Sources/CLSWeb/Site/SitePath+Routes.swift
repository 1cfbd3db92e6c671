import CLSCore
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

extension RoutesBuilder {
    /// A form's route. When what was typed is refused, the page the form lives on comes back as its
    /// own handler renders it, with the form as it was sent and the messages next to the fields
    /// (status 422): nothing typed is lost.
    @preconcurrency @discardableResult
    func post<Result: AsyncResponseEncodable>(
        _ path: SitePath, body: HTTPBodyStreamStrategy = .collect, use handler: @Sendable @escaping (Request) async throws -> Result,
        refusedOn page: @Sendable @escaping (Request) async throws -> Response
    ) -> Route {
        on(.POST, path.pathComponents, body: body) { request in
            do {
                return try await handler(request).encodeResponse(for: request)
            } catch {
                guard let refusal = FormRefusal(error) else { throw error }
                return try await request.refused(refusal, on: page)
            }
        }
    }
}

extension Request {
    /// The form's page rendered again, the form filled as it was sent, with the refusal's messages.
    func refused(_ refusal: FormRefusal, on page: (Request) async throws -> Response) async throws -> Response {
        let response = try await page(self)
        guard let html = response.body.string else { return response }
        let refill = FormRefill(action: url.path, submitted: SubmittedForm(self), refusal: refusal)
        response.body = .init(string: refill.apply(to: html))
        response.status = .unprocessableEntity
        return response
    }
}

extension Request {
    /// A form's page rendered again by its own handler, its template showing the values typed and
    /// the messages next to the fields; the summary of what to correct is added at the form's top.
    func renderRefusedPage<Content: Encodable>(_ template: String, title: String, _ content: Content,
                                               errors: FormErrors) async throws -> Response {
        let response = try await renderPage(template, title: title, content, status: .unprocessableEntity)
        guard let html = response.body.string, let refusal = FormRefusal(errors) else { return response }
        let refill = FormRefill(action: url.path, submitted: SubmittedForm(self), refusal: refusal)
        response.body = .init(string: refill.summarising(html))
        return response
    }
}
