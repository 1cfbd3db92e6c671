import CLSCore
import CLSStore
import Fluent
import Vapor

/// France and its regions: a map of the departments coloured by a figure the user chooses (legal
/// population or any imported departmental indicator), with the table of the same figures.
struct TerritoryOverviewController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.territories, use: france)
        routes.get(.region(.key), use: region)
    }

    struct Query: Content { var indicateur: String? }

    struct OverviewContent: Encodable, BreadcrumbProviding {
        let title: String
        let kind: String
        let figures: [Figure]
        let indicatorOptions: [SelectOption]
        let action: String
        let maps: [TerritoryMapView]
        let mapHint: String
        let links: [LinkLine]
        let linksTitle: String
        let contracts: [LinkLine]
        let showContracts: Bool
        let prioritiesHref: String?
        let breadcrumb: [Breadcrumb]
    }

    static let populationKey = "population"

    /// The figure chosen for the map: its label and its value for each department.
    func mapValues(_ key: String?, req: Request) async throws -> (key: String, label: String, values: [String: Double], options: [SelectOption]) {
        let indicators = try await IndicatorImporter.indicators(level: "departement", on: req.db)
        let chosen = indicators.first { $0.key == key }
        var options = [SelectOption(value: Self.populationKey, label: "Population municipale (populations légales)", selected: chosen == nil)]
        options += indicators.map { indicator in
            SelectOption(value: indicator.key, label: indicator.year.map { "\(indicator.label) (\($0))" } ?? indicator.label,
                         selected: indicator.key == chosen?.key)
        }
        if let chosen {
            let values = try await TerritoryFigures.indicatorValues(level: "departement", key: chosen.key, on: req.db)
            return (chosen.key, chosen.year.map { "\(chosen.label) (\($0))" } ?? chosen.label, values, options)
        }
        let populations = try await TerritoryFigures.departmentPopulations(on: req.db).mapValues(Double.init)
        return (Self.populationKey, "Population municipale", populations, options)
    }

    func departmentsMap(title: String, departments: [DepartmentArea], chosen: (key: String, label: String, values: [String: Double], options: [SelectOption]),
                        req: Request) async throws -> TerritoryMapView? {
        let codes = departments.compactMap(\.id)
        let shapes = try await ShapeQueries.shapes(.department, codes: codes, on: req.db)
        guard !shapes.isEmpty else { return nil }
        let drawn = Set(shapes.map(\.code))
        let isPopulation = chosen.key == Self.populationKey
        return TerritoryMapView.make(
            title: "\(title) : \(chosen.label.lowercased())", shapes: shapes, values: chosen.values, valueLabel: chosen.label,
            format: { isPopulation ? FrenchFormat.integer(Int($0)) : FrenchFormat.number($0) },
            href: { "/territoires/departements/\($0)" },
            note: departments.contains { !drawn.contains($0.id ?? "") } ? "Les départements sans contour importé sont listés dans le tableau" : "",
            unmapped: departments.filter { !drawn.contains($0.id ?? "") }.map { (code: $0.id ?? "", name: $0.name) })
    }

    func france(req: Request) async throws -> Response {
        try req.require(.useWorkspace)
        let query = try req.query.decode(Query.self)
        let chosen = try await mapValues(query.indicateur, req: req)
        let departments = try await DepartmentArea.query(on: req.db).sort(\.$id).all()
        let regions = try await RegionArea.query(on: req.db).sort(\.$name).all()
        let regionLinks = regions.isEmpty
            ? AdministrativeAreas.regions.map { LinkLine(href: "/territoires/regions/\($0.code)", label: $0.name, detail: $0.code) }
            : regions.map { LinkLine(href: "/territoires/regions/\($0.id ?? "")", label: $0.name, detail: $0.id ?? "") }
        let map = try await departmentsMap(title: "Départements", departments: departments, chosen: chosen, req: req)
        let populations = try await TerritoryFigures.departmentPopulations(on: req.db)
        return try await req.renderPage("territories/overview", title: "Territoires", OverviewContent(
            title: "Territoires", kind: "France",
            figures: [.init(label: "Régions", value: FrenchFormat.integer(regionLinks.count)),
                      .init(label: "Départements", value: FrenchFormat.integer(departments.count)),
                      .init(label: "Population municipale", value: FrenchFormat.integer(populations.values.reduce(0, +)))],
            indicatorOptions: chosen.options, action: "/territoires", maps: map.map { [$0] } ?? [],
            mapHint: map == nil ? TerritoryParts.mapHint : "",
            links: regionLinks, linksTitle: "Régions", contracts: [], showContracts: false, prioritiesHref: nil,
            breadcrumb: []))
    }

    func region(req: Request) async throws -> Response {
        try req.require(.useWorkspace)
        guard let code = req.parameters.get("code"),
              let name = try await RegionArea.find(code, on: req.db)?.name ?? AdministrativeAreas.region(code)?.name else {
            throw WebError.invalidTerritory("région", req.parameters.get("code") ?? "")
        }
        let query = try req.query.decode(Query.self)
        let chosen = try await mapValues(query.indicateur, req: req)
        let departments = try await DepartmentArea.query(on: req.db).filter(\.$regionCode == code).sort(\.$id).all()
        let populations = try await TerritoryFigures.departmentPopulations(on: req.db)
        let map = try await departmentsMap(title: "Départements de \(name)", departments: departments, chosen: chosen, req: req)
        let contracts = try await Contract.query(on: req.db).filter(\.$regionCode == code).sort(\.$name).all()
            .filter { AccessPolicy.allows(req.subject, .viewContract($0.accessScope)) }
            .map { LinkLine(href: "/contrats/\($0.id?.uuidString ?? "")", label: $0.name, detail: $0.contractState.label) }
        let population = departments.compactMap { populations[$0.id ?? ""] }.reduce(0, +)
        let figures: [Figure] = [.init(label: "Départements", value: FrenchFormat.integer(departments.count)),
                                                      .init(label: "Population municipale", value: FrenchFormat.integer(population))]
        return try await req.renderPage("territories/overview", title: name, OverviewContent(
            title: name, kind: "Région", figures: figures,
            indicatorOptions: chosen.options, action: "/territoires/regions/\(code)", maps: map.map { [$0] } ?? [],
            mapHint: map == nil ? TerritoryParts.mapHint : "",
            links: departments.map { LinkLine(href: "/territoires/departements/\($0.id ?? "")", label: $0.name, detail: $0.id ?? "") },
            linksTitle: "Départements", contracts: contracts, showContracts: true,
            prioritiesHref: "/territoires/priorites?region=\(code)",
            breadcrumb: [Breadcrumb(label: "Territoires", href: "/territoires")]))
    }
}
