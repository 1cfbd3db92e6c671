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
        routes.get(.contract(.key, .action(.key, .document)), use: actionDocument)
        routes.post(.contract(.key, .documentFiles), body: .collect(maxSize: Self.maxDepositBody), use: deposit, refusedOn: page)
        routes.get(.contract(.key, .documentFile(.key)), use: download)
    }

    static let maxDepositBody: ByteCount = "21mb"

    struct DepositForm: Content {
        var kind: String?
        var title: String?
        var file: File?
    }

    /// Deposits a document, or a new version of one (same kind and title).
    func deposit(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.editContract)
        let form = try req.content.decode(DepositForm.self)
        guard let kind = form.kind.flatMap(ContractFileKind.init(rawValue:)) else {
            throw WebError.invalid("Choisissez la nature du document.", field: "kind")
        }
        guard let file = form.file, file.data.readableBytes > 0 else {
            throw WebError.invalid("Choisissez le fichier à déposer.", field: "file")
        }
        guard file.data.readableBytes <= ContractFile.maxBytes else {
            throw WebError.invalid("« \(file.filename) » dépasse 20 Mo : réduisez-le (PDF compressé) ou déposez-le sur un espace partagé.", field: "file")
        }
        var title = (form.title ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if title.isEmpty { title = kind.label }
        guard title.count <= TextLimits.line else {
            throw WebError.invalid("Le titre dépasse \(FrenchFormat.count(TextLimits.line, singular: "caractère", plural: "caractères")) : raccourcissez-le.", field: "title")
        }
        let deposited = try await ContractFiles.deposit(kind: kind, title: title, filename: file.filename, content: Data(buffer: file.data),
                                                        uploadedBy: req.currentUser?.displayName ?? req.actor.label,
                                                        in: contract, using: req.mutations)
        req.flash(.success, deposited.version > 1 ? "Nouvelle version (\(deposited.version)) de « \(title) » déposée." : "Document « \(title) » déposé.")
        return req.redirect(to: .contract(try contract.requireID(), .documents))
    }

    /// Always a download with a neutral type: a deposited file is never rendered by the browser.
    func download(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.viewContract)
        let file = try await req.record(ContractFile.self, "fileID", of: contract)
        let response = Response(status: .ok, body: .init(data: file.content))
        response.headers.contentType = .binary
        response.headers.contentDisposition = .init(.attachment, filename: file.filename)
        return response
    }

    /// One fiche action alone, as in the contract's annex (a sub-action is a fiche of its own too).
    func actionDocument(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.viewContract)
        guard let actionId = req.parameters.get("actionID", as: UUID.self),
              let action = try await Action.find(actionId, inContract: try contract.requireID(), on: req.db) else { throw WebError.notFound }
        let content = try await ContractDocumentQueries.load(contract, on: req.db)
        guard let sheet = content.actions.first(where: { $0.id == actionId.uuidString }) else {
            // A sub-action: not numbered in the annex; its fiche is its parent's.
            throw WebError.notFound
        }
        let data = try DOCXWriter.write(ContractDocumentWriter.actionDocument(sheet, contractName: contract.name))
        return Self.word(data, filename: "fiche-\(PlanImportController.slug(action.title)).docx")
    }

    static func word(_ data: Data, filename: String) -> Response {
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.contentType = HTTPMediaType(type: "application", subType: "vnd.openxmlformats-officedocument.wordprocessingml.document")
        response.headers.contentDisposition = .init(.attachment, filename: filename)
        return response
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
        return Self.word(data, filename: "contrat-\(PlanImportController.slug(contract.name)).docx")
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
