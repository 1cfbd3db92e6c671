import CLSCore
import CLSFormats
import CLSStore
import Foundation
import Vapor

/// `import diagnostic FILE [--dry-run]`: a diagnosis file as published, read whole, then
/// imported all or nothing (as the platform itself, in the audit trail). Today INSEE's
/// Comparateur de territoires (`base_cc_comparateur_csv.zip`); a file it does not know is refused.
struct ImportDiagnosticCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "dry-run", help: "Read and report what would change; change nothing.")
        var dryRun: Bool
        @Argument(name: "file", help: "The file as downloaded.")
        var file: String
    }

    var help: String { "Imports a diagnosis file: import diagnostic FILE [--dry-run]." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await prepareDatabase(app)
        let mutations = Mutations(database: app.db, actor: .system)
        // One file per run (the command line's arguments are single values): run it once per file.
        for path in [signature.file] {
            let url = URL(fileURLWithPath: path)
            let data: Data
            do { data = try Data(contentsOf: url) } catch { throw CommandFailure("Le fichier \(path) ne peut pas être lu.") }
            let name = url.lastPathComponent
            guard name.lowercased().hasPrefix("base_cc_comparateur") else {
                throw CommandFailure("« \(name) » n'est pas un fichier de diagnostic connu : la base communale du Comparateur de territoires (base_cc_comparateur_csv.zip) est attendue. Rien n'a été modifié.")
            }
            let communes: [ComparateurCommune]
            do { communes = try ComparateurReader.read(zip: data, fileName: name) } catch let error as TerritoryFileError {
                throw CommandFailure("Import refusé : \(error.message) Rien n'a été modifié.")
            }
            let summary = try await DiagnosticImports.importComparateur(communes, file: name, dryRun: signature.dryRun, using: mutations)
            context.console.print((signature.dryRun ? "Lu (rien n'a été modifié) : " : "Importé : ") + summary.sentence)
        }
    }
}
