import CLSCore
import CLSStore
import Fluent
import Vapor

/// Who works on a contract, with their role, and the form adding one.
struct ContractMembersPage: Encodable, ContractPageContent {
    static let contractRoles: [Role] = [.coordinator, .editor, .pilot, .reader]

    struct Member: Encodable {
        let name: String
        let email: String
        let role: String
        let remove: String
    }

    let shell: ContractShell
    let members: [Member]
    let roleOptions: [SelectOption]
    let canManage: Bool

    static func load(_ contract: Contract, _ context: PageContext) async throws -> ContractMembersPage {
        let id = try contract.requireID()
        let assignments = try await RoleAssignment.query(on: context.db)
            .filter(\.$scope == id.uuidString)
            .filter(\.$role ~~ contractRoles.map(\.rawValue))
            .with(\.$user).all()
        let members = assignments.map {
            Member(name: $0.user.displayName, email: $0.user.email, role: Role(rawValue: $0.role)?.label ?? $0.role,
                   remove: SitePath.contract(id, .removeMember($0.id ?? UUID())).href)
        }.sorted { ($0.role, $0.name) < ($1.role, $1.name) }
        return ContractMembersPage(
            shell: ContractShell(contract, tab: .members), members: members,
            roleOptions: contractRoles.map { SelectOption(value: $0.rawValue, label: $0.label) },
            canManage: context.allows(.manageContractMembers(contract.accessScope)))
    }
}
