import CLSCore
import CLSStore
import Fluent
import Vapor

/// The programme as a filterable table of fiches actions, with bulk edit of status, priority and
/// pilot. A contract holds tens of actions: they are loaded in one query and filtered here.
struct ProgrammeTablePage: Encodable, ContractPageContent {
    struct Filters: Content {
        var statut: String?
        var theme: String?
        var determinant: String?
        var strategie: String?
        var publicCible: String?
        var approche: String?
        /// The pilot account's id.
        var pilote: String?
        var retard: String?
        var sansPilote: String?
        var sansIndicateur: String?
        var q: String?
    }

    struct Row: Encodable {
        let id: String
        let href: String
        let title: String
        let isSubAction: Bool
        let statusCode: String
        let statusLabel: String
        let priority: String
        let endsOn: String
        let isLate: Bool
        let lead: String
        let indicatorCount: Int
        let themes: String
        let determinants: String
        let strategies: String
    }

    let shell: ContractShell
    let rows: [Row]
    let total: String
    let shownCount: Int
    let filters: Filters
    let statusOptions: [SelectOption]
    let themeOptions: [SelectOption]
    let determinantOptions: [SelectOption]
    let strategyOptions: [SelectOption]
    let publicOptions: [SelectOption]
    let approachOptions: [SelectOption]
    let priorityOptions: [SelectOption]
    let pilotOptions: [SelectOption]
    let canEdit: Bool
    let exportHref: String

    static func load(_ contract: Contract, filters: Filters, _ context: PageContext) async throws -> ProgrammeTablePage {
        let id = try contract.requireID()
        let tree = try await ProgrammeTree.load(contractId: id, on: context.db)
        let today = context.today
        let text = filters.q.map(SearchText.fold) ?? ""
        let themes = try await RegionalTheme.catalogue(regionCode: contract.regionCode, on: context.db)
        let nodes = tree.actions.compactMap { $0.id.flatMap { tree.actionNodes[$0] } }
        let matching = nodes.filter { node in
            let action = node.action
            let codes = action.codesByScheme
            let late = ActionSchedule.isLate(status: ActionStatus(rawValue: action.status),
                                             plannedEnd: action.endsOn.flatMap(CalendarDay.init(parsing:)), today: today)
            if let status = filters.statut, !status.isEmpty, action.status != status { return false }
            if let theme = filters.theme, !theme.isEmpty, !(codes[.theme] ?? []).contains(theme) { return false }
            if let determinant = filters.determinant, !determinant.isEmpty,
               !(codes[.determinant] ?? []).contains(where: { $0 == determinant || $0.hasPrefix(determinant + ".") }) { return false }
            if let strategy = filters.strategie, !strategy.isEmpty,
               !(codes[.strategy] ?? []).contains(where: { $0 == strategy || $0.hasPrefix(strategy + ".") }) { return false }
            if let target = filters.publicCible, !target.isEmpty, !(codes[.publicTarget] ?? []).contains(target) { return false }
            if let approach = filters.approche, !approach.isEmpty, action.approach != approach { return false }
            if let pilotId = filters.pilote, !pilotId.isEmpty, action.$pilotUser.id?.uuidString != pilotId { return false }
            if filters.retard != nil, !late { return false }
            if filters.sansPilote != nil, !(action.leadPeople.isEmpty && action.$pilotUser.id == nil && action.$leadOrganisation.id == nil && action.leadOrganisationName.isEmpty) { return false }
            if filters.sansIndicateur != nil, node.indicatorCount > 0 { return false }
            if !text.isEmpty, !action.searchText.contains(text) { return false }
            return true
        }
        let pilots = try await ProgrammeEditing.members(of: id, on: context.db)
        func classOptions(_ taxonomy: Taxonomy, selected: String?) -> [SelectOption] {
            taxonomy.classes.map { SelectOption(value: $0.code, label: $0.codeAndLabel, selected: $0.code == selected) }
        }
        return ProgrammeTablePage(
            shell: ContractShell(contract, tab: .programme,
                                 trail: [Breadcrumb(label: "Programme", href: SitePath.contract(id, .programme(.tree)).href)]),
            rows: matching.map { node in
                let action = node.action
                let codes = action.codesByScheme
                return Row(id: action.id!.uuidString, href: SitePath.contract(id, .action(action.id!)).href, title: action.title, isSubAction: action.$parentAction.id != nil,
                           statusCode: action.status, statusLabel: CodeLabels.status(action.status),
                           priority: CodeLabels.priority(action.priority), endsOn: CodeLabels.day(action.endsOn),
                           isLate: ActionSchedule.isLate(status: ActionStatus(rawValue: action.status),
                                                         plannedEnd: action.endsOn.flatMap(CalendarDay.init(parsing:)), today: today),
                           lead: [action.leadOrganisationName, action.leadPeople].filter { !$0.isEmpty }.joined(separator: " – "),
                           indicatorCount: node.indicatorCount,
                           themes: (codes[.theme] ?? []).map { CodeLabels.theme($0, in: themes) }.joined(separator: ", "),
                           determinants: (codes[.determinant] ?? []).joined(separator: ", "),
                           strategies: (codes[.strategy] ?? []).joined(separator: ", "))
            },
            total: FrenchFormat.count(matching.count, singular: "fiche action", plural: "fiches actions")
                + (matching.count == nodes.count ? "" : " sur \(FrenchFormat.integer(nodes.count))"),
            shownCount: matching.count, filters: filters,
            statusOptions: ActionStatus.allCases.map { SelectOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == filters.statut) },
            themeOptions: themes.map { SelectOption(value: $0.code, label: $0.label, selected: $0.code == filters.theme) },
            determinantOptions: classOptions(ISTSTaxonomy.determinants, selected: filters.determinant),
            strategyOptions: classOptions(ISTSTaxonomy.strategies, selected: filters.strategie),
            publicOptions: PublicTarget.defaults.map { SelectOption(value: $0.code, label: $0.label, selected: $0.code == filters.publicCible) },
            approachOptions: InterventionApproach.allCases.map { SelectOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == filters.approche) },
            priorityOptions: ActionPriority.allCases.map { SelectOption(value: $0.rawValue, label: $0.label) },
            pilotOptions: pilots.map { SelectOption(value: $0.id!.uuidString, label: $0.displayName, selected: $0.id?.uuidString == filters.pilote) },
            canEdit: context.allows(.editProgramme(contract.accessScope)),
            exportHref: SitePath.contract(id, .programme(.exportWorkbook)).href)
    }
}
