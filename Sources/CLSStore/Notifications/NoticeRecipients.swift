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

    /// The coordination and the ARS officers of many contracts at once, in one query (the hourly
    /// pass reads them for every contract with a decision due or an alert).
    static func coordinationAndARS(of contracts: [Contract], on database: any Database) async throws
        -> (coordination: [UUID: Set<UUID>], ars: [UUID: Set<UUID>]) {
        let scopes = contracts.flatMap { contract in
            [contract.id?.uuidString, contract.regionCode, contract.departmentCode].compactMap { $0 }.filter { !$0.isEmpty }
        }
        guard !scopes.isEmpty else { return ([:], [:]) }
        let roles = [Role.coordinator, .arsRegional, .arsDelegation].map(\.rawValue)
        var byScope: [String: [(Role, UUID)]] = [:]
        for chunk in Array(Set(scopes)).chunked(500) {
            for assignment in try await RoleAssignment.query(on: database).filter(\.$role ~~ roles).filter(\.$scope ~~ Array(chunk)).all() {
                guard let scope = assignment.scope, let role = Role(rawValue: assignment.role) else { continue }
                byScope[scope, default: []].append((role, assignment.$user.id))
            }
        }
        var coordination: [UUID: Set<UUID>] = [:], ars: [UUID: Set<UUID>] = [:]
        for contract in contracts {
            guard let id = contract.id else { continue }
            coordination[id] = Set((byScope[id.uuidString] ?? []).filter { $0.0 == .coordinator }.map(\.1))
            ars[id] = Set((byScope[contract.regionCode] ?? []).filter { $0.0 == .arsRegional }.map(\.1)
                          + (byScope[contract.departmentCode] ?? []).filter { $0.0 == .arsDelegation }.map(\.1))
        }
        return (coordination, ars)
    }

    private static func withRoles(_ roles: [Role], scopes: [String], on database: any Database) async throws -> Set<UUID> {
        let scopes = scopes.filter { !$0.isEmpty }
        guard !roles.isEmpty, !scopes.isEmpty else { return [] }
        return Set(try await RoleAssignment.query(on: database).filter(\.$role ~~ roles.map(\.rawValue))
            .filter(\.$scope ~~ scopes).all().map { $0.$user.id })
    }
}
