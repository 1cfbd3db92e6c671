import FluentKit
import Foundation

/// The contour of a territory for the maps, as imported from a GeoJSON file. `coordinates` holds
/// the GeoJSON MultiPolygon coordinates (`[[[[lon, lat], …]]]`, 5 decimals: about a metre), read
/// back by `ShapeGeometry`.
public final class TerritoryShape: Model, @unchecked Sendable {
    public static let schema = "territory_shapes"

    /// "departement:93", "commune:93066", "qpv:QN09301M".
    @ID(custom: "key", generatedBy: .user) public var id: String?
    @Field(key: "level") public var level: String
    @Field(key: "code") public var code: String
    @Field(key: "name") public var name: String
    @OptionalField(key: "commune_code") public var communeCode: String?
    @Field(key: "coordinates") public var coordinates: String
    @Field(key: "checksum") public var checksum: String
    @Field(key: "vintage") public var vintage: String

    public init() {}
}

/// Filosofi figures of an IRIS (neighbourhood of about 2,000 inhabitants, communes of 5,000+).
public final class IRISIncome: Model, @unchecked Sendable {
    public static let schema = "iris_incomes"

    @ID(custom: "code", generatedBy: .user) public var id: String?
    @Field(key: "commune_code") public var communeCode: String
    @OptionalField(key: "median_income") public var medianIncome: Double?
    @OptionalField(key: "poverty_rate") public var povertyRate: Double?
    @OptionalField(key: "gini") public var gini: Double?
    @Field(key: "vintage") public var vintage: String

    public init() {}
}

/// One value of a local statistics file (INSEE Statistiques locales, CartoSanté): an indicator of a
/// territory (department, bassin de vie…) for a year. A missing value (statistical secrecy) is nil.
public final class TerritoryIndicator: Model, @unchecked Sendable {
    public static let schema = "territory_indicators"

    @ID(key: .id) public var id: UUID?
    /// "departement", "bassin_de_vie"…
    @Field(key: "level") public var level: String
    @Field(key: "territory_code") public var territoryCode: String
    @Field(key: "territory_name") public var territoryName: String
    @Field(key: "indicator_key") public var indicatorKey: String
    @Field(key: "indicator_label") public var indicatorLabel: String
    @OptionalField(key: "year") public var year: Int?
    @OptionalField(key: "value") public var value: Double?
    @Field(key: "source") public var source: String

    public init() {}
}

struct CreateReferenceData: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(TerritoryShape.schema)
            .field("key", .string, .identifier(auto: false))
            .field("level", .string, .required).field("code", .string, .required).field("name", .string, .required)
            .field("commune_code", .string).field("coordinates", .string, .required)
            .field("checksum", .string, .required).field("vintage", .string, .required)
            .create()
        try await database.schema(IRISIncome.schema)
            .field("code", .string, .identifier(auto: false))
            .field("commune_code", .string, .required)
            .field("median_income", .double).field("poverty_rate", .double).field("gini", .double)
            .field("vintage", .string, .required)
            .create()
        try await database.schema(TerritoryIndicator.schema)
            .id()
            .field("level", .string, .required).field("territory_code", .string, .required)
            .field("territory_name", .string, .required)
            .field("indicator_key", .string, .required).field("indicator_label", .string, .required)
            .field("year", .int).field("value", .double).field("source", .string, .required)
            .unique(on: "level", "territory_code", "indicator_key")
            .create()
        try await Indexes.create([
            ("territory_shapes_level_code", TerritoryShape.schema, ["level", "code"]),
            ("territory_shapes_commune", TerritoryShape.schema, ["commune_code"]),
            ("iris_incomes_commune", IRISIncome.schema, ["commune_code"]),
            ("territory_indicators_key", TerritoryIndicator.schema, ["level", "indicator_key"]),
        ], on: database)
    }

    func revert(on database: any Database) async throws {
        for schema in [TerritoryIndicator.schema, IRISIncome.schema, TerritoryShape.schema] {
            try await database.schema(schema).delete()
        }
    }
}
