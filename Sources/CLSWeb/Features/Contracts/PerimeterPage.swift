import CLSCore
import CLSStore
import Fluent
import Vapor

/// The perimeter of a contract: what it covers now, its history, and the form to change it.
struct PerimeterPage: Encodable, ContractPageContent {
    struct CommuneView: Encodable { let code: String; let href: String; let name: String; let population: String; let note: String }
    struct QPVView: Encodable { let code: String; let name: String; let isFocus: Bool }
    struct HistoryView: Encodable { let label: String; let from: String; let to: String; let communeCount: Int }

    let shell: ContractShell
    let hasPerimeter: Bool
    let label: String
    let kind: String
    let since: String
    let population: String
    let communes: [CommuneView]
    let qpvs: [QPVView]
    let history: [HistoryView]
    let canEdit: Bool
    let hasReference: Bool
    let today: String
    let values: Values
    let figures: [Figure]
    let maps: [TerritoryMapView]
    struct Values: Encodable { let epciSiren: String; let communeCodes: String; let focusQPVCodes: String }

    static func load(_ contract: Contract, _ context: PageContext) async throws -> PerimeterPage {
        let id = try contract.requireID()
        let current = try await Perimeters.current(contractId: id, on: context.db)
        var coverage: Perimeters.Coverage?
        if let current { coverage = try await Perimeters.coverage(of: current, on: context.db) }
        let history = try await Perimeters.history(contractId: id, on: context.db)
        var figures: [Figure] = []
        var maps: [TerritoryMapView] = []
        if let coverage, !coverage.communes.isEmpty {
            let codes = coverage.communes.map(\.code)
            figures = try await TerritoryParts.incomeFigures(codes, context)
            // The perimeter outlined among the communes of its departments.
            let departments = Array(Set(try await Commune.query(on: context.db).filter(\.$id ~~ codes).all().map(\.departmentCode)))
            let neighbours = try await Commune.query(on: context.db).filter(\.$departmentCode ~~ departments).filter(\.$kind == "COM").all().compactMap(\.id)
            if let map = try await TerritoryParts.communeMap(title: "Périmètre du contrat parmi les communes de son département", communeCodes: neighbours,
                                                                  highlighted: Set(codes), highlightLegend: "Commune du périmètre", context) {
                maps.append(map)
            } else if let map = try await TerritoryParts.locatorMap(title: "Départements du périmètre", regionCode: contract.regionCode,
                                                                         highlighted: Set(departments), context) {
                maps.append(map)
            }
        }
        return PerimeterPage(
            shell: ContractShell(contract, tab: .overview),
            hasPerimeter: current != nil, label: current?.label ?? "",
            kind: current?.kind == ContractPerimeter.Kind.epci.rawValue ? "Intercommunalité (EPCI)" : "Liste de communes",
            since: CodeLabels.day(current?.validFrom),
            population: coverage.map { FrenchFormat.integer($0.population) } ?? "—",
            communes: coverage?.communes.map { CommuneView(code: $0.code, href: SitePath.commune($0.code).href, name: $0.name, population: $0.population.map(FrenchFormat.integer) ?? "—", note: $0.becameNote ?? "") } ?? [],
            qpvs: coverage?.qpvs.map { QPVView(code: $0.code, name: $0.name, isFocus: $0.isFocus) } ?? [],
            history: history.map { HistoryView(label: $0.label, from: CodeLabels.day($0.validFrom), to: $0.validTo.map { CodeLabels.day($0) } ?? "en cours",
                                               communeCount: $0.communes.count) },
            canEdit: context.allows(.editContract(contract.accessScope)),
            hasReference: try await Commune.query(on: context.db).count() > 0,
            today: context.today.iso,
            values: .init(epciSiren: current?.epciSiren ?? "", communeCodes: current?.kind == ContractPerimeter.Kind.communes.rawValue ? current?.communeCodes ?? "" : "",
                                    focusQPVCodes: current?.focusQPVCodes ?? ""),
            figures: figures, maps: maps)
    }
}
