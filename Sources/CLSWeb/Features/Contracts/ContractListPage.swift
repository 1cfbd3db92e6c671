import CLSCore
import CLSFormats
import CLSStore
import Vapor

/// The list of contracts the subject may see, filtered by state, region, department and text.
struct ContractListPage: Encodable {
    /// The filters as the query string carries them.
    struct Query: Content {
        var etat: String?
        var region: String?
        var departement: String?
        var q: String?
        var page: Int?

        func filter(pageSize: Int = 50) -> ContractFilter {
            ContractFilter(state: etat.flatMap(ContractState.init(rawValue:)),
                           regionCode: region.flatMap { $0.isEmpty ? nil : $0 },
                           departmentCode: departement.flatMap { $0.isEmpty ? nil : $0 },
                           text: q, page: page ?? 1, pageSize: pageSize)
        }
    }

    struct Filters: Encodable { let etat: String; let region: String; let departement: String; let q: String }
    struct StateCount: Encodable { let code: String; let label: String; let count: Int; let href: String }
    struct Links: Encodable {
        let list = SitePath.contracts.href
        let newContract = SitePath.newContract.href
        let export: String
    }

    let contracts: [ContractSummaryView]
    let total: String
    let totalCount: Int
    let stateCounts: [StateCount]
    let filters: Filters
    let stateOptions: [SelectOption]
    let regionOptions: OptionList
    let departmentOptions: OptionList
    let canCreate: Bool
    let links: Links
    let pagination: Pagination

    static func load(_ query: Query, _ context: PageContext) async throws -> ContractListPage {
        let filter = query.filter()
        let page = try await ContractQueries.listings(filter, visibleTo: context.subject, on: context.db)
        let counts = try await ContractQueries.countsByState(filter, visibleTo: context.subject, on: context.db)
        func link(_ path: SitePath, state: ContractState?, page: Int? = nil) -> String {
            path.href(query: [("etat", state?.rawValue), ("region", filter.regionCode), ("departement", filter.departmentCode),
                              ("q", filter.text), ("page", page.map(String.init))])
        }
        return ContractListPage(
            contracts: page.contracts.map(ContractSummaryView.init),
            total: FrenchFormat.count(page.total, singular: "contrat", plural: "contrats"),
            totalCount: page.total,
            stateCounts: ContractState.allCases.compactMap { state in
                guard let count = counts[state], count > 0 else { return nil }
                return .init(code: state.rawValue, label: state.label, count: count, href: link(.contracts, state: state))
            },
            filters: .init(etat: filter.state?.rawValue ?? "", region: filter.regionCode ?? "",
                           departement: filter.departmentCode ?? "", q: filter.text ?? ""),
            stateOptions: Options.states(selected: filter.state?.rawValue),
            regionOptions: Options.regions(selected: filter.regionCode),
            departmentOptions: Options.departments(selected: filter.departmentCode),
            canCreate: context.subject.isAdmin || context.subject.isARS,
            links: Links(export: link(.contractsCSV, state: filter.state)),
            pagination: Pagination(page: filter.page, total: page.total, pageSize: filter.pageSize) {
                link(.contracts, state: filter.state, page: $0)
            })
    }
}

/// Every contract the list's filters select, as a semicolon-separated spreadsheet.
enum ContractListExport {
    static func csv(_ query: ContractListPage.Query, _ context: PageContext) async throws -> CSVWriter {
        let page = try await ContractQueries.list(query.filter(pageSize: 10_000), visibleTo: context.subject, on: context.db)
        var csv = CSVWriter()
        // Words for people; the codes a machine joins on, each in a column of its own at the end.
        csv.append(["Nom", "Génération", "État", "Région", "Département", "Territoire",
                    "Initiative", "Signature", "Début", "Fin", "Confidentiel", "Publié",
                    "Identifiant", "Code de l'état", "Code de la région", "Code du département"])
        for contract in page.contracts {
            csv.append([
                contract.name, String(contract.generation), contract.contractState.label,
                AdministrativeAreas.region(contract.regionCode)?.name ?? contract.regionCode,
                AdministrativeAreas.department(contract.departmentCode)?.name ?? contract.departmentCode,
                contract.territoryLabel, contract.contractInitiative?.label ?? "",
                contract.signedOn ?? "", contract.startsOn ?? "", contract.endsOn ?? "",
                contract.isConfidential ? "oui" : "non", contract.isPublished ? "oui" : "non",
                contract.id?.uuidString ?? "", contract.contractState.rawValue, contract.regionCode, contract.departmentCode,
            ])
        }
        return csv
    }
}
