import CLSCore
import CLSStore
import Fluent
import Vapor

/// Who works on a contract: coordinator, editors, pilots and readers.
struct ContractMembersController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.contract(.key, .members), use: list)
        routes.post(.contract(.key, .members), use: add, refusedOn: list)
        routes.post(.contract(.key, .removeMember(.key)), use: remove, refusedOn: list)
    }

    func list(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.viewContract)
        return try await req.renderPage("contracts/members", title: "Membres – \(contract.name)",
                                        try await ContractMembersPage.load(contract, req.pageContext))
    }

    struct AddForm: Content {
        var email: String?
        var role: String?
    }

    func add(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.manageContractMembers)
        let id = try contract.requireID()
        let form = try req.content.decode(AddForm.self)
        let page = SitePath.contract(id, .members)
        guard let role = form.role.flatMap(Role.init(rawValue:)), ContractMembersPage.contractRoles.contains(role) else {
            throw WebError.invalid("Choisissez le rôle du membre : coordinateur·rice, rédacteur·rice, pilote ou lecteur·rice.", field: "role")
        }
        do {
            let user = try await ContractMembership.add(email: User.normalise(email: form.email ?? ""), role: role, to: contract,
                                                        using: req.mutations)
            req.flash(.success, "\(user.displayName) est désormais « \(role.label) » de ce contrat.")
        } catch let failure as ContractMembership.Failure {
            guard case .alreadyMember = failure else { throw WebError.invalid(failure.message, field: "email") }
            req.flash(.info, failure.message)
        }
        return req.redirect(to: page)
    }

    func remove(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.manageContractMembers)
        let id = try contract.requireID()
        guard let assignment = try await ContractMembership.assignment(req.parameters.get("assignmentID", as: UUID.self), of: id,
                                                                       roles: ContractMembersPage.contractRoles, on: req.db) else {
            throw WebError.notFound
        }
        try await req.mutations.delete(assignment, permission: .manageContractMembers(contract.accessScope))
        req.flash(.success, "Rôle retiré à \(assignment.user.displayName).")
        return req.redirect(to: .contract(id, .members))
    }
}
