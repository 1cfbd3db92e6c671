import FluentKit
import Foundation

/// A region of the official geography (COG), identified by its INSEE code.
public final class RegionArea: Model, @unchecked Sendable {
    public static let schema = "regions"
    @ID(custom: "code", generatedBy: .user) public var id: String?
    @Field(key: "name") public var name: String
    @Field(key: "vintage") public var vintage: String
    public init() {}
}

/// A department, identified by its INSEE code ("01", "2A", "974").
public final class DepartmentArea: Model, @unchecked Sendable {
    public static let schema = "departments"
    @ID(custom: "code", generatedBy: .user) public var id: String?
    @Field(key: "name") public var name: String
    @Field(key: "region_code") public var regionCode: String
    @Field(key: "vintage") public var vintage: String
    public init() {}
}

/// A commune, a municipal arrondissement, or a delegated/associated commune.
public final class Commune: Model, @unchecked Sendable {
    public static let schema = "communes"
    @ID(custom: "code", generatedBy: .user) public var id: String?
    @Field(key: "kind") public var kind: String
    @Field(key: "name") public var name: String
    @Field(key: "department_code") public var departmentCode: String
    @Field(key: "region_code") public var regionCode: String
    @OptionalField(key: "parent_code") public var parentCode: String?
    @OptionalField(key: "epci_siren") public var epciSiren: String?
    @OptionalField(key: "population") public var population: Int?
    @Field(key: "vintage") public var vintage: String
    public init() {}
}

/// An EPCI à fiscalité propre (CC, CA, CU, métropole), identified by its SIREN.
public final class EPCI: Model, @unchecked Sendable {
    public static let schema = "epcis"
    @ID(custom: "siren", generatedBy: .user) public var id: String?
    @Field(key: "name") public var name: String
    @Field(key: "nature") public var nature: String
    @Field(key: "vintage") public var vintage: String
    public init() {}
}

/// A quartier prioritaire de la politique de la ville.
public final class QPV: Model, @unchecked Sendable {
    public static let schema = "qpvs"
    @ID(custom: "code", generatedBy: .user) public var id: String?
    @Field(key: "name") public var name: String
    @Field(key: "vintage") public var vintage: String
    public init() {}
}

/// Which communes a QPV lies in (a QPV may straddle several).
public final class QPVCommune: Model, @unchecked Sendable {
    public static let schema = "qpv_communes"
    @ID(key: .id) public var id: UUID?
    @Field(key: "qpv_code") public var qpvCode: String
    @Field(key: "commune_code") public var communeCode: String
    public init() {}
}

struct CreateTerritories: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(RegionArea.schema)
            .field("code", .string, .identifier(auto: false))
            .field("name", .string, .required).field("vintage", .string, .required).create()
        try await database.schema(DepartmentArea.schema)
            .field("code", .string, .identifier(auto: false))
            .field("name", .string, .required).field("region_code", .string, .required)
            .field("vintage", .string, .required).create()
        try await database.schema(Commune.schema)
            .field("code", .string, .identifier(auto: false))
            .field("kind", .string, .required).field("name", .string, .required)
            .field("department_code", .string, .required).field("region_code", .string, .required)
            .field("parent_code", .string).field("epci_siren", .string).field("population", .int)
            .field("vintage", .string, .required).create()
        try await database.schema(EPCI.schema)
            .field("siren", .string, .identifier(auto: false))
            .field("name", .string, .required).field("nature", .string, .required)
            .field("vintage", .string, .required).create()
        try await database.schema(QPV.schema)
            .field("code", .string, .identifier(auto: false))
            .field("name", .string, .required).field("vintage", .string, .required).create()
        try await database.schema(QPVCommune.schema)
            .id()
            .field("qpv_code", .string, .required, .references(QPV.schema, "code", onDelete: .cascade))
            .field("commune_code", .string, .required)
            .unique(on: "qpv_code", "commune_code")
            .create()
        try await Indexes.create([
            ("departments_region", DepartmentArea.schema, ["region_code"]),
            ("communes_department", Commune.schema, ["department_code", "kind"]),
            ("communes_region", Commune.schema, ["region_code"]),
            ("communes_epci", Commune.schema, ["epci_siren"]),
            ("communes_parent", Commune.schema, ["parent_code"]),
            ("qpv_communes_commune", QPVCommune.schema, ["commune_code"]),
        ], on: database)
    }

    func revert(on database: any Database) async throws {
        for schema in [QPVCommune.schema, QPV.schema, EPCI.schema, Commune.schema, DepartmentArea.schema, RegionArea.schema] {
            try await database.schema(schema).delete()
        }
    }
}
