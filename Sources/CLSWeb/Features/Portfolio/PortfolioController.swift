import CLSCharts
import CLSCore
import CLSStore
import Fluent
import Vapor

/// The regional portfolio of an ARS (`/portefeuille`): the contracts of a region or department on
/// a map and in a list, the pipeline by state, counts by department, funding by funder and
/// channel, coordinator vacancies, late actions, and the priority territories side by side.
struct PortfolioController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.portfolio, use: page)
    }

    struct Query: Content {
        var region: String?
        var departement: String?
    }

    struct Figure: Encodable { let label: String; let value: String }
    struct CountRow: Encodable { let label: String; let href: String?; let count: Int; let detail: String }
    struct MoneyRow: Encodable { let funder: String; let channel: String; let planned: String; let actual: String }
    struct ContractRow: Encodable {
        let id: String
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

    struct PortfolioContent: Encodable {
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
    }

    func page(req: Request) async throws -> Response {
        try req.require(.viewRegionalPortfolio)
        let query = try req.query.decode(Query.self)
        let department = query.departement.flatMap { AdministrativeAreas.department($0)?.code }
            ?? (query.region == nil && req.subject.arsRegions.isEmpty ? req.subject.arsDepartments.sorted().first : nil)
        let region = department.flatMap { AdministrativeAreas.department($0)?.regionCode }
            ?? query.region.flatMap { AdministrativeAreas.region($0)?.code } ?? req.subject.arsRegions.sorted().first ?? "11"
        // Computed once per area, set of grants and state of the data (`RegionalPageCache`).
        return try await req.renderRegionalPage("portfolio/content", key: "region=\(region)&departement=\(department ?? "")") {
            try await build(req, region: region, department: department)
        }
    }

    /// The portfolio of a region, or of one of its departments.
    private func build(_ req: Request, region: String, department: String?) async throws -> (title: String, content: PortfolioContent) {
        let today = req.today
        let portfolio = try await RegionalPortfolio.load(regionCode: region, departmentCode: department, visibleTo: req.subject,
                                                         today: today, on: req.db)
        let areaName = department.flatMap { code in AdministrativeAreas.department(code).map { "\($0.name) (\($0.code))" } }
            ?? AdministrativeAreas.region(region)?.name ?? region
        let areaQuery = department.map { "departement=\($0)" } ?? "region=\(region)"

        // Pipeline by state, in the order of the lifecycle.
        let pipeline = ContractState.allCases.compactMap { state -> CountRow? in
            guard let count = portfolio.stateCounts[state], count > 0 else { return nil }
            return CountRow(label: state.label, href: nil, count: count, detail: "")
        }
        let departments = portfolio.departments.map { line in
            CountRow(label: AdministrativeAreas.department(line.departmentCode).map { "\($0.name) (\($0.code))" } ?? line.departmentCode,
                     href: "/portefeuille?departement=\(line.departmentCode)", count: line.total,
                     detail: FrenchFormat.count(line.running, singular: "en cours", plural: "en cours"))
        }
        let contracts = portfolio.contracts.map { line in
            let contract = line.contract
            let period = [contract.startsOn, contract.endsOn].compactMap { $0 }.isEmpty ? "—"
                : "\(CodeLabels.day(contract.startsOn)) – \(CodeLabels.day(contract.endsOn))"
            return ContractRow(
                id: contract.id?.uuidString ?? "", name: contract.name,
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
            MoneyRow(funder: $0.funder.isEmpty ? "Non précisé" : $0.funder, channel: $0.channel.isEmpty ? "Non précisé" : $0.channel,
                     planned: FrenchFormat.euros($0.planned), actual: FrenchFormat.euros($0.actual))
        }
        var byFunder: [String: Double] = [:]
        for line in portfolio.funding { byFunder[line.funder.isEmpty ? "Non précisé" : line.funder, default: 0] += line.planned }
        let fundingChart = byFunder.isEmpty ? "" : HorizontalBarChart(
            title: "Budget prévisionnel des fiches actions par financeur (€)",
            bars: byFunder.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(15).map { .init(label: $0.key, value: $0.value) }).svg()
        let vacancies = portfolio.vacancies.map { line in
            CountRow(label: line.contract.name, href: "/contrats/\(line.contract.id!.uuidString)/gouvernance", count: 1,
                     detail: line.alerts.first { $0.kind == .vacantPost }?.detail ?? "")
        }
        let late = portfolio.contracts.filter { $0.lateActions > 0 }.sorted { $0.lateActions > $1.lateActions }.map { line in
            CountRow(label: line.contract.name, href: "/contrats/\(line.contract.id!.uuidString)/programme/tableau?retard=1",
                     count: line.lateActions, detail: "")
        }
        let ranking = try await PriorityTerritoryController().ranking(
            req, query: .init(region: department == nil ? region : nil, departement: department))
        let priorities = ranking.rows.prefix(10).map { row in
            PriorityRow(rank: row.rank, name: row.name, href: "/territoires/epci/\(row.siren)", score: row.score, population: row.population,
                        covered: row.covered, contracts: row.contracts.map(\.label).joined(separator: ", "))
        }
        let content = PortfolioContent(
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
            maps: try await maps(req, region: region, department: department, portfolio: portfolio),
            contracts: contracts, fundingChart: fundingChart, funding: funding,
            postFunding: portfolio.postFunding.map { MoneyRow(funder: $0.funder, channel: $0.channel, planned: FrenchFormat.euros($0.planned), actual: "") },
            vacancies: vacancies, lateActions: late, priorities: Array(priorities),
            uncoveredPriorities: ranking.rows.filter { !$0.covered }.count,
            prioritiesHref: "/territoires/priorites?\(areaQuery)", istsHref: "/rapports/ists?\(areaQuery)",
            libraryHref: "/bibliotheque?\(areaQuery)")
        return ("Portefeuille – \(areaName)", content)
    }

    /// Departments coloured by their number of contracts (a region), and the communes covered by a
    /// contract when their contours are imported (a department).
    private func maps(_ req: Request, region: String, department: String?, portfolio: RegionalPortfolio) async throws -> [TerritoryMapView] {
        var maps: [TerritoryMapView] = []
        let counts = Dictionary(uniqueKeysWithValues: portfolio.departments.map { ($0.departmentCode, Double($0.total)) })
        if department == nil {
            let codes = try await DepartmentArea.query(on: req.db).filter(\.$regionCode == region).all().compactMap(\.id)
            let shapes = try await ShapeQueries.shapes(.department, codes: codes, on: req.db)
            if !shapes.isEmpty {
                var values = counts
                for code in codes where values[code] == nil { values[code] = 0 }
                maps.append(TerritoryMapView.make(title: "Contrats par département", shapes: shapes, values: values,
                                                  valueLabel: "Contrats", format: { FrenchFormat.integer(Int($0)) },
                                                  href: { "/portefeuille?departement=\($0)" }))
            }
        } else if let department {
            let communes = try await Commune.query(on: req.db).filter(\.$departmentCode == department).filter(\.$kind == "COM").all().compactMap(\.id)
            let shapes = try await ShapeQueries.shapes(.commune, codes: communes, on: req.db)
            if !shapes.isEmpty {
                let covered = portfolio.coveredCommunes.intersection(communes)
                maps.append(TerritoryMapView.make(title: "Communes couvertes par un CLS", shapes: shapes, highlighted: covered,
                                                  highlightLegend: "Commune couverte par un contrat", href: { "/territoires/communes/\($0)" },
                                                  note: "\(FrenchFormat.count(covered.count, singular: "commune couverte", plural: "communes couvertes")) sur \(FrenchFormat.integer(communes.count))"))
            }
        }
        return maps
    }
}
