import CLSCore
import CLSStore
import Fluent
import Vapor

/// The contract registry: the list and its export, creating and editing a contract, its page,
/// its change of state, its history and the tabs still to come.
struct ContractController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.contracts, use: list)
        routes.get(.contractsCSV, use: exportCSV)
        routes.get(.newContract, use: newForm)
        routes.post(.contracts, use: create, refusedOn: newForm)
        routes.get(.contract(.key, .overview), use: show)
        routes.get(.contract(.key, .edit), use: editForm)
        routes.post(.contract(.key, .edit), use: update, refusedOn: editForm)
        routes.post(.contract(.key, .state), use: transition, refusedOn: show)
        routes.get(.contract(.key, .history), use: history)
        for tab in ContractTab.upcoming {
            routes.get(.contract(.key, tab.path)) { req in try await upcomingTab(req, tab) }
        }
    }

    // MARK: - List

    func list(req: Request) async throws -> Response {
        try req.require(.useWorkspace)
        let page = try await ContractListPage.load(try req.query.decode(ContractListPage.Query.self), req.pageContext)
        return try await req.renderPage("contracts/list", title: "Contrats locaux de santé", page)
    }

    func exportCSV(req: Request) async throws -> Response {
        try req.require(.useWorkspace)
        let csv = try await ContractListExport.csv(try req.query.decode(ContractListPage.Query.self), req.pageContext)
        let response = Response(status: .ok, body: .init(data: csv.data))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        response.headers.contentDisposition = .init(.attachment, filename: "contrats-locaux-de-sante.csv")
        return response
    }

    // MARK: - Create and edit

    func newForm(req: Request) async throws -> Response {
        try req.require(.useWorkspace)
        guard req.subject.isAdmin || req.subject.isARS else { throw WebError.forbidden }
        let regions = req.subject.arsRegions.union(req.subject.arsDepartments.compactMap { AdministrativeAreas.department($0)?.regionCode })
        let departments = req.subject.arsDepartments
        let values = ContractForm(regionCode: regions.count == 1 ? regions.first : nil,
                                  departmentCode: departments.count == 1 ? departments.first : nil)
        let page = try await ContractFormPage.load(values: values, contract: nil, req.pageContext)
        return try await req.renderPage("contracts/form", title: page.title, page)
    }

    func create(req: Request) async throws -> Response {
        try req.require(.useWorkspace)
        // As for the form: only those who may create a contract somewhere get their form checked.
        guard req.subject.isAdmin || req.subject.isARS else { throw WebError.forbidden }
        let form = try req.content.decode(ContractForm.self)
        switch ContractDraft.validate(form.input) {
        case .failure(let errors):
            let page = try await ContractFormPage.load(values: form, errors: errors, contract: nil, req.pageContext)
            return try await req.renderRefusedPage("contracts/form", title: page.title, page,
                                            errors: errors)
        case .success(let draft):
            let permission = Permission.createContract(regionCode: draft.regionCode, departmentCode: draft.departmentCode)
            try req.require(permission)
            let contract = Contract(name: draft.name, regionCode: draft.regionCode, departmentCode: draft.departmentCode)
            let previous = try await ContractForm.previousContract(draft.previousContractId, for: contract, req.pageContext)
            ContractForm.assign(draft, previous: previous, to: contract)
            try await req.mutations.create(contract, permission: permission)
            req.flash(.success, "Contrat créé.")
            return req.redirect(to: .contract(try contract.requireID()))
        }
    }

    func editForm(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.editContract)
        let page = try await ContractFormPage.load(values: ContractForm(contract), contract: contract, req.pageContext)
        return try await req.renderPage("contracts/form", title: page.title, page)
    }

    func update(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.editContract)
        let form = try req.content.decode(ContractForm.self)
        switch ContractDraft.validate(form.input) {
        case .failure(let errors):
            let page = try await ContractFormPage.load(values: form, errors: errors, contract: contract, req.pageContext)
            return try await req.renderRefusedPage("contracts/form", title: page.title, page,
                                            errors: errors)
        case .success(let draft):
            // Moving a contract to another territory needs the right to steer contracts there too.
            if draft.regionCode != contract.regionCode || draft.departmentCode != contract.departmentCode {
                try req.require(.createContract(regionCode: draft.regionCode, departmentCode: draft.departmentCode))
            }
            let previous = try await ContractForm.previousContract(draft.previousContractId, for: contract, req.pageContext)
            let changed = try await req.mutations.update(contract, permission: .editContract(contract.accessScope)) { contract in
                ContractForm.assign(draft, previous: previous, to: contract)
            }
            req.flash(changed ? .success : .info, changed ? "Contrat enregistré." : "Aucune modification à enregistrer.")
            return req.redirect(to: .contract(try contract.requireID()))
        }
    }

    // MARK: - Contract page and state

    func show(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.viewContract)
        return try await req.renderKeptContractPage("contracts/show", contract: contract, title: contract.name) {
            try await ContractOverviewPage.load(contract, req.pageContext)
        }
    }

    struct TransitionForm: Content {
        var toState: String
        var effectiveOn: String?
        var comment: String?
    }

    func transition(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.changeContractState)
        let form = try req.content.decode(TransitionForm.self)
        guard let target = ContractState(rawValue: form.toState) else {
            throw WebError.invalid("État inconnu : « \(form.toState) ». Choisissez le nouvel état dans la liste.", field: "toState")
        }
        guard target != .renouvele else {
            throw WebError.invalid("Un contrat se renouvelle par « Renouveler le contrat », qui crée le contrat suivant et ce qu'il reconduit.", field: "toState")
        }
        let effectiveOn = try req.day(form.effectiveOn, field: "effectiveOn", label: "date d'effet") ?? req.today
        try await ContractTransitions.transition(contract, to: target, effectiveOn: effectiveOn,
                                                 comment: (form.comment ?? "").trimmingCharacters(in: .whitespacesAndNewlines),
                                                 using: req.mutations)
        req.flash(.success, "État du contrat modifié.")
        return req.redirect(to: .contract(try contract.requireID()))
    }

    // MARK: - History and upcoming tabs

    func history(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.viewContract)
        return try await req.renderPage("contracts/history", title: "Historique – \(contract.name)",
                                        try await ContractHistoryPage.load(contract, try req.query.decode(ContractHistoryPage.Query.self),
                                                                           req.pageContext))
    }

    func upcomingTab(_ req: Request, _ tab: ContractTab) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.viewContract)
        return try await req.renderPage("contracts/upcoming", title: "\(tab.label) – \(contract.name)", UpcomingTabPage(contract, tab: tab))
    }
}

extension String {
    func ifEmpty(_ replacement: String) -> String { isEmpty ? replacement : self }
}
