import CLSCore
import CLSStore
import Fluent
import Foundation
import Vapor

/// Runs a confirmed plan import in the background and records where it stands on its
/// `ImportUpload` row, which the import's page follows. The workbook is read on the thread pool
/// and written through the `.background` database pool, all or nothing: the site keeps
/// answering meanwhile, pages reading through their own connections.
enum PlanImportRunner {
    /// A run "running" without news for this long was interrupted (server stopped).
    static let staleAfter: TimeInterval = 15 * 60

    /// Moves a previewed upload to "running" and starts it; false when it was not waiting any
    /// more (already confirmed, or finished).
    static func start(_ uploadId: UUID, contract: Contract, mode: PlanImporter.Mode, actor: Actor, app: Application) async throws -> Bool {
        let startedAt = app.clock.now()
        let claimed = try await app.db.transaction { database -> Bool in
            guard let upload = try await ImportUpload.find(uploadId, on: database), upload.importState == .previewed else { return false }
            upload.state = ImportUpload.State.running.rawValue
            upload.progressAt = startedAt
            upload.progress = 5
            upload.progressLabel = "Import confirmé, démarrage"
            try await upload.save(on: database)
            return true
        }
        guard claimed else { return false }
        let database = app.databases.database(.background, logger: app.logger, on: app.eventLoopGroup.any()) ?? app.db
        let threadPool = app.threadPool
        let logger = app.logger
        let clock = app.clock
        Task.detached {
            await run(uploadId, contract: contract, mode: mode, actor: actor, database: database, threadPool: threadPool, logger: logger, clock: clock)
        }
        return true
    }

    static func run(_ uploadId: UUID, contract: Contract, mode: PlanImporter.Mode = .add, actor: Actor, database: any Database,
                    threadPool: NIOThreadPool, logger: Logger, clock: AppClock) async {
        do {
            guard let upload = try await ImportUpload.find(uploadId, on: database) else { return }
            try await report(uploadId, progress: 15, label: "Lecture du classeur", at: clock.now(), on: database)
            let themes = try await RegionalTheme.catalogue(regionCode: contract.regionCode, on: database)
            guard case .success(let result) = try await PlanImportOperation.read(upload.content, themes: themes, on: threadPool),
                  !result.hasErrors, PlanImportOperation.emptyPlanMessage(result) == nil else {
                throw Refusal(message: "Le fichier ne peut plus être lu : envoyez-le de nouveau.")
            }
            try await report(uploadId, progress: 50, label: mode == .replace ? "Remplacement du programme, en une seule transaction"
                                                                              : "Écriture du programme, en une seule transaction",
                             at: clock.now(), on: database)
            let summary = try await PlanImporter.apply(result.document, to: contract, mode: mode,
                                                       using: Mutations(database: database, actor: actor), now: clock.now())
            try await finish(uploadId, state: .done, label: PlanImportOperation.summary(summary, filename: upload.filename),
                             at: clock.now(), on: database)
        } catch {
            let message: String
            switch error {
            case let refusal as Refusal: message = refusal.message
            case let tooLong as TextTooLong: message = tooLong.message + " Rien n'a été importé."
            case let locked as YearLockedError:
                message = locked.message + (mode == .replace ? " Le programme ne peut plus être remplacé ; importez le fichier en ajout." : "") + " Rien n'a été importé."
            case let denied as AccessError: message = denied.message
            default:
                logger.report(error: error)
                message = "L'import a échoué et rien n'a été modifié. Le détail est dans le journal du serveur."
            }
            try? await finish(uploadId, state: .failed, label: message, at: clock.now(), on: database)
        }
    }

    struct Refusal: Error { let message: String }

    static func report(_ uploadId: UUID, progress: Int, label: String, at now: Date, on database: any Database) async throws {
        guard let upload = try await ImportUpload.find(uploadId, on: database) else { return }
        upload.progressAt = now
        upload.progress = progress
        upload.progressLabel = label
        try await upload.save(on: database)
    }

    /// Records the outcome, lets go of the workbook, which is no longer needed, and tells the
    /// person who confirmed the import (a notification, in the same transaction).
    static func finish(_ uploadId: UUID, state: ImportUpload.State, label: String, at now: Date, on database: any Database) async throws {
        guard let upload = try await ImportUpload.find(uploadId, on: database) else { return }
        upload.state = state.rawValue
        upload.progress = 100
        upload.progressLabel = label
        upload.finishedAt = now
        upload.content = Data()
        let notice = NoticeDraft(kind: .importFinished,
                                 title: state == .done ? "Import du programme terminé : « \(upload.filename) »"
                                                       : "Import du programme échoué : « \(upload.filename) »",
                                 body: label, place: .planImport(contract: upload.contractId, upload: uploadId))
        try await database.transaction { tx in
            try await upload.save(on: tx)
            try await NoticeWriter.raise(notice, for: [upload.userId], at: now, on: tx)
        }
    }

    /// The state a page shows: a run without news for too long was interrupted (counted from its
    /// last recorded step, not from the upload, which may have waited before its confirmation).
    static func effectiveState(_ upload: ImportUpload, now: Date) -> ImportUpload.State {
        let state = upload.importState
        if state == .running, let news = upload.progressAt, now.timeIntervalSince(news) > staleAfter { return .failed }
        return state
    }
}
