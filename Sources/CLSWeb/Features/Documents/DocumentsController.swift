import CLSCore
import CLSFormats
import CLSStore
import Vapor

/// The contract's documents: the page, the contract as a Word file, and its free texts.
struct DocumentsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.contract(.key, .documents), use: page)
        routes.get(.contract(.key, .contractDocument), use: contractDocument)
        routes.post(.contract(.key, .documentTexts), use: saveTexts, refusedOn: page)
    }

    func page(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.viewContract)
        return try await req.renderPage("documents/index", title: "Documents – \(contract.name)",
                                        try await DocumentsPage.load(contract, req.pageContext))
    }

    /// The contract as it stands, as a Word document (generated on the thread pool: a programme of
    /// a hundred fiches makes a document of a hundred pages).
    func contractDocument(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.viewContract)
        let content = try await ContractDocumentQueries.load(contract, on: req.db)
        let data = try await req.application.threadPool.runIfActive { try ContractDocumentWriter.write(content) }
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.contentType = HTTPMediaType(type: "application", subType: "vnd.openxmlformats-officedocument.wordprocessingml.document")
        response.headers.contentDisposition = .init(.attachment, filename: "contrat-\(PlanImportController.slug(contract.name)).docx")
        return response
    }

    func saveTexts(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.editContract)
        var texts: [ContractDocumentPart: String] = [:]
        for part in ContractDocumentPart.allCases {
            if let text = try? req.content.get(String.self, at: part.rawValue) { texts[part] = text }
        }
        let changed = try await ContractTexts.save(texts, of: contract, using: req.mutations)
        req.flash(changed > 0 ? .success : .info, changed > 0
                  ? "Textes du contrat enregistrés (\(FrenchFormat.count(changed, singular: "partie modifiée", plural: "parties modifiées")))."
                  : "Aucune modification à enregistrer.")
        return req.redirect(to: .contract(try contract.requireID(), .documents))
    }
}
