import CLSCore
import CLSStore
import Fluent
import Vapor

/// Attachments, web links and links between actions.
extension ActionController {
    static let maxAttachmentBody: ByteCount = "11mb"

    func bootResources(_ routes: any RoutesBuilder) {
        routes.post(.contract(.key, .action(.key, .attachments)), body: .collect(maxSize: Self.maxAttachmentBody), use: addAttachment, refusedOn: show)
        routes.get(.contract(.key, .action(.key, .attachment(.key))), use: downloadAttachment)
        routes.post(.contract(.key, .action(.key, .deleteAttachment(.key))), use: deleteAttachment, refusedOn: show)
        routes.post(.contract(.key, .action(.key, .links)), use: addLink, refusedOn: show)
        routes.post(.contract(.key, .action(.key, .deleteLink(.key))), use: deleteLink, refusedOn: show)
    }

    struct AttachmentForm: Content { var file: File? }

    /// Editors and the action's pilot may attach evidence.
    func addAttachment(req: Request) async throws -> Response {
        let (contract, action) = try await load(req)
        let permission = action.followUpPermission(contract)
        try req.require(permission)
        let target = page(contract, action) + "#documents"
        guard let file = try req.content.decode(AttachmentForm.self).file, file.data.readableBytes > 0 else {
            throw WebError.invalid("Choisissez le fichier à joindre.", field: "file")
        }
        guard file.data.readableBytes <= ActionAttachment.maxBytes else {
            throw WebError.invalid("« \(file.filename) » dépasse 10 Mo : réduisez-le (PDF compressé, image redimensionnée) ou déposez-le sur un espace partagé et ajoutez-en le lien.", field: "file")
        }
        let attachment = ActionAttachment(actionId: try action.requireID(), contractId: try contract.requireID(),
                                          filename: file.filename, content: Data(buffer: file.data),
                                          uploadedBy: req.currentUser?.displayName ?? req.actor.label)
        try await req.mutations.create(attachment, permission: permission)
        req.flash(.success, "Pièce jointe ajoutée : \(attachment.filename).")
        return req.redirect(to: target)
    }

    func attachment(_ req: Request, of action: Action, in contract: Contract) async throws -> ActionAttachment {
        try await req.record(ActionAttachment.self, "attachmentID", of: contract) { $0.$action.id == action.id }
    }

    /// Always a download with a neutral type: an uploaded file is never rendered by the browser.
    func downloadAttachment(req: Request) async throws -> Response {
        let (contract, action) = try await load(req)
        let attachment = try await attachment(req, of: action, in: contract)
        let response = Response(status: .ok, body: .init(data: attachment.content))
        response.headers.contentType = .binary
        response.headers.contentDisposition = .init(.attachment, filename: attachment.filename)
        return response
    }

    func deleteAttachment(req: Request) async throws -> Response {
        let (contract, action) = try await load(req)
        let permission = Permission.editProgramme(contract.accessScope)
        try req.require(permission)
        let attachment = try await attachment(req, of: action, in: contract)
        try await req.mutations.delete(attachment, permission: permission)
        req.flash(.success, "Pièce jointe supprimée : \(attachment.filename).")
        return req.redirect(to: page(contract, action) + "#documents")
    }

    struct LinkForm: Content {
        var label: String?
        var url: String?
        var relatedActionId: String?
    }

    func addLink(req: Request) async throws -> Response {
        let (contract, action) = try await load(req)
        let permission = Permission.editProgramme(contract.accessScope)
        try req.require(permission)
        let form = try req.content.decode(LinkForm.self)
        let target = page(contract, action) + "#documents"
        let contractId = try contract.requireID()
        let actionId = try action.requireID()
        var label = (form.label ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard label.count <= TextLimits.line else {
            throw WebError.invalid("Le libellé du lien dépasse \(FrenchFormat.count(TextLimits.line, singular: "caractère", plural: "caractères")) : raccourcissez-le.", field: "label")
        }
        if let relatedId = form.relatedActionId.flatMap(UUID.init(uuidString:)) {
            guard relatedId != actionId,
                  let related = try await Action.find(relatedId, inContract: contractId, on: req.db) else {
                throw WebError.invalid("Choisissez une autre fiche action de ce contrat.", field: "relatedActionId")
            }
            if label.isEmpty { label = "Action liée" }
            try await req.mutations.create(ActionLink(actionId: actionId, contractId: contractId, label: label,
                                                      url: page(contract, related), relatedActionId: relatedId),
                                           permission: permission)
            req.flash(.success, "Lien ajouté vers « \(related.title) ».")
            return req.redirect(to: target)
        }
        let url = (form.url ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme?.lowercased() ?? ""), parsed.host != nil, url.count <= 2000 else {
            throw WebError.invalid("L'adresse « \(url) » n'est pas un lien web : saisissez une adresse complète commençant par https://.", field: "url")
        }
        try await req.mutations.create(ActionLink(actionId: actionId, contractId: contractId, label: label.isEmpty ? url : label, url: url),
                                       permission: permission)
        req.flash(.success, "Lien ajouté.")
        return req.redirect(to: target)
    }

    func deleteLink(req: Request) async throws -> Response {
        let (contract, action) = try await load(req)
        let permission = Permission.editProgramme(contract.accessScope)
        try req.require(permission)
        let link = try await req.record(ActionLink.self, "linkID", of: contract) { $0.$action.id == action.id }
        try await req.mutations.delete(link, permission: permission)
        req.flash(.success, "Lien supprimé.")
        return req.redirect(to: page(contract, action) + "#documents")
    }
}
