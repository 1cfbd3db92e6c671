import CLSCore
import CLSStore
import Vapor

/// The contract's territorial diagnosis.
struct DiagnosisController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.contract(.key, .diagnosis), use: page)
    }

    func page(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.viewContract)
        return try await req.renderPage("diagnosis/index", title: "Diagnostic – \(contract.name)",
                                        try await DiagnosisPage.load(contract, req.pageContext))
    }
}
