import CLSCore
import CLSStore
import Fluent
import Vapor

/// Signatories and partners of a contract.
struct ContractPartiesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.post(.contract(.key, .signatories), use: addSignatory, refusedOn: ContractController().show)
        routes.post(.contract(.key, .removeSignatory(.key)), use: removeSignatory, refusedOn: ContractController().show)
        routes.post(.contract(.key, .partners), use: addPartner, refusedOn: ContractController().show)
        routes.post(.contract(.key, .removePartner(.key)), use: removePartner, refusedOn: ContractController().show)
    }

    struct SignatoryForm: Content {
        var organisationId: String?
        var representative: String?
        var representativeRole: String?
        var deliberationOn: String?
        var signedOn: String?
    }

    struct PartnerForm: Content {
        var organisationId: String?
        var contribution: String?
    }

    func addSignatory(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.editContract)
        let id = try contract.requireID()
        let form = try req.content.decode(SignatoryForm.self)
        let organisation = try await organisation(form.organisationId, req: req)
        let representative = (form.representative ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !representative.isEmpty else {
            throw WebError.invalid("Indiquez le nom ou la fonction de la personne qui signe pour « \(organisation.name) ».", field: "representative")
        }
        do {
            try await ContractMembership.checkNotSignatory(organisation, of: id, on: req.db)
        } catch let failure as ContractMembership.Failure {
            throw WebError.invalid(failure.message, field: "organisationId")
        }
        let signatory = Signatory(
            contractId: id, organisationId: try organisation.requireID(), representative: representative,
            representativeRole: (form.representativeRole ?? "").trimmingCharacters(in: .whitespacesAndNewlines),
            deliberationOn: try req.day(form.deliberationOn, field: "deliberationOn", label: "délibération")?.iso,
            signedOn: try req.day(form.signedOn, field: "signedOn", label: "signature")?.iso)
        try await req.mutations.create(signatory, permission: .editContract(contract.accessScope))
        req.flash(.success, "Signataire ajouté : \(organisation.name).")
        return req.redirect(to: .contract(id), fragment: "signataires")
    }

    func removeSignatory(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.editContract)
        let id = try contract.requireID()
        let signatory = try await req.record(Signatory.self, "partyID", of: contract)
        try await signatory.$organisation.load(on: req.db)
        try await req.mutations.delete(signatory, permission: .editContract(contract.accessScope))
        req.flash(.success, "Signataire retiré : \(signatory.organisation.name).")
        return req.redirect(to: .contract(id), fragment: "signataires")
    }

    func addPartner(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.editContract)
        let id = try contract.requireID()
        let form = try req.content.decode(PartnerForm.self)
        let organisation = try await organisation(form.organisationId, req: req)
        let partner = Partner(contractId: id, organisationId: try organisation.requireID(),
                              contribution: (form.contribution ?? "").trimmingCharacters(in: .whitespacesAndNewlines))
        try await req.mutations.create(partner, permission: .editContract(contract.accessScope))
        req.flash(.success, "Partenaire ajouté : \(organisation.name).")
        return req.redirect(to: .contract(id), fragment: "partenaires")
    }

    func removePartner(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.editContract)
        let id = try contract.requireID()
        let partner = try await req.record(Partner.self, "partyID", of: contract)
        try await partner.$organisation.load(on: req.db)
        try await req.mutations.delete(partner, permission: .editContract(contract.accessScope))
        req.flash(.success, "Partenaire retiré : \(partner.organisation.name).")
        return req.redirect(to: .contract(id), fragment: "partenaires")
    }

    func organisation(_ id: String?, req: Request) async throws -> Organisation {
        guard let organisation = try await OrganisationQueries.find(id, on: req.db) else {
            throw WebError.invalid("Choisissez une organisation dans la liste. Si elle n'y figure pas, créez-la d'abord dans « Organisations ».", field: "organisationId")
        }
        return organisation
    }
}
