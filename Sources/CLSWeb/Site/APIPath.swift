import Foundation

/// The JSON API's endpoints, below "/api/v1". Their names stay in English, as the API's.
enum APIPath: Hashable, Sendable {
    case openAPI
    case contracts
    case contract(Param<UUID>, APIContractPath)
    case organisations
    case indicators
    case istsReport
    case actionSearch
    case commune(Param<String>)
    case epci(Param<String>)
    case department(Param<String>)
    /// The diagnosis indicators of a commune, an EPCI, a department or a region.
    case territoryIndicators(APITerritoryLevel, Param<String>)
    /// Any other path below the API, which answers 404 in JSON.
    case everythingElse

    var segments: [PathSegment] {
        switch self {
        case .openAPI: .fixed("openapi.json")
        case .contracts: .fixed("contracts")
        case let .contract(id, page): .fixed("contracts") + [id.segment("contractID")] + page.segments
        case .organisations: .fixed("organisations")
        case .indicators: .fixed("indicators")
        case .istsReport: .fixed("reports/ists")
        case .actionSearch: .fixed("actions/search")
        case let .commune(code): .fixed("territories/communes") + [code.segment("code")]
        case let .epci(siren): .fixed("territories/epci") + [siren.segment("siren")]
        case let .department(code): .fixed("territories/departements") + [code.segment("code")]
        case let .territoryIndicators(level, code): .fixed("territories/\(level.rawValue)") + [code.segment(level.parameterName), .fixed("indicators")]
        case .everythingElse: [.catchAll]
        }
    }
}

/// The territory levels of the API's paths.
enum APITerritoryLevel: String, CaseIterable, Hashable, Sendable {
    case communes, epci, departements, regions

    /// The name of the code in the path, as the territory routes already name it.
    var parameterName: String { self == .epci ? "siren" : "code" }
}

enum APIContractPath: Hashable, Sendable {
    case page
    case programme
    /// The contract as a Word document, generated from the data as it stands.
    case document
    case amendments
    case evaluation
    case documents
    case diagnosis
    case priorities
    case governance
    case dashboard
    case review(Param<Int>)
    case importPlan

    var segments: [PathSegment] {
        switch self {
        case .page: []
        case .programme: .fixed("programme")
        case .document: .fixed("document.docx")
        case .amendments: .fixed("amendments")
        case .evaluation: .fixed("evaluation")
        case .documents: .fixed("documents")
        case .diagnosis: .fixed("diagnostic")
        case .priorities: .fixed("priorities")
        case .governance: .fixed("governance")
        case .dashboard: .fixed("dashboard")
        case let .review(year): .fixed("reviews") + [year.segment("year")]
        case .importPlan: .fixed("imports/plan")
        }
    }
}
