import CLSCore
import CLSStore
import Fluent
import Vapor

/// The themes of a region: the default list of the evaluation grid plus the region's own.
struct RegionalThemeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.regionalThemes, use: list)
        routes.post(.regionalThemes, use: add, refusedOn: list)
    }

    struct Query: Content { var region: String? }

    func list(req: Request) async throws -> Response {
        try req.require(.useWorkspace)
        return try await req.renderPage("referentials/themes", title: "Thèmes",
                                        try await ThemesPage.load(region: try req.query.decode(Query.self).region ?? sentRegion(req), req.pageContext))
    }

    /// A refused theme comes back on its region's list.
    private func sentRegion(_ req: Request) -> String? {
        req.method == .POST ? try? req.content.get(String.self, at: "region") : nil
    }

    struct AddForm: Content {
        var region: String?
        var label: String?
    }

    func add(req: Request) async throws -> Response {
        // Only an ARS (or the administrator) manages a region's themes: others are refused before
        // their form is read; the region it names is checked once known.
        try req.require(.useWorkspace)
        guard req.subject.isAdmin || req.subject.isARS else { throw WebError.forbidden }
        let form = try req.content.decode(AddForm.self)
        guard let region = form.region.flatMap({ AdministrativeAreas.region($0)?.code }) else {
            throw WebError.invalid("Choisissez la région dont la liste de thèmes s'enrichit.", field: "region")
        }
        try req.require(.manageRegionalThemes(regionCode: region))
        let page = SitePath.regionalThemes.href(query: [("region", region)])
        let label = (form.label ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard (2...120).contains(label.count) else {
            throw WebError.invalid("Donnez au thème un libellé de 2 à 120 caractères, par exemple « Parcours des personnes âgées ».", field: "label")
        }
        let theme = Theme(label: label)
        let catalogue = try await RegionalTheme.catalogue(regionCode: region, on: req.db)
        if let existing = catalogue.first(where: { $0.code == theme.code || SearchText.fold($0.label) == SearchText.fold(label) }) {
            req.flash(.info, "Le thème « \(existing.label) » existe déjà.")
            return req.redirect(to: page)
        }
        try await req.mutations.create(RegionalTheme(regionCode: region, theme: theme), permission: .manageRegionalThemes(regionCode: region))
        req.flash(.success, "Thème ajouté pour la région : « \(label) » (code \(theme.code)).")
        return req.redirect(to: page)
    }
}
