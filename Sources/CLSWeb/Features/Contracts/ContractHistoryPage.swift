import CLSCore
import CLSStore
import Fluent
import Vapor

/// The changes made to a contract, or to one of its objects, most recent first.
struct ContractHistoryPage: Encodable, ContractPageContent {
    static let limit = 500

    let shell: ContractShell
    /// The object whose history this is, when it is not the whole contract.
    let subject: String?
    let entries: [AuditEntryView]
    let truncated: Bool

    static func load(_ contract: Contract, _ context: PageContext) async throws -> ContractHistoryPage {
        let entries = try await AuditEntry.query(on: context.db)
            .filter(\.$contractId == (try contract.requireID()))
            .sort(\.$occurredAt, .descending)
            .limit(limit + 1)
            .all()
        return ContractHistoryPage(shell: ContractShell(contract, tab: .history), subject: nil, entries: entries,
                                   words: try await AuditWords.load(for: Array(entries.prefix(limit)), on: context.db))
    }

    /// - Parameter entries: the most recent entries, up to `limit + 1` to tell whether some were left out.
    /// - Parameter words: the names and labels of what the entries hold (`AuditWords.load`).
    init(shell: ContractShell, subject: String?, entries: [AuditEntry], words: AuditWords) {
        self.shell = shell
        self.subject = subject
        self.entries = entries.prefix(Self.limit).map { AuditEntryView($0, words: words) }
        truncated = entries.count > Self.limit
    }
}

/// A tab whose module is still to come: what it will hold.
struct UpcomingTabPage: Encodable, ContractPageContent {
    let shell: ContractShell
    let heading: String
    let explanation: String

    init(_ contract: Contract, tab: ContractTab) {
        shell = ContractShell(contract, tab: tab)
        heading = tab.label
        explanation = tab.emptyStateText
    }
}
