import CLSCore
import CLSStore
import Fluent
import Vapor

/// A page of the territorial reference: a department with its EPCI, an EPCI with its communes, a
/// commune with its EPCI and QPV — each with its figures, a map when contours are loaded, and the
/// contracts whose current perimeter covers it. Each loader answers nil for an unknown code.
struct TerritoryPage: Encodable, BreadcrumbProviding {
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
    /// The diagnosis indicators against the areas above (department, region, France).
    let indicatorTables: [IndicatorTable]
    let mapHint: String
    let breadcrumb: [Breadcrumb]

    static func department(_ code: String, _ context: PageContext) async throws -> (title: String, page: TerritoryPage)? {
        guard let detail = try await TerritoryQueries.department(code, on: context.db) else { return nil }
        let communes = try await Commune.query(on: context.db).filter(\.$departmentCode == code).filter(\.$kind == "COM").all()
        let communeCodes = communes.compactMap(\.id)
        let sirens = Array(Set(communes.compactMap(\.epciSiren)))
        let epcis = sirens.isEmpty ? [] : try await EPCI.query(on: context.db).filter(\.$id ~~ sirens).sort(\.$name).all()
        var maps: [TerritoryMapView] = []
        if let map = try await TerritoryParts.communeMap(title: "Communes de \(detail.department.name) selon le revenu médian", communeCodes: communeCodes, context) {
            maps.append(map)
        } else if let map = try await TerritoryParts.locatorMap(title: "\(detail.department.name) dans sa région", regionCode: detail.department.regionCode,
                                                      highlighted: [code], context) {
            maps.append(map)
        }
        let indicators = try await TerritoryFigures.indicators(level: "departement", code: code, on: context.db).map { indicator in
            Figure(label: indicator.year.map { "\(indicator.indicatorLabel) (\($0))" } ?? indicator.indicatorLabel,
                   value: indicator.value.map { FrenchFormat.number($0) } ?? "non disponible (secret statistique ou non publié)")
        }
        return (detail.department.name, TerritoryPage(
            kind: "Département", title: "\(detail.department.name) (\(code))",
            figures: [.init(label: "Population municipale", value: FrenchFormat.integer(detail.population)),
                      .init(label: "Communes", value: FrenchFormat.integer(detail.communeCount)),
                      .init(label: "EPCI", value: FrenchFormat.integer(detail.epciCount)),
                      .init(label: "Quartiers prioritaires", value: FrenchFormat.integer(detail.qpvCount))]
                + (try await TerritoryParts.incomeFigures(communeCodes, context)),
            parents: [LinkLine(href: SitePath.region(detail.department.regionCode).href, label: detail.regionName ?? detail.department.regionCode, detail: "Région")],
            childrenTitle: "Intercommunalités (EPCI)",
            children: epcis.map { LinkLine(href: SitePath.epci($0.id ?? "").href, label: $0.name, detail: $0.nature) },
            qpvs: [], contracts: try await TerritoryParts.contracts(covering: communeCodes, context),
            maps: maps, indicatorsTitle: "Autres statistiques publiées (Statistiques locales INSEE, CartoSanté), sans comparaison", indicators: indicators,
            indicatorTables: try await Self.indicatorTables(.department, code, context),
            mapHint: maps.isEmpty ? TerritoryParts.mapHint : "",
            breadcrumb: [Breadcrumb(label: "Territoires", href: SitePath.territories.href)]))
    }

    static func epci(_ siren: String, _ context: PageContext) async throws -> (title: String, page: TerritoryPage)? {
        guard let detail = try await TerritoryQueries.epci(siren, on: context.db) else { return nil }
        let members = try await Commune.query(on: context.db).filter(\.$epciSiren == siren).all()
        let departments = Set(members.map(\.departmentCode)).sorted()
        let codes = detail.communes.map(\.code)
        var maps: [TerritoryMapView] = []
        if let map = try await TerritoryParts.communeMap(title: "Communes de \(detail.epci.name) selon le revenu médian", communeCodes: codes, context) {
            maps.append(map)
        } else if let region = members.first?.regionCode,
                  let map = try await TerritoryParts.locatorMap(title: "Départements de \(detail.epci.name)", regionCode: region, highlighted: Set(departments), context) {
            maps.append(map)
        }
        return (detail.epci.name, TerritoryPage(
            kind: "Intercommunalité (\(detail.epci.nature))", title: detail.epci.name,
            figures: [.init(label: "SIREN", value: siren),
                      .init(label: "Population municipale", value: FrenchFormat.integer(detail.population)),
                      .init(label: "Communes membres", value: FrenchFormat.integer(detail.communes.count))]
                + (try await TerritoryParts.incomeFigures(codes, context)),
            parents: departments.map { LinkLine(href: SitePath.department($0).href, label: AdministrativeAreas.department($0)?.name ?? $0, detail: "Département") },
            childrenTitle: "Communes membres",
            children: detail.communes.map { LinkLine(href: SitePath.commune($0.code).href, label: $0.name,
                                                 detail: $0.population.map { "\(FrenchFormat.integer($0)) hab." } ?? "") },
            qpvs: [], contracts: try await TerritoryParts.contracts(covering: codes, context),
            maps: maps, indicatorsTitle: "", indicators: [], indicatorTables: try await Self.indicatorTables(.epci, siren, context),
            mapHint: maps.isEmpty ? TerritoryParts.mapHint : "",
            breadcrumb: [Breadcrumb(label: "Territoires", href: SitePath.territories.href)]))
    }

    /// The territory's diagnosis table against the areas above it (none when nothing is imported).
    static func indicatorTables(_ level: DiagnosticValue.Level, _ code: String, _ context: PageContext) async throws -> [IndicatorTable] {
        guard let diagnosis = try await TerritoryDiagnosis.load(level, code: code, on: context.db), !diagnosis.lines.isEmpty else { return [] }
        let figures = diagnosis.lines.flatMap(\.benchmarks).map(\.figure)
        let benchmarks: [(level: DiagnosticValue.Level, heading: String)] = [DiagnosticValue.Level.department, .region, .france].compactMap { level in
            figures.first { $0.level == level }.map { (level, $0.areaName) }
        }
        let names = benchmarks.map(\.heading)
        let intro = names.isEmpty ? "" : "Comparés à " + (names.count == 1 ? names[0] : names.dropLast().joined(separator: ", ") + " et " + names[names.count - 1]) + "."
        return [IndicatorTable(id: "indicateurs-territoire", title: diagnosis.area.name, intro: intro, diagnosis: diagnosis, benchmarks: benchmarks)]
    }

    static func commune(_ code: String, _ context: PageContext) async throws -> (title: String, page: TerritoryPage)? {
        guard let detail = try await TerritoryQueries.commune(code, on: context.db) else { return nil }
        let commune = detail.commune
        var parents = [LinkLine(href: SitePath.department(commune.departmentCode).href,
                            label: AdministrativeAreas.department(commune.departmentCode)?.name ?? commune.departmentCode, detail: "Département")]
        if let epci = detail.epci { parents.append(LinkLine(href: SitePath.epci(epci.id ?? "").href, label: epci.name, detail: "EPCI")) }
        if let parent = commune.parentCode { parents.append(LinkLine(href: SitePath.commune(parent).href, label: parent, detail: "Commune")) }
        let arrondissements = try await Commune.query(on: context.db).filter(\.$parentCode == code).sort(\.$id).all()
        // The commune's contour with its QPV drawn over it (no colour scale: a location map).
        var maps: [TerritoryMapView] = []
        let shapes = try await ShapeQueries.shapes(.commune, codes: [code], on: context.db)
        let qpvShapes = try await ShapeQueries.qpvShapes(inCommunes: [code], on: context.db)
        if !shapes.isEmpty || !qpvShapes.isEmpty {
            maps.append(TerritoryMapView.make(title: "\(commune.name) et ses quartiers prioritaires", shapes: shapes,
                                              overlays: qpvShapes, overlayLegend: "Quartier prioritaire de la politique de la ville",
                                              note: qpvShapes.isEmpty ? "Aucun contour de QPV importé pour cette commune" : ""))
        }
        return (commune.name, TerritoryPage(
            kind: commune.kind == "ARM" ? "Arrondissement municipal" : "Commune", title: "\(commune.name) (\(code))",
            figures: [.init(label: "Population municipale", value: commune.population.map(FrenchFormat.integer) ?? "—"),
                      .init(label: "Millésime", value: commune.vintage)]
                + (try await TerritoryParts.incomeFigures([code], context)),
            parents: parents,
            childrenTitle: arrondissements.isEmpty ? "" : "Arrondissements",
            children: arrondissements.map { LinkLine(href: SitePath.commune($0.id ?? "").href, label: $0.name,
                                                 detail: $0.population.map { "\(FrenchFormat.integer($0)) hab." } ?? "") },
            qpvs: detail.qpvs.map { LinkLine(href: nil, label: $0.name, detail: $0.id ?? "") },
            contracts: try await TerritoryParts.contracts(covering: [code] + (commune.parentCode.map { [$0] } ?? []), context),
            maps: maps, indicatorsTitle: "", indicators: [], indicatorTables: try await Self.indicatorTables(.commune, code, context),
            mapHint: maps.isEmpty ? TerritoryParts.mapHint : "",
            breadcrumb: [Breadcrumb(label: "Territoires", href: SitePath.territories.href)]))
    }
}
