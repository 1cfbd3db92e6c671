import CLSCore
import CLSStore
import Fluent
import Vapor

/// The perimeter of a contract: what it covers now, its history, and the form to change it.
struct PerimeterController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.contract(.key, .perimeter), use: show)
        routes.post(.contract(.key, .perimeter), use: update)
    }

    struct CommuneView: Encodable { let code: String; let name: String; let population: String; let note: String }
    struct QPVView: Encodable { let code: String; let name: String; let isFocus: Bool }
    struct HistoryView: Encodable { let label: String; let from: String; let to: String; let communeCount: Int }

    struct PerimeterContent: Encodable, BreadcrumbProviding {
        let contract: ContractSummaryView
        let tabs: [TabLink]
        let breadcrumb: [Breadcrumb]
        let hasPerimeter: Bool
        let label: String
        let kind: String
        let since: String
        let population: String
        let communes: [CommuneView]
        let qpvs: [QPVView]
        let history: [HistoryView]
        let canEdit: Bool
        let hasReference: Bool
        let today: String
        let values: Values
        let figures: [Figure]
        let maps: [TerritoryMapView]
        struct Values: Encodable { let epciSiren: String; let communeCodes: String; let focusQPVCodes: String }
    }

    func show(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.viewContract)
        return try await render(req, contract: contract)
    }

    func render(_ req: Request, contract: Contract, values: PerimeterContent.Values? = nil, status: HTTPResponseStatus = .ok,
                error: String? = nil) async throws -> Response {
        let id = try contract.requireID()
        let current = try await Perimeters.current(contractId: id, on: req.db)
        var coverage: Perimeters.Coverage?
        if let current { coverage = try await Perimeters.coverage(of: current, on: req.db) }
        let history = try await Perimeters.history(contractId: id, on: req.db)
        var figures: [Figure] = []
        var maps: [TerritoryMapView] = []
        if let coverage, !coverage.communes.isEmpty {
            let codes = coverage.communes.map(\.code)
            figures = try await TerritoryParts.incomeFigures(codes, req.pageContext)
            // The perimeter outlined among the communes of its departments.
            let departments = Array(Set(try await Commune.query(on: req.db).filter(\.$id ~~ codes).all().map(\.departmentCode)))
            let neighbours = try await Commune.query(on: req.db).filter(\.$departmentCode ~~ departments).filter(\.$kind == "COM").all().compactMap(\.id)
            if let map = try await TerritoryParts.communeMap(title: "Périmètre du contrat parmi les communes de son département", communeCodes: neighbours,
                                                                  highlighted: Set(codes), highlightLegend: "Commune du périmètre", req.pageContext) {
                maps.append(map)
            } else if let map = try await TerritoryParts.locatorMap(title: "Départements du périmètre", regionCode: contract.regionCode,
                                                                         highlighted: Set(departments), req.pageContext) {
                maps.append(map)
            }
        }
        let content = PerimeterContent(
            contract: ContractSummaryView(contract), tabs: ContractTab.links(for: id, current: .overview),
            breadcrumb: [Breadcrumb(label: "Contrats", href: "/contrats"), Breadcrumb(label: contract.name, href: "/contrats/\(id.uuidString)")],
            hasPerimeter: current != nil, label: current?.label ?? "",
            kind: current?.kind == ContractPerimeter.Kind.epci.rawValue ? "Intercommunalité (EPCI)" : "Liste de communes",
            since: CodeLabels.day(current?.validFrom),
            population: coverage.map { FrenchFormat.integer($0.population) } ?? "—",
            communes: coverage?.communes.map { CommuneView(code: $0.code, name: $0.name, population: $0.population.map(FrenchFormat.integer) ?? "—", note: $0.becameNote ?? "") } ?? [],
            qpvs: coverage?.qpvs.map { QPVView(code: $0.code, name: $0.name, isFocus: $0.isFocus) } ?? [],
            history: history.map { HistoryView(label: $0.label, from: CodeLabels.day($0.validFrom), to: $0.validTo.map { CodeLabels.day($0) } ?? "en cours",
                                               communeCount: $0.communes.count) },
            canEdit: AccessPolicy.allows(req.subject, .editContract(contract.accessScope)),
            hasReference: try await Commune.query(on: req.db).count() > 0,
            today: req.today.iso,
            values: values ?? .init(epciSiren: current?.epciSiren ?? "", communeCodes: current?.kind == ContractPerimeter.Kind.communes.rawValue ? current?.communeCodes ?? "" : "",
                                    focusQPVCodes: current?.focusQPVCodes ?? ""),
            figures: figures, maps: maps)
        return try await req.renderPage("contracts/perimeter", title: "Périmètre – \(contract.name)", content, status: status,
                                        extraFlashes: error.map { [Flash(kind: .error, text: $0)] } ?? [])
    }

    struct PerimeterForm: Content {
        var epciSiren: String?
        var communeCodes: String?
        var focusQPVCodes: String?
        var validFrom: String?
    }

    func update(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.editContract)
        let form = try req.content.decode(PerimeterForm.self)
        func list(_ text: String?) -> [String] {
            (text ?? "").split(whereSeparator: { $0 == "," || $0 == ";" || $0.isWhitespace }).map(String.init)
        }
        let values = PerimeterContent.Values(epciSiren: form.epciSiren ?? "", communeCodes: form.communeCodes ?? "", focusQPVCodes: form.focusQPVCodes ?? "")
        do {
            let validFrom = try req.day(form.validFrom, label: "date d'effet") ?? req.today
            try await Perimeters.set(contract: contract, epciSiren: form.epciSiren, communeCodes: list(form.communeCodes),
                                     focusQPVCodes: list(form.focusQPVCodes), validFrom: validFrom, using: req.mutations)
        } catch let failure as Perimeters.Failure {
            return try await render(req, contract: contract, values: values, status: .unprocessableEntity, error: failure.message)
        } catch let error as WebError {
            return try await render(req, contract: contract, values: values, status: .unprocessableEntity, error: error.message)
        }
        req.flash(.success, "Périmètre enregistré.")
        return req.redirect(to: "/contrats/\(try contract.requireID().uuidString)/perimetre")
    }
}
