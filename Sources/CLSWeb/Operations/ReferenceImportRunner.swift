import CLSCore
import CLSFormats
import CLSStore
import Fluent
import Foundation
import Vapor

/// Runs a confirmed reference import in the background, recording its progress on the
/// `reference_imports` row so that the page (on any server instance) can show where it stands.
enum ReferenceImportRunner {
    struct Options: Codable, Sendable {
        var millesime: String?
        var niveau: String?
    }

    /// An import still "running" without news for this long was interrupted (server stopped).
    static let staleAfter: TimeInterval = 15 * 60

    static func options(of record: ReferenceImport) -> Options {
        (try? JSONDecoder().decode(Options.self, from: Data(record.options.utf8))) ?? Options()
    }

    static func encode<T: Encodable>(_ value: T) -> String {
        (try? JSONEncoder().encode(value)).flatMap { String(data: $0, encoding: .utf8) } ?? "[]"
    }

    static func lines(_ text: String?) -> [PreparedReferenceImport.Line] {
        guard let text else { return [] }
        return (try? JSONDecoder().decode([PreparedReferenceImport.Line].self, from: Data(text.utf8))) ?? []
    }

    static func prepare(_ record: ReferenceImport, on database: any Database) async throws -> PreparedReferenceImport {
        guard let kind = ReferenceImportKind(rawValue: record.kind) else {
            throw PreparedReferenceImport.Refusal(message: "Type d'import inconnu : « \(record.kind) ».")
        }
        let stored = try await ReferenceImportFile.query(on: database).filter(\.$referenceImport.$id == record.requireID()).all()
        var files: [String: TerritoryAssembler.Source] = [:]
        for file in stored { files[file.role] = .init(fileName: file.filename, data: file.content) }
        let options = options(of: record)
        return try PreparedReferenceImport.prepare(kind, files: files, vintage: options.millesime,
                                                   level: options.niveau.flatMap(ShapeLevel.init(rawValue:)))
    }

    /// Moves a previewed import to "running" and starts it; false when it was not waiting any more
    /// (already confirmed, cancelled, or finished).
    static func start(_ id: UUID, actor: Actor, app: Application) async throws -> Bool {
        let claimed = try await app.db.transaction { database -> Bool in
            guard let record = try await ReferenceImport.find(id, on: database), record.importState == .previewed else { return false }
            record.state = ReferenceImport.State.running.rawValue
            record.progress = 5
            record.progressLabel = "Import confirmé, démarrage"
            try await record.save(on: database)
            return true
        }
        guard claimed else { return false }
        let database = app.db
        let logger = app.logger
        Task.detached {
            await run(id, actor: actor, database: database, logger: logger)
        }
        return true
    }

    static func report(_ id: UUID, progress: Int, label: String, on database: any Database) async throws {
        guard let record = try await ReferenceImport.find(id, on: database) else { return }
        record.progress = progress
        record.progressLabel = label
        try await record.save(on: database)
    }

    static func run(_ id: UUID, actor: Actor, database: any Database, logger: Logger) async {
        do {
            guard let record = try await ReferenceImport.find(id, on: database) else { return }
            try await report(id, progress: 15, label: "Lecture et contrôle des fichiers", on: database)
            let prepared = try await prepare(record, on: database)
            try await report(id, progress: 45, label: "Écriture dans la base, en une seule transaction", on: database)
            let changes = try await prepared.apply(Mutations(database: database, actor: actor))
            guard let finished = try await ReferenceImport.find(id, on: database) else { return }
            finished.state = ReferenceImport.State.done.rawValue
            finished.progress = 100
            finished.progressLabel = "Import terminé"
            finished.result = encode(changes)
            let notice = NoticeDraft(kind: .importFinished, title: "Import terminé : \(ReferenceImportKind(rawValue: finished.kind)?.label ?? finished.kind)",
                                     body: changes.map { "\($0.label) : \($0.value)" }.joined(separator: " ; "),
                                     place: .referenceImport(id))
            try await database.transaction { tx in
                try await finished.save(on: tx)
                try await NoticeWriter.raise(notice, for: [finished.userId], on: tx)
            }
            try await ReferenceImportFile.query(on: database).filter(\.$referenceImport.$id == id).delete()
        } catch {
            let message = (error as? PreparedReferenceImport.Refusal)?.message
                ?? "L'import a échoué et rien n'a été modifié. Le détail est dans le journal du serveur."
            if !(error is PreparedReferenceImport.Refusal) { logger.report(error: error) }
            if let failed = try? await ReferenceImport.find(id, on: database) {
                failed.state = ReferenceImport.State.failed.rawValue
                failed.progressLabel = "Import échoué"
                failed.result = encode([PreparedReferenceImport.Line(label: "Erreur", value: message)])
                let notice = NoticeDraft(kind: .importFinished, title: "Import échoué : \(ReferenceImportKind(rawValue: failed.kind)?.label ?? failed.kind)",
                                         body: message, place: .referenceImport(id))
                try? await database.transaction { tx in
                    try await failed.save(on: tx)
                    try await NoticeWriter.raise(notice, for: [failed.userId], on: tx)
                }
            }
        }
    }
}
