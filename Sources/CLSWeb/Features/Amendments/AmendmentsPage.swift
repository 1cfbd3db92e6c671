import CLSCore
import CLSStore
import Foundation

/// The amendments of a contract and its signed versions: the contract as signed and as amended,
/// what has changed since the last signature (what the next amendment will record), the
/// amendments with their state, and the form to draft the next one.
struct AmendmentsPage: Encodable, ContractPageContent {
    struct VersionView: Encodable {
        let label: String
        let effectiveOn: String
        let href: String
        let document: String
    }

    struct AmendmentView: Encodable {
        let heading: String
        let state: String
        let isDraft: Bool
        let dates: String
        let changeCount: String
        let href: String
    }

    let shell: ContractShell
    let isSigned: Bool
    let versions: [VersionView]
    let amendments: [AmendmentView]
    /// Changes since the latest version, when there is one.
    let pending: [ChangeGroupView]
    let latestVersion: String?
    let canDraft: Bool
    let draftPending: String?
    let draftAction: String

    static func load(_ contract: Contract, _ context: PageContext) async throws -> AmendmentsPage {
        let id = try contract.requireID()
        let versions = try await ContractVersions.list(contractId: id, on: context.db)
        let amendments = try await Amendments.list(contractId: id, on: context.db)
        let latest = versions.last
        var pending: [AmendmentChange] = []
        if let latest { pending = try await Amendments.pendingChanges(contract, since: latest, on: context.db) }
        let draft = amendments.first { $0.amendmentState == .draft }
        let day = { (text: String?) in FrenchFormat.date(iso: text) }
        let signed = ContractVersions.isSigned(contract)
        return AmendmentsPage(
            shell: ContractShell(contract, tab: .documents,
                                 trail: [Breadcrumb(label: "Documents", href: SitePath.contract(id, .documents).href)]),
            isSigned: signed,
            versions: versions.map { version in
                VersionView(label: version.label, effectiveOn: day(version.effectiveOn),
                            href: SitePath.contract(id, .version(version.number)).href,
                            document: SitePath.contract(id, .version(version.number, .document)).href)
            },
            amendments: amendments.reversed().map { amendment in
                let count = amendment.frozenChanges.map { FrenchFormat.count($0.count, singular: "modification", plural: "modifications") }
                return AmendmentView(
                    heading: amendment.heading, state: amendment.amendmentState.label, isDraft: amendment.amendmentState == .draft,
                    dates: amendment.signedOn.map { "signé le \(day($0))" } ?? "rédigé le \(day(amendment.draftedOn))",
                    changeCount: count ?? "en projet", href: SitePath.contract(id, .amendment(amendment.number)).href)
            },
            pending: ChangeGroupView.groups(pending), latestVersion: latest?.label,
            canDraft: ContractVersions.isAmendable(contract) && draft == nil && context.allows(.editContract(contract.accessScope)),
            draftPending: draft.map(\.heading),
            draftAction: SitePath.contract(id, .amendments).href)
    }
}
