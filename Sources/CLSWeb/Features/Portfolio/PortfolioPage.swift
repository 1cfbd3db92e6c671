import CLSCharts
import CLSCore
import CLSStore
import Fluent
import Vapor

/// The regional portfolio of an ARS: the contracts of a region or department on a map and in a
/// list, the pipeline by state, counts by department, funding by funder and channel, coordinator
/// vacancies, late actions, and the priority territories side by side.
struct PortfolioPage: Encodable {
    struct Figure: Encodable { let label: String; let value: String }
    struct CountRow: Encodable { let label: String; let href: String?; let count: Int; let detail: String }
    struct MoneyRow: Encodable { let funder: String; let channel: String; let planned: String; let actual: String }
    struct ContractRow: Encodable {
        let id: String
        let href: String
        let name: String
        let department: String
        let stateCode: String
        let stateLabel: String
        let generation: Int
        let signedOn: String
        let period: String
        let perimeter: String
        let signatories: String
        let coordinator: String
        let hasVacancy: Bool
        let lateActions: Int
        let alertCount: Int
    }
    struct PriorityRow: Encodable {
        let rank: Int
        let name: String
        let href: String
        let score: String
        let population: String
        let covered: Bool
        let contracts: String
    }


    let areaName: String
    let regionOptions: OptionList
    let departmentOptions: OptionList
    let figures: [Figure]
    let pipelineChart: String
    let pipeline: [CountRow]
    let departments: [CountRow]
    let maps: [TerritoryMapView]
    let contracts: [ContractRow]
    let fundingChart: String
    let funding: [MoneyRow]
    let postFunding: [MoneyRow]
    let vacancies: [CountRow]
    let lateActions: [CountRow]
    let priorities: [PriorityRow]
    let uncoveredPriorities: Int
    let prioritiesHref: String
    let istsHref: String
    let libraryHref: String
    let formAction = SitePath.portfolio.href

    /// The portfolio of a region, or of one of its departments.
    static func load(region: String, department: String?, _ context: PageContext) async throws -> (title: String, content: PortfolioPage) {
        let today = context.today
        let portfolio = try await RegionalPortfolio.load(regionCode: region, departmentCode: department, visibleTo: context.subject,
                                                         today: today, on: context.db)
        let areaName = department.flatMap { code in AdministrativeAreas.department(code).map { "\($0.name) (\($0.code))" } }
            ?? AdministrativeAreas.region(region)?.name ?? region
        let area: [(String, String?)] = department.map { [("departement", $0)] } ?? [("region", region)]

        // Pipeline by state, in the order of the lifecycle.
        let pipeline = ContractState.allCases.compactMap { state -> CountRow? in
            guard let count = portfolio.stateCounts[state], count > 0 else { return nil }
            return CountRow(label: state.label, href: nil, count: count, detail: "")
        }
        let departments = portfolio.departments.map { line in
            CountRow(label: AdministrativeAreas.department(line.departmentCode).map { "\($0.name) (\($0.code))" } ?? line.departmentCode,
                     href: SitePath.portfolio.href(query: [("departement", line.departmentCode)]), count: line.total,
                     detail: FrenchFormat.count(line.running, singular: "en cours", plural: "en cours"))
        }
        let contracts = portfolio.contracts.map { line in
            let contract = line.contract
            let period = [contract.startsOn, contract.endsOn].compactMap { $0 }.isEmpty ? "—"
                : "\(CodeLabels.day(contract.startsOn)) – \(CodeLabels.day(contract.endsOn))"
            return ContractRow(
                id: contract.id?.uuidString ?? "", href: SitePath.contract(contract.id ?? UUID()).href, name: contract.name,
                department: AdministrativeAreas.department(contract.departmentCode)?.name ?? contract.departmentCode,
                stateCode: contract.state, stateLabel: contract.contractState.label, generation: contract.generation,
                signedOn: CodeLabels.day(contract.signedOn), period: period,
                perimeter: line.perimeterLabel.map { "\($0) (\(FrenchFormat.count(line.communeCount, singular: "commune", plural: "communes")))" }
                    ?? (contract.territoryLabel.isEmpty ? "—" : contract.territoryLabel),
                signatories: line.signatories.isEmpty ? "—" : line.signatories.joined(separator: ", "),
                coordinator: line.coordinator ?? (line.hasCurrentPost ? "Non renseigné" : "Vacant"), hasVacancy: line.hasVacancy,
                lateActions: line.lateActions, alertCount: line.alerts.count)
        }
        let funding = portfolio.funding.map {
            MoneyRow(funder: $0.funder.isEmpty ? "Non précisé" : $0.funder, channel: FundingChannel(rawValue: $0.channel)?.label ?? ($0.channel.isEmpty ? "Non précisé" : $0.channel),
                     planned: FrenchFormat.euros($0.planned), actual: FrenchFormat.euros($0.actual))
        }
        var byFunder: [String: Double] = [:]
        for line in portfolio.funding { byFunder[line.funder.isEmpty ? "Non précisé" : line.funder, default: 0] += line.planned }
        let fundingChart = byFunder.isEmpty ? "" : HorizontalBarChart(
            title: "Budget prévisionnel des fiches actions par financeur (€)",
            bars: byFunder.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(15).map { .init(label: $0.key, value: $0.value) }).svg()
        let vacancies = portfolio.vacancies.map { line in
            CountRow(label: line.contract.name, href: SitePath.contract(line.contract.id!, .governance(.overview)).href, count: 1,
                     detail: line.alerts.first { $0.kind == .vacantPost }?.detail ?? "")
        }
        let late = portfolio.contracts.filter { $0.lateActions > 0 }.sorted { $0.lateActions > $1.lateActions }.map { line in
            CountRow(label: line.contract.name, href: SitePath.contract(line.contract.id!, .programme(.table)).href(query: [("retard", "1")]),
                     count: line.lateActions, detail: "")
        }
        let ranking = try await PrioritiesPage.ranking(.init(region: department == nil ? region : nil, departement: department), context)
        let priorities = ranking.rows.prefix(10).map { row in
            PriorityRow(rank: row.rank, name: row.name, href: row.href, score: row.score, population: row.population,
                        covered: row.covered, contracts: row.contracts.map(\.label).joined(separator: ", "))
        }
        let content = PortfolioPage(
            areaName: areaName,
            regionOptions: Options.regions(selected: department == nil ? region : nil),
            departmentOptions: Options.departments(selected: department),
            figures: [
                Figure(label: "Contrats", value: FrenchFormat.integer(portfolio.contracts.count)),
                Figure(label: "En cours (signés, en mise en œuvre ou en évaluation)",
                       value: FrenchFormat.integer(portfolio.contracts.filter { GovernanceFacts.isRunning($0.contract.contractState) }.count)),
                Figure(label: "Postes de coordination vacants ou à pourvoir", value: FrenchFormat.integer(portfolio.vacancies.count)),
                Figure(label: "Fiches actions en retard", value: FrenchFormat.integer(portfolio.lateActions)),
                Figure(label: "EPCI les plus défavorisés (10 premiers) sans CLS", value: priorities.isEmpty ? "— (référentiel des territoires non importé)" : FrenchFormat.integer(priorities.filter { !$0.covered }.count)),
            ],
            pipelineChart: pipeline.isEmpty ? "" : HorizontalBarChart(title: "Contrats par état", bars: pipeline.map { .init(label: $0.label, value: Double($0.count)) }).svg(),
            pipeline: pipeline, departments: departments,
            maps: try await maps(context, region: region, department: department, portfolio: portfolio),
            contracts: contracts, fundingChart: fundingChart, funding: funding,
            postFunding: portfolio.postFunding.map { MoneyRow(funder: $0.funder, channel: FundingChannel(rawValue: $0.channel)?.label ?? $0.channel, planned: FrenchFormat.euros($0.planned), actual: "") },
            vacancies: vacancies, lateActions: late, priorities: Array(priorities),
            uncoveredPriorities: ranking.rows.filter { !$0.covered }.count,
            prioritiesHref: SitePath.priorities.href(query: area), istsHref: SitePath.istsReport.href(query: area),
            libraryHref: SitePath.library.href(query: area))
        return ("Portefeuille – \(areaName)", content)
    }

    /// Departments coloured by their number of contracts (a region), and the communes covered by a
    /// contract when their contours are imported (a department).
    static func maps(_ context: PageContext, region: String, department: String?, portfolio: RegionalPortfolio) async throws -> [TerritoryMapView] {
        var maps: [TerritoryMapView] = []
        let counts = Dictionary(uniqueKeysWithValues: portfolio.departments.map { ($0.departmentCode, Double($0.total)) })
        if department == nil {
            let codes = try await DepartmentArea.query(on: context.db).filter(\.$regionCode == region).all().compactMap(\.id)
            let shapes = try await ShapeQueries.shapes(.department, codes: codes, on: context.db)
            if !shapes.isEmpty {
                var values = counts
                for code in codes where values[code] == nil { values[code] = 0 }
                maps.append(TerritoryMapView.make(title: "Contrats par département", shapes: shapes, values: values,
                                                  valueLabel: "Contrats", format: { FrenchFormat.integer(Int($0)) },
                                                  href: { SitePath.portfolio.href(query: [("departement", $0)]) }))
            }
        } else if let department {
            let communes = try await Commune.query(on: context.db).filter(\.$departmentCode == department).filter(\.$kind == "COM").all().compactMap(\.id)
            let shapes = try await ShapeQueries.shapes(.commune, codes: communes, on: context.db)
            if !shapes.isEmpty {
                let covered = portfolio.coveredCommunes.intersection(communes)
                maps.append(TerritoryMapView.make(title: "Communes couvertes par un CLS", shapes: shapes, highlighted: covered,
                                                  highlightLegend: "Commune couverte par un contrat", href: { SitePath.commune($0).href },
                                                  note: "\(FrenchFormat.count(covered.count, singular: "commune couverte", plural: "communes couvertes")) sur \(FrenchFormat.integer(communes.count))"))
            }
        }
        return maps
    }
}
