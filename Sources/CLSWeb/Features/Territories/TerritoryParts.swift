import CLSCore
import CLSStore
import Fluent
import Vapor

/// A labelled figure of a page ("Population municipale : 12 345").
struct Figure: Encodable { let label: String; let value: String }

/// A line linking to another page, with a detail ("Bobigny — Commune").
struct LinkLine: Encodable { let href: String?; let label: String; let detail: String }

/// The pieces territory pages share: covering contracts, income figures and maps.
enum TerritoryParts {
    static let mapHint = "Les cartes apparaissent une fois les contours importés (Administration › Référentiel)."

    /// Visible contracts whose current perimeter includes one of `communeCodes`.
    static func contracts(covering communeCodes: [String], _ context: PageContext) async throws -> [LinkLine] {
        guard !communeCodes.isEmpty else { return [] }
        return try await Perimeters.contractsCovering(communeCodes: communeCodes, on: context.db)
            .filter { AccessPolicy.allows(context.subject, .viewContract($0.accessScope)) }
            .map { LinkLine(href: SitePath.contract($0.id!).href, label: $0.name, detail: $0.contractState.label) }
    }

    /// The income and poverty figures of a set of communes, as page figures.
    static func incomeFigures(_ communeCodes: [String], _ context: PageContext) async throws -> [Figure] {
        let incomes = try await TerritoryFigures.incomes(communeCodes: communeCodes, on: context.db)
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
                           _ context: PageContext) async throws -> TerritoryMapView? {
        let shapes = try await ShapeQueries.shapes(.commune, codes: communeCodes, on: context.db)
        guard !shapes.isEmpty else { return nil }
        let incomes = try await TerritoryFigures.communeIncomes(communeCodes, on: context.db)
        let qpvs = try await ShapeQueries.qpvShapes(inCommunes: communeCodes, on: context.db)
        let missing = Set(communeCodes).subtracting(shapes.map(\.code)).count
        return TerritoryMapView.make(
            title: title, shapes: shapes, values: incomes, valueLabel: "Revenu médian (€ par UC)", format: { euros($0) },
            highlighted: highlighted, highlightLegend: highlightLegend,
            overlays: qpvs, overlayLegend: "Quartier prioritaire de la politique de la ville",
            href: { SitePath.commune($0).href },
            note: missing > 0 ? "\(FrenchFormat.count(missing, singular: "commune n'a pas", plural: "communes n'ont pas")) de contour importé" : "")
    }

    /// The departments of a region, `highlighted` outlined: where a territory lies when its communes have no contour.
    static func locatorMap(title: String, regionCode: String, highlighted: Set<String>, _ context: PageContext) async throws -> TerritoryMapView? {
        let codes = try await DepartmentArea.query(on: context.db).filter(\.$regionCode == regionCode).all().compactMap(\.id)
        let shapes = try await ShapeQueries.shapes(.department, codes: codes, on: context.db)
        guard !shapes.isEmpty else { return nil }
        return TerritoryMapView.make(title: title, shapes: shapes, highlighted: highlighted, highlightLegend: "Territoire de la page",
                                     href: { SitePath.department($0).href })
    }
}
