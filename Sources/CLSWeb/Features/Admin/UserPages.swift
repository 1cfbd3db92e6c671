import CLSCore
import CLSStore
import Fluent
import Vapor

/// How a role reads: "ARS – direction régionale : Bretagne", "Coordination : CLS de Bobigny".
enum RoleDescription {
    /// - Parameter contractNames: the names of the contracts a grant may name, by id.
    static func describe(_ grant: RoleGrant, contractNames: [String: String]) -> String {
        guard let scope = grant.scope else { return grant.role.label }
        switch grant.role.scopeKind {
        case .region: return "\(grant.role.label) : \(AdministrativeAreas.region(scope)?.name ?? scope)"
        case .department: return "\(grant.role.label) : \(AdministrativeAreas.department(scope)?.name ?? scope)"
        case .contract: return "\(grant.role.label) : \(contractNames[scope] ?? "contrat supprimé")"
        case .platform: return grant.role.label
        }
    }

    /// The names of the contracts these grants name.
    static func contractNames(_ grants: [RoleGrant], on db: any Database) async throws -> [String: String] {
        let ids = grants.filter { $0.role.scopeKind == .contract }.compactMap { $0.scope.flatMap(UUID.init(uuidString:)) }
        guard !ids.isEmpty else { return [:] }
        let contracts = try await Contract.query(on: db).filter(\.$id ~~ Array(Set(ids))).field(\.$id).field(\.$name).all()
        return Dictionary(uniqueKeysWithValues: contracts.compactMap { contract in contract.id.map { ($0.uuidString, contract.name) } })
    }
}

/// The platform's accounts, with their roles and last sign-in.
struct UsersPage: Encodable {
    struct UserRow: Encodable {
        let href: String
        let name: String
        let email: String
        let isActive: Bool
        let roles: [String]
        let lastLogin: String
    }

    let users: [UserRow]
    let total: String
    let newUser = SitePath.newUser.href

    static func load(_ context: PageContext) async throws -> UsersPage {
        let users = try await User.query(on: context.db).with(\.$roleAssignments).sort(\.$email).limit(1000).all()
        let names = try await RoleDescription.contractNames(users.flatMap { $0.roleAssignments.compactMap(\.grant) }, on: context.db)
        return UsersPage(
            users: users.map { user in
                UserRow(href: SitePath.user(user.id!).href, name: user.displayName, email: user.email, isActive: user.isActive,
                        roles: user.roleAssignments.compactMap(\.grant).map { RoleDescription.describe($0, contractNames: names) },
                        lastLogin: user.lastLoginAt.map { FrenchFormat.dateTime($0) } ?? "jamais")
            },
            total: FrenchFormat.count(users.count, singular: "compte", plural: "comptes"))
    }
}

/// The form creating an account, with what was typed and the messages of a refusal.
struct UserFormPage: Encodable, BreadcrumbProviding {
    let values: AdminUserController.NewUserForm
    let errors: [String: String]
    let action = SitePath.users.href
    let cancel = SitePath.users.href
    let breadcrumb = [Breadcrumb(label: "Utilisateurs", href: SitePath.users.href)]
}

/// An account: its roles (and the form granting one), its state and its history.
struct UserPage: Encodable, BreadcrumbProviding {
    struct Assignment: Encodable { let label: String; let remove: String }
    struct Links: Encodable { let roles: String; let activation: String; let password: String }

    let name: String
    let email: String
    let isActive: Bool
    let assignments: [Assignment]
    let roleOptions: [SelectOption]
    let regionOptions: OptionList
    let departmentOptions: OptionList
    let contractOptions: [SelectOption]
    let history: [AuditEntryView]
    let links: Links
    let breadcrumb = [Breadcrumb(label: "Utilisateurs", href: SitePath.users.href)]

    static func load(_ user: User, _ context: PageContext) async throws -> UserPage {
        let id = try user.requireID()
        let assignments = try await RoleAssignment.query(on: context.db).filter(\.$user.$id == id).all()
        let contracts = try await Contract.query(on: context.db).sort(\.$name).limit(2000).all()
        let names = Dictionary(uniqueKeysWithValues: contracts.compactMap { contract in contract.id.map { ($0.uuidString, contract.name) } })
        let history = try await AuditEntry.query(on: context.db)
            .group(.or) { $0.filter(\.$entityId == id.uuidString).filter(\.$actorId == id) }
            .sort(\.$occurredAt, .descending).limit(100).all()
        return UserPage(
            name: user.displayName, email: user.email, isActive: user.isActive,
            assignments: assignments.compactMap { assignment in
                assignment.grant.map { grant in
                    Assignment(label: RoleDescription.describe(grant, contractNames: names),
                               remove: SitePath.user(id, .removeRole(assignment.id ?? UUID())).href)
                }
            },
            roleOptions: Options.roles(selected: nil),
            regionOptions: Options.regions(selected: nil),
            departmentOptions: Options.departments(selected: nil),
            contractOptions: contracts.map { SelectOption(value: $0.id!.uuidString, label: $0.name) },
            history: try await AuditEntryView.all(history, on: context.db),
            links: Links(roles: SitePath.user(id, .roles).href, activation: SitePath.user(id, .activation).href,
                         password: SitePath.user(id, .password).href))
    }
}
