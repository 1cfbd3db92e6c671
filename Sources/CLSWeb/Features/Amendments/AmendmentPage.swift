import CLSCore
import CLSStore
import Fluent
import Foundation

/// One amendment: its text, what it changes (frozen once signed, else as the data stands), the
/// forms to rewrite and to sign it while it is a draft, and its Word document.
struct AmendmentPage: Encodable, ContractPageContent {
    struct SignerOption: Encodable {
        let name: String
        let id: String
        let checked: Bool
    }

    let shell: ContractShell
    let heading: String
    let title: String
    let text: String
    let state: String
    let isDraft: Bool
    let draftedOn: String
    let signedOn: String
    let signers: String
    let base: String
    let baseHref: String
    let changes: [ChangeGroupView]
    let canEdit: Bool
    let canSign: Bool
    let signerOptions: [SignerOption]
    let today: String
    let save: String
    let sign: String
    let delete: String
    let document: String

    static func load(_ contract: Contract, _ amendment: Amendment, _ context: PageContext) async throws -> AmendmentPage {
        let id = try contract.requireID()
        let changes = try await Amendments.changes(of: amendment, contract: contract, on: context.db)
        let base = try await ContractVersions.find(amendment.baseVersion, contractId: id, on: context.db)
        let signatories = try await Signatory.query(on: context.db).filter(\.$contract.$id == id).with(\.$organisation).all()
        let day = { (text: String?) in FrenchFormat.date(iso: text) }
        let isDraft = amendment.amendmentState == .draft
        let names = signatories.map(\.organisation.name).sorted { $0.localizedStandardCompare($1) == .orderedAscending }
        return AmendmentPage(
            shell: ContractShell(contract, tab: .documents, trail: [
                Breadcrumb(label: "Documents", href: SitePath.contract(id, .documents).href),
                Breadcrumb(label: "Avenants", href: SitePath.contract(id, .amendments).href),
            ]),
            heading: amendment.heading, title: amendment.title, text: amendment.text,
            state: amendment.amendmentState.label, isDraft: isDraft,
            draftedOn: day(amendment.draftedOn), signedOn: day(amendment.signedOn), signers: amendment.signers.joined(separator: ", "),
            base: base.map { "\($0.label), en vigueur depuis le \(day($0.effectiveOn))" } ?? "",
            baseHref: SitePath.contract(id, .version(amendment.baseVersion)).href,
            changes: ChangeGroupView.groups(changes),
            canEdit: isDraft && context.allows(.editContract(contract.accessScope)),
            canSign: isDraft && context.allows(.changeContractState(contract.accessScope)),
            signerOptions: names.enumerated().map { SignerOption(name: $0.element, id: "signataire-\($0.offset)", checked: true) },
            today: context.today.iso,
            save: SitePath.contract(id, .amendment(amendment.number)).href,
            sign: SitePath.contract(id, .amendment(amendment.number, .sign)).href,
            delete: SitePath.contract(id, .amendment(amendment.number, .delete)).href,
            document: SitePath.contract(id, .amendment(amendment.number, .document)).href)
    }
}
