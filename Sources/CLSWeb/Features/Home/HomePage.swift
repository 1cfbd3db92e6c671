import CLSCharts
import CLSCore
import CLSStore
import Fluent
import Vapor

/// The home page: the visitor's entry (the published contracts), or the signed-in user's overview
/// of their contracts.
struct HomePage: Encodable {
    let signedIn: Bool
    let greeting: String
    let roles: [String]
    let totalContracts: String
    let stateCounts: [StateCount]
    let chartSVG: String
    let myContracts: [ContractSummaryView]
    let publishedContracts: [ContractSummaryView]
    /// What the person has to do, by role; empty for a visitor.
    let toDo: [ToDoGroup]

    struct StateCount: Encodable { let label: String; let count: String; let href: String }
    let links = Links()

    struct Links: Encodable {
        let contracts = SitePath.contracts.href
        let login = SitePath.login.href
    }

    var title: String { signedIn ? "Tableau de bord" : "Accueil" }

    static func load(_ user: AuthenticatedUser?, _ context: PageContext) async throws -> HomePage {
        guard let user else {
            let published = try await Contract.query(on: context.db)
                .filter(\.$isPublished == true).filter(\.$isConfidential == false)
                .sort(\.$name).limit(100).all()
            return HomePage(
                signedIn: false, greeting: "", roles: [], totalContracts: "", stateCounts: [], chartSVG: "",
                myContracts: [], publishedContracts: published.map(ContractSummaryView.init), toDo: [])
        }
        let counts = try await ContractQueries.countsByState(ContractFilter(), visibleTo: user.subject, on: context.db)
        let total = counts.values.reduce(0, +)
        let ordered = ContractState.allCases.filter { (counts[$0] ?? 0) > 0 }
        let chart = HorizontalBarChart(
            title: "Contrats visibles par état",
            bars: ordered.map { .init(label: $0.label, value: Double(counts[$0] ?? 0)) })
        let mine = user.subject.contractIds.compactMap(UUID.init(uuidString:))
        let myContracts = mine.isEmpty ? [] : try await Contract.query(on: context.db).filter(\.$id ~~ mine).sort(\.$name).all()
        let roles = user.subject.grants.map { grant -> String in
            switch grant.role.scopeKind {
            case .region: return "\(grant.role.label) : \(AdministrativeAreas.region(grant.scope ?? "")?.name ?? grant.scope ?? "")"
            case .department: return "\(grant.role.label) : \(AdministrativeAreas.department(grant.scope ?? "")?.name ?? grant.scope ?? "")"
            case .contract: return "\(grant.role.label) : \(myContracts.first { $0.id?.uuidString == grant.scope }?.name ?? "contrat")"
            case .platform: return grant.role.label
            }
        }.sorted()
        return HomePage(
            signedIn: true, greeting: "Bonjour \(user.displayName)", roles: roles,
            totalContracts: FrenchFormat.count(total, singular: "contrat visible", plural: "contrats visibles"),
            stateCounts: ordered.map { .init(label: $0.label, count: FrenchFormat.integer(counts[$0] ?? 0), href: SitePath.contracts.href(query: [("etat", $0.rawValue)])) },
            chartSVG: total > 0 ? chart.svg() : "",
            myContracts: myContracts.map(ContractSummaryView.init), publishedContracts: [],
            toDo: ToDoGroup.groups(try await ToDoList.load(subject: user.subject, userId: user.id, today: context.today, on: context.db)))
    }
}
