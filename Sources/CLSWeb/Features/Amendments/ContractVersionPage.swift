import CLSCore
import CLSStore
import Foundation

/// The contract as it was signed (or as an amendment left it): its facts, parties, perimeter and
/// programme, read from the version frozen that day — beside the programme as it stands today.
struct ContractVersionPage: Encodable, ContractPageContent {
    struct SectionView: Encodable {
        let heading: String
        let level: Int
        let actions: [String]
    }

    let shell: ContractShell
    let label: String
    let effectiveOn: String
    let facts: [ContractDocumentContent.Line]
    let parties: [String]
    let perimeter: String
    let communes: String
    let sections: [SectionView]
    let actionCount: String
    let financing: [[String]]
    let document: String
    let programmeToday: String
    let changesSince: [ChangeGroupView]
    let isLatest: Bool

    static func load(_ contract: Contract, _ version: ContractVersion, _ context: PageContext) async throws -> ContractVersionPage {
        let id = try contract.requireID()
        let content = try version.content()
        let latest = try await ContractVersions.latest(contractId: id, on: context.db)
        let isLatest = latest?.number == version.number
        let changes = isLatest ? try await Amendments.pendingChanges(contract, since: version, on: context.db) : []
        return ContractVersionPage(
            shell: ContractShell(contract, tab: .documents, trail: [
                Breadcrumb(label: "Documents", href: SitePath.contract(id, .documents).href),
                Breadcrumb(label: "Avenants et versions", href: SitePath.contract(id, .amendments).href),
            ]),
            label: version.label, effectiveOn: version.effectiveDay.map { FrenchFormat.date($0) } ?? "",
            facts: content.facts,
            parties: content.parties.map { party in
                [party.organisation, [party.representative, party.role].filter { !$0.isEmpty }.joined(separator: ", ")]
                    .filter { !$0.isEmpty }.joined(separator: " — ")
            },
            perimeter: content.perimeter, communes: content.communes.joined(separator: ", "),
            sections: content.sections.map { section in
                SectionView(heading: "\(section.kind) \(section.number) – \(section.title)", level: min(section.depth + 3, 4),
                            actions: section.actionTitles)
            },
            actionCount: FrenchFormat.count(content.actions.count, singular: "fiche action", plural: "fiches actions"),
            financing: content.financingByFunder,
            document: SitePath.contract(id, .version(version.number, .document)).href,
            programmeToday: SitePath.contract(id, .programme(.tree)).href,
            changesSince: ChangeGroupView.groups(changes), isLatest: isLatest)
    }
}
