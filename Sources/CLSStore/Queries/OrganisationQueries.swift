import CLSCore
import FluentKit
import Foundation

/// The organisations directory: filtered by kind and text, a page at a time.
public enum OrganisationQueries {
    public struct Page: Sendable {
        public let organisations: [Organisation]
        public let total: Int
    }

    /// - Parameter page: from 1.
    public static func list(kind: OrganisationKind?, text: String, page: Int, pageSize: Int,
                            on database: any Database) async throws -> Page {
        func filtered() -> QueryBuilder<Organisation> {
            let builder = Organisation.query(on: database)
            if let kind { builder.filter(\.$kind == kind.rawValue) }
            if !text.isEmpty { builder.filter(\.$searchText, .contains(inverse: false, .anywhere), SearchText.fold(text)) }
            return builder
        }
        let total = try await filtered().count()
        let organisations = try await filtered().sort(\.$name).range((page - 1) * pageSize ..< page * pageSize).all()
        return Page(organisations: organisations, total: total)
    }

    /// The contracts an organisation signed, and those it is a partner of.
    public static func contracts(of organisationId: UUID, on database: any Database) async throws -> (signed: [Contract], partnered: [Contract]) {
        let signed = try await Signatory.query(on: database).filter(\.$organisation.$id == organisationId).with(\.$contract).all().map(\.contract)
        let partnered = try await Partner.query(on: database).filter(\.$organisation.$id == organisationId).with(\.$contract).all().map(\.contract)
        return (signed, partnered)
    }

    /// The organisation whose id is typed in a form, if it exists.
    public static func find(_ id: String?, on database: any Database) async throws -> Organisation? {
        guard let id, let uuid = UUID(uuidString: id) else { return nil }
        return try await Organisation.find(uuid, on: database)
    }

    /// Every organisation, or those of one kind (by code), by name: the API's directory.
    public static func all(kind: String?, limit: Int = 5000, on database: any Database) async throws -> [Organisation] {
        let builder = Organisation.query(on: database)
        if let kind { builder.filter(\.$kind == kind) }
        return try await builder.sort(\.$name).limit(limit).all()
    }
}
