import CLSCore
import CLSStore
import Fluent
import Vapor

/// Who works on a contract: coordinator, editors, pilots and readers.
struct ContractMembersController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.contract(.key, .members), use: list)
        routes.post(.contract(.key, .members), use: add)
        routes.post(.contract(.key, .removeMember(.key)), use: remove)
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
            req.flash(.error, "Choisissez le rôle du membre : coordinateur·rice, rédacteur·rice, pilote ou lecteur·rice.")
            return req.redirect(to: page)
        }
        let email = User.normalise(email: form.email ?? "")
        guard let user = try await User.query(on: req.db).filter(\.$email == email).first() else {
            req.flash(.error, "Aucun compte n'existe pour « \(email) ». Demandez à l'administrateur de la plateforme de le créer, puis ajoutez-le ici.")
            return req.redirect(to: page)
        }
        let grant = RoleGrant(role: role, scope: id.uuidString)
        let existing = try await RoleAssignment.query(on: req.db)
            .filter(\.$user.$id == user.requireID()).filter(\.$role == role.rawValue).filter(\.$scope == id.uuidString).count()
        guard existing == 0 else {
            req.flash(.info, "\(user.displayName) a déjà le rôle « \(role.label) » sur ce contrat.")
            return req.redirect(to: page)
        }
        try await req.mutations.create(RoleAssignment(userId: try user.requireID(), grant: grant),
                                       permission: .manageContractMembers(contract.accessScope))
        req.flash(.success, "\(user.displayName) est désormais « \(role.label) » de ce contrat.")
        return req.redirect(to: page)
    }

    func remove(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.manageContractMembers)
        let id = try contract.requireID()
        guard let assignmentID = req.parameters.get("assignmentID", as: UUID.self),
              let assignment = try await RoleAssignment.query(on: req.db).filter(\.$id == assignmentID)
                .filter(\.$scope == id.uuidString).with(\.$user).first(),
              ContractMembersPage.contractRoles.map(\.rawValue).contains(assignment.role) else { throw WebError.notFound }
        try await req.mutations.delete(assignment, permission: .manageContractMembers(contract.accessScope))
        req.flash(.success, "Rôle retiré à \(assignment.user.displayName).")
        return req.redirect(to: .contract(id, .members))
    }
}
