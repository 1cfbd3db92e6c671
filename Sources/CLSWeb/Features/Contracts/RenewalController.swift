import CLSCore
import CLSStore
import Vapor

/// Renewing a contract: the page that offers what to carry forward, and the renewal itself.
struct RenewalController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.contract(.key, .renewal), use: page)
        routes.post(.contract(.key, .renewal), use: renew, refusedOn: page)
    }

    struct RenewalForm: Content {
        var name: String?
        var carriesPerimeter: String?
        var carriesParties: String?
        var carriesBodies: String?
        var actions: [String]?
    }

    func page(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.changeContractState)
        try req.require(.createContract(regionCode: contract.regionCode, departmentCode: contract.departmentCode))
        return try await req.renderPage("contracts/renewal", title: "Renouvellement – \(contract.name)",
                                        try await RenewalPage.load(contract, req.pageContext))
    }

    func renew(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.changeContractState)
        try req.require(.createContract(regionCode: contract.regionCode, departmentCode: contract.departmentCode))
        let form = try req.content.decode(RenewalForm.self)
        let name = (form.name ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw WebError.invalid("Donnez un nom au nouveau contrat, par exemple « \(ContractRenewal.suggestedName(for: contract)) ».", field: "name") }
        guard name.count <= TextLimits.line else {
            throw WebError.invalid("Le nom dépasse \(FrenchFormat.count(TextLimits.line, singular: "caractère", plural: "caractères")) : raccourcissez-le.", field: "name")
        }
        let choice = ContractRenewal.Choice(name: name, carriesPerimeter: form.carriesPerimeter != nil, carriesParties: form.carriesParties != nil,
                                            carriesBodies: form.carriesBodies != nil, actionIds: Set((form.actions ?? []).compactMap(UUID.init(uuidString:))))
        let next = try await ContractRenewal.renew(contract, choice: choice, on: req.today, using: req.mutations)
        req.flash(.success, "Contrat « \(next.name) » créé : il succède à « \(contract.name) », désormais renouvelé ("
                  + FrenchFormat.count(choice.actionIds.count, singular: "fiche action reconduite", plural: "fiches actions reconduites") + ").")
        return req.redirect(to: .contract(try next.requireID()))
    }
}
