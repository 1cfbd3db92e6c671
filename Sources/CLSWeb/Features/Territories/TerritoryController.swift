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

    struct TerritoryContent: Encodable, BreadcrumbProviding {
        let kind: String
        let title: String
        let figures: [Figure]
        let parents: [LinkLine]
        let childrenTitle: String
        let children: [LinkLine]
        let qpvs: [LinkLine]
        let contracts: [LinkLine]
        let maps: [TerritoryMapView]
        let indicatorsTitle: String
        let indicators: [Figure]
        let mapHint: String
        let breadcrumb: [Breadcrumb]
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
        if let map = try await TerritoryParts.communeMap(title: "Communes de \(detail.department.name) selon le revenu médian", communeCodes: communeCodes, req.pageContext) {
            maps.append(map)
        } else if let map = try await TerritoryParts.locatorMap(title: "\(detail.department.name) dans sa région", regionCode: detail.department.regionCode,
                                                      highlighted: [code], req.pageContext) {
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
                + (try await TerritoryParts.incomeFigures(communeCodes, req.pageContext)),
            parents: [LinkLine(href: "/territoires/regions/\(detail.department.regionCode)", label: detail.regionName ?? detail.department.regionCode, detail: "Région")],
            childrenTitle: "Intercommunalités (EPCI)",
            children: epcis.map { LinkLine(href: "/territoires/epci/\($0.id ?? "")", label: $0.name, detail: $0.nature) },
            qpvs: [], contracts: try await TerritoryParts.contracts(covering: communeCodes, req.pageContext),
            maps: maps, indicatorsTitle: "Indicateurs locaux (Statistiques locales INSEE, CartoSanté)", indicators: indicators,
            mapHint: maps.isEmpty ? TerritoryParts.mapHint : "",
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
        if let map = try await TerritoryParts.communeMap(title: "Communes de \(detail.epci.name) selon le revenu médian", communeCodes: codes, req.pageContext) {
            maps.append(map)
        } else if let region = members.first?.regionCode,
                  let map = try await TerritoryParts.locatorMap(title: "Départements de \(detail.epci.name)", regionCode: region, highlighted: Set(departments), req.pageContext) {
            maps.append(map)
        }
        return try await req.renderPage("territories/show", title: detail.epci.name, TerritoryContent(
            kind: "Intercommunalité (\(detail.epci.nature))", title: detail.epci.name,
            figures: [.init(label: "SIREN", value: siren),
                      .init(label: "Population municipale", value: FrenchFormat.integer(detail.population)),
                      .init(label: "Communes membres", value: FrenchFormat.integer(detail.communes.count))]
                + (try await TerritoryParts.incomeFigures(codes, req.pageContext)),
            parents: departments.map { LinkLine(href: "/territoires/departements/\($0)", label: AdministrativeAreas.department($0)?.name ?? $0, detail: "Département") },
            childrenTitle: "Communes membres",
            children: detail.communes.map { LinkLine(href: "/territoires/communes/\($0.code)", label: $0.name,
                                                 detail: $0.population.map { "\(FrenchFormat.integer($0)) hab." } ?? "") },
            qpvs: [], contracts: try await TerritoryParts.contracts(covering: codes, req.pageContext),
            maps: maps, indicatorsTitle: "", indicators: [], mapHint: maps.isEmpty ? TerritoryParts.mapHint : "",
            breadcrumb: [Breadcrumb(label: "Territoires", href: "/territoires")]))
    }

    func commune(req: Request) async throws -> Response {
        try req.require(.useWorkspace)
        guard let code = req.parameters.get("code"), let detail = try await TerritoryQueries.commune(code, on: req.db) else {
            throw WebError.invalidTerritory("commune", req.parameters.get("code") ?? "")
        }
        let commune = detail.commune
        var parents = [LinkLine(href: "/territoires/departements/\(commune.departmentCode)",
                            label: AdministrativeAreas.department(commune.departmentCode)?.name ?? commune.departmentCode, detail: "Département")]
        if let epci = detail.epci { parents.append(LinkLine(href: "/territoires/epci/\(epci.id ?? "")", label: epci.name, detail: "EPCI")) }
        if let parent = commune.parentCode { parents.append(LinkLine(href: "/territoires/communes/\(parent)", label: parent, detail: "Commune")) }
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
                + (try await TerritoryParts.incomeFigures([code], req.pageContext)),
            parents: parents,
            childrenTitle: arrondissements.isEmpty ? "" : "Arrondissements",
            children: arrondissements.map { LinkLine(href: "/territoires/communes/\($0.id ?? "")", label: $0.name,
                                                 detail: $0.population.map { "\(FrenchFormat.integer($0)) hab." } ?? "") },
            qpvs: detail.qpvs.map { LinkLine(href: nil, label: $0.name, detail: $0.id ?? "") },
            contracts: try await TerritoryParts.contracts(covering: [code] + (commune.parentCode.map { [$0] } ?? []), req.pageContext),
            maps: maps, indicatorsTitle: "", indicators: [], mapHint: maps.isEmpty ? TerritoryParts.mapHint : "",
            breadcrumb: [Breadcrumb(label: "Territoires", href: "/territoires")]))
    }
}
