import Foundation

/// The tabs of a contract's pages.
enum ContractTab: String, CaseIterable {
    case overview, diagnosis, dashboard, programme, governance, reviews, equity, evaluation, indicators, documents, members, history

    static let upcoming: [ContractTab] = []

    var label: String {
        switch self {
        case .overview: "Aperçu"
        case .diagnosis: "Diagnostic"
        case .programme: "Programme"
        case .governance: "Gouvernance"
        case .dashboard: "Tableau de bord"
        case .reviews: "Bilans annuels"
        case .equity: "RÉFLEX-ISS"
        case .evaluation: "Évaluation"
        case .indicators: "Indicateurs"
        case .documents: "Documents"
        case .members: "Membres"
        case .history: "Historique"
        }
    }

    /// The tab's page inside a contract.
    var path: ContractPath {
        switch self {
        case .overview: .overview
        case .diagnosis: .diagnosis(.page)
        case .programme: .programme(.tree)
        case .governance: .governance(.overview)
        case .dashboard: .dashboard
        case .reviews: .reviews
        case .equity: .equity
        case .evaluation: .evaluation(.page)
        case .indicators: .indicators
        case .documents: .documents
        case .members: .members
        case .history: .history
        }
    }

    /// What the empty tab tells the coordinator while the module is not yet filled.
    var emptyStateText: String {
        switch self {
        case .programme: "Le programme d'actions (axes stratégiques, objectifs, fiches actions, budgets et indicateurs) se construira ici, ou s'importera depuis un tableur au format Territoires en Transitions."
        case .governance: "Les instances (COPIL, COTECH, groupes de travail), leurs réunions, comptes rendus et relevés de décisions seront suivis ici, ainsi que le poste de coordination."
        case .documents: "Le contrat signé, ses avenants, le diagnostic et les documents de communication seront rassemblés ici."
        default: ""
        }
    }

    static func links(for contractId: UUID, current: ContractTab) -> [TabLink] {
        allCases.map { tab in
            TabLink(label: tab.label, href: SitePath.contract(contractId, tab.path).href, current: tab == current)
        }
    }
}

struct TabLink: Encodable {
    let label: String
    let href: String
    let current: Bool
}
