import CLSCore
import CLSStore
import Fluent
import Vapor

/// The programme as a filterable table of fiches actions, with bulk edit of status, priority
/// and pilot. A contract holds tens of actions: they are loaded in one query and filtered here.
struct ProgrammeTableController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.contract(.key, .programme(.table)), use: table)
        routes.post(.contract(.key, .programme(.bulkEdit)), use: bulkEdit)
    }

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

    struct TableContent: Encodable {
        let contract: ContractSummaryView
        let tabs: [TabLink]
        let breadcrumb: [Breadcrumb]
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
    }

    func table(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.viewContract)
        let id = try contract.requireID()
        let filters = try req.query.decode(Filters.self)
        let tree = try await ProgrammeTree.load(contractId: id, on: req.db)
        let today = req.today
        let text = filters.q.map(SearchText.fold) ?? ""
        let themes = try await RegionalTheme.catalogue(regionCode: contract.regionCode, on: req.db)
        let nodes = tree.actions.compactMap { $0.id.flatMap { tree.actionNodes[$0] } }
        let matching = nodes.filter { node in
            let action = node.action
            let codes = action.codesByScheme
            let late = ActionSchedule.isLate(status: ActionStatus(rawValue: action.status) ?? .upcoming,
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
        let members = try await RoleAssignment.query(on: req.db).filter(\.$scope == id.uuidString).with(\.$user).all()
        var seen = Set<UUID>()
        let pilots = members.map(\.user).filter { seen.insert($0.id!).inserted }.sorted { $0.displayName < $1.displayName }
        func classOptions(_ taxonomy: Taxonomy, selected: String?) -> [SelectOption] {
            taxonomy.classes.map { SelectOption(value: $0.code, label: $0.codeAndLabel, selected: $0.code == selected) }
        }
        var query = URLComponents(string: "/contrats/\(id.uuidString)/programme/export.xlsx")!
        query.queryItems = nil
        let content = TableContent(
            contract: ContractSummaryView(contract), tabs: ContractTab.links(for: id, current: .programme),
            breadcrumb: [Breadcrumb(label: "Contrats", href: "/contrats"), Breadcrumb(label: contract.name, href: "/contrats/\(id.uuidString)"),
                         Breadcrumb(label: "Programme", href: "/contrats/\(id.uuidString)/programme")],
            rows: matching.map { node in
                let action = node.action
                let codes = action.codesByScheme
                return Row(id: action.id!.uuidString, title: action.title, isSubAction: action.$parentAction.id != nil,
                           statusCode: action.status, statusLabel: CodeLabels.status(action.status),
                           priority: CodeLabels.priority(action.priority), endsOn: CodeLabels.day(action.endsOn),
                           isLate: ActionSchedule.isLate(status: ActionStatus(rawValue: action.status) ?? .upcoming,
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
            pilotOptions: pilots.map { SelectOption(value: $0.id!.uuidString, label: "\($0.displayName) <\($0.email)>", selected: $0.id?.uuidString == filters.pilote) },
            canEdit: AccessPolicy.allows(req.subject, .editProgramme(contract.accessScope)),
            exportHref: query.string ?? "")
        return try await req.renderPage("programme/table", title: "Tableau des actions – \(contract.name)", content)
    }

    struct BulkForm: Content {
        var actionIds: [String]?
        var status: String?
        var priority: String?
        var pilotUserId: String?
    }

    func bulkEdit(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.editProgramme)
        let id = try contract.requireID()
        let form = try req.content.decode(BulkForm.self)
        let page = "/contrats/\(id.uuidString)/programme/tableau"
        let ids = (form.actionIds ?? []).compactMap(UUID.init(uuidString:))
        guard !ids.isEmpty else {
            req.flash(.error, "Cochez au moins une fiche action à modifier.")
            return req.redirect(to: page)
        }
        let status = form.status.flatMap { $0.isEmpty ? nil : ActionStatus(rawValue: $0) }
        let priority = form.priority.flatMap { $0.isEmpty ? nil : ActionPriority(rawValue: $0) }
        var pilot: UUID?
        if let raw = form.pilotUserId, !raw.isEmpty {
            guard let uuid = UUID(uuidString: raw),
                  try await RoleAssignment.query(on: req.db).filter(\.$user.$id == uuid).filter(\.$scope == id.uuidString).count() > 0 else {
                req.flash(.error, "Le pilote choisi n'est pas membre du contrat.")
                return req.redirect(to: page)
            }
            pilot = uuid
        }
        guard status != nil || priority != nil || pilot != nil else {
            req.flash(.error, "Choisissez ce qui change : un statut, une priorité ou un pilote.")
            return req.redirect(to: page)
        }
        let newPilot = pilot
        let actions = try await Action.query(on: req.db).filter(\.$contract.$id == id).filter(\.$id ~~ ids).all()
        let permission = Permission.editProgramme(contract.accessScope)
        let changed = try await req.mutations.transaction { tx -> Int in
            var count = 0
            for action in actions {
                let didChange = try await tx.update(action, permission: permission) { action in
                    if let status { action.status = status.rawValue }
                    if let priority { action.priority = priority.rawValue }
                    if let newPilot { action.$pilotUser.id = newPilot }
                }
                if didChange { count += 1 }
            }
            return count
        }
        req.flash(.success, "\(FrenchFormat.count(changed, singular: "fiche action modifiée", plural: "fiches actions modifiées")).")
        return req.redirect(to: page)
    }
}
