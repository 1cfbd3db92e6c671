import CLSCore
import CLSStore
import Fluent
import Vapor

/// The public page of a published contract, readable without an account.
struct PublicController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("public", "contrats", ":contractID", use: show)
    }

    struct PublicContent: Encodable {
        let contract: ContractDetailView
        let signatories: [SignatoryView]
        let partners: [PartnerView]
        let timeline: [StateStepView]
    }

    func show(req: Request) async throws -> Response {
        // Unpublished and confidential contracts answer 404, like ids that do not exist.
        guard let id = req.parameters.get("contractID", as: UUID.self),
              let contract = try await Contract.find(id, on: req.db),
              AccessPolicy.allows(.anonymous, .viewPublicContract(contract.accessScope)) else { throw WebError.notFound }
        let signatories = try await Signatory.query(on: req.db).filter(\.$contract.$id == id).with(\.$organisation).all()
        let partners = try await Partner.query(on: req.db).filter(\.$contract.$id == id).with(\.$organisation).all()
        let steps = try await ContractStateChange.query(on: req.db).filter(\.$contract.$id == id).sort(\.$createdAt).all()
        return try await req.renderPage("public/contract", title: contract.name, PublicContent(
            contract: ContractDetailView(contract), signatories: signatories.map(SignatoryView.init),
            partners: partners.map(PartnerView.init), timeline: steps.map(StateStepView.init)))
    }
}
