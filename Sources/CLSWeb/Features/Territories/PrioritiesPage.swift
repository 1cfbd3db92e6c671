import CLSCore
import CLSFormats
import CLSStore
import Fluent
import SQLKit
import Vapor

/// The EPCI of an area ranked by a deprivation score the user weighs, with the contracts covering
/// them, so an ARS sees where no contract reaches the most deprived territories.
struct PrioritiesPage: Encodable {
    /// The area and weights, as the query string carries them.
    struct Query: Content {
        var region: String?
        var departement: String?
        var revenu: Double?
        var minima: Double?
        var qpv: Double?
        var pauvrete: Double?
        var nonCouverts: String?
    }

    struct Row: Encodable {
        let rank: Int
        let href: String
        let siren: String
        let name: String
        let nature: String
        let population: String
        let medianIncome: String
        let minimaShare: String
        let qpvCount: Int
        let qpvShare: String
        let povertyRate: String
        let score: String
        let covered: Bool
        let contracts: [Link]
        struct Link: Encodable { let href: String; let label: String }
    }


    struct Ranking {
        let rows: [Row]
        let areaName: String
        /// The area ranked: the region asked for (or the subject's own), or a department.
        let regionCode: String?
        let departmentCode: String?
        let weights: [DeprivationScore.Indicator: Double]
    }

    static func ranking(_ query: Query, _ context: PageContext) async throws -> Ranking {
        let department = query.departement.flatMap { AdministrativeAreas.department($0)?.code }
        let defaultRegion = context.subject.arsRegions.sorted().first
            ?? context.subject.arsDepartments.sorted().first.flatMap { AdministrativeAreas.department($0)?.regionCode } ?? "53"
        let region = department == nil ? (query.region.flatMap { AdministrativeAreas.region($0)?.code } ?? defaultRegion) : nil
        let weights: [DeprivationScore.Indicator: Double] = [
            .medianIncome: max(0, query.revenu ?? 1), .minimaShare: max(0, query.minima ?? 1), .qpvShare: max(0, query.qpv ?? 1),
            .povertyRate: max(0, query.pauvrete ?? 1),
        ]
        let figures = try await PriorityTerritoryQueries.epcis(regionCode: region, departmentCode: department, on: context.db)
        var values: [String: [DeprivationScore.Indicator: Double]] = [:]
        for figure in figures {
            var entry: [DeprivationScore.Indicator: Double] = [:]
            entry[.medianIncome] = figure.medianIncome
            entry[.minimaShare] = figure.minimaShare
            entry[.qpvShare] = figure.qpvCommunePopulationShare
            entry[.povertyRate] = figure.meanIRISPovertyRate
            values[figure.siren] = entry
        }
        let scored = DeprivationScore.rank(figures.map { DeprivationScore.Territory(id: $0.siren, values: values[$0.siren] ?? [:]) }, weights: weights)
        let bySiren = Dictionary(uniqueKeysWithValues: figures.map { ($0.siren, $0) })
        // Coverage: the contracts whose current perimeter holds a commune of the area (perimeter index).
        let coverage = try await Perimeters.coverage(regionCode: region, departmentCode: department, on: context.db)
        let coveringIds = Set(coverage.values.flatMap { $0 })
        let contractsById = coveringIds.isEmpty ? [:] : Dictionary(uniqueKeysWithValues: try await Contract.query(on: context.db)
            .filter(\.$id ~~ Array(coveringIds)).sort(\.$name).all().map { ($0.id!, $0) })
        let rows = scored.enumerated().compactMap { index, entry -> Row? in
            guard let figure = bySiren[entry.id] else { return nil }
            let ids = Set(figure.communeCodes.flatMap { coverage[$0] ?? [] })
            let covering = ids.compactMap { contractsById[$0] }.sorted { $0.name < $1.name }
            let visible = covering.filter { context.allows(.viewContract($0.accessScope)) }
            return Row(rank: index + 1, href: SitePath.epci(figure.siren).href, siren: figure.siren, name: figure.name, nature: figure.nature,
                       population: FrenchFormat.integer(figure.population),
                       medianIncome: figure.medianIncome.map { FrenchFormat.euros($0.rounded()) } ?? "—",
                       minimaShare: figure.minimaShare.map { FrenchFormat.percent($0) } ?? "—",
                       qpvCount: figure.qpvCount,
                       qpvShare: figure.qpvCommunePopulationShare.map { FrenchFormat.percent($0) } ?? "—",
                       povertyRate: figure.meanIRISPovertyRate.map { FrenchFormat.percent($0) } ?? "—",
                       score: entry.score.map { FrenchFormat.number($0, fractionDigits: 2) } ?? "—",
                       covered: !covering.isEmpty,
                       contracts: visible.map { Row.Link(href: SitePath.contract($0.id!).href, label: $0.name) })
        }
        let areaName = department.flatMap { AdministrativeAreas.department($0).map { "\($0.name) (\($0.code))" } }
            ?? region.flatMap { AdministrativeAreas.region($0)?.name } ?? ""
        return Ranking(rows: rows, areaName: areaName, regionCode: region, departmentCode: department, weights: weights)
    }

    let regionOptions: OptionList
    let departmentOptions: OptionList
    let weights: Weights
    let indicators: [Explained]
    let rows: [Row]
    let uncoveredOnly: Bool
    let areaName: String
    let totalCount: Int
    let uncoveredCount: Int
    let hasIncomes: Bool
    let csvHref: String
    let formAction = SitePath.priorities.href
    struct Weights: Encodable { let revenu: String; let minima: String; let qpv: String; let pauvrete: String }
    struct Explained: Encodable { let label: String; let weight: String }

    static func load(_ query: Query, _ context: PageContext) async throws -> PrioritiesPage {
        let ranking = try await ranking(query, context)
        let uncoveredOnly = query.nonCouverts != nil
        func weight(_ value: Double?) -> String { FrenchFormat.number(value ?? 0) }
        let csvHref = SitePath.prioritiesCSV.href(query: [
            ("region", ranking.regionCode ?? ""), ("departement", ranking.departmentCode ?? ""),
            ("revenu", String(ranking.weights[.medianIncome] ?? 1)), ("minima", String(ranking.weights[.minimaShare] ?? 1)),
            ("qpv", String(ranking.weights[.qpvShare] ?? 1)), ("pauvrete", String(ranking.weights[.povertyRate] ?? 1))])
        let hasIncomes = try await (context.db as? any SQLDatabase)?.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from("commune_incomes").first()?.decode(column: "n", as: Int.self) ?? 0
        return PrioritiesPage(
            // The area ranked stays chosen when the weights change (the subject's own region by default).
            regionOptions: Options.regions(selected: ranking.departmentCode == nil ? ranking.regionCode : nil),
            departmentOptions: Options.departments(selected: ranking.departmentCode),
            weights: .init(revenu: weight(ranking.weights[.medianIncome]), minima: weight(ranking.weights[.minimaShare]), qpv: weight(ranking.weights[.qpvShare]),
                           pauvrete: weight(ranking.weights[.povertyRate])),
            indicators: DeprivationScore.Indicator.allCases.map { .init(label: $0.label, weight: weight(ranking.weights[$0])) },
            rows: uncoveredOnly ? ranking.rows.filter { !$0.covered } : ranking.rows,
            uncoveredOnly: uncoveredOnly, areaName: ranking.areaName, totalCount: ranking.rows.count,
            uncoveredCount: ranking.rows.filter { !$0.covered }.count, hasIncomes: hasIncomes > 0,
            csvHref: csvHref)
    }

    /// The whole ranking as a spreadsheet.
    static func csv(_ query: Query, _ context: PageContext) async throws -> CSVWriter {
        let ranking = try await ranking(query, context)
        var csv = CSVWriter()
        csv.append(["Rang", "SIREN", "EPCI", "Nature", "Population municipale", "Revenu médian (€/UC)", "Part des minima sociaux",
                    "QPV", "Population des communes avec QPV", "Taux de pauvreté moyen des IRIS", "Score de défaveur", "Couvert par un CLS", "Contrats"])
        for row in ranking.rows {
            csv.append([String(row.rank), row.siren, row.name, row.nature, row.population, row.medianIncome, row.minimaShare,
                        String(row.qpvCount), row.qpvShare, row.povertyRate, row.score, row.covered ? "oui" : "non",
                        row.contracts.map(\.label).joined(separator: ", ")])
        }
        return csv
    }
}
