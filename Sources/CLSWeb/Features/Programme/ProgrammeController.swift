import CLSCharts
import CLSCore
import CLSStore
import Fluent
import Vapor

/// The programme of a contract: its tree of axes and objectives, progress, budget totals, and
/// the operations on sections (create, rename, move, delete) and on the creation of actions.
struct ProgrammeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.contract(.key, .programme(.tree)), use: show)
        routes.post(.contract(.key, .programme(.sections)), use: createSection)
        routes.post(.contract(.key, .programme(.section(.key, .edit))), use: updateSection)
        routes.post(.contract(.key, .programme(.section(.key, .move))), use: moveSection)
        routes.post(.contract(.key, .programme(.section(.key, .delete))), use: deleteSection)
        routes.post(.contract(.key, .programme(.actions)), use: createAction)
    }

    struct ProgrammeContent: Encodable {
        let contract: ContractSummaryView
        let tabs: [TabLink]
        let breadcrumb: [Breadcrumb]
        let axes: [SectionView]
        let hasAxes: Bool
        let canEdit: Bool
        let actionCount: Int
        let progress: Progress
        let statusChartSVG: String
        let budgetByFunder: [AmountRow]
        let budgetByYear: [AmountRow]
        let budgetTotal: AmountRow
        let objectiveKindOptions: [SelectOption]

        struct Progress: Encodable {
            let percentDone: String
            let doneCount: Int
            let lateCount: Int
            let counts: [Count]
        }
        struct Count: Encodable { let label: String; let code: String; let count: Int }
        struct AmountRow: Encodable { let label: String; let planned: String; let actual: String; let rate: String }
    }

    func show(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.viewContract)
        let id = try contract.requireID()
        let tree = try await ProgrammeOutline.load(contractId: id, on: req.db)
        let totals = try await ProgrammeQueries.budgetTotals(contractId: id, on: req.db)
        let today = req.today
        let themes = try await RegionalTheme.catalogue(regionCode: contract.regionCode, on: req.db)
        let progress = ProgrammeProgress(tree.actions.filter { $0.parentActionId == nil }.map {
            (status: ActionStatus(rawValue: $0.status) ?? .upcoming, plannedEnd: $0.endsOn.flatMap(CalendarDay.init(parsing:)))
        }, today: today)
        func amountRow(_ label: String, _ amounts: ProgrammeQueries.Amounts) -> ProgrammeContent.AmountRow {
            .init(label: label, planned: FrenchFormat.euros(amounts.planned), actual: FrenchFormat.euros(amounts.actual),
                  rate: amounts.planned > 0 ? FrenchFormat.percent(100 * amounts.actual / amounts.planned) : "—")
        }
        let total = totals.byFunder.reduce(ProgrammeQueries.Amounts(planned: 0, actual: 0)) {
            .init(planned: $0.planned + $1.1.planned, actual: $0.actual + $1.1.actual)
        }
        let chart = HorizontalBarChart(title: "Fiches actions par statut",
                                       bars: progress.nonZeroCounts.map { HorizontalBarChart.Bar(label: $0.status.label, value: Double($0.count)) })
        let content = ProgrammeContent(
            contract: ContractSummaryView(contract), tabs: ContractTab.links(for: id, current: .programme),
            breadcrumb: [Breadcrumb(label: "Contrats", href: "/contrats"), Breadcrumb(label: contract.name, href: "/contrats/\(id.uuidString)")],
            axes: tree.axes.map { SectionView($0, today: today, themes: themes) }, hasAxes: !tree.axes.isEmpty,
            canEdit: AccessPolicy.allows(req.subject, .editProgramme(contract.accessScope)),
            actionCount: progress.total,
            progress: .init(percentDone: progress.percentDone.map { FrenchFormat.percent($0) } ?? "—",
                            doneCount: progress.doneCount, lateCount: progress.lateCount,
                            counts: progress.nonZeroCounts.map { .init(label: $0.status.label, code: $0.status.rawValue, count: $0.count) }),
            statusChartSVG: progress.total > 0 ? chart.svg() : "",
            budgetByFunder: totals.byFunder.map { amountRow($0.0.isEmpty ? "Financeur non précisé" : $0.0, $0.1) },
            budgetByYear: totals.byYear.map { amountRow($0.0.map(String.init) ?? "Année non précisée", $0.1) },
            budgetTotal: amountRow("Total", total),
            objectiveKindOptions: ObjectiveKind.allCases.map { SelectOption(value: $0.rawValue, label: $0.label) })
        return try await req.renderPage("programme/show", title: "Programme – \(contract.name)", content)
    }

    // MARK: - Sections

    struct SectionForm: Content {
        var parentId: String?
        var title: String?
        var description: String?
        var objectiveKind: String?
    }

    func createSection(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.editProgramme)
        let id = try contract.requireID()
        let form = try req.content.decode(SectionForm.self)
        let page = "/contrats/\(id.uuidString)/programme"
        let title = (form.title ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !title.isEmpty else {
            req.flash(.error, "Indiquez l'intitulé de l'axe ou de l'objectif.")
            return req.redirect(to: page)
        }
        var parent: ProgrammeSection?
        if let parentId = form.parentId.flatMap(UUID.init(uuidString:)) {
            parent = try await ProgrammeSection.query(on: req.db).filter(\.$id == parentId).filter(\.$contract.$id == id).first()
            guard parent != nil else { throw WebError.notFound }
        }
        let kind: ProgrammeNodeKind = parent == nil ? .axis : .objective
        let depth = try await objectiveDepth(of: parent, on: req.db)
        do {
            try ProgrammeStructure.canAttach(child: kind, to: parent.map { $0.sectionKind == .axis ? .axis : .objective },
                                             objectiveDepth: depth)
        } catch {
            req.flash(.error, error.message)
            return req.redirect(to: page)
        }
        let siblings = try await ProgrammeSection.query(on: req.db).filter(\.$contract.$id == id)
            .filter(\.$parent.$id == parent?.id).count()
        let section = ProgrammeSection(contractId: id, parentId: parent?.id, kind: parent == nil ? .axis : .objective,
                                       title: title, position: siblings + 1)
        section.summary = (form.description ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if parent != nil { section.objectiveKind = ObjectiveKind(rawValue: form.objectiveKind ?? "")?.rawValue ?? "" }
        try await req.mutations.create(section, permission: .editProgramme(contract.accessScope))
        req.flash(.success, parent == nil ? "Axe ajouté." : "Objectif ajouté.")
        return req.redirect(to: "\(page)#section-\(try section.requireID().uuidString)")
    }

    /// How many objective levels stand above (and including) `section`.
    func objectiveDepth(of section: ProgrammeSection?, on database: any Database) async throws -> Int {
        var depth = 0
        var current = section
        while let node = current, node.sectionKind == .objective {
            depth += 1
            current = try await node.$parent.get(on: database)
        }
        return depth
    }

    func section(_ req: Request, in contract: Contract) async throws -> ProgrammeSection {
        guard let sectionId = req.parameters.get("sectionID", as: UUID.self),
              let section = try await ProgrammeSection.query(on: req.db).filter(\.$id == sectionId)
                .filter(\.$contract.$id == contract.requireID()).first() else { throw WebError.notFound }
        return section
    }

    func updateSection(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.editProgramme)
        let section = try await section(req, in: contract)
        let form = try req.content.decode(SectionForm.self)
        let title = (form.title ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !title.isEmpty else {
            req.flash(.error, "L'intitulé ne peut pas être vide.")
            return req.redirect(to: "/contrats/\(try contract.requireID().uuidString)/programme")
        }
        try await req.mutations.update(section, permission: .editProgramme(contract.accessScope)) {
            $0.title = title
            $0.summary = (form.description ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            if $0.sectionKind == .objective { $0.objectiveKind = ObjectiveKind(rawValue: form.objectiveKind ?? "")?.rawValue ?? "" }
        }
        req.flash(.success, "Intitulé enregistré.")
        return req.redirect(to: "/contrats/\(try contract.requireID().uuidString)/programme#section-\(try section.requireID().uuidString)")
    }

    struct MoveForm: Content { var direction: String }

    /// Swaps the section with its previous or next sibling.
    func moveSection(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.editProgramme)
        let section = try await section(req, in: contract)
        let direction = try req.content.decode(MoveForm.self).direction
        let siblings = try await ProgrammeSection.query(on: req.db).filter(\.$contract.$id == contract.requireID())
            .filter(\.$parent.$id == section.$parent.id).sort(\.$position).sort(\.$createdAt).all()
        guard let index = siblings.firstIndex(where: { $0.id == section.id }) else { throw WebError.notFound }
        let target = direction == "haut" ? index - 1 : index + 1
        if siblings.indices.contains(target) {
            var reordered = siblings
            reordered.swapAt(index, target)
            let ordered = reordered
            let permission = Permission.editProgramme(contract.accessScope)
            try await req.mutations.transaction { tx in
                for (position, sibling) in ordered.enumerated() {
                    try await tx.update(sibling, permission: permission) { $0.position = position + 1 }
                }
            }
        }
        return req.redirect(to: "/contrats/\(try contract.requireID().uuidString)/programme#section-\(try section.requireID().uuidString)")
    }

    func deleteSection(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.editProgramme)
        let section = try await section(req, in: contract)
        let sectionId = try section.requireID()
        let page = "/contrats/\(try contract.requireID().uuidString)/programme"
        let children = try await ProgrammeSection.query(on: req.db).filter(\.$parent.$id == sectionId).count()
        let actions = try await Action.query(on: req.db).filter(\.$section.$id == sectionId).count()
        guard children == 0, actions == 0 else {
            req.flash(.error, "« \(section.title) » contient encore \(FrenchFormat.count(children, singular: "objectif", plural: "objectifs")) et \(FrenchFormat.count(actions, singular: "action", plural: "actions")) : déplacez-les ou supprimez-les d'abord.")
            return req.redirect(to: page)
        }
        try await req.mutations.delete(section, permission: .editProgramme(contract.accessScope))
        req.flash(.success, "« \(section.title) » supprimé.")
        return req.redirect(to: page)
    }

    // MARK: - Actions

    struct NewActionForm: Content {
        var sectionId: String?
        var parentActionId: String?
        var title: String?
    }

    func createAction(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.editProgramme)
        let id = try contract.requireID()
        let form = try req.content.decode(NewActionForm.self)
        let page = "/contrats/\(id.uuidString)/programme"
        let title = (form.title ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !title.isEmpty, title.count <= 300 else {
            req.flash(.error, "Indiquez le titre de la fiche action (300 caractères au plus).")
            return req.redirect(to: page)
        }
        var sectionId = form.sectionId.flatMap(UUID.init(uuidString:))
        var parentAction: Action?
        if let parentId = form.parentActionId.flatMap(UUID.init(uuidString:)) {
            parentAction = try await Action.query(on: req.db).filter(\.$id == parentId).filter(\.$contract.$id == id).first()
            guard let parent = parentAction else { throw WebError.notFound }
            do {
                try ProgrammeStructure.canAttach(child: .subAction, to: parent.$parentAction.id == nil ? .action : .subAction, objectiveDepth: 0)
            } catch {
                req.flash(.error, error.message)
                return req.redirect(to: "/contrats/\(id.uuidString)/actions/\(parentId.uuidString)")
            }
            sectionId = parent.$section.id
        }
        guard let sectionId, try await ProgrammeSection.query(on: req.db).filter(\.$id == sectionId).filter(\.$contract.$id == id).count() == 1 else {
            req.flash(.error, "Choisissez l'axe ou l'objectif auquel rattacher l'action.")
            return req.redirect(to: page)
        }
        let siblings = try await Action.query(on: req.db).filter(\.$section.$id == sectionId)
            .filter(\.$parentAction.$id == parentAction?.id).count()
        let action = Action(contractId: id, sectionId: sectionId, parentActionId: parentAction?.id, title: title, position: siblings + 1)
        try await req.mutations.create(action, permission: .editProgramme(contract.accessScope))
        req.flash(.success, parentAction == nil ? "Fiche action créée : complétez-la." : "Sous-action créée : complétez-la.")
        return req.redirect(to: "/contrats/\(id.uuidString)/actions/\(try action.requireID().uuidString)/modifier")
    }
}
