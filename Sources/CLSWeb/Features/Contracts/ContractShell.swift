import CLSCore
import CLSStore
import Foundation

/// The frame of every page inside a contract: its summary, its tabs, the breadcrumb that leads to
/// the page and the links its pages use. Built once here, rendered by `contracts/_shell.leaf`
/// (summary line and tabs) and by the layout (breadcrumb).
struct ContractShell: Encodable, BreadcrumbProviding {
    let contract: ContractSummaryView
    let tabs: [TabLink]
    let breadcrumb: [Breadcrumb]
    let links: ContractLinks
    /// The contract's own page names it in its title: the summary line is left out there.
    let showsSummary: Bool

    /// - Parameters:
    ///   - tab: the tab the page belongs to.
    ///   - trail: the pages between the contract and this one ("Programme" above a fiche action).
    ///   - isContractPage: true for the contract's own page, which the breadcrumb ends on.
    init(_ contract: Contract, tab: ContractTab, trail: [Breadcrumb] = [], isContractPage: Bool = false) {
        let id = contract.id ?? UUID()
        let isOverview = isContractPage
        self.contract = ContractSummaryView(contract)
        tabs = ContractTab.links(for: id, current: tab)
        breadcrumb = [Breadcrumb(label: "Contrats", href: SitePath.contracts.href)]
            + (isOverview ? [] : [Breadcrumb(label: contract.name, href: SitePath.contract(id).href)]) + trail
        links = ContractLinks(id)
        showsSummary = !isOverview
    }
}

/// The ready links of a contract's pages and forms, so templates never build a path.
struct ContractLinks: Encodable {
    let page: String
    let edit: String
    let state: String
    let history: String
    let signatories: String
    let partners: String
    let members: String
    let perimeter: String
    let dashboard: String
    let programme: String
    let programmeTable: String
    let sections: String
    let actions: String
    let bulkEdit: String
    let importForm: String
    let exportWorkbook: String
    let exportCSV: String
    let planTemplate: String
    let governance: String
    let bodies: String
    let meetings: String
    let posts: String
    let calendar: String
    let reviews: String
    let equity: String
    let newEquitySession: String
    let istsReport: String
    let publicPage: String

    init(_ id: UUID) {
        func link(_ page: ContractPath) -> String { SitePath.contract(id, page).href }
        page = link(.overview)
        edit = link(.edit)
        state = link(.state)
        history = link(.history)
        signatories = link(.signatories)
        partners = link(.partners)
        members = link(.members)
        perimeter = link(.perimeter)
        dashboard = link(.dashboard)
        programme = link(.programme(.tree))
        programmeTable = link(.programme(.table))
        sections = link(.programme(.sections))
        actions = link(.programme(.actions))
        bulkEdit = link(.programme(.bulkEdit))
        importForm = link(.programme(.importForm))
        exportWorkbook = link(.programme(.exportWorkbook))
        exportCSV = link(.programme(.exportCSV))
        planTemplate = SitePath.planTemplate.href
        governance = link(.governance(.overview))
        bodies = link(.governance(.bodies))
        meetings = link(.governance(.meetings))
        posts = link(.governance(.posts))
        calendar = link(.governance(.calendar))
        reviews = link(.reviews)
        equity = link(.equity)
        newEquitySession = link(.newEquitySession)
        istsReport = SitePath.istsReport.href(query: [("contrat", id.uuidString), ("comparer", "region")])
        publicPage = SitePath.publicContract(id).href
    }
}
