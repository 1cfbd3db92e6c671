import CLSCore
import CLSFormats
import CLSStore
import Fluent
import Vapor

/// `import plan …`, `import territoires …`, `import geo …`, `import revenus …`, `import indicateurs …`.
struct ImportCommands: AsyncCommandGroup {
    var help: String {
        "Imports data: `import plan` (a programme), `import territoires` (the official territorial reference), "
            + "`import geo` (contours), `import revenus` (Filosofi incomes), `import indicateurs` (local statistics) or `import diagnostic` (the diagnosis files)."
    }
    var commands: [String: any AnyAsyncCommand] {
        ["plan": ImportPlanCommand(), "territoires": ImportTerritoriesCommand(), "geo": ImportShapesCommand(),
         "revenus": ImportIncomesCommand(), "indicateurs": ImportIndicatorsCommand(), "diagnostic": ImportDiagnosticCommand()]
    }
}

/// `import plan --contract ID FILE.xlsx [--replace] [--dry-run]`: the same import as the upload
/// page, run by the operator (as the platform itself, in the audit trail): added to the programme,
/// or replacing it with `--replace`.
struct ImportPlanCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "contract", help: "Id of the contract whose programme receives the plan.")
        var contract: String?
        @Flag(name: "dry-run", help: "Read and report only; change nothing.")
        var dryRun: Bool
        @Flag(name: "replace", help: "Replace the contract's programme instead of adding to it (refused once a year is locked).")
        var replace: Bool
        // Declared after the options so that "--contract ID" is consumed before the file is read
        // as a positional argument, whatever the order on the command line.
        @Argument(name: "file", help: "The .xlsx file.")
        var file: String
    }

    var help: String { "Imports a programme: import plan --contract ID FILE.xlsx [--replace] [--dry-run]." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let contractId = signature.contract.flatMap(UUID.init(uuidString:)) else {
            throw CommandFailure("--contract est obligatoire : l'identifiant du contrat (voir /api/v1/contracts ou l'adresse de la page du contrat).")
        }
        let app = context.application
        try await prepareDatabase(app)
        guard let contract = try await Contract.find(contractId, on: app.db) else { throw CommandFailure("Aucun contrat n'a l'identifiant \(contractId).") }
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: signature.file)) } catch {
            throw CommandFailure("Le fichier \(signature.file) ne peut pas être lu.")
        }
        switch PlanImportOperation.read(data, themes: try await RegionalTheme.catalogue(regionCode: contract.regionCode, on: app.db)) {
        case .failure(let message):
            throw CommandFailure("\(signature.file) : \(message)")
        case .success(let result):
            for issue in result.issues { context.console.print("\(issue.severity == .error ? "ERREUR" : "attention") — \(issue)") }
            let document = result.document
            context.console.print("Lu : \(document.sectionCount) axes et objectifs, \(document.actionCount) fiches actions, \(document.subActionCount) sous-actions (feuille « \(result.sheetName) »).")
            if !result.unreadColumns.isEmpty {
                context.console.print("Colonnes non lues : \(result.unreadColumns.joined(separator: ", ")).")
            }
            if result.hasErrors { throw CommandFailure("Import refusé : corrigez les erreurs ci-dessus. Rien n'a été modifié.") }
            if let empty = PlanImportOperation.emptyPlanMessage(result) { throw CommandFailure("Import refusé : \(empty) Rien n'a été modifié.") }
            if signature.dryRun { context.console.print("--dry-run : rien n'a été modifié."); return }
            let summary = try await PlanImporter.apply(document, to: contract, mode: signature.replace ? .replace : .add,
                                                       using: Mutations(database: app.db, actor: .system))
            context.console.print("« \(contract.name) » : " + PlanImportOperation.summary(summary, filename: URL(fileURLWithPath: signature.file).lastPathComponent))
        }
    }
}
