import CLSCore
import CLSStore
import Fluent
import Foundation

/// A fiche action across generations of contracts: the fiche it continues, and the fiches that
/// continue it in the renewed contracts — linked when the reader may open them, named otherwise.
enum ActionLineage {
    static func load(actionId: UUID, _ context: PageContext) async throws -> (from: ActionSheetPage.Link?, into: [ActionSheetPage.Link]) {
        let predecessor = try await ActionPredecessor.query(on: context.db).filter(\.$actionId == actionId).first()
        let successors = try await ActionPredecessor.query(on: context.db).filter(\.$predecessorActionId == actionId).all()
        let contractIds = Array(Set(successors.map(\.contractId) + [predecessor?.predecessorContractId].compactMap { $0 }))
        guard !contractIds.isEmpty else { return (nil, []) }
        let contracts = Dictionary(uniqueKeysWithValues: try await Contract.query(on: context.db).filter(\.$id ~~ contractIds).all().map { ($0.id!, $0) })
        let titles = Dictionary(uniqueKeysWithValues: try await Action.query(on: context.db).filter(\.$id ~~ successors.map(\.actionId))
            .field(\.$id).field(\.$title).all().map { ($0.id!, $0.title) })
        func link(action: UUID, title: String, contractId: UUID) -> ActionSheetPage.Link {
            guard let contract = contracts[contractId] else { return .init(href: "", label: title) }
            let visible = context.allows(.viewContract(contract.accessScope))
            return .init(href: visible ? SitePath.contract(contractId, .action(action)).href : "", label: title, status: contract.name)
        }
        return (predecessor.map { link(action: $0.predecessorActionId, title: $0.predecessorTitle, contractId: $0.predecessorContractId) },
                successors.map { link(action: $0.actionId, title: titles[$0.actionId] ?? "", contractId: $0.contractId) })
    }
}
