import Vapor

/// `import diagnostic FILE [--dry-run]`: a diagnosis file as published (today INSEE's Comparateur
/// de territoires, `base_cc_comparateur_csv.zip`), read, previewed and imported all or nothing by
/// the same code as the administration page (as the platform itself, in the audit trail).
struct ImportDiagnosticCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "dry-run", help: "Read and report what would change; change nothing.")
        var dryRun: Bool
        @Argument(name: "file", help: "The file as downloaded.")
        var file: String
    }

    var help: String { "Imports a diagnosis file: import diagnostic FILE [--dry-run]." }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await ReferenceImportCommandRunner.run(.diagnosis, paths: ["fichier": signature.file], vintage: nil,
                                                   dryRun: signature.dryRun, context: context)
    }
}
