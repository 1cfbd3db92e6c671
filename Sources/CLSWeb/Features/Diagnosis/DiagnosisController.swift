import CLSCore
import CLSFormats
import CLSStore
import Fluent
import Vapor

/// The contract's territorial diagnosis: its indicators, and the shared diagnosis worked on —
/// narrative, findings, priorities decided and turned into axes.
struct DiagnosisController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.contract(.key, .diagnosis(.page)), use: page)
        routes.get(.contract(.key, .diagnosis(.spreadsheet)), use: spreadsheet)
        routes.get(.contract(.key, .diagnosis(.csv)), use: csv)
        routes.post(.contract(.key, .diagnosis(.versions)), use: freeze, refusedOn: page)
        routes.get(.contract(.key, .diagnosis(.version(.key))), use: version)
        routes.post(.contract(.key, .diagnosis(.narrative)), use: saveNarrative, refusedOn: page)
        routes.post(.contract(.key, .diagnosis(.findings)), use: addFinding, refusedOn: page)
        routes.post(.contract(.key, .diagnosis(.deleteFinding(.key))), use: deleteFinding, refusedOn: page)
        routes.post(.contract(.key, .diagnosis(.priorities)), use: propose, refusedOn: page)
        routes.post(.contract(.key, .diagnosis(.priority(.key))), use: decide, refusedOn: page)
        routes.post(.contract(.key, .diagnosis(.priorityAxis(.key))), use: makeAxis, refusedOn: page)
    }

    func page(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.viewContract)
        return try await req.renderPage("diagnosis/index", title: "Diagnostic – \(contract.name)",
                                        try await DiagnosisPage.load(contract, req.pageContext))
    }

    /// The perimeter's and the department's figures, every period, as a workbook.
    func spreadsheet(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.viewContract)
        let lines = try await Self.exportLines(contract, req)
        let response = Response(status: .ok, body: .init(data: try DiagnosisExport.workbook(lines, title: "Diagnostic – \(contract.name)")))
        response.headers.replaceOrAdd(name: .contentType, value: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        response.headers.contentDisposition = .init(.attachment, filename: "diagnostic-\(PlanImportController.slug(contract.name)).xlsx")
        return response
    }

    func csv(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.viewContract)
        let response = Response(status: .ok, body: .init(data: DiagnosisExport.csv(try await Self.exportLines(contract, req))))
        response.headers.replaceOrAdd(name: .contentType, value: "text/csv; charset=utf-8")
        response.headers.contentDisposition = .init(.attachment, filename: "diagnostic-\(PlanImportController.slug(contract.name)).csv")
        return response
    }

    struct VersionForm: Content {
        var label: String?
    }

    /// Dates the diagnosis as it stands: the next update will not erase it.
    func freeze(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.editContract)
        let form = try req.content.decode(VersionForm.self)
        let version = try await DiagnosisVersions.freeze(contract, label: form.label ?? "", on: req.today, using: req.mutations)
        req.flash(.success, "Diagnostic daté : « \(version.label) » (version \(version.number)).")
        return req.redirect(to: .contract(try contract.requireID(), .diagnosis(.version(version.number))))
    }

    func version(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.viewContract)
        guard let number = req.parameters.get("diagnosisVersion", as: Int.self),
              let version = try await DiagnosisVersions.find(contractId: try contract.requireID(), number: number, on: req.db),
              let content = version.content else {
            throw Abort(.notFound)
        }
        return try await req.renderPage("diagnosis/version", title: "\(version.label) – \(contract.name)",
                                        DiagnosisVersionPage(contract, version: version, content: content))
    }

    static func exportLines(_ contract: Contract, _ req: Request) async throws -> [DiagnosisExportLine] {
        guard let diagnosis = try await PerimeterDiagnosis.load(contract, on: req.db) else { return [] }
        return diagnosis.perimeter.exportLines + diagnosis.department.exportLines
    }

    struct NarrativeForm: Content {
        var author: String?, startedOn: String?, finishedOn: String?, cost: String?, funders: String?, sources: String?
        var portrait: String?, healthStatus: String?, resources: String?, voices: String?
    }

    func saveNarrative(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.editContract)
        let form = try req.content.decode(NarrativeForm.self)
        var narrative = DiagnosisWork.Narrative()
        narrative.author = try Self.text(form.author, field: "author", limit: TextLimits.line)
        narrative.funders = try Self.text(form.funders, field: "funders", limit: TextLimits.line)
        narrative.sources = try Self.text(form.sources, field: "sources", limit: TextLimits.longText)
        narrative.portrait = try Self.text(form.portrait, field: "portrait", limit: TextLimits.longText)
        narrative.healthStatus = try Self.text(form.healthStatus, field: "healthStatus", limit: TextLimits.longText)
        narrative.resources = try Self.text(form.resources, field: "resources", limit: TextLimits.longText)
        narrative.voices = try Self.text(form.voices, field: "voices", limit: TextLimits.longText)
        narrative.startedOn = try FormValue.day(form.startedOn, field: "startedOn", label: "début du diagnostic")
        narrative.finishedOn = try FormValue.day(form.finishedOn, field: "finishedOn", label: "fin du diagnostic")
        narrative.cost = try FormValue.amount(form.cost, field: "cost", label: "coût")
        let changed = try await DiagnosisWork.save(narrative, of: contract, using: req.mutations)
        req.flash(changed ? .success : .info, changed ? "Diagnostic enregistré." : "Aucune modification à enregistrer.")
        return req.redirect(to: .contract(try contract.requireID(), .diagnosis(.page)), fragment: "partage-titre")
    }

    struct FindingForm: Content {
        var text: String?
        var indicators: [String]?
    }

    func addFinding(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.editContract)
        let form = try req.content.decode(FindingForm.self)
        let text = try Self.text(form.text, field: "text", limit: TextLimits.longText)
        try await DiagnosisWork.addFinding(to: contract, text: text, indicatorCodes: form.indicators ?? [], using: req.mutations)
        req.flash(.success, "Constat ajouté.")
        return req.redirect(to: .contract(try contract.requireID(), .diagnosis(.page)), fragment: "constats-titre")
    }

    func deleteFinding(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.editContract)
        guard let id = req.parameters.get("findingID", as: UUID.self), let finding = try await DiagnosisFinding.find(id, on: req.db),
              finding.contractId == contract.id else { throw WebError.notFound }
        try await DiagnosisWork.removeFinding(finding, of: contract, using: req.mutations)
        req.flash(.success, "Constat retiré.")
        return req.redirect(to: .contract(try contract.requireID(), .diagnosis(.page)), fragment: "constats-titre")
    }

    struct PriorityForm: Content {
        var title: String?, findingId: String?, prsReference: String?, domain: String?
        var status: String?, reason: String?, forLocalPlan: String?
    }

    func propose(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.editContract)
        let form = try req.content.decode(PriorityForm.self)
        let title = try Self.text(form.title, field: "title", limit: TextLimits.line)
        let prs = try Self.text(form.prsReference, field: "prsReference", limit: TextLimits.line)
        try await DiagnosisWork.propose(in: contract, findingId: form.findingId.flatMap(UUID.init(uuidString:)), title: title, prsReference: prs,
                                            domain: form.domain.flatMap(CompetenceDomain.init(rawValue:)), using: req.mutations)
        req.flash(.success, "Priorité proposée.")
        return req.redirect(to: .contract(try contract.requireID(), .diagnosis(.page)), fragment: "priorites-titre")
    }

    func decide(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.editContract)
        let priority = try await priority(of: contract, req)
        let form = try req.content.decode(PriorityForm.self)
        guard let status = form.status.flatMap(PriorityStatus.init(rawValue:)) else {
            throw WebError.invalid("Choisissez la décision : proposée, retenue ou écartée.", field: "status")
        }
        let reason = try Self.text(form.reason, field: "reason", limit: TextLimits.longText)
        let changed = try await DiagnosisWork.decide(priority, of: contract, status: status, reason: reason, forLocalPlan: form.forLocalPlan != nil, using: req.mutations)
        req.flash(changed ? .success : .info, changed ? "Décision enregistrée : priorité « \(priority.title) » \(status.label.lowercased())." : "Aucune modification à enregistrer.")
        return req.redirect(to: .contract(try contract.requireID(), .diagnosis(.page)), fragment: "priorites-titre")
    }

    func makeAxis(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.editProgramme)
        try req.require(.editContract(contract.accessScope))
        let priority = try await priority(of: contract, req)
        let axis = try await DiagnosisWork.makeAxis(of: priority, in: contract, using: req.mutations)
        req.flash(.success, "Axe « \(axis.title) » créé au programme à partir de la priorité.")
        return req.redirect(to: .contract(try contract.requireID(), .programme(.tree)))
    }

    private func priority(of contract: Contract, _ req: Request) async throws -> ContractPriority {
        guard let id = req.parameters.get("priorityID", as: UUID.self), let priority = try await ContractPriority.find(id, on: req.db),
              priority.contractId == contract.id else { throw WebError.notFound }
        return priority
    }

    private static func text(_ value: String?, field: String, limit: Int) throws -> String {
        let text = (value ?? "").replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.count <= limit else {
            throw WebError.invalid("Ce texte dépasse \(FrenchFormat.count(limit, singular: "caractère", plural: "caractères")) : raccourcissez-le.", field: field)
        }
        return text
    }
}
