import CLSCore
import CLSStore
import Fluent
import Vapor

/// The organisations registry: ARS, collectivités, State services, health insurance, associations...
struct OrganisationController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.organisations, use: list)
        routes.get(.newOrganisation, use: newForm)
        routes.post(.organisations, use: create, refusedOn: newForm)
        routes.get(.organisation(.key), use: show)
        routes.get(.editOrganisation(.key), use: editForm)
        routes.post(.editOrganisation(.key), use: update, refusedOn: editForm)
    }

    func list(req: Request) async throws -> Response {
        try req.require(.useWorkspace)
        return try await req.renderPage("organisations/list", title: "Organisations",
                                        try await OrganisationListPage.load(try req.query.decode(OrganisationListPage.Query.self), req.pageContext))
    }

    func newForm(req: Request) async throws -> Response {
        try req.require(.editOrganisations)
        return try await req.renderPage("organisations/form", title: "Nouvelle organisation", OrganisationFormPage(OrganisationForm(), organisation: nil))
    }

    func create(req: Request) async throws -> Response {
        try req.require(.editOrganisations)
        let form = try req.content.decode(OrganisationForm.self)
        switch OrganisationDraft.validate(form.input) {
        case .failure(let errors):
            return try await req.renderRefusedPage("organisations/form", title: "Nouvelle organisation",
                                            OrganisationFormPage(form, errors: errors, organisation: nil),
                                            errors: errors)
        case .success(let draft):
            let organisation = Organisation(name: draft.name, kind: draft.kind)
            OrganisationForm.assign(draft, to: organisation)
            try await req.mutations.create(organisation, permission: .editOrganisations)
            req.flash(.success, "Organisation créée.")
            return req.redirect(to: .organisation(try organisation.requireID()))
        }
    }

    func find(_ req: Request) async throws -> Organisation {
        guard let id = req.parameters.get("organisationID", as: UUID.self),
              let organisation = try await OrganisationQueries.find(id.uuidString, on: req.db) else { throw WebError.notFound }
        return organisation
    }

    func show(req: Request) async throws -> Response {
        try req.require(.useWorkspace)
        let organisation = try await find(req)
        return try await req.renderPage("organisations/show", title: organisation.name, try await OrganisationPage.load(organisation, req.pageContext))
    }

    func editForm(req: Request) async throws -> Response {
        try req.require(.editOrganisations)
        let organisation = try await find(req)
        return try await req.renderPage("organisations/form", title: "Modifier « \(organisation.name) »",
                                        OrganisationFormPage(OrganisationForm(organisation), organisation: organisation))
    }

    func update(req: Request) async throws -> Response {
        try req.require(.editOrganisations)
        let organisation = try await find(req)
        let form = try req.content.decode(OrganisationForm.self)
        switch OrganisationDraft.validate(form.input) {
        case .failure(let errors):
            return try await req.renderRefusedPage("organisations/form", title: "Modifier « \(organisation.name) »",
                                            OrganisationFormPage(form, errors: errors, organisation: organisation),
                                            errors: errors)
        case .success(let draft):
            let changed = try await req.mutations.update(organisation, permission: .editOrganisations) { OrganisationForm.assign(draft, to: $0) }
            req.flash(changed ? .success : .info, changed ? "Organisation enregistrée." : "Aucune modification à enregistrer.")
            return req.redirect(to: .organisation(try organisation.requireID()))
        }
    }
}
