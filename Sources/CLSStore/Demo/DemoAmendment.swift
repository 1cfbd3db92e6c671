import CLSCore
import FluentKit
import Foundation

/// Bobigny's first amendment (2016): a fiche action added — health mediation in the priority
/// neighbourhoods — and the contract extended by two years to match the city contract. Made as a
/// coordinator would: the contract is changed, then the amendment drafted and signed.
enum DemoAmendment {
    static func load(into contract: Contract, organisations: [String: Organisation], using tx: Mutations) async throws {
        let contractId = try contract.requireID()
        let scope = contract.accessScope
        guard let axis = try await ProgrammeSection.query(on: tx.database).filter(\.$contract.$id == contractId)
            .filter(\.$parent.$id == nil).sort(\.$position).first() else { return }
        let position = try await Action.query(on: tx.database).filter(\.$section.$id == axis.requireID()).count()
        let action = Action(contractId: contractId, sectionId: try axis.requireID(), title: "Médiation en santé dans les quartiers prioritaires",
                            position: position)
        action.summary = "Deux médiateurs en santé vont au-devant des habitants des quartiers prioritaires pour ouvrir leurs droits et les orienter vers les soins."
        action.status = ActionStatus.inProgress.rawValue
        action.startsOn = "2016-09-01"
        action.$leadOrganisation.id = organisations["bobigny"]?.id
        try await tx.create(action, permission: .editProgramme(scope))
        try await tx.update(contract, permission: .editContract(scope)) {
            $0.endsOn = "2021-02-16"
            $0.durationYears = 7
        }
        let amendment = try await Amendments.draft(contract, title: "Médiation en santé et prolongation",
                                                   text: "Le comité de pilotage du 12 mai 2016 a décidé de financer la médiation en santé dans les quartiers prioritaires et d'aligner la durée du contrat sur celle du contrat de ville.",
                                                   on: CalendarDay(parsing: "2016-05-20")!, using: tx)
        let signers = try await Signatory.query(on: tx.database).filter(\.$contract.$id == contractId).with(\.$organisation).all()
            .map(\.organisation.name).sorted()
        try await Amendments.sign(amendment, of: contract, on: CalendarDay(parsing: "2016-06-20")!, signers: signers, using: tx)
    }
}
