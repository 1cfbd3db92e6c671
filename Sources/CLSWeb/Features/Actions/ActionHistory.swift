import CLSCore
import CLSStore
import Fluent
import Vapor

/// The journal of one fiche action: its own changes and those of its budget lines, indicators,
/// values, notes, attachments and links (whose recorded fields name the action).
enum ActionHistory {
    static func load(_ contract: Contract, _ action: Action, _ context: PageContext) async throws -> ContractHistoryPage {
        let contractId = try contract.requireID()
        let actionId = try action.requireID()
        // Indicator values name their indicator, not the action: look for those ids too.
        let indicatorIds = try await Indicator.query(on: context.db).filter(\.$action.$id == actionId).all().compactMap { $0.id?.uuidString }
        let entries = try await AuditEntry.query(on: context.db)
            .filter(\.$contractId == contractId)
            .group(.or) { group in
                group.filter(\.$entityId == actionId.uuidString).filter(\.$changesJSON, .contains(inverse: false, .anywhere), actionId.uuidString)
                for id in indicatorIds { group.filter(\.$changesJSON, .contains(inverse: false, .anywhere), id) }
            }
            .sort(\.$occurredAt, .descending).limit(ContractHistoryPage.limit + 1).all()
        let shell = ContractShell(contract, tab: .programme,
                                  trail: [Breadcrumb(label: action.title, href: SitePath.contract(contractId, .action(actionId)).href)])
        return ContractHistoryPage(shell: shell, subject: action.title, entries: entries,
                                   words: try await AuditWords.load(for: Array(entries.prefix(ContractHistoryPage.limit)), on: context.db))
    }
}
