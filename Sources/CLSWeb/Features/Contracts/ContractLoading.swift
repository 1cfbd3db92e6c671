import CLSCore
import CLSStore
import Vapor

extension Request {
    /// The contract named by the `contractID` route parameter, if the subject holds the permission
    /// `permission` builds from it. A contract the subject may not even see answers 404, so ids
    /// cannot be probed.
    func contract(requiring permission: (ContractScope) -> Permission) async throws -> Contract {
        guard let id = parameters.get("contractID", as: UUID.self),
              let contract = try await Contract.find(id, on: db) else { throw WebError.notFound }
        let scope = contract.accessScope
        if !AccessPolicy.allows(subject, .viewContract(scope)) {
            if !subject.isAuthenticated { throw WebError.authenticationRequired }
            throw WebError.notFound
        }
        try require(permission(scope))
        return contract
    }

    /// The contract named by the `contractID` route parameter if it is published and not
    /// confidential; 404 otherwise, like an unknown id.
    func publishedContract() async throws -> Contract {
        guard let contract = try await Contract.find(parameters.get("contractID", as: UUID.self), on: db),
              AccessPolicy.allows(.anonymous, .viewPublicContract(contract.accessScope)) else { throw WebError.notFound }
        return contract
    }

    /// The record named by the route parameter `parameter`, if it belongs to `contract`; 404 otherwise.
    /// - Parameter belongs: a further check, such as the fiche action a budget line must belong to.
    func record<M: Auditable>(_ type: M.Type, _ parameter: String, of contract: Contract,
                              where belongs: (M) -> Bool = { _ in true }) async throws -> M {
        guard let record = try await M.find(parameters.get(parameter, as: UUID.self), inContract: try contract.requireID(), on: db),
              belongs(record) else {
            throw WebError.notFound
        }
        return record
    }

    /// The ISO date typed in a form field, or nil when empty; an invalid date is refused.
    func day(_ text: String?, field: String? = nil, label: String) throws -> CalendarDay? { try FormValue.day(text, field: field, label: label) }
}
