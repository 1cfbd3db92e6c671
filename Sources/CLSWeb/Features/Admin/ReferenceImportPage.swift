import CLSCore
import CLSStore
import Fluent
import Vapor

/// One import of reference files: its preview awaiting confirmation, its progress, its outcome.
struct ReferenceImportPage: Encodable, BreadcrumbProviding {
    struct Links: Encodable { let page: String; let status: String; let confirm: String; let cancel: String; let reference: String }
    typealias Preview = ReferenceImportController.Preview

    let links: Links
    let kind: String
    let state: String
    let stateLabel: String
    let isPreview: Bool
    let isRunning: Bool
    let isFinished: Bool
    let progress: Int
    let progressLabel: String
    let files: [String]
    let summary: [PreparedReferenceImport.Line]
    let changes: [PreparedReferenceImport.Line]
    let result: [PreparedReferenceImport.Line]
    let breadcrumb: [Breadcrumb]

    var title: String { "Import : \(kind)" }

    static func load(_ record: ReferenceImport, now: Date, _ context: PageContext) async throws -> ReferenceImportPage {
        let state = ReferenceImportController.effectiveState(record, now: now)
        let preview = (try? JSONDecoder().decode(Preview.self, from: Data(record.preview.utf8))) ?? Preview(summary: [], changes: [])
        let files = try await ReferenceImportFile.query(on: context.db).filter(\.$referenceImport.$id == record.requireID())
            .field(\.$filename).field(\.$role).all().map(\.filename)
        let kind = ReferenceImportKind(rawValue: record.kind)?.label ?? record.kind
        var result = ReferenceImportRunner.lines(record.result)
        if state == .failed, record.importState == .running {
            result = [.init(label: "Erreur", value: "L'import a été interrompu (arrêt du serveur) : rien n'a été modifié, relancez-le.")]
        }
        let id = try record.requireID()
        return ReferenceImportPage(
            links: Links(page: SitePath.referenceImport(id).href, status: SitePath.referenceImport(id, .status).href, confirm: SitePath.referenceImport(id, .confirm).href,
                         cancel: SitePath.referenceImport(id, .cancel).href, reference: SitePath.reference.href),
            kind: kind, state: state.rawValue, stateLabel: ReferenceImportController.stateLabels[state] ?? record.state,
            isPreview: state == .previewed, isRunning: state == .running, isFinished: state == .done || state == .failed,
            progress: state == .done ? 100 : record.progress, progressLabel: record.progressLabel,
            files: files, summary: preview.summary, changes: preview.changes, result: result,
            breadcrumb: [Breadcrumb(label: "Administration", href: nil), Breadcrumb(label: "Référentiel", href: SitePath.reference.href)])
    }
}
