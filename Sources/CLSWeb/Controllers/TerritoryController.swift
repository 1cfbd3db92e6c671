import CLSCore
import CLSStore
import Fluent
import Vapor

/// Pages of the territorial reference: a department with its EPCI, an EPCI with its communes,
/// a commune with its EPCI and QPV — each with the contracts whose current perimeter covers it.
struct TerritoryController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let territories = routes.grouped("territoires")
        territories.get("departements", ":code", use: department)
        territories.get("epci", ":siren", use: epci)
        territories.get("communes", ":code", use: commune)
    }

    struct Line: Encodable { let href: String?; let label: String; let detail: String }

    struct TerritoryContent: Encodable {
        let kind: String
        let title: String
        let figures: [Figure]
        let parents: [Line]
        let childrenTitle: String
        let children: [Line]
        let qpvs: [Line]
        let contracts: [Line]
        let breadcrumb: [Breadcrumb]
        struct Figure: Encodable { let label: String; let value: String }
    }

    /// Visible contracts whose current perimeter includes one of `communeCodes`.
    func contracts(covering communeCodes: [String], req: Request) async throws -> [Line] {
        guard !communeCodes.isEmpty else { return [] }
        let perimeters = try await ContractPerimeter.query(on: req.db).filter(\.$validTo == nil).with(\.$contract).all()
        let wanted = Set(communeCodes)
        return perimeters.filter { !wanted.isDisjoint(with: $0.communes) }
            .map(\.contract)
            .filter { AccessPolicy.allows(req.subject, .viewContract($0.accessScope)) }
            .map { Line(href: "/contrats/\($0.id!.uuidString)", label: $0.name, detail: $0.contractState.label) }
    }

    func department(req: Request) async throws -> Response {
        try req.require(.useWorkspace)
        guard let code = req.parameters.get("code"), let detail = try await TerritoryQueries.department(code, on: req.db) else {
            throw WebError.invalidTerritory("département", req.parameters.get("code") ?? "")
        }
        let epcis = try await EPCI.query(on: req.db)
            .join(Commune.self, on: \Commune.$epciSiren == \EPCI.$id)
            .filter(Commune.self, \.$departmentCode == code).unique().sort(\.$name).all()
        let communeCodes = try await Commune.query(on: req.db).filter(\.$departmentCode == code).filter(\.$kind == "COM").all().compactMap(\.id)
        return try await req.renderPage("territories/show", title: detail.department.name, TerritoryContent(
            kind: "Département", title: "\(detail.department.name) (\(code))",
            figures: [.init(label: "Population municipale", value: FrenchFormat.integer(detail.population)),
                      .init(label: "Communes", value: FrenchFormat.integer(detail.communeCount)),
                      .init(label: "EPCI", value: FrenchFormat.integer(detail.epciCount)),
                      .init(label: "Quartiers prioritaires", value: FrenchFormat.integer(detail.qpvCount))],
            parents: [Line(href: nil, label: detail.regionName ?? detail.department.regionCode, detail: "Région")],
            childrenTitle: "Intercommunalités (EPCI)",
            children: epcis.map { Line(href: "/territoires/epci/\($0.id ?? "")", label: $0.name, detail: $0.nature) },
            qpvs: [], contracts: try await contracts(covering: communeCodes, req: req),
            breadcrumb: [Breadcrumb(label: "Territoires", href: nil)]))
    }

    func epci(req: Request) async throws -> Response {
        try req.require(.useWorkspace)
        guard let siren = req.parameters.get("siren"), let detail = try await TerritoryQueries.epci(siren, on: req.db) else {
            throw WebError.invalidTerritory("EPCI", req.parameters.get("siren") ?? "")
        }
        let departments = Set(try await Commune.query(on: req.db).filter(\.$epciSiren == siren).all().map(\.departmentCode)).sorted()
        return try await req.renderPage("territories/show", title: detail.epci.name, TerritoryContent(
            kind: "Intercommunalité (\(detail.epci.nature))", title: detail.epci.name,
            figures: [.init(label: "SIREN", value: siren),
                      .init(label: "Population municipale", value: FrenchFormat.integer(detail.population)),
                      .init(label: "Communes membres", value: FrenchFormat.integer(detail.communes.count))],
            parents: departments.map { Line(href: "/territoires/departements/\($0)", label: AdministrativeAreas.department($0)?.name ?? $0, detail: "Département") },
            childrenTitle: "Communes membres",
            children: detail.communes.map { Line(href: "/territoires/communes/\($0.code)", label: $0.name,
                                                 detail: $0.population.map { "\(FrenchFormat.integer($0)) hab." } ?? "") },
            qpvs: [], contracts: try await contracts(covering: detail.communes.map(\.code), req: req),
            breadcrumb: [Breadcrumb(label: "Territoires", href: nil)]))
    }

    func commune(req: Request) async throws -> Response {
        try req.require(.useWorkspace)
        guard let code = req.parameters.get("code"), let detail = try await TerritoryQueries.commune(code, on: req.db) else {
            throw WebError.invalidTerritory("commune", req.parameters.get("code") ?? "")
        }
        let commune = detail.commune
        var parents = [Line(href: "/territoires/departements/\(commune.departmentCode)",
                            label: AdministrativeAreas.department(commune.departmentCode)?.name ?? commune.departmentCode, detail: "Département")]
        if let epci = detail.epci { parents.append(Line(href: "/territoires/epci/\(epci.id ?? "")", label: epci.name, detail: "EPCI")) }
        if let parent = commune.parentCode { parents.append(Line(href: "/territoires/communes/\(parent)", label: parent, detail: "Commune")) }
        let arrondissements = try await Commune.query(on: req.db).filter(\.$parentCode == code).sort(\.$id).all()
        return try await req.renderPage("territories/show", title: commune.name, TerritoryContent(
            kind: commune.kind == "ARM" ? "Arrondissement municipal" : "Commune", title: "\(commune.name) (\(code))",
            figures: [.init(label: "Population municipale", value: commune.population.map(FrenchFormat.integer) ?? "—"),
                      .init(label: "Millésime", value: commune.vintage)],
            parents: parents,
            childrenTitle: arrondissements.isEmpty ? "" : "Arrondissements",
            children: arrondissements.map { Line(href: "/territoires/communes/\($0.id ?? "")", label: $0.name,
                                                 detail: $0.population.map { "\(FrenchFormat.integer($0)) hab." } ?? "") },
            qpvs: detail.qpvs.map { Line(href: nil, label: $0.name, detail: $0.id ?? "") },
            contracts: try await contracts(covering: [code] + (commune.parentCode.map { [$0] } ?? []), req: req),
            breadcrumb: [Breadcrumb(label: "Territoires", href: nil)]))
    }
}
