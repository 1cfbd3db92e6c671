import CLSCore
import CLSStore
import Fluent
import Vapor

/// JSON API v1. Authenticated by a personal token (`Authorization: Bearer …`) or the session;
/// the same access policy as the pages applies.
struct APIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.api(.contracts), use: contracts)
        routes.get(.api(.contract(.key, .page)), use: contract)
        routes.get(.api(.contract(.key, .programme)), use: programme)
        routes.get(.api(.contract(.key, .document)), use: DocumentsController().contractDocument)
        routes.get(.api(.organisations), use: organisations)
        routes.get(.api(.everythingElse)) { _ -> Response in throw WebError.notFound }
    }

    struct ContractsQuery: Content {
        var state: String?
        var region: String?
        var departement: String?
        var q: String?
        var page: Int?
        var pageSize: Int?
    }

    /// The last page asked for: further pages are empty all the same (the page size is at most
    /// 10,000), and a larger number would overflow the SQL offset, page × size, and abort the process.
    static let maxPage = 1_000_000

    func contracts(req: Request) async throws -> [ContractJSON] {
        try req.require(.useWorkspace)
        let query = try req.query.decode(ContractsQuery.self)
        if let state = query.state, ContractState(rawValue: state) == nil {
            throw WebError.invalid("État inconnu : « \(state) ». Valeurs possibles : \(ContractState.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        let filter = ContractFilter(state: query.state.flatMap(ContractState.init(rawValue:)), regionCode: query.region,
                                    departmentCode: query.departement, text: query.q,
                                    page: min(query.page ?? 1, Self.maxPage), pageSize: query.pageSize ?? 1000)
        return try await ContractQueries.list(filter, visibleTo: req.subject, on: req.db).contracts.map(ContractJSON.init)
    }

    func contract(req: Request) async throws -> ContractDetailJSON {
        let contract = try await req.contract(requiring: Permission.viewContract)
        let id = try contract.requireID()
        let parties = try await ContractParties.load(contractId: id, on: req.db)
        let targets = AccessPolicy.allows(req.subject, .changeContractState(contract.accessScope))
            ? try await ContractTransitions.allowedTargets(of: contract, on: req.db) : []
        return ContractDetailJSON(
            contract: ContractJSON(contract),
            description: contract.summary,
            linkedSchemes: contract.linkedSchemes.map(\.rawValue),
            signatories: parties.signatories.map {
                .init(organisationId: $0.$organisation.id.uuidString, organisationName: $0.organisation.name,
                      representative: $0.representative, role: $0.representativeRole,
                      deliberationOn: $0.deliberationOn, signedOn: $0.signedOn)
            },
            partners: parties.partners.map {
                .init(organisationId: $0.$organisation.id.uuidString, organisationName: $0.organisation.name,
                      representative: nil, role: $0.contribution, deliberationOn: nil, signedOn: nil)
            },
            history: parties.steps.map { .init(from: $0.fromState, to: $0.toState, effectiveOn: $0.effectiveOn, comment: $0.comment, recordedBy: $0.actorLabel) },
            allowedTransitions: targets.map(\.rawValue))
    }

    func programme(req: Request) async throws -> ProgrammeJSON {
        let contract = try await req.contract(requiring: Permission.viewContract)
        let id = try contract.requireID()
        let tree = try await ProgrammeTree.load(contractId: id, on: req.db)
        let lines = try await ProgrammeQueries.budgetLines(contractId: id, on: req.db)
        let links = try await ProgrammeQueries.links(contractId: id, on: req.db)
        return ProgrammeJSON(contractId: id, tree: tree, budgetLines: lines, links: links, today: req.today)
    }

    struct OrganisationsQuery: Content {
        var kind: String?
    }

    func organisations(req: Request) async throws -> [OrganisationJSON] {
        try req.require(.useWorkspace)
        let query = try req.query.decode(OrganisationsQuery.self)
        return try await OrganisationQueries.all(kind: query.kind, on: req.db).map(OrganisationJSON.init)
    }
}
