import Vapor

/// `GET /api/v1/openapi.json`: the OpenAPI 3.1 description of the API, written by hand in
/// `Resources/OpenAPI/openapi.json`, validated and exercised in CI (`scripts/api-check`).
/// Open to anyone: it describes the API, not its data.
struct OpenAPIDocumentController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.api(.openAPI), use: document)
    }

    func document(req: Request) async throws -> Response {
        let path = req.application.directory.resourcesDirectory + "OpenAPI/openapi.json"
        let response = try await req.fileio.asyncStreamFile(at: path)
        response.headers.replaceOrAdd(name: .contentType, value: "application/json; charset=utf-8")
        return response
    }
}
