import CLSCore
import CLSFormats
import CLSStore
import Fluent
import Vapor

/// The administration of the reference data: what is loaded, and the imports of the official files
/// (upload, preview of counts and changes, confirmation, progress while it runs, result).
struct ReferenceImportController: RouteCollection {
    static let maxUpload = ByteCount(value: CSRFMiddleware.maxReferenceUploadBytes)

    func boot(routes: any RoutesBuilder) throws {
        routes.get(.reference, use: overview)
        routes.post(.referenceImports, body: .collect(maxSize: Self.maxUpload), use: upload, refusedOn: overview)
        routes.get(.referenceImport(.key, .page), use: show)
        routes.get(.referenceImport(.key, .status), use: status)
        routes.post(.referenceImport(.key, .confirm), use: confirm, refusedOn: show)
        routes.post(.referenceImport(.key, .cancel), use: cancel, refusedOn: show)
    }

    static let stateLabels: [ReferenceImport.State: String] = [
        .previewed: "aperçu, en attente de confirmation", .running: "en cours", .done: "terminé",
        .failed: "échoué, rien n'a été modifié", .cancelled: "annulé",
    ]

    func overview(req: Request) async throws -> Response {
        try req.require(.importReferenceData)
        return try await req.renderPage("admin/reference", title: "Référentiel territorial", try await ReferencePage.load(req.pageContext))
    }

    struct UploadForm: Content {
        var type: String?
        var millesime: String?
        var niveau: String?
        var communes: File?
        var populations: File?
        var epci: File?
        var qpv: File?
        var departements: File?
        var regions: File?
        var fichier: File?
        var iris: File?
        var mouvements: File?

        func file(_ role: String) -> File? {
            let file: File? = switch role {
            case "communes": communes
            case "populations": populations
            case "epci": epci
            case "qpv": qpv
            case "departements": departements
            case "regions": regions
            case "fichier": fichier
            case "iris": iris
            case "mouvements": mouvements
            default: nil
            }
            return file.flatMap { $0.data.readableBytes > 0 ? $0 : nil }
        }
    }

    struct Preview: Codable {
        let summary: [PreparedReferenceImport.Line]
        let changes: [PreparedReferenceImport.Line]
    }

    func upload(req: Request) async throws -> Response {
        try req.require(.importReferenceData)
        let user = try req.requireUser()
        let form = try req.content.decode(UploadForm.self)
        guard let kind = form.type.flatMap(ReferenceImportKind.init(rawValue:)) else {
            return try await refuse(req, "Type d'import inconnu : choisissez l'un des formulaires de la page.", kind: nil)
        }
        var files: [String: TerritoryAssembler.Source] = [:]
        for role in kind.fileRoles {
            if let file = form.file(role.role) { files[role.role] = .init(fileName: file.filename, data: Data(buffer: file.data)) }
        }
        let vintage = form.millesime?.trimmingCharacters(in: .whitespaces)
        if let vintage, !vintage.isEmpty, !(vintage.count == 4 && vintage.allSatisfy(\.isNumber)) {
            return try await refuse(req, "Le millésime « \(vintage) » n'est pas une année sur quatre chiffres (par exemple 2026).", kind: kind)
        }
        let level = form.niveau.flatMap(ShapeLevel.init(rawValue:))
        let prepared: PreparedReferenceImport
        do {
            // Reading national files takes a few seconds of CPU: off the event loop.
            prepared = try await req.application.threadPool.runIfActive { [files] in
                try PreparedReferenceImport.prepare(kind, files: files, vintage: vintage?.isEmpty == false ? vintage : nil, level: level)
            }
        } catch let refusal as PreparedReferenceImport.Refusal {
            return try await refuse(req, refusal.message, kind: kind)
        }
        // The preview is the import itself, rolled back: it reports exactly what would change.
        let changes: [PreparedReferenceImport.Line]
        do {
            changes = try await req.mutations.rehearse { try await prepared.apply($0) }
        } catch let refusal as PreparedReferenceImport.Refusal {
            // What only the database can tell (an indicator new to the catalogue, left undefined).
            return try await refuse(req, refusal.message, kind: kind)
        }
        let options = ReferenceImportRunner.Options(millesime: vintage?.isEmpty == false ? vintage : nil, niveau: level?.rawValue)
        let record = ReferenceImport(kind: kind.rawValue, options: ReferenceImportRunner.encode(options),
                                     preview: ReferenceImportRunner.encode(Preview(summary: prepared.summary, changes: changes)),
                                     userId: user.id)
        let kindLabel = kind.label
        try await ReferenceImports.keep(record, kindLabel: kindLabel, files: files.mapValues { (fileName: $0.fileName, data: $0.data) },
                                        now: req.now, using: req.mutations)
        return req.redirect(to: .referenceImport(try record.requireID()))
    }

    func refuse(_ req: Request, _ message: String, kind: ReferenceImportKind?) async throws -> Response {
        try await req.renderPage("admin/reference", title: "Référentiel territorial",
                                 try await ReferencePage.load(error: message, errorKind: kind?.label, req.pageContext), status: .unprocessableEntity)
    }

    func findImport(_ req: Request) async throws -> ReferenceImport {
        try req.require(.importReferenceData)
        guard let record = try await ReferenceImports.find(req.parameters.get("importID", as: UUID.self), on: req.db) else {
            throw Abort(.notFound)
        }
        return record
    }

    /// A running import without news for a long time was interrupted (the server stopped).
    static func effectiveState(_ record: ReferenceImport, now: Date) -> ReferenceImport.State {
        if record.importState == .running, let updated = record.updatedAt, now.timeIntervalSince(updated) > ReferenceImportRunner.staleAfter {
            return .failed
        }
        return record.importState
    }

    func show(req: Request) async throws -> Response {
        let record = try await findImport(req)
        let page = try await ReferenceImportPage.load(record, now: req.now, req.pageContext)
        return try await req.renderPage("admin/reference-import", title: page.title, page)
    }

    struct StatusJSON: Content {
        let state: String
        let progress: Int
        let label: String
    }

    func status(req: Request) async throws -> StatusJSON {
        let record = try await findImport(req)
        let state = Self.effectiveState(record, now: req.now)
        return StatusJSON(state: state.rawValue, progress: state == .done ? 100 : record.progress, label: record.progressLabel)
    }

    func confirm(req: Request) async throws -> Response {
        let record = try await findImport(req)
        let id = try record.requireID()
        let kind = ReferenceImportKind(rawValue: record.kind)?.label ?? record.kind
        try await req.mutations.recordEvent(.update, entityType: "reference_import", entityId: id.uuidString,
                                            entityLabel: "Import confirmé : \(kind)")
        if try await ReferenceImportRunner.start(id, actor: req.actor, app: req.application) {
            req.flash(.success, "Import lancé : suivez sa progression ci-dessous.")
        } else {
            req.flash(.error, "Cet import n'attend plus de confirmation (déjà lancé, terminé ou annulé).")
        }
        return req.redirect(to: .referenceImport(id))
    }

    func cancel(req: Request) async throws -> Response {
        let record = try await findImport(req)
        guard record.importState == .previewed else {
            req.flash(.error, "Seul un import en attente de confirmation peut être annulé.")
            return req.redirect(to: .referenceImport(try record.requireID()))
        }
        try await ReferenceImports.cancel(record, kindLabel: ReferenceImportKind(rawValue: record.kind)?.label ?? record.kind,
                                          using: req.mutations)
        req.flash(.success, "Import annulé : rien n'a été modifié.")
        return req.redirect(to: .reference)
    }
}
