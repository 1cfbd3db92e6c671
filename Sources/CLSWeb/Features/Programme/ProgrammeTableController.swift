import CLSCore
import CLSStore
import Fluent
import Vapor

/// The programme as a filterable table of fiches actions, with bulk edit of status, priority
/// and pilot. A contract holds tens of actions: they are loaded in one query and filtered here.
struct ProgrammeTableController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.contract(.key, .programme(.table)), use: table)
        routes.post(.contract(.key, .programme(.bulkEdit)), use: bulkEdit, refusedOn: table)
    }

    func table(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.viewContract)
        let filters = try req.query.decode(ProgrammeTablePage.Filters.self)
        return try await req.renderPage("programme/table", title: "Tableau des actions – \(contract.name)",
                                        try await ProgrammeTablePage.load(contract, filters: filters, req.pageContext))
    }

    struct BulkForm: Content {
        var actionIds: [String]?
        var status: String?
        var priority: String?
        var pilotUserId: String?
    }

    func bulkEdit(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.editProgramme)
        let form = try req.content.decode(BulkForm.self)
        let page = SitePath.contract(try contract.requireID(), .programme(.table))
        let changed = try await ProgrammeEditing.bulkEdit(
            in: contract, actionIds: (form.actionIds ?? []).compactMap(UUID.init(uuidString:)),
            status: form.status, priority: form.priority, pilotUserId: form.pilotUserId, using: req.mutations)
        req.flash(.success, "\(FrenchFormat.count(changed, singular: "fiche action modifiée", plural: "fiches actions modifiées")).")
        return req.redirect(to: page)
    }
}
