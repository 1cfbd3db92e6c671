import CLSCore
import FluentKit
import Foundation

/// A theme a region adds to the default list of DOMAIN.md §5 (parcours personnes âgées,
/// périnatalité, habitat indigne…), offered to every contract of that region.
public final class RegionalTheme: Model, @unchecked Sendable {
    public static let schema = "regional_themes"

    @ID(key: .id) public var id: UUID?
    @Field(key: "region_code") public var regionCode: String
    @Field(key: "code") public var code: String
    @Field(key: "label") public var label: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public init(regionCode: String, theme: Theme) {
        self.regionCode = regionCode
        self.code = theme.code
        self.label = theme.label
    }

    /// The default themes followed by the region's own.
    public static func catalogue(regionCode: String, on database: any Database) async throws -> [Theme] {
        let own = try await RegionalTheme.query(on: database).filter(\.$regionCode == regionCode).sort(\.$label).all()
        return Theme.defaults + own.map { Theme(code: $0.code, label: $0.label) }
    }

    /// The default themes followed by the own themes of `regionCodes` (every region when nil),
    /// a code listed once.
    public static func catalogue(regionCodes: [String]?, on database: any Database) async throws -> [Theme] {
        var query = RegionalTheme.query(on: database).sort(\.$label)
        if let regionCodes { query = query.filter(\.$regionCode ~~ regionCodes) }
        var seen = Set(Theme.defaults.map(\.code))
        return Theme.defaults + (try await query.all()).filter { seen.insert($0.code).inserted }.map { Theme(code: $0.code, label: $0.label) }
    }
}

extension RegionalTheme: Auditable {
    public static let auditEntityType = "regional_theme"
    public var auditLabel: String { label }
    public func auditSnapshot() -> [AuditField] {
        [
            .init("region_code", "Région", AdministrativeAreas.region(regionCode)?.name ?? regionCode),
            .init("code", "Code", code),
            .init("label", "Libellé", label),
        ]
    }
}

struct CreateRegionalThemes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(RegionalTheme.schema)
            .id()
            .field("region_code", .string, .required)
            .field("code", .string, .required)
            .field("label", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "region_code", "code")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(RegionalTheme.schema).delete()
    }
}
