import CLSCore
import CLSFormats
import CLSStore
import Foundation
import NIOPosix
import Vapor

/// The plan import shared by the upload page, the API and the command line: reading a workbook
/// (off the event loops), and the French summary of what was written.
enum PlanImportOperation {
    enum Reading {
        case success(PlanReadResult)
        case failure(String)
    }

    /// Reads a workbook into a plan, turning an unreadable file into a French message.
    static func read(_ data: Data, themes: [Theme] = Theme.defaults) -> Reading {
        do {
            let workbook = try XLSXReader(data: data).workbook()
            return .success(PlanSpreadsheetReader.read(workbook, themes: themes))
        } catch let error as XLSXError {
            return .failure(error.message)
        } catch {
            return .failure("Le fichier n'a pas pu être lu comme un classeur Excel (.xlsx). Enregistrez-le au format .xlsx et recommencez.")
        }
    }

    /// The same, on the thread pool: a workbook of thousands of rows takes seconds of CPU that
    /// would otherwise hold an event loop and every request waiting on it.
    static func read(_ data: Data, themes: [Theme], on threadPool: NIOThreadPool) async throws -> Reading {
        try await threadPool.runIfActive { read(data, themes: themes) }
    }

    /// A plan without any action is no import: the message that says so (nil when it has actions).
    static func emptyPlanMessage(_ result: PlanReadResult) -> String? {
        guard result.document.actionCount == 0 else { return nil }
        return result.dataRowCount == 0
            ? "le fichier ne contient aucune fiche action (la feuille « \(result.sheetName) » n'a que ses en-têtes)."
            : "le fichier ne contient aucune fiche action : aucune ligne n'a de titre d'action."
    }

    /// "Programme importé depuis « plan.xlsx » : 12 fiches actions, …".
    static func summary(_ summary: PlanImporter.Summary, filename: String?) -> String {
        let source = filename.map { " depuis « \($0) »" } ?? ""
        var message = summary.actionsReplaced > 0
            ? "Programme remplacé\(source) (\(FrenchFormat.count(summary.actionsReplaced, singular: "fiche action retirée", plural: "fiches actions retirées"))) : "
            : "Programme importé\(source) : "
        message += "\(FrenchFormat.count(summary.actions, singular: "fiche action", plural: "fiches actions")), \(FrenchFormat.count(summary.subActions, singular: "sous-action", plural: "sous-actions")), \(FrenchFormat.count(summary.sectionsCreated, singular: "axe ou objectif créé", plural: "axes et objectifs créés")), \(FrenchFormat.count(summary.budgetLines, singular: "ligne budgétaire", plural: "lignes budgétaires")), \(FrenchFormat.count(summary.links, singular: "lien", plural: "liens"))."
        if !summary.unmatchedOrganisations.isEmpty {
            message += " Structures pilotes absentes du répertoire, gardées en texte : \(summary.unmatchedOrganisations.joined(separator: ", "))."
        }
        if !summary.themesAdded.isEmpty {
            message += " Thèmes ajoutés à la région : \(summary.themesAdded.joined(separator: ", "))."
        }
        if !summary.keptInNotes.isEmpty {
            message += " Thèmes et cibles hors des listes, gardés dans les notes des fiches : \(summary.keptInNotes.joined(separator: ", "))."
        }
        if !summary.unresolvedLinks.isEmpty {
            message += " Actions liées absentes du programme, gardées comme fiches d'autres plans : \(summary.unresolvedLinks.joined(separator: ", "))."
        }
        return message
    }

    /// How many funding lines a document holds, sub-actions included, for the preview.
    static func fundingCount(_ document: PlanDocument) -> Int {
        func inSection(_ section: PlanSection) -> Int {
            section.actions.reduce(0) { $0 + $1.fundings.count + $1.subActions.reduce(0) { $0 + $1.fundings.count } }
                + section.children.reduce(0) { $0 + inSection($1) }
        }
        return document.axes.reduce(0) { $0 + inSection($1) }
    }
}
