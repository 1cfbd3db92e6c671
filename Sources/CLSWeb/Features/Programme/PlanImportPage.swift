import CLSCore
import CLSFormats
import CLSStore
import Fluent
import Vapor

/// The import of a programme from a spreadsheet: the form, then the preview of what the file holds
/// (or why it is refused) before anything is written.
struct PlanImportPage: Encodable, ContractPageContent {
    struct IssueView: Encodable {
        let severity: String
        let location: String
        let message: String
    }

    struct PreviewSection: Encodable {
        let title: String
        let depth: Int
        let actions: [String]
    }

    static func load(_ contract: Contract, filename: String? = nil, result: PlanReadResult? = nil,
                     fileError: String? = nil, uploadId: UUID? = nil, _ context: PageContext) async throws -> PlanImportPage {
        let id = try contract.requireID()
        func view(_ issue: PlanIssue) -> IssueView {
            var location = ["feuille « \(issue.sheet) »"]
            if let row = issue.row { location.append("ligne \(row)") }
            if let column = issue.column { location.append("colonne \(column)") }
            if let value = issue.value, !value.isEmpty { location.append("valeur « \(value) »") }
            return IssueView(severity: issue.severity.rawValue, location: location.joined(separator: ", "), message: issue.message)
        }
        var outline: [PreviewSection] = []
        func walk(_ section: PlanSection, depth: Int) {
            outline.append(PreviewSection(title: section.title, depth: depth, actions: section.actions.map { action in
                action.subActions.isEmpty ? action.title : "\(action.title) (\(FrenchFormat.count(action.subActions.count, singular: "sous-action", plural: "sous-actions")))"
            }))
            for child in section.children { walk(child, depth: depth + 1) }
        }
        result?.document.axes.forEach { walk($0, depth: 0) }
        let empty = result.flatMap { $0.hasErrors ? nil : PlanImportOperation.emptyPlanMessage($0) }
        let errors = (fileError.map { [IssueView(severity: "error", location: filename ?? "fichier", message: $0)] } ?? [])
            + (result?.issues.filter { $0.severity == .error }.map(view) ?? [])
            + (empty.map { [IssueView(severity: "error", location: "feuille « \(result?.sheetName ?? "") »", message: $0)] } ?? [])
        let fundings = result.map { PlanImportOperation.fundingCount($0.document) } ?? 0
        let confirmable = errors.isEmpty ? uploadId : nil
        return PlanImportPage(
            shell: ContractShell(contract, tab: .programme,
                                 trail: [Breadcrumb(label: "Programme", href: SitePath.contract(id, .programme(.tree)).href)]),
            confirm: confirmable.map { SitePath.contract(id, .programme(.importUpload($0, .confirm))).href },
            filename: filename, errors: errors,
            warnings: result?.issues.filter { $0.severity == .warning }.map(view) ?? [],
            uploadId: errors.isEmpty ? uploadId?.uuidString : nil, sheetName: result?.sheetName ?? "",
            counts: result.map { .init(sections: $0.document.sectionCount, actions: $0.document.actionCount,
                                       subActions: $0.document.subActionCount, fundings: fundings) },
            outline: outline, unreadColumns: result?.unreadColumns ?? [],
            existingActions: try await Action.query(on: context.db).filter(\.$contract.$id == id).filter(\.$parentAction.$id == nil).count(),
            lockedYear: confirmable == nil ? nil : try await YearLock.lockedYears(contractId: id, on: context.db).max())
    }

    let shell: ContractShell
    let confirm: String?
    let filename: String?
    let errors: [IssueView]
    let warnings: [IssueView]
    let uploadId: String?
    let sheetName: String
    let counts: Counts?
    let outline: [PreviewSection]
    /// The columns nothing reads, as "AE (Mesures liées)".
    let unreadColumns: [String]
    /// Fiches actions already in the programme: the preview asks whether to add or replace.
    let existingActions: Int
    /// The latest approved year: the programme can no longer be replaced.
    let lockedYear: Int?

    struct Counts: Encodable { let sections: Int; let actions: Int; let subActions: Int; let fundings: Int }
}
