import CLSCore
import CLSFormats
import CLSStore
import Fluent
import Vapor

/// The amendments of a contract (draft, rewrite, sign, drop, Word document) and its signed
/// versions (page, Word document).
struct AmendmentsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.contract(.key, .amendments), use: list)
        routes.post(.contract(.key, .amendments), use: draft, refusedOn: list)
        routes.get(.contract(.key, .amendment(.key, .page)), use: show)
        routes.post(.contract(.key, .amendment(.key, .page)), use: rewrite, refusedOn: show)
        routes.post(.contract(.key, .amendment(.key, .sign)), use: sign, refusedOn: show)
        routes.post(.contract(.key, .amendment(.key, .delete)), use: drop, refusedOn: show)
        routes.get(.contract(.key, .amendment(.key, .document)), use: document)
        routes.get(.contract(.key, .version(.key, .page)), use: version)
        routes.get(.contract(.key, .version(.key, .document)), use: versionDocument)
    }

    struct TextForm: Content {
        var title: String?
        var text: String?

        func checked() throws -> (title: String, text: String) {
            let title = (title ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            let text = (text ?? "").replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
            guard !title.isEmpty else {
                throw WebError.invalid("Donnez un intitulé à l'avenant, par exemple « Ajout d'une action de médiation en santé ».", field: "title")
            }
            guard title.count <= TextLimits.line else {
                throw WebError.invalid("L'intitulé dépasse \(FrenchFormat.count(TextLimits.line, singular: "caractère", plural: "caractères")) : raccourcissez-le.", field: "title")
            }
            guard text.count <= TextLimits.longText else {
                throw WebError.invalid("Le texte dépasse \(FrenchFormat.count(TextLimits.longText, singular: "caractère", plural: "caractères")) : raccourcissez-le.", field: "text")
            }
            return (title, text)
        }
    }

    struct SignForm: Content {
        var signedOn: String?
        var signers: [String]?
    }

    func list(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.viewContract)
        return try await req.renderPage("amendments/index", title: "Avenants – \(contract.name)",
                                        try await AmendmentsPage.load(contract, req.pageContext))
    }

    func draft(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.editContract)
        let form = try req.content.decode(TextForm.self).checked()
        let amendment = try await Amendments.draft(contract, title: form.title, text: form.text, on: req.today, using: req.mutations)
        req.flash(.success, "\(amendment.heading) préparé : il récapitule les modifications faites depuis la dernière signature.")
        return req.redirect(to: .contract(try contract.requireID(), .amendment(amendment.number)))
    }

    func show(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.viewContract)
        let amendment = try await amendment(of: contract, req)
        return try await req.renderPage("amendments/show", title: "\(amendment.heading) – \(contract.name)",
                                        try await AmendmentPage.load(contract, amendment, req.pageContext))
    }

    func rewrite(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.editContract)
        let amendment = try await amendment(of: contract, req)
        let form = try req.content.decode(TextForm.self).checked()
        let changed = try await Amendments.rewrite(amendment, of: contract, title: form.title, text: form.text, using: req.mutations)
        req.flash(changed ? .success : .info, changed ? "Texte de l'avenant enregistré." : "Aucune modification à enregistrer.")
        return req.redirect(to: .contract(try contract.requireID(), .amendment(amendment.number)))
    }

    func sign(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.changeContractState)
        let amendment = try await amendment(of: contract, req)
        let form = try req.content.decode(SignForm.self)
        guard let day = try FormValue.day(form.signedOn, field: "signedOn", label: "date de signature") else {
            throw WebError.invalid("Indiquez la date de signature de l'avenant.", field: "signedOn")
        }
        guard day <= req.today else {
            throw WebError.invalid("La date de signature ne peut pas être dans le futur.", field: "signedOn")
        }
        let known = Set(try await Signatory.query(on: req.db).filter(\.$contract.$id == contract.requireID()).with(\.$organisation).all()
            .map(\.organisation.name))
        let signers = (form.signers ?? []).filter(known.contains)
        try await Amendments.sign(amendment, of: contract, on: day, signers: signers, using: req.mutations)
        req.flash(.success, "\(amendment.heading) signé le \(FrenchFormat.date(day)) : le contrat modifié est conservé comme nouvelle version.")
        return req.redirect(to: .contract(try contract.requireID(), .amendment(amendment.number)))
    }

    func drop(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.editContract)
        let amendment = try await amendment(of: contract, req)
        try await Amendments.drop(amendment, of: contract, using: req.mutations)
        req.flash(.success, "Projet d'\(amendment.heading.lowercased()) abandonné.")
        return req.redirect(to: .contract(try contract.requireID(), .amendments))
    }

    func document(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.viewContract)
        let amendment = try await amendment(of: contract, req)
        let content = try await AmendmentDocumentQueries.load(amendment, of: contract, on: req.db)
        return DocumentsController.word(try AmendmentDocumentWriter.write(content),
                                        filename: "avenant-\(amendment.number)-\(PlanImportController.slug(contract.name)).docx")
    }

    func version(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.viewContract)
        let version = try await version(of: contract, req)
        return try await req.renderPage("amendments/version", title: "\(version.label) – \(contract.name)",
                                        try await ContractVersionPage.load(contract, version, req.pageContext))
    }

    /// The contract as it was signed (or amended), as a Word document.
    func versionDocument(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.viewContract)
        let version = try await version(of: contract, req)
        let content = try version.content()
        let data = try await req.application.threadPool.runIfActive { try ContractDocumentWriter.write(content) }
        let suffix = version.number == 0 ? "signe" : "avenant-\(version.number)"
        return DocumentsController.word(data, filename: "contrat-\(PlanImportController.slug(contract.name))-\(suffix).docx")
    }

    private func amendment(of contract: Contract, _ req: Request) async throws -> Amendment {
        guard let number = req.parameters.get("amendmentNumber", as: Int.self),
              let amendment = try await Amendments.find(number, contractId: try contract.requireID(), on: req.db) else { throw WebError.notFound }
        return amendment
    }

    private func version(of contract: Contract, _ req: Request) async throws -> ContractVersion {
        guard let number = req.parameters.get("versionNumber", as: Int.self),
              let version = try await ContractVersions.find(number, contractId: try contract.requireID(), on: req.db) else { throw WebError.notFound }
        return version
    }
}
