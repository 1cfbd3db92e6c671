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

    /// A deposited document: its latest version, then the earlier ones.
    struct SeriesView: Encodable {
        struct Version: Encodable {
            let version: Int
            let filename: String
            let size: String
            let uploadedBy: String
            let uploadedOn: String
            let download: String
        }
        let kind: String
        let title: String
        let latest: Version
        let earlier: [Version]
    }

    let shell: ContractShell
    let contractDocument: String
    let amendments: String
    let saveTexts: String
    let deposit: String
    let canEdit: Bool
    let texts: [TextView]
    let actionCount: Int
    let signatoryCount: Int
    let generated: [GeneratedDocument]
    let deposited: [SeriesView]
    let kindOptions: [SelectOption]

    static func load(_ contract: Contract, _ context: PageContext) async throws -> DocumentsPage {
        let id = try contract.requireID()
        let texts = try await ContractTexts.load(contract, on: context.db)
        let actions = try await Action.query(on: context.db).filter(\.$contract.$id == id).filter(\.$parentAction.$id == nil).count()
        let signatories = try await Signatory.query(on: context.db).filter(\.$contract.$id == id).count()
        let series = try await ContractFiles.list(contractId: id, on: context.db)
        let generated = try await GeneratedDocument.load(contract, on: context.db)
        func version(_ file: ContractFile) throws -> SeriesView.Version {
            .init(version: file.version, filename: file.filename,
                  size: FrenchFormat.fileSize(file.size),
                  uploadedBy: file.uploadedBy, uploadedOn: file.createdAt.map { FrenchFormat.dateTime($0) } ?? "",
                  download: SitePath.contract(id, .documentFile(try file.requireID())).href)
        }
        return DocumentsPage(
            shell: ContractShell(contract, tab: .documents),
            contractDocument: SitePath.contract(id, .contractDocument).href,
            amendments: SitePath.contract(id, .amendments).href,
            saveTexts: SitePath.contract(id, .documentTexts).href,
            deposit: SitePath.contract(id, .documentFiles).href,
            canEdit: context.allows(.editContract(contract.accessScope)),
            texts: texts.map { TextView(name: $0.part.rawValue, heading: $0.part.heading, text: $0.text, isOwn: $0.isOwn,
                                        rows: min(14, max(4, $0.text.count / 80 + $0.text.filter(\.isNewline).count + 1))) },
            actionCount: actions, signatoryCount: signatories, generated: generated,
            deposited: try series.map { series in
                SeriesView(kind: series.kind.label, title: series.title, latest: try version(series.versions[0]),
                           earlier: try series.versions.dropFirst().map(version))
            },
            kindOptions: ContractFileKind.allCases.map { SelectOption(value: $0.rawValue, label: $0.label) })
    }
}
