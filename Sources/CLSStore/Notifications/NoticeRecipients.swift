import CLSCore
import FluentKit
import Foundation

/// Who hears about what happens on a contract: its team (every account with a role on it), its
/// coordination, the pilots of its actions, and the ARS officers of its region and department.
enum NoticeRecipients {
    static func team(of contractId: UUID, on database: any Database) async throws -> Set<UUID> {
        try await withRoles(Role.allCases.filter { $0.scopeKind == .contract }, scopes: [contractId.uuidString], on: database)
    }

    static func coordinators(of contractId: UUID, on database: any Database) async throws -> Set<UUID> {
        try await withRoles([.coordinator], scopes: [contractId.uuidString], on: database)
    }

    static func pilots(of contractId: UUID, on database: any Database) async throws -> Set<UUID> {
        Set(try await Action.query(on: database).filter(\.$contract.$id == contractId).filter(\.$pilotUser.$id != nil)
            .field(\.$pilotUser.$id).all().compactMap { $0.$pilotUser.id })
    }

    /// The regional ARS officers of the contract's region and the delegation of its department.
    static func arsOfficers(of contract: Contract, on database: any Database) async throws -> Set<UUID> {
        let scope = contract.accessScope
        let regional = try await withRoles([.arsRegional], scopes: [scope.regionCode], on: database)
        let delegation = try await withRoles([.arsDelegation], scopes: [scope.departmentCode], on: database)
        return regional.union(delegation)
    }

    private static func withRoles(_ roles: [Role], scopes: [String], on database: any Database) async throws -> Set<UUID> {
        let scopes = scopes.filter { !$0.isEmpty }
        guard !roles.isEmpty, !scopes.isEmpty else { return [] }
        return Set(try await RoleAssignment.query(on: database).filter(\.$role ~~ roles.map(\.rawValue))
            .filter(\.$scope ~~ scopes).all().map { $0.$user.id })
    }
}
