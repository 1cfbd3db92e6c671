import CLSCore
import CLSFormats
import CLSStore
import Fluent
import Vapor

/// Import of a programme from a spreadsheet (upload, preview, confirmation: all or nothing),
/// export of the programme, and the blank template.
struct PlanImportController: RouteCollection {
    static let maxUpload: ByteCount = "10mb"

    func boot(routes: any RoutesBuilder) throws {
        routes.get(.contract(.key, .programme(.importForm)), use: uploadForm)
        routes.post(.contract(.key, .programme(.importForm)), body: .collect(maxSize: Self.maxUpload), use: upload, refusedOn: uploadForm)
        routes.post(.contract(.key, .programme(.importUpload(.key, .confirm))), use: confirm)
        routes.get(.contract(.key, .programme(.importUpload(.key, .progress))), use: progressPage)
        routes.get(.contract(.key, .programme(.importUpload(.key, .status))), use: progressStatus)
        routes.get(.contract(.key, .programme(.exportWorkbook)), use: exportWorkbook)
        routes.get(.contract(.key, .programme(.exportCSV)), use: exportCSV)
        routes.get(.planTemplate, use: template)
    }

    func uploadForm(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.editProgramme)
        return try await req.renderPage("programme/import", title: "Importer un programme – \(contract.name)",
                                        try await PlanImportPage.load(contract, req.pageContext))
    }

    struct UploadForm: Content {
        var file: File?
    }

    func upload(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.editProgramme)
        let form = try req.content.decode(UploadForm.self)
        guard let file = form.file, file.data.readableBytes > 0 else {
            return try await req.renderPage("programme/import", title: "Importer un programme",
                                            try await PlanImportPage.load(contract, fileError: "Choisissez un fichier .xlsx à importer.", req.pageContext),
                                            status: .unprocessableEntity)
        }
        let data = Data(buffer: file.data)
        let themes = try await RegionalTheme.catalogue(regionCode: contract.regionCode, on: req.db)
        switch try await PlanImportOperation.read(data, themes: themes, on: req.application.threadPool) {
        case .failure(let message):
            return try await req.renderPage("programme/import", title: "Importer un programme",
                                            try await PlanImportPage.load(contract, filename: file.filename, fileError: message, req.pageContext),
                                            status: .unprocessableEntity)
        case .success(let result) where result.hasErrors || PlanImportOperation.emptyPlanMessage(result) != nil:
            return try await req.renderPage("programme/import", title: "Importer un programme",
                                            try await PlanImportPage.load(contract, filename: file.filename, result: result, req.pageContext),
                                            status: .unprocessableEntity)
        case .success(let result):
            let user = try req.requireUser()
            let pending = ImportUpload(contractId: try contract.requireID(), userId: user.id, filename: file.filename, content: data)
            try await PendingUploads.store(pending, on: req.db, now: req.now)
            return try await req.renderPage("programme/import", title: "Aperçu de l'import",
                                            try await PlanImportPage.load(contract, filename: file.filename, result: result,
                                                                          uploadId: pending.id, req.pageContext))
        }
    }

    struct ConfirmForm: Content {
        /// `PlanImporter.Mode`: "ajouter" (the default) or "remplacer".
        var mode: String?
    }

    /// Starts the import in the background and sends the user to its page, which follows it.
    func confirm(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.editProgramme)
        let id = try contract.requireID()
        let user = try req.requireUser()
        let form = SitePath.contract(id, .programme(.importForm))
        let mode = try req.content.decode(ConfirmForm.self).mode.flatMap(PlanImporter.Mode.init(rawValue:)) ?? .add
        guard let uploadId = try await PendingUploads.find(req.parameters.get("uploadID", as: UUID.self), contractId: id,
                                                          userId: user.id, on: req.db)?.id,
              try await PlanImportRunner.start(uploadId, contract: contract, mode: mode, actor: req.actor, app: req.application) else {
            req.flash(.error, "Cet aperçu d'import a expiré ou a déjà été importé : envoyez de nouveau le fichier.")
            return req.redirect(to: form)
        }
        return req.redirect(to: .contract(id, .programme(.importUpload(uploadId))))
    }

    struct ProgressContent: Encodable, ContractPageContent {
        let shell: ContractShell
        let filename: String
        let isRunning: Bool
        let succeeded: Bool
        let progress: Int
        let label: String
        let statusPath: String
        let pagePath: String
        let programmePath: String
        let importPath: String
    }

    /// The page of a confirmed import: its progress while it runs (followed by
    /// `/js/import-progress.js`, or by reloading), then its outcome.
    func progressPage(req: Request) async throws -> Response {
        let (contract, upload) = try await confirmedUpload(req)
        let id = try contract.requireID()
        let uploadId = try upload.requireID()
        let state = PlanImportRunner.effectiveState(upload, now: req.now)
        let label = state == .failed && upload.importState == .running
            ? "L'import a été interrompu (arrêt du serveur) : rien n'a été modifié. Envoyez de nouveau le fichier." : upload.progressLabel
        return try await req.renderPage("programme/import-progress", title: "Import de « \(upload.filename) »", ProgressContent(
            shell: ContractShell(contract, tab: .programme,
                                 trail: [Breadcrumb(label: "Programme", href: SitePath.contract(id, .programme(.tree)).href)]),
            filename: upload.filename, isRunning: state == .running, succeeded: state == .done, progress: upload.progress,
            label: label, statusPath: SitePath.contract(id, .programme(.importUpload(uploadId, .status))).href,
            pagePath: SitePath.contract(id, .programme(.importUpload(uploadId))).href,
            programmePath: SitePath.contract(id, .programme(.tree)).href,
            importPath: SitePath.contract(id, .programme(.importForm)).href))
    }

    struct ProgressJSON: Content {
        let state: String
        let progress: Int
        let label: String
    }

    func progressStatus(req: Request) async throws -> ProgressJSON {
        let (_, upload) = try await confirmedUpload(req)
        let state = PlanImportRunner.effectiveState(upload, now: req.now)
        return ProgressJSON(state: state.rawValue, progress: upload.progress, label: upload.progressLabel)
    }

    /// The user's own confirmed import of this contract (a preview has no progress page).
    func confirmedUpload(_ req: Request) async throws -> (Contract, ImportUpload) {
        let contract = try await req.contract(requiring: Permission.editProgramme)
        let user = try req.requireUser()
        guard let upload = try await PendingUploads.find(req.parameters.get("uploadID", as: UUID.self), contractId: contract.requireID(),
                                                         userId: user.id, on: req.db),
              upload.importState != .previewed else { throw WebError.notFound }
        return (contract, upload)
    }

    // MARK: - Export

    func exportWorkbook(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.viewContract)
        let document = try await PlanExporter.document(contractId: try contract.requireID(), on: req.db)
        let themes = try await RegionalTheme.catalogue(regionCode: contract.regionCode, on: req.db)
        let data = try PlanSpreadsheetWriter.write(document, title: contract.name, themes: themes)
        return download(data, filename: "programme-\(Self.slug(contract.name)).xlsx",
                        type: HTTPMediaType(type: "application", subType: "vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
    }

    func exportCSV(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.viewContract)
        let document = try await PlanExporter.document(contractId: try contract.requireID(), on: req.db)
        let themes = try await RegionalTheme.catalogue(regionCode: contract.regionCode, on: req.db)
        return download(PlanCSV.write(document, themes: themes), filename: "programme-\(Self.slug(contract.name)).csv",
                        type: HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"]))
    }

    func template(req: Request) async throws -> Response {
        _ = try req.requireUser()
        return download(try PlanSpreadsheetWriter.template(), filename: "modele-programme-cls-pilot.xlsx",
                        type: HTTPMediaType(type: "application", subType: "vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
    }

    func download(_ data: Data, filename: String, type: HTTPMediaType) -> Response {
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.contentType = type
        response.headers.contentDisposition = .init(.attachment, filename: filename)
        return response
    }

    static func slug(_ name: String) -> String {
        SearchText.fold(name).map { $0.isLetter || $0.isNumber ? $0 : "-" }.reduce(into: "") { out, c in
            if !(c == "-" && out.hasSuffix("-")) { out.append(c) }
        }.trimmingCharacters(in: CharacterSet(charactersIn: "-"))
    }
}
