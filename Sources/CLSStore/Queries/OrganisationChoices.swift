import CLSCore
import FluentKit
import Foundation
import SQLKit

/// The organisations offered in a contract's forms (signatories, partners, body members, lead
/// organisation, funders): those of the contract's region and the national ones, by name, read as
/// three columns rather than as models (these lists are on pages read often).
public struct OrganisationChoice: Sendable, Equatable {
    public let id: UUID
    public let name: String
    public let kind: OrganisationKind

    public static let limit = 500

    public static func forContract(regionCode: String, on database: any Database) async throws -> [OrganisationChoice] {
        guard let sql = database as? any SQLDatabase else { throw StoreError.sqlUnavailable }
        return try await sql.raw("""
            SELECT id, name, kind FROM \(ident: Organisation.schema)
            WHERE region_code = \(bind: regionCode) OR region_code IS NULL
            ORDER BY name LIMIT \(literal: limit)
            """).all().map { row in
            OrganisationChoice(id: try row.decode(column: "id", as: UUID.self), name: try row.decode(column: "name", as: String.self),
                               kind: OrganisationKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .other)
        }
    }
}
