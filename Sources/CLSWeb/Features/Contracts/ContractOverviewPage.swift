import CLSCore
import CLSStore
import Fluent
import Vapor

/// A contract's own page: its identity, lifecycle, signatories, partners, perimeter and alerts.
struct ContractOverviewPage: Encodable, ContractPageContent {
    struct Link: Encodable { let href: String; let label: String }

    let shell: ContractShell
    let contract: ContractDetailView
    let timeline: [StateStepView]
    let signatories: [SignatoryView]
    let partners: [PartnerView]
    let transitionOptions: [SelectOption]
    let organisationOptions: OptionList
    let newOrganisation = SitePath.newOrganisation.href
    let previous: Link?
    let successors: [Link]
    let today: String
    let canEdit: Bool
    let canChangeState: Bool
    /// The renewal's page, offered at the end of the evaluation to those who may create the next contract.
    let renewal: String?
    let perimeter: [Figure]
    let alerts: [AlertView]

    static func load(_ contract: Contract, _ context: PageContext) async throws -> ContractOverviewPage {
        let id = try contract.requireID()
        let db = context.db
        let scope = contract.accessScope
        let canEdit = context.allows(.editContract(scope))
        let canChangeState = context.allows(.changeContractState(scope))

        async let parties = ContractParties.load(contractId: id, on: db)
        async let successors = Contract.query(on: db).filter(\.$previousContract.$id == id).all()
        let previous = try await contract.$previousContract.get(on: db)

        let targets = canChangeState ? try await ContractTransitions.allowedTargets(of: contract, on: db) : []
        var organisationOptions: [SelectOption] = []
        if canEdit {
            organisationOptions = try await OrganisationChoice.forContract(regionCode: contract.regionCode, on: db)
                .map { SelectOption(value: $0.id.uuidString, label: "\($0.name) (\($0.kind.label))") }
        }
        func link(_ other: Contract) -> Link? {
            guard let otherID = other.id, context.allows(.viewContract(other.accessScope)) else { return nil }
            return Link(href: SitePath.contract(otherID).href, label: other.name)
        }
        return ContractOverviewPage(
            shell: ContractShell(contract, tab: .overview, isContractPage: true),
            contract: ContractDetailView(contract),
            timeline: try await parties.steps.map(StateStepView.init).reversed(),
            signatories: try await parties.signatories.map(SignatoryView.init),
            partners: try await parties.partners.map(PartnerView.init),
            // Renewing creates the next contract: it has its own page, not a bare change of state.
            transitionOptions: targets.filter { $0 != .renouvele }.map { SelectOption(value: $0.rawValue, label: $0.label) },
            organisationOptions: OptionList(organisationOptions),
            previous: previous.flatMap(link),
            successors: try await successors.compactMap(link),
            today: context.today.iso,
            canEdit: canEdit, canChangeState: canChangeState,
            renewal: targets.contains(.renouvele)
                && context.allows(.createContract(regionCode: contract.regionCode, departmentCode: contract.departmentCode))
                ? SitePath.contract(id, .renewal).href : nil,
            perimeter: try await perimeterFigures(contractId: id, on: db),
            alerts: try await AlertFactsLoader.facts(for: [contract], today: context.today, on: db)[id]
                .map { GovernanceAlertRules.alerts($0, today: context.today).map(AlertView.init) } ?? [])
    }

    /// What the current perimeter covers, in a few figures (the perimeter tab has the detail and the map).
    static func perimeterFigures(contractId: UUID, on db: any Database) async throws -> [Figure] {
        guard let current = try await Perimeters.current(contractId: contractId, on: db) else { return [] }
        let coverage = try await Perimeters.coverage(of: current, on: db)
        let focus = coverage.qpvs.filter(\.isFocus).count
        var figures = [Figure(label: "Périmètre", value: current.label),
                       .init(label: "Communes", value: FrenchFormat.integer(coverage.communes.count)),
                       .init(label: "Population municipale", value: FrenchFormat.integer(coverage.population)),
                       .init(label: "Quartiers prioritaires", value: focus > 0 ? "\(FrenchFormat.integer(coverage.qpvs.count)) dont \(FrenchFormat.integer(focus)) ciblés" : FrenchFormat.integer(coverage.qpvs.count))]
        let incomes = try await TerritoryFigures.incomes(communeCodes: coverage.communes.map(\.code), on: db)
        if let median = incomes.medianIncome {
            figures.append(.init(label: "Revenu médian par unité de consommation", value: FrenchFormat.euros(median.rounded())))
        }
        if let poverty = incomes.meanIRISPovertyRate {
            figures.append(.init(label: "Taux de pauvreté moyen des IRIS", value: FrenchFormat.percent(poverty)))
        }
        return figures
    }
}
