import CLSCore
import CLSStore
import Fluent
import Vapor

/// France and its regions: a map of the departments coloured by a figure the user chooses (legal
/// population or any imported departmental indicator), with the table of the same figures.
struct TerritoryOverviewPage: Encodable, BreadcrumbProviding {
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


    static let populationKey = "population"

    /// The figure chosen for the map: its label and its value for each department.
    static func mapValues(_ key: String?, _ context: PageContext) async throws -> (key: String, label: String, values: [String: Double], options: [SelectOption]) {
        let indicators = try await IndicatorImporter.indicators(level: "departement", on: context.db)
        let chosen = indicators.first { $0.key == key }
        var options = [SelectOption(value: TerritoryOverviewPage.populationKey, label: "Population municipale (populations légales)", selected: chosen == nil)]
        options += indicators.map { indicator in
            SelectOption(value: indicator.key, label: indicator.year.map { "\(indicator.label) (\($0))" } ?? indicator.label,
                         selected: indicator.key == chosen?.key)
        }
        if let chosen {
            let values = try await TerritoryFigures.indicatorValues(level: "departement", key: chosen.key, on: context.db)
            return (chosen.key, chosen.year.map { "\(chosen.label) (\($0))" } ?? chosen.label, values, options)
        }
        let populations = try await TerritoryFigures.departmentPopulations(on: context.db).mapValues(Double.init)
        return (TerritoryOverviewPage.populationKey, "Population municipale", populations, options)
    }

    static func departmentsMap(title: String, departments: [DepartmentArea], chosen: (key: String, label: String, values: [String: Double], options: [SelectOption]),
                        _ context: PageContext) async throws -> TerritoryMapView? {
        let codes = departments.compactMap(\.id)
        let shapes = try await ShapeQueries.shapes(.department, codes: codes, on: context.db)
        guard !shapes.isEmpty else { return nil }
        let drawn = Set(shapes.map(\.code))
        let isPopulation = chosen.key == TerritoryOverviewPage.populationKey
        return TerritoryMapView.make(
            title: "\(title) : \(chosen.label.lowercased())", shapes: shapes, values: chosen.values, valueLabel: chosen.label,
            format: { isPopulation ? FrenchFormat.integer(Int($0)) : FrenchFormat.number($0) },
            href: { SitePath.department($0).href },
            note: departments.contains { !drawn.contains($0.id ?? "") } ? "Les départements sans contour importé sont listés dans le tableau" : "",
            unmapped: departments.filter { !drawn.contains($0.id ?? "") }.map { (code: $0.id ?? "", name: $0.name) })
    }

    static func france(indicator: String?, _ context: PageContext) async throws -> (title: String, page: TerritoryOverviewPage) {
        let chosen = try await mapValues(indicator, context)
        let departments = try await DepartmentArea.query(on: context.db).sort(\.$id).all()
        let regions = try await RegionArea.query(on: context.db).sort(\.$name).all()
        let regionLinks = regions.isEmpty
            ? AdministrativeAreas.regions.map { LinkLine(href: SitePath.region($0.code).href, label: $0.name, detail: $0.code) }
            : regions.map { LinkLine(href: SitePath.region($0.id ?? "").href, label: $0.name, detail: $0.id ?? "") }
        let map = try await departmentsMap(title: "Départements", departments: departments, chosen: chosen, context)
        let populations = try await TerritoryFigures.departmentPopulations(on: context.db)
        return ("Territoires", TerritoryOverviewPage(
            title: "Territoires", kind: "France",
            figures: [.init(label: "Régions", value: FrenchFormat.integer(regionLinks.count)),
                      .init(label: "Départements", value: FrenchFormat.integer(departments.count)),
                      .init(label: "Population municipale", value: FrenchFormat.integer(populations.values.reduce(0, +)))],
            indicatorOptions: chosen.options, action: SitePath.territories.href, maps: map.map { [$0] } ?? [],
            mapHint: map == nil ? TerritoryParts.mapHint : "",
            links: regionLinks, linksTitle: "Régions", contracts: [], showContracts: false, prioritiesHref: nil,
            breadcrumb: []))
    }

    /// Nil for an unknown region.
    static func region(_ code: String, indicator: String?, _ context: PageContext) async throws -> (title: String, page: TerritoryOverviewPage)? {
        guard let name = try await RegionArea.find(code, on: context.db)?.name ?? AdministrativeAreas.region(code)?.name else { return nil }
        let chosen = try await mapValues(indicator, context)
        let departments = try await DepartmentArea.query(on: context.db).filter(\.$regionCode == code).sort(\.$id).all()
        let populations = try await TerritoryFigures.departmentPopulations(on: context.db)
        let map = try await departmentsMap(title: "Départements de \(name)", departments: departments, chosen: chosen, context)
        let contracts = try await Contract.query(on: context.db).filter(\.$regionCode == code).sort(\.$name).all()
            .filter { context.allows(.viewContract($0.accessScope)) }
            .map { LinkLine(href: SitePath.contract($0.id ?? UUID()).href, label: $0.name, detail: $0.contractState.label) }
        let population = departments.compactMap { populations[$0.id ?? ""] }.reduce(0, +)
        let figures: [Figure] = [.init(label: "Départements", value: FrenchFormat.integer(departments.count)),
                                                      .init(label: "Population municipale", value: FrenchFormat.integer(population))]
        return (name, TerritoryOverviewPage(
            title: name, kind: "Région", figures: figures,
            indicatorOptions: chosen.options, action: SitePath.region(code).href, maps: map.map { [$0] } ?? [],
            mapHint: map == nil ? TerritoryParts.mapHint : "",
            links: departments.map { LinkLine(href: SitePath.department($0.id ?? "").href, label: $0.name, detail: $0.id ?? "") },
            linksTitle: "Départements", contracts: contracts, showContracts: true,
            prioritiesHref: SitePath.priorities.href(query: [("region", code)]),
            breadcrumb: [Breadcrumb(label: "Territoires", href: SitePath.territories.href)]))
    }
}
