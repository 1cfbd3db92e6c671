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
        routes.post(.contract(.key, .programme(.sections)), use: createSection, refusedOn: show)
        routes.post(.contract(.key, .programme(.section(.key, .edit))), use: updateSection, refusedOn: show)
        routes.post(.contract(.key, .programme(.section(.key, .move))), use: moveSection, refusedOn: show)
        routes.post(.contract(.key, .programme(.section(.key, .delete))), use: deleteSection, refusedOn: show)
        routes.post(.contract(.key, .programme(.actions)), use: createAction, refusedOn: createActionPage)
        routes.get(.contract(.key, .indicators), use: indicators)
    }

    /// The Indicators tab: the indicators of every fiche action of the contract.
    func indicators(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.viewContract)
        return try await req.renderPage("contracts/indicators", title: "Indicateurs – \(contract.name)",
                                        try await ContractIndicatorsPage.load(contract, req.pageContext))
    }

    func show(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.viewContract)
        return try await req.renderKeptContractPage("programme/show", contract: contract, title: "Programme – \(contract.name)") {
            try await ProgrammePage.load(contract, req.pageContext)
        }
    }

    // MARK: - Sections

    struct SectionForm: Content {
        var parentId: String?
        var title: String?
        var description: String?
        var objectiveKind: String?
    }

    /// Runs a change of the programme; a refusal comes back with the form on its page.
    func change(_ req: Request, back page: SitePath, fragment: String? = nil,
                _ body: () async throws -> String) async throws -> Response {
        do {
            req.flash(.success, try await body())
        } catch ProgrammeEditing.Failure.notFound {
            throw WebError.notFound
        }
        return req.redirect(to: page, fragment: fragment)
    }

    func createSection(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.editProgramme)
        let form = try req.content.decode(SectionForm.self)
        let programme = SitePath.contract(try contract.requireID(), .programme(.tree))
        var section: ProgrammeSection?
        let response = try await change(req, back: programme) {
            section = try await ProgrammeEditing.createSection(
                in: contract, parentId: form.parentId.flatMap(UUID.init(uuidString:)), title: form.title, summary: form.description,
                objectiveKind: form.objectiveKind, using: req.mutations)
            return section?.$parent.id == nil ? "Axe ajouté." : "Objectif ajouté."
        }
        // Created: back to the new section itself.
        guard let created = section?.id else { return response }
        return req.redirect(to: programme, fragment: "section-\(created.uuidString)")
    }

    func section(_ req: Request, in contract: Contract) async throws -> ProgrammeSection {
        do {
            return try await ProgrammeEditing.section(req.parameters.get("sectionID", as: UUID.self), of: try contract.requireID(), on: req.db)
        } catch ProgrammeEditing.Failure.notFound {
            throw WebError.notFound
        }
    }

    func updateSection(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.editProgramme)
        let section = try await section(req, in: contract)
        let form = try req.content.decode(SectionForm.self)
        return try await change(req, back: .contract(try contract.requireID(), .programme(.tree)), fragment: "section-\(try section.requireID().uuidString)") {
            try await ProgrammeEditing.updateSection(section, in: contract, title: form.title, summary: form.description,
                                                     objectiveKind: form.objectiveKind, using: req.mutations)
            return "Intitulé enregistré."
        }
    }

    struct MoveForm: Content { var direction: String }

    /// Swaps the section with its previous or next sibling.
    func moveSection(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.editProgramme)
        let section = try await section(req, in: contract)
        let direction = try req.content.decode(MoveForm.self).direction
        do {
            try await ProgrammeEditing.moveSection(section, in: contract, up: direction == "haut", using: req.mutations)
        } catch ProgrammeEditing.Failure.notFound {
            throw WebError.notFound
        }
        return req.redirect(to: .contract(try contract.requireID(), .programme(.tree)), fragment: "section-\(try section.requireID().uuidString)")
    }

    func deleteSection(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.editProgramme)
        let section = try await section(req, in: contract)
        return try await change(req, back: .contract(try contract.requireID(), .programme(.tree))) {
            try await ProgrammeEditing.deleteSection(section, in: contract, using: req.mutations)
            return "« \(section.title) » supprimé."
        }
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
        let parentId = form.parentActionId.flatMap(UUID.init(uuidString:))
        do {
            let action = try await ProgrammeEditing.createAction(
                in: contract, sectionId: form.sectionId.flatMap(UUID.init(uuidString:)), parentActionId: parentId,
                title: form.title, using: req.mutations)
            req.flash(.success, parentId == nil ? "Fiche action créée : complétez-la." : "Sous-action créée : complétez-la.")
            return req.redirect(to: .contract(id, .action(try action.requireID(), .edit)))
        } catch ProgrammeEditing.Failure.notFound {
            throw WebError.notFound
        }
    }

    /// A sous-action is created from its parent's sheet, an action from the programme.
    func createActionPage(req: Request) async throws -> Response {
        guard let parent = try? req.content.get(String.self, at: "parentActionId"), !parent.isEmpty else { return try await show(req: req) }
        req.parameters.set("actionID", to: parent)
        return try await ActionController().show(req: req)
    }
}
