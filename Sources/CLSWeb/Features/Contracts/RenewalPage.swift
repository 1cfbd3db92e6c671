import CLSCore
import CLSStore
import Fluent
import Foundation

/// Renewing a contract: the next contract's name, what it carries forward (perimeter, signatories
/// and partners, governance bodies) and the fiches actions to reconduct, ongoing and recurring
/// ones ticked, grouped by axis — with the final evaluation's recommendations beside the choice.
struct RenewalPage: Encodable, ContractPageContent {
    struct ActionChoice: Encodable {
        let id: String
        let inputId: String
        let title: String
        let status: String
        let checked: Bool
    }

    struct Group: Encodable {
        let place: String
        let actions: [ActionChoice]
    }

    let shell: ContractShell
    let action: String
    let suggestedName: String
    let nextGeneration: Int
    let groups: [Group]
    let proposedCount: String
    let perimeter: String
    let parties: String
    let bodies: String
    let recommendations: [String]
    let evaluation: String?

    static func load(_ contract: Contract, _ context: PageContext) async throws -> RenewalPage {
        let id = try contract.requireID()
        let candidates = try await ContractRenewal.candidates(of: contract, on: context.db)
        let parties = try await ContractParties.load(contractId: id, on: context.db)
        let bodies = try await GovernanceBody.query(on: context.db).filter(\.$contractId == id).count()
        let perimeter = try await Perimeters.current(contractId: id, on: context.db)
        var order: [String] = []
        var byPlace: [String: [ActionChoice]] = [:]
        for (index, candidate) in candidates.enumerated() {
            if byPlace[candidate.place] == nil { order.append(candidate.place) }
            byPlace[candidate.place, default: []].append(ActionChoice(
                id: candidate.action.id?.uuidString ?? "", inputId: "action-\(index)", title: candidate.action.title,
                status: [ActionStatus(rawValue: candidate.action.status)?.label ?? "Sans statut",
                         candidate.action.isRecurring ? "récurrente" : "", candidate.action.isContinuous ? "amélioration continue" : ""]
                    .filter { !$0.isEmpty }.joined(separator: ", "),
                checked: candidate.isProposed))
        }
        let recommendations = try await FinalEvaluations.recommendations(contractId: id, on: context.db)
        return RenewalPage(
            shell: ContractShell(contract, tab: .overview, trail: [Breadcrumb(label: "Renouvellement", href: SitePath.contract(id, .renewal).href)]),
            action: SitePath.contract(id, .renewal).href,
            suggestedName: ContractRenewal.suggestedName(for: contract), nextGeneration: contract.generation + 1,
            groups: order.map { Group(place: $0, actions: byPlace[$0] ?? []) },
            proposedCount: FrenchFormat.count(candidates.filter(\.isProposed).count, singular: "fiche action proposée", plural: "fiches actions proposées")
                + " sur \(candidates.count)",
            perimeter: perimeter?.label ?? "",
            parties: FrenchFormat.count(parties.signatories.count, singular: "signataire", plural: "signataires") + " et "
                + FrenchFormat.count(parties.partners.count, singular: "partenaire", plural: "partenaires"),
            bodies: FrenchFormat.count(bodies, singular: "instance", plural: "instances") + " de gouvernance et leurs membres",
            recommendations: recommendations,
            evaluation: SitePath.contract(id, .evaluation(.page)).href)
    }
}
