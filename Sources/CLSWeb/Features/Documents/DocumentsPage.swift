import CLSCore
import CLSStore
import Fluent
import Foundation

/// The Documents tab: the contract as a Word document, generated from the data as it stands, and
/// the free texts of that document (préambule, articles), which its editors may rewrite.
struct DocumentsPage: Encodable, ContractPageContent {
    struct TextView: Encodable {
        let name: String
        let heading: String
        let text: String
        let isOwn: Bool
        let rows: Int
    }

    let shell: ContractShell
    let contractDocument: String
    let saveTexts: String
    let canEdit: Bool
    let texts: [TextView]
    let actionCount: Int
    let signatoryCount: Int

    static func load(_ contract: Contract, _ context: PageContext) async throws -> DocumentsPage {
        let id = try contract.requireID()
        let texts = try await ContractTexts.load(contract, on: context.db)
        let actions = try await Action.query(on: context.db).filter(\.$contract.$id == id).filter(\.$parentAction.$id == nil).count()
        let signatories = try await Signatory.query(on: context.db).filter(\.$contract.$id == id).count()
        return DocumentsPage(
            shell: ContractShell(contract, tab: .documents),
            contractDocument: SitePath.contract(id, .contractDocument).href,
            saveTexts: SitePath.contract(id, .documentTexts).href,
            canEdit: context.allows(.editContract(contract.accessScope)),
            texts: texts.map { TextView(name: $0.part.rawValue, heading: $0.part.heading, text: $0.text, isOwn: $0.isOwn,
                                        rows: min(14, max(4, $0.text.count / 80 + $0.text.filter(\.isNewline).count + 1))) },
            actionCount: actions, signatoryCount: signatories)
    }
}
