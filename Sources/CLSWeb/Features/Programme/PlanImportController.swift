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
        routes.post(.contract(.key, .programme(.importForm)), body: .collect(maxSize: Self.maxUpload), use: upload)
        routes.post(.contract(.key, .programme(.importUpload(.key, .confirm))), use: confirm)
        routes.get(.contract(.key, .programme(.importUpload(.key, .progress))), use: progressPage)
        routes.get(.contract(.key, .programme(.importUpload(.key, .status))), use: progressStatus)
        routes.get(.contract(.key, .programme(.exportWorkbook)), use: exportWorkbook)
        routes.get(.contract(.key, .programme(.exportCSV)), use: exportCSV)
        routes.get(.planTemplate, use: template)
    }

    struct IssueView: Encodable {
        let severity: String
        let location: String
        let message: String
    }

    struct PreviewSection: Encodable {
        let title: String
        let depth: Int
        let actions: [String]
    }

    struct ImportContent: Encodable {
        let contract: ContractSummaryView
        let tabs: [TabLink]
        let breadcrumb: [Breadcrumb]
        let filename: String?
        let errors: [IssueView]
        let warnings: [IssueView]
        let uploadId: String?
        let sheetName: String
        let counts: Counts?
        let outline: [PreviewSection]
        let existingActions: Int

        struct Counts: Encodable { let sections: Int; let actions: Int; let subActions: Int; let fundings: Int }
    }

    func content(_ req: Request, contract: Contract, filename: String? = nil, result: PlanReadResult? = nil,
                 fileError: String? = nil, uploadId: UUID? = nil) async throws -> ImportContent {
        let id = try contract.requireID()
        func view(_ issue: PlanIssue) -> IssueView {
            var location = ["feuille « \(issue.sheet) »"]
            if let row = issue.row { location.append("ligne \(row)") }
            if let column = issue.column { location.append("colonne \(column)") }
            if let value = issue.value, !value.isEmpty { location.append("valeur « \(value) »") }
            return IssueView(severity: issue.severity.rawValue, location: location.joined(separator: ", "), message: issue.message)
        }
        var outline: [PreviewSection] = []
        func walk(_ section: PlanSection, depth: Int) {
            outline.append(PreviewSection(title: section.title, depth: depth, actions: section.actions.map { action in
                action.subActions.isEmpty ? action.title : "\(action.title) (\(FrenchFormat.count(action.subActions.count, singular: "sous-action", plural: "sous-actions")))"
            }))
            for child in section.children { walk(child, depth: depth + 1) }
        }
        result?.document.axes.forEach { walk($0, depth: 0) }
        let errors = (fileError.map { [IssueView(severity: "error", location: filename ?? "fichier", message: $0)] } ?? [])
            + (result?.issues.filter { $0.severity == .error }.map(view) ?? [])
        let fundings = result.map { countFundings($0.document) } ?? 0
        return ImportContent(
            contract: ContractSummaryView(contract), tabs: ContractTab.links(for: id, current: .programme),
            breadcrumb: [Breadcrumb(label: "Contrats", href: "/contrats"), Breadcrumb(label: contract.name, href: "/contrats/\(id.uuidString)"),
                         Breadcrumb(label: "Programme", href: "/contrats/\(id.uuidString)/programme")],
            filename: filename, errors: errors,
            warnings: result?.issues.filter { $0.severity == .warning }.map(view) ?? [],
            uploadId: errors.isEmpty ? uploadId?.uuidString : nil, sheetName: result?.sheetName ?? "",
            counts: result.map { .init(sections: $0.document.sectionCount, actions: $0.document.actionCount,
                                       subActions: $0.document.subActionCount, fundings: fundings) },
            outline: outline,
            existingActions: try await Action.query(on: req.db).filter(\.$contract.$id == id).count())
    }

    func countFundings(_ document: PlanDocument) -> Int {
        func inSection(_ section: PlanSection) -> Int {
            section.actions.reduce(0) { $0 + $1.fundings.count + $1.subActions.reduce(0) { $0 + $1.fundings.count } }
                + section.children.reduce(0) { $0 + inSection($1) }
        }
        return document.axes.reduce(0) { $0 + inSection($1) }
    }

    func uploadForm(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.editProgramme)
        return try await req.renderPage("programme/import", title: "Importer un programme – \(contract.name)",
                                        try await content(req, contract: contract))
    }

    struct UploadForm: Content {
        var file: File?
    }

    func upload(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.editProgramme)
        let form = try req.content.decode(UploadForm.self)
        guard let file = form.file, file.data.readableBytes > 0 else {
            return try await req.renderPage("programme/import", title: "Importer un programme",
                                            try await content(req, contract: contract, fileError: "Choisissez un fichier .xlsx à importer."),
                                            status: .unprocessableEntity)
        }
        let data = Data(buffer: file.data)
        let themes = try await RegionalTheme.catalogue(regionCode: contract.regionCode, on: req.db)
        switch try await PlanImportOperation.read(data, themes: themes, on: req.application.threadPool) {
        case .failure(let message):
            return try await req.renderPage("programme/import", title: "Importer un programme",
                                            try await content(req, contract: contract, filename: file.filename, fileError: message),
                                            status: .unprocessableEntity)
        case .success(let result) where result.hasErrors:
            return try await req.renderPage("programme/import", title: "Importer un programme",
                                            try await content(req, contract: contract, filename: file.filename, result: result),
                                            status: .unprocessableEntity)
        case .success(let result):
            let user = try req.requireUser()
            let pending = ImportUpload(contractId: try contract.requireID(), userId: user.id, filename: file.filename, content: data)
            try await PendingUploads.store(pending, on: req.db, now: req.now)
            return try await req.renderPage("programme/import", title: "Aperçu de l'import",
                                            try await content(req, contract: contract, filename: file.filename, result: result,
                                                              uploadId: pending.id))
        }
    }

    /// Starts the import in the background and sends the user to its page, which follows it.
    func confirm(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.editProgramme)
        let id = try contract.requireID()
        let user = try req.requireUser()
        let base = "/contrats/\(id.uuidString)/programme/import"
        guard let uploadId = req.parameters.get("uploadID", as: UUID.self),
              try await ImportUpload.query(on: req.db).filter(\.$id == uploadId)
                .filter(\.$contractId == id).filter(\.$userId == user.id).first() != nil,
              try await PlanImportRunner.start(uploadId, contract: contract, actor: req.actor, app: req.application) else {
            req.flash(.error, "Cet aperçu d'import a expiré ou a déjà été importé : envoyez de nouveau le fichier.")
            return req.redirect(to: base)
        }
        return req.redirect(to: "\(base)/\(uploadId.uuidString)")
    }

    struct ProgressContent: Encodable {
        let contract: ContractSummaryView
        let tabs: [TabLink]
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
        let id = try contract.requireID().uuidString
        let state = PlanImportRunner.effectiveState(upload, now: req.now)
        let base = "/contrats/\(id)/programme/import/\(try upload.requireID().uuidString)"
        let label = state == .failed && upload.importState == .running
            ? "L'import a été interrompu (arrêt du serveur) : rien n'a été modifié. Envoyez de nouveau le fichier." : upload.progressLabel
        return try await req.renderPage("programme/import-progress", title: "Import de « \(upload.filename) »", ProgressContent(
            contract: ContractSummaryView(contract), tabs: ContractTab.links(for: try contract.requireID(), current: .programme),
            filename: upload.filename, isRunning: state == .running, succeeded: state == .done, progress: upload.progress,
            label: label, statusPath: base + "/etat", pagePath: base, programmePath: "/contrats/\(id)/programme",
            importPath: "/contrats/\(id)/programme/import"))
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
        guard let uploadId = req.parameters.get("uploadID", as: UUID.self),
              let upload = try await ImportUpload.query(on: req.db).filter(\.$id == uploadId)
                .filter(\.$contractId == contract.requireID()).filter(\.$userId == user.id).first(),
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
