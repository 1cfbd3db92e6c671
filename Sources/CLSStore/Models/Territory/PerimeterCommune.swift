import FluentKit
import Foundation

/// One commune of one contract perimeter: the row-per-commune index that answers "which
/// contracts cover these communes?" in SQL (territory pages, priority territories, portfolio).
/// Derived from `ContractPerimeter.communeCodes` by `Mutations`, never edited.
public final class PerimeterCommune: Model, @unchecked Sendable {
    public static let schema = "perimeter_communes"

    @ID(key: .id) public var id: UUID?
    @Field(key: "perimeter_id") public var perimeterId: UUID
    @Field(key: "contract_id") public var contractId: UUID
    @Field(key: "commune_code") public var communeCode: String

    public init() {}

    public init(id: UUID? = nil, perimeterId: UUID, contractId: UUID, communeCode: String) {
        self.id = id
        self.perimeterId = perimeterId
        self.contractId = contractId
        self.communeCode = communeCode
    }
}

extension ContractPerimeter: DerivedRows {
    public func refreshDerivedRows(on database: any Database) async throws {
        let perimeterId = try requireID()
        try await PerimeterCommune.query(on: database).filter(\.$perimeterId == perimeterId).delete()
        let rows = Set(communes).sorted().map { PerimeterCommune(perimeterId: perimeterId, contractId: $contract.id, communeCode: $0) }
        for start in stride(from: 0, to: rows.count, by: 1_000) {
            try await Array(rows[start..<min(start + 1_000, rows.count)]).create(on: database)
        }
    }
}

/// The perimeter communes index, filled from the perimeters already recorded.
struct CreatePerimeterCommunes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(PerimeterCommune.schema).id()
            .field("perimeter_id", .uuid, .required, .references(ContractPerimeter.schema, "id", onDelete: .cascade))
            .field("contract_id", .uuid, .required, .references(Contract.schema, "id", onDelete: .cascade))
            .field("commune_code", .string, .required)
            .create()
        try await Indexes.create([
            ("perimeter_communes_commune", PerimeterCommune.schema, ["commune_code"]),
            ("perimeter_communes_perimeter", PerimeterCommune.schema, ["perimeter_id"]),
        ], on: database)
        for perimeter in try await ContractPerimeter.query(on: database).all() {
            try await perimeter.refreshDerivedRows(on: database)
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(PerimeterCommune.schema).delete()
    }
}
