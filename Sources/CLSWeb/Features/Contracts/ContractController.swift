import CLSCharts
import CLSCore
import CLSFormats
import CLSStore
import Fluent
import Vapor

/// The contract registry: list, creation, the contract page and its lifecycle, history.
struct ContractController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.contracts, use: list)
        routes.get(.contractsCSV, use: exportCSV)
        routes.get(.newContract, use: newForm)
        routes.post(.contracts, use: create)
        routes.get(.contract(.key, .overview), use: show)
        routes.get(.contract(.key, .edit), use: editForm)
        routes.post(.contract(.key, .edit), use: update)
        routes.post(.contract(.key, .state), use: transition)
        routes.get(.contract(.key, .history), use: history)
        for tab in ContractTab.upcoming {
            routes.get(.contract(.key, tab.path)) { req in try await upcomingTab(req, tab) }
        }
    }

    // MARK: - List

    struct ListQuery: Content {
        var etat: String?
        var region: String?
        var departement: String?
        var q: String?
        var page: Int?
    }

    struct ListContent: Encodable {
        let contracts: [ContractSummaryView]
        let total: String
        let totalCount: Int
        let stateCounts: [StateCount]
        let filters: Filters
        let stateOptions: [SelectOption]
        let regionOptions: OptionList
        let departmentOptions: OptionList
        let canCreate: Bool
        let exportQuery: String
        let page: Int
        let pageCount: Int
        let previousPageQuery: String?
        let nextPageQuery: String?

        struct Filters: Encodable { let etat: String; let region: String; let departement: String; let q: String }
        struct StateCount: Encodable { let code: String; let label: String; let count: Int; let href: String }
    }

    func filter(from query: ListQuery, pageSize: Int = 50) -> ContractFilter {
        ContractFilter(state: query.etat.flatMap(ContractState.init(rawValue:)),
                       regionCode: query.region.flatMap { $0.isEmpty ? nil : $0 },
                       departmentCode: query.departement.flatMap { $0.isEmpty ? nil : $0 },
                       text: query.q, page: query.page ?? 1, pageSize: pageSize)
    }

    func list(req: Request) async throws -> Response {
        try req.require(.useWorkspace)
        let query = try req.query.decode(ListQuery.self)
        let filter = filter(from: query)
        let page = try await ContractQueries.listings(filter, visibleTo: req.subject, on: req.db)
        let counts = try await ContractQueries.countsByState(filter, visibleTo: req.subject, on: req.db)

        func queryString(state: String?, page: Int? = nil) -> String {
            var items: [URLQueryItem] = []
            if let state, !state.isEmpty { items.append(.init(name: "etat", value: state)) }
            if let region = filter.regionCode { items.append(.init(name: "region", value: region)) }
            if let department = filter.departmentCode { items.append(.init(name: "departement", value: department)) }
            if let text = filter.text { items.append(.init(name: "q", value: text)) }
            if let page, page > 1 { items.append(.init(name: "page", value: String(page))) }
            var components = URLComponents()
            components.queryItems = items
            return items.isEmpty ? "" : (components.percentEncodedQuery.map { "?" + $0 } ?? "")
        }
        let pageCount = max(1, (page.total + filter.pageSize - 1) / filter.pageSize)
        let content = ListContent(
            contracts: page.contracts.map(ContractSummaryView.init),
            total: FrenchFormat.count(page.total, singular: "contrat", plural: "contrats"),
            totalCount: page.total,
            stateCounts: ContractState.allCases.compactMap { state in
                guard let count = counts[state], count > 0 else { return nil }
                return .init(code: state.rawValue, label: state.label, count: count, href: "/contrats" + queryString(state: state.rawValue))
            },
            filters: .init(etat: filter.state?.rawValue ?? "", region: filter.regionCode ?? "",
                           departement: filter.departmentCode ?? "", q: filter.text ?? ""),
            stateOptions: Options.states(selected: filter.state?.rawValue),
            regionOptions: Options.regions(selected: filter.regionCode),
            departmentOptions: Options.departments(selected: filter.departmentCode),
            canCreate: req.subject.isAdmin || req.subject.isARS,
            exportQuery: queryString(state: filter.state?.rawValue),
            page: filter.page, pageCount: pageCount,
            previousPageQuery: filter.page > 1 ? queryString(state: filter.state?.rawValue, page: filter.page - 1).ifEmpty("?page=1") : nil,
            nextPageQuery: filter.page < pageCount ? queryString(state: filter.state?.rawValue, page: filter.page + 1) : nil)
        return try await req.renderPage("contracts/list", title: "Contrats locaux de santé", content)
    }

    func exportCSV(req: Request) async throws -> Response {
        try req.require(.useWorkspace)
        let filter = filter(from: try req.query.decode(ListQuery.self), pageSize: 10_000)
        let page = try await ContractQueries.list(filter, visibleTo: req.subject, on: req.db)
        var csv = CSVWriter()
        csv.append(["Identifiant", "Nom", "Génération", "État", "Région", "Département", "Territoire",
                    "Initiative", "Signature", "Début", "Fin", "Confidentiel", "Publié"])
        for contract in page.contracts {
            csv.append([
                contract.id?.uuidString ?? "", contract.name, String(contract.generation), contract.contractState.label,
                AdministrativeAreas.region(contract.regionCode)?.name ?? contract.regionCode,
                contract.departmentCode, contract.territoryLabel, contract.contractInitiative?.label ?? "",
                contract.signedOn ?? "", contract.startsOn ?? "", contract.endsOn ?? "",
                contract.isConfidential ? "oui" : "non", contract.isPublished ? "oui" : "non",
            ])
        }
        let response = Response(status: .ok, body: .init(data: csv.data))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        response.headers.contentDisposition = .init(.attachment, filename: "contrats-locaux-de-sante.csv")
        return response
    }

    // MARK: - Create and edit

    struct ContractForm: Content {
        var name: String?
        var generation: String?
        var previousContractId: String?
        var regionCode: String?
        var departmentCode: String?
        var territoryLabel: String?
        var initiative: String?
        var isARSPriority: String?
        var summary: String?
        var prsReferences: String?
        var linkedSchemes: [String]?
        var firstContactOn: String?
        var diagnosticOn: String?
        var signedOn: String?
        var startsOn: String?
        var endsOn: String?
        var durationYears: String?
        var isConfidential: String?
        var isPublished: String?

        var input: ContractDraft.Input {
            var input = ContractDraft.Input()
            input.name = name ?? ""
            input.generation = generation ?? "1"
            input.previousContractId = previousContractId ?? ""
            input.regionCode = regionCode ?? ""
            input.departmentCode = departmentCode ?? ""
            input.territoryLabel = territoryLabel ?? ""
            input.initiative = initiative ?? ""
            input.isARSPriority = isARSPriority != nil
            input.summary = summary ?? ""
            input.prsReferences = prsReferences ?? ""
            input.linkedSchemes = linkedSchemes ?? []
            input.firstContactOn = firstContactOn ?? ""
            input.diagnosticOn = diagnosticOn ?? ""
            input.signedOn = signedOn ?? ""
            input.startsOn = startsOn ?? ""
            input.endsOn = endsOn ?? ""
            input.durationYears = durationYears ?? ""
            input.isConfidential = isConfidential != nil
            input.isPublished = isPublished != nil
            return input
        }

        init(_ contract: Contract) {
            name = contract.name
            generation = String(contract.generation)
            previousContractId = contract.$previousContract.id?.uuidString
            regionCode = contract.regionCode
            departmentCode = contract.departmentCode
            territoryLabel = contract.territoryLabel
            initiative = contract.initiative
            isARSPriority = contract.isARSPriority ? "on" : nil
            summary = contract.summary
            prsReferences = contract.prsReferences
            linkedSchemes = contract.linkedSchemes.map(\.rawValue)
            firstContactOn = contract.firstContactOn
            diagnosticOn = contract.diagnosticOn
            signedOn = contract.signedOn
            startsOn = contract.startsOn
            endsOn = contract.endsOn
            durationYears = contract.durationYears.map(String.init)
            isConfidential = contract.isConfidential ? "on" : nil
            isPublished = contract.isPublished ? "on" : nil
        }

        init(regionCode: String?, departmentCode: String?) {
            self.generation = "1"
            self.regionCode = regionCode
            self.departmentCode = departmentCode
        }
    }

    struct FormContent: Encodable {
        let action: String
        let isNew: Bool
        let contractId: String?
        let values: ContractForm
        let errors: [String: String]
        let regionOptions: OptionList
        let departmentOptions: OptionList
        let initiativeOptions: [SelectOption]
        let schemeOptions: [SelectOption]
        let previousOptions: [SelectOption]
        let breadcrumb: [Breadcrumb]
    }

    func formContent(req: Request, values: ContractForm, errors: FormErrors, contract: Contract?) async throws -> FormContent {
        // Earlier generations are chosen among the contracts of the same department the subject sees.
        var previousOptions: [SelectOption] = []
        if let department = values.departmentCode, !department.isEmpty {
            let candidates = try await ContractQueries.list(ContractFilter(departmentCode: department, pageSize: 200),
                                                            visibleTo: req.subject, on: req.db)
            previousOptions = candidates.contracts.filter { $0.id != contract?.id }.map {
                SelectOption(value: $0.id!.uuidString, label: "\($0.name) (génération \($0.generation))",
                       selected: $0.id?.uuidString == values.previousContractId)
            }
        }
        let id = contract?.id?.uuidString
        return FormContent(
            action: id.map { "/contrats/\($0)/modifier" } ?? "/contrats",
            isNew: contract == nil, contractId: id, values: values, errors: errors.messages,
            regionOptions: Options.regions(selected: values.regionCode),
            departmentOptions: Options.departments(selected: values.departmentCode),
            initiativeOptions: Options.initiatives(selected: values.initiative),
            schemeOptions: Options.linkedSchemes(selected: values.linkedSchemes ?? []),
            previousOptions: previousOptions,
            breadcrumb: [Breadcrumb(label: "Contrats", href: "/contrats")]
                + (contract.map { [Breadcrumb(label: $0.name, href: "/contrats/\($0.id!.uuidString)")] } ?? []))
    }

    func newForm(req: Request) async throws -> Response {
        try req.require(.useWorkspace)
        guard req.subject.isAdmin || req.subject.isARS else { throw WebError.forbidden }
        let regions = req.subject.arsRegions.union(req.subject.arsDepartments.compactMap { AdministrativeAreas.department($0)?.regionCode })
        let departments = req.subject.arsDepartments
        let values = ContractForm(regionCode: regions.count == 1 ? regions.first : nil,
                                  departmentCode: departments.count == 1 ? departments.first : nil)
        return try await req.renderPage("contracts/form", title: "Nouveau contrat",
                                        try await formContent(req: req, values: values, errors: FormErrors(), contract: nil))
    }

    func create(req: Request) async throws -> Response {
        try req.require(.useWorkspace)
        // As for the form: only those who may create a contract somewhere get their form checked.
        guard req.subject.isAdmin || req.subject.isARS else { throw WebError.forbidden }
        let form = try req.content.decode(ContractForm.self)
        switch ContractDraft.validate(form.input) {
        case .failure(let errors):
            return try await req.renderPage("contracts/form", title: "Nouveau contrat",
                                            try await formContent(req: req, values: form, errors: errors, contract: nil),
                                            status: .unprocessableEntity, extraFlashes: [Flash(kind: .error, text: errors.summary)])
        case .success(let draft):
            try req.require(.createContract(regionCode: draft.regionCode, departmentCode: draft.departmentCode))
            let contract = Contract(name: draft.name, regionCode: draft.regionCode, departmentCode: draft.departmentCode)
            try await apply(draft, to: contract, req: req)
            try await req.mutations.create(contract, permission: .createContract(regionCode: draft.regionCode, departmentCode: draft.departmentCode))
            req.flash(.success, "Contrat créé.")
            return req.redirect(to: "/contrats/\(try contract.requireID().uuidString)")
        }
    }

    func editForm(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.editContract)
        return try await req.renderPage("contracts/form", title: "Modifier « \(contract.name) »",
                                        try await formContent(req: req, values: ContractForm(contract), errors: FormErrors(), contract: contract))
    }

    func update(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.editContract)
        let form = try req.content.decode(ContractForm.self)
        switch ContractDraft.validate(form.input) {
        case .failure(let errors):
            return try await req.renderPage("contracts/form", title: "Modifier « \(contract.name) »",
                                            try await formContent(req: req, values: form, errors: errors, contract: contract),
                                            status: .unprocessableEntity, extraFlashes: [Flash(kind: .error, text: errors.summary)])
        case .success(let draft):
            // Moving a contract to another territory needs the right to steer contracts there too.
            if draft.regionCode != contract.regionCode || draft.departmentCode != contract.departmentCode {
                try req.require(.createContract(regionCode: draft.regionCode, departmentCode: draft.departmentCode))
            }
            let previous = try await previousContract(draft.previousContractId, for: contract, req: req)
            let changed = try await req.mutations.update(contract, permission: .editContract(contract.accessScope)) { contract in
                Self.assign(draft, previous: previous, to: contract)
            }
            req.flash(changed ? .success : .info, changed ? "Contrat enregistré." : "Aucune modification à enregistrer.")
            return req.redirect(to: "/contrats/\(try contract.requireID().uuidString)")
        }
    }

    func apply(_ draft: ContractDraft, to contract: Contract, req: Request) async throws {
        Self.assign(draft, previous: try await previousContract(draft.previousContractId, for: contract, req: req), to: contract)
    }

    /// The earlier generation, which must exist and be visible to the subject.
    func previousContract(_ id: String?, for contract: Contract, req: Request) async throws -> UUID? {
        guard let id else { return nil }
        guard let uuid = UUID(uuidString: id), uuid != contract.id, let previous = try await Contract.find(uuid, on: req.db),
              AccessPolicy.allows(req.subject, .viewContract(previous.accessScope)) else {
            throw WebError.invalid("Le contrat précédent choisi est introuvable. Choisissez-le dans la liste proposée.")
        }
        return uuid
    }

    static func assign(_ draft: ContractDraft, previous: UUID?, to contract: Contract) {
        contract.name = draft.name
        contract.generation = draft.generation
        contract.$previousContract.id = previous
        contract.regionCode = draft.regionCode
        contract.departmentCode = draft.departmentCode
        contract.territoryLabel = draft.territoryLabel
        contract.initiative = draft.initiative?.rawValue
        contract.isARSPriority = draft.isARSPriority
        contract.summary = draft.summary
        contract.prsReferences = draft.prsReferences
        contract.linkedSchemes = draft.linkedSchemes
        contract.firstContactOn = draft.firstContactOn?.iso
        contract.diagnosticOn = draft.diagnosticOn?.iso
        contract.signedOn = draft.signedOn?.iso
        contract.startsOn = draft.startsOn?.iso
        contract.endsOn = draft.endsOn?.iso
        contract.durationYears = draft.durationYears
        contract.isConfidential = draft.isConfidential
        contract.isPublished = draft.isPublished
    }

    // MARK: - Contract page

    struct ShowContent: Encodable {
        let contract: ContractDetailView
        let tabs: [TabLink]
        let timeline: [StateStepView]
        let signatories: [SignatoryView]
        let partners: [PartnerView]
        let transitionOptions: [SelectOption]
        let organisationOptions: OptionList
        let previous: Link?
        let successors: [Link]
        let today: String
        let canEdit: Bool
        let canChangeState: Bool
        let breadcrumb: [Breadcrumb]
        let perimeter: [TerritoryController.Figure]
        let alerts: [AlertView]

        struct Link: Encodable { let href: String; let label: String }
    }

    /// What the current perimeter covers, in a few figures (the perimeter tab has the detail and the map).
    func perimeterFigures(contractId: UUID, req: Request) async throws -> [TerritoryController.Figure] {
        guard let current = try await Perimeters.current(contractId: contractId, on: req.db) else { return [] }
        let coverage = try await Perimeters.coverage(of: current, on: req.db)
        let focus = coverage.qpvs.filter(\.isFocus).count
        var figures = [TerritoryController.Figure(label: "Périmètre", value: current.label),
                       .init(label: "Communes", value: FrenchFormat.integer(coverage.communes.count)),
                       .init(label: "Population municipale", value: FrenchFormat.integer(coverage.population)),
                       .init(label: "Quartiers prioritaires", value: focus > 0 ? "\(FrenchFormat.integer(coverage.qpvs.count)) dont \(FrenchFormat.integer(focus)) ciblés" : FrenchFormat.integer(coverage.qpvs.count))]
        let incomes = try await TerritoryFigures.incomes(communeCodes: coverage.communes.map(\.code), on: req.db)
        if let median = incomes.medianIncome {
            figures.append(.init(label: "Revenu médian par unité de consommation", value: FrenchFormat.euros(median.rounded())))
        }
        if let poverty = incomes.meanIRISPovertyRate {
            figures.append(.init(label: "Taux de pauvreté moyen des IRIS", value: FrenchFormat.percent(poverty)))
        }
        return figures
    }

    func show(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.viewContract)
        let id = try contract.requireID()
        let scope = contract.accessScope
        let canEdit = AccessPolicy.allows(req.subject, .editContract(scope))
        let canChangeState = AccessPolicy.allows(req.subject, .changeContractState(scope))

        async let steps = ContractStateChange.query(on: req.db).filter(\.$contract.$id == id).sort(\.$createdAt).all()
        async let signatories = Signatory.query(on: req.db).filter(\.$contract.$id == id).with(\.$organisation).all()
        async let partners = Partner.query(on: req.db).filter(\.$contract.$id == id).with(\.$organisation).all()
        async let successors = Contract.query(on: req.db).filter(\.$previousContract.$id == id).all()
        let previous = try await contract.$previousContract.get(on: req.db)

        let targets = canChangeState ? try await ContractTransitions.allowedTargets(of: contract, on: req.db) : []
        var organisationOptions: [SelectOption] = []
        if canEdit {
            organisationOptions = try await OrganisationChoice.forContract(regionCode: contract.regionCode, on: req.db)
                .map { SelectOption(value: $0.id.uuidString, label: "\($0.name) (\($0.kind.label))") }
        }
        let content = ShowContent(
            contract: ContractDetailView(contract),
            tabs: ContractTab.links(for: id, current: .overview),
            timeline: try await steps.map(StateStepView.init).reversed(),
            signatories: try await signatories.map(SignatoryView.init),
            partners: try await partners.map(PartnerView.init),
            transitionOptions: targets.map { SelectOption(value: $0.rawValue, label: $0.label) },
            organisationOptions: OptionList(organisationOptions),
            previous: previous.flatMap { previous in
                AccessPolicy.allows(req.subject, .viewContract(previous.accessScope))
                    ? ShowContent.Link(href: "/contrats/\(previous.id!.uuidString)", label: previous.name) : nil
            },
            successors: try await successors.filter { AccessPolicy.allows(req.subject, .viewContract($0.accessScope)) }
                .map { ShowContent.Link(href: "/contrats/\($0.id!.uuidString)", label: $0.name) },
            today: req.today.iso,
            canEdit: canEdit, canChangeState: canChangeState,
            breadcrumb: [Breadcrumb(label: "Contrats", href: "/contrats")],
            perimeter: try await perimeterFigures(contractId: id, req: req),
            alerts: try await AlertFactsLoader.facts(for: [contract], today: req.today, on: req.db)[id]
                .map { GovernanceAlertRules.alerts($0, today: req.today).map(AlertView.init) } ?? [])
        return try await req.renderPage("contracts/show", title: contract.name, content)
    }

    struct TransitionForm: Content {
        var toState: String
        var effectiveOn: String?
        var comment: String?
    }

    func transition(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.changeContractState)
        let form = try req.content.decode(TransitionForm.self)
        let page = "/contrats/\(try contract.requireID().uuidString)"
        guard let target = ContractState(rawValue: form.toState) else {
            req.flash(.error, "État inconnu : « \(form.toState) ». Choisissez le nouvel état dans la liste.")
            return req.redirect(to: page)
        }
        let effectiveOn: CalendarDay
        do {
            effectiveOn = try req.day(form.effectiveOn, label: "date d'effet") ?? req.today
        } catch let error as WebError {
            req.flash(.error, error.message)
            return req.redirect(to: page)
        }
        do {
            try await ContractTransitions.transition(contract, to: target, effectiveOn: effectiveOn,
                                                     comment: (form.comment ?? "").trimmingCharacters(in: .whitespacesAndNewlines),
                                                     using: req.mutations)
            req.flash(.success, "État du contrat modifié.")
        } catch let failure as ContractTransitions.Failure {
            req.flash(.error, failure.message)
        }
        return req.redirect(to: page)
    }

    // MARK: - History and upcoming tabs

    struct HistoryContent: Encodable {
        let contract: ContractSummaryView
        /// The object whose history this is, when it is not the whole contract.
        var subject: String? = nil
        let tabs: [TabLink]
        let entries: [AuditEntryView]
        let breadcrumb: [Breadcrumb]
        let truncated: Bool
    }

    static let historyLimit = 500

    func history(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.viewContract)
        let id = try contract.requireID()
        let entries = try await AuditEntry.query(on: req.db)
            .filter(\.$contractId == id)
            .sort(\.$occurredAt, .descending)
            .limit(Self.historyLimit + 1)
            .all()
        return try await req.renderPage("contracts/history", title: "Historique – \(contract.name)", HistoryContent(
            contract: ContractSummaryView(contract), tabs: ContractTab.links(for: id, current: .history),
            entries: entries.prefix(Self.historyLimit).map(AuditEntryView.init),
            breadcrumb: [Breadcrumb(label: "Contrats", href: "/contrats"),
                         Breadcrumb(label: contract.name, href: "/contrats/\(id.uuidString)")],
            truncated: entries.count > Self.historyLimit))
    }

    struct UpcomingContent: Encodable {
        let contract: ContractSummaryView
        let tabs: [TabLink]
        let heading: String
        let explanation: String
        let breadcrumb: [Breadcrumb]
    }

    func upcomingTab(_ req: Request, _ tab: ContractTab) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.viewContract)
        let id = try contract.requireID()
        return try await req.renderPage("contracts/upcoming", title: "\(tab.label) – \(contract.name)", UpcomingContent(
            contract: ContractSummaryView(contract), tabs: ContractTab.links(for: id, current: tab),
            heading: tab.label, explanation: tab.emptyStateText,
            breadcrumb: [Breadcrumb(label: "Contrats", href: "/contrats"),
                         Breadcrumb(label: contract.name, href: "/contrats/\(id.uuidString)")]))
    }
}

extension String {
    func ifEmpty(_ replacement: String) -> String { isEmpty ? replacement : self }
}
