import CLSCore
import CLSStore
import Fluent
import Vapor

/// Pages of the territorial reference: a department with its EPCI, an EPCI with its communes,
/// a commune with its EPCI and QPV — each with its figures, a map when contours are loaded, and
/// the contracts whose current perimeter covers it.
struct TerritoryController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.department(.key), use: department)
        routes.get(.epci(.key), use: epci)
        routes.get(.commune(.key), use: commune)
    }

    struct Line: Encodable { let href: String?; let label: String; let detail: String }
    struct Figure: Encodable { let label: String; let value: String }

    struct TerritoryContent: Encodable {
        let kind: String
        let title: String
        let figures: [Figure]
        let parents: [Line]
        let childrenTitle: String
        let children: [Line]
        let qpvs: [Line]
        let contracts: [Line]
        let maps: [TerritoryMapView]
        let indicatorsTitle: String
        let indicators: [Figure]
        let mapHint: String
        let breadcrumb: [Breadcrumb]
    }

    static let mapHint = "Les cartes apparaissent une fois les contours importés (Administration › Référentiel)."

    /// Visible contracts whose current perimeter includes one of `communeCodes`.
    static func contracts(covering communeCodes: [String], req: Request) async throws -> [Line] {
        guard !communeCodes.isEmpty else { return [] }
        return try await Perimeters.contractsCovering(communeCodes: communeCodes, on: req.db)
            .filter { AccessPolicy.allows(req.subject, .viewContract($0.accessScope)) }
            .map { Line(href: "/contrats/\($0.id!.uuidString)", label: $0.name, detail: $0.contractState.label) }
    }

    /// The income and poverty figures of a set of communes, as page figures.
    static func incomeFigures(_ communeCodes: [String], req: Request) async throws -> [Figure] {
        let incomes = try await TerritoryFigures.incomes(communeCodes: communeCodes, on: req.db)
        var figures: [Figure] = []
        if let median = incomes.medianIncome {
            figures.append(Figure(label: "Revenu médian par unité de consommation (Filosofi, pondéré par la population)", value: FrenchFormat.euros(median.rounded())))
        }
        if let minima = incomes.minimaShare {
            figures.append(Figure(label: "Part des minima sociaux dans le revenu", value: FrenchFormat.percent(minima)))
        }
        if incomes.irisCount > 0 {
            figures.append(Figure(label: "IRIS avec des données Filosofi", value: FrenchFormat.integer(incomes.irisCount)))
            if let mean = incomes.meanIRISPovertyRate {
                figures.append(Figure(label: "Taux de pauvreté moyen des IRIS", value: FrenchFormat.percent(mean)))
            }
            if let maximum = incomes.maxIRISPovertyRate {
                figures.append(Figure(label: "Taux de pauvreté de l'IRIS le plus pauvre", value: FrenchFormat.percent(maximum)))
            }
            figures.append(Figure(label: "IRIS dont le taux de pauvreté atteint 30 %", value: FrenchFormat.integer(incomes.poorIRISCount)))
        }
        return figures
    }

    static func euros(_ value: Double) -> String { FrenchFormat.euros(value.rounded()) }

    /// A map of communes coloured by median income, the `highlighted` ones outlined, their QPV drawn over them.
    static func communeMap(title: String, communeCodes: [String], highlighted: Set<String> = [], highlightLegend: String? = nil,
                           req: Request) async throws -> TerritoryMapView? {
        let shapes = try await ShapeQueries.shapes(.commune, codes: communeCodes, on: req.db)
        guard !shapes.isEmpty else { return nil }
        let incomes = try await TerritoryFigures.communeIncomes(communeCodes, on: req.db)
        let qpvs = try await ShapeQueries.qpvShapes(inCommunes: communeCodes, on: req.db)
        let missing = Set(communeCodes).subtracting(shapes.map(\.code)).count
        return TerritoryMapView.make(
            title: title, shapes: shapes, values: incomes, valueLabel: "Revenu médian (€ par UC)", format: { euros($0) },
            highlighted: highlighted, highlightLegend: highlightLegend,
            overlays: qpvs, overlayLegend: "Quartier prioritaire de la politique de la ville",
            href: { "/territoires/communes/\($0)" },
            note: missing > 0 ? "\(FrenchFormat.count(missing, singular: "commune n'a pas", plural: "communes n'ont pas")) de contour importé" : "")
    }

    /// The departments of a region, `highlighted` outlined: where a territory lies when its communes have no contour.
    static func locatorMap(title: String, regionCode: String, highlighted: Set<String>, req: Request) async throws -> TerritoryMapView? {
        let codes = try await DepartmentArea.query(on: req.db).filter(\.$regionCode == regionCode).all().compactMap(\.id)
        let shapes = try await ShapeQueries.shapes(.department, codes: codes, on: req.db)
        guard !shapes.isEmpty else { return nil }
        return TerritoryMapView.make(title: title, shapes: shapes, highlighted: highlighted, highlightLegend: "Territoire de la page",
                                     href: { "/territoires/departements/\($0)" })
    }

    func department(req: Request) async throws -> Response {
        try req.require(.useWorkspace)
        guard let code = req.parameters.get("code"), let detail = try await TerritoryQueries.department(code, on: req.db) else {
            throw WebError.invalidTerritory("département", req.parameters.get("code") ?? "")
        }
        let communes = try await Commune.query(on: req.db).filter(\.$departmentCode == code).filter(\.$kind == "COM").all()
        let communeCodes = communes.compactMap(\.id)
        let sirens = Array(Set(communes.compactMap(\.epciSiren)))
        let epcis = sirens.isEmpty ? [] : try await EPCI.query(on: req.db).filter(\.$id ~~ sirens).sort(\.$name).all()
        var maps: [TerritoryMapView] = []
        if let map = try await Self.communeMap(title: "Communes de \(detail.department.name) selon le revenu médian", communeCodes: communeCodes, req: req) {
            maps.append(map)
        } else if let map = try await Self.locatorMap(title: "\(detail.department.name) dans sa région", regionCode: detail.department.regionCode,
                                                      highlighted: [code], req: req) {
            maps.append(map)
        }
        let indicators = try await TerritoryFigures.indicators(level: "departement", code: code, on: req.db).map { indicator in
            Figure(label: indicator.year.map { "\(indicator.indicatorLabel) (\($0))" } ?? indicator.indicatorLabel,
                   value: indicator.value.map { FrenchFormat.number($0) } ?? "non disponible (secret statistique ou non publié)")
        }
        return try await req.renderPage("territories/show", title: detail.department.name, TerritoryContent(
            kind: "Département", title: "\(detail.department.name) (\(code))",
            figures: [.init(label: "Population municipale", value: FrenchFormat.integer(detail.population)),
                      .init(label: "Communes", value: FrenchFormat.integer(detail.communeCount)),
                      .init(label: "EPCI", value: FrenchFormat.integer(detail.epciCount)),
                      .init(label: "Quartiers prioritaires", value: FrenchFormat.integer(detail.qpvCount))]
                + (try await Self.incomeFigures(communeCodes, req: req)),
            parents: [Line(href: "/territoires/regions/\(detail.department.regionCode)", label: detail.regionName ?? detail.department.regionCode, detail: "Région")],
            childrenTitle: "Intercommunalités (EPCI)",
            children: epcis.map { Line(href: "/territoires/epci/\($0.id ?? "")", label: $0.name, detail: $0.nature) },
            qpvs: [], contracts: try await Self.contracts(covering: communeCodes, req: req),
            maps: maps, indicatorsTitle: "Indicateurs locaux (Statistiques locales INSEE, CartoSanté)", indicators: indicators,
            mapHint: maps.isEmpty ? Self.mapHint : "",
            breadcrumb: [Breadcrumb(label: "Territoires", href: "/territoires")]))
    }

    func epci(req: Request) async throws -> Response {
        try req.require(.useWorkspace)
        guard let siren = req.parameters.get("siren"), let detail = try await TerritoryQueries.epci(siren, on: req.db) else {
            throw WebError.invalidTerritory("EPCI", req.parameters.get("siren") ?? "")
        }
        let members = try await Commune.query(on: req.db).filter(\.$epciSiren == siren).all()
        let departments = Set(members.map(\.departmentCode)).sorted()
        let codes = detail.communes.map(\.code)
        var maps: [TerritoryMapView] = []
        if let map = try await Self.communeMap(title: "Communes de \(detail.epci.name) selon le revenu médian", communeCodes: codes, req: req) {
            maps.append(map)
        } else if let region = members.first?.regionCode,
                  let map = try await Self.locatorMap(title: "Départements de \(detail.epci.name)", regionCode: region, highlighted: Set(departments), req: req) {
            maps.append(map)
        }
        return try await req.renderPage("territories/show", title: detail.epci.name, TerritoryContent(
            kind: "Intercommunalité (\(detail.epci.nature))", title: detail.epci.name,
            figures: [.init(label: "SIREN", value: siren),
                      .init(label: "Population municipale", value: FrenchFormat.integer(detail.population)),
                      .init(label: "Communes membres", value: FrenchFormat.integer(detail.communes.count))]
                + (try await Self.incomeFigures(codes, req: req)),
            parents: departments.map { Line(href: "/territoires/departements/\($0)", label: AdministrativeAreas.department($0)?.name ?? $0, detail: "Département") },
            childrenTitle: "Communes membres",
            children: detail.communes.map { Line(href: "/territoires/communes/\($0.code)", label: $0.name,
                                                 detail: $0.population.map { "\(FrenchFormat.integer($0)) hab." } ?? "") },
            qpvs: [], contracts: try await Self.contracts(covering: codes, req: req),
            maps: maps, indicatorsTitle: "", indicators: [], mapHint: maps.isEmpty ? Self.mapHint : "",
            breadcrumb: [Breadcrumb(label: "Territoires", href: "/territoires")]))
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
        // The commune's contour with its QPV drawn over it (no colour scale: a location map).
        var maps: [TerritoryMapView] = []
        let shapes = try await ShapeQueries.shapes(.commune, codes: [code], on: req.db)
        let qpvShapes = try await ShapeQueries.qpvShapes(inCommunes: [code], on: req.db)
        if !shapes.isEmpty || !qpvShapes.isEmpty {
            maps.append(TerritoryMapView.make(title: "\(commune.name) et ses quartiers prioritaires", shapes: shapes,
                                              overlays: qpvShapes, overlayLegend: "Quartier prioritaire de la politique de la ville",
                                              note: qpvShapes.isEmpty ? "Aucun contour de QPV importé pour cette commune" : ""))
        }
        return try await req.renderPage("territories/show", title: commune.name, TerritoryContent(
            kind: commune.kind == "ARM" ? "Arrondissement municipal" : "Commune", title: "\(commune.name) (\(code))",
            figures: [.init(label: "Population municipale", value: commune.population.map(FrenchFormat.integer) ?? "—"),
                      .init(label: "Millésime", value: commune.vintage)]
                + (try await Self.incomeFigures([code], req: req)),
            parents: parents,
            childrenTitle: arrondissements.isEmpty ? "" : "Arrondissements",
            children: arrondissements.map { Line(href: "/territoires/communes/\($0.id ?? "")", label: $0.name,
                                                 detail: $0.population.map { "\(FrenchFormat.integer($0)) hab." } ?? "") },
            qpvs: detail.qpvs.map { Line(href: nil, label: $0.name, detail: $0.id ?? "") },
            contracts: try await Self.contracts(covering: [code] + (commune.parentCode.map { [$0] } ?? []), req: req),
            maps: maps, indicatorsTitle: "", indicators: [], mapHint: maps.isEmpty ? Self.mapHint : "",
            breadcrumb: [Breadcrumb(label: "Territoires", href: "/territoires")]))
    }
}
