import CLSCore
import CLSStore
import Fluent
import Vapor

/// A region's list of themes: the national ones and those its ARS added.
struct ThemesPage: Encodable {
    struct ThemeRow: Encodable { let code: String; let label: String; let isDefault: Bool }

    let regionOptions: [SelectOption]
    let region: String
    let regionName: String
    let themes: [ThemeRow]
    let canManage: Bool
    let formAction = SitePath.regionalThemes.href

    /// - Parameter requested: the region asked for; the subject's own by default.
    static func load(region requested: String?, _ context: PageContext) async throws -> ThemesPage {
        let subject = context.subject
        let manageable = subject.isAdmin ? AdministrativeAreas.regions.map(\.code) : subject.arsRegions.sorted()
        let region = requested.flatMap { AdministrativeAreas.region($0)?.code } ?? manageable.first ?? "53"
        let catalogue = try await RegionalTheme.catalogue(regionCode: region, on: context.db)
        let defaults = Set(Theme.defaults.map(\.code))
        return ThemesPage(
            regionOptions: AdministrativeAreas.regions.sorted { $0.name < $1.name }
                .map { SelectOption(value: $0.code, label: $0.name, selected: $0.code == region) },
            region: region, regionName: AdministrativeAreas.region(region)?.name ?? region,
            themes: catalogue.map { ThemeRow(code: $0.code, label: $0.label, isDefault: defaults.contains($0.code)) },
            canManage: context.allows(.manageRegionalThemes(regionCode: region)))
    }
}
