import CLSCore
import FluentKit
import Foundation
import SQLKit

/// The platform's accounts: looked up by e-mail or id, and their role grants.
public enum UserAccounts {
    public static func find(email: String, on database: any Database) async throws -> User? {
        try await User.query(on: database).filter(\.$email == email).first()
    }

    /// The accounts whose address is `text`, or whose name contains it (case aside), at most 50.
    public static func matching(_ text: String, on database: any Database) async throws -> [UUID] {
        let text = text.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty, let sql = database as? any SQLDatabase else { return [] }
        let pattern = "%" + String(text.lowercased().map { "%_\\".contains($0) ? "_" : $0 }) + "%"
        return try await sql.raw("""
            SELECT id FROM \(ident: User.schema)
            WHERE email = \(bind: User.normalise(email: text)) OR LOWER(display_name) LIKE \(bind: pattern)
            ORDER BY display_name LIMIT 50
            """).all().map { try $0.decode(column: "id", as: UUID.self) }
    }

    public static func find(_ id: UUID?, on database: any Database) async throws -> User? {
        guard let id else { return nil }
        return try await User.find(id, on: database)
    }

    /// Grants the role to the account unless it already holds it; a contract role must name an existing contract.
    public static func grant(_ grant: RoleGrant, to userId: UUID, using mutations: Mutations) async throws {
        if grant.role.scopeKind == .contract {
            guard let contractId = grant.scope.flatMap(UUID.init(uuidString:)),
                  try await Contract.find(contractId, on: mutations.database) != nil else {
                throw AccessError.missingScope(grant.role)
            }
        }
        let existing = try await RoleAssignment.query(on: mutations.database).filter(\.$user.$id == userId)
            .filter(\.$role == grant.role.rawValue).filter(\.$scope == grant.scope).count()
        if existing == 0 {
            try await mutations.create(RoleAssignment(userId: userId, grant: grant), permission: .manageUsers)
        }
    }

    /// The grant `id` of the account.
    public static func assignment(_ id: UUID?, of userId: UUID, on database: any Database) async throws -> RoleAssignment? {
        guard let id else { return nil }
        return try await RoleAssignment.query(on: database).filter(\.$id == id).filter(\.$user.$id == userId).first()
    }
}
