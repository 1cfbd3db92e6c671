import CLSCore
import CLSFormats
import CLSStore
import Vapor

/// The reference imports of the command line run the same preparation as the administration page
/// (`PreparedReferenceImport`): the same checks, the same refusals, the same report.
enum ReferenceImportCommandRunner {
    static func run(_ kind: ReferenceImportKind, paths: [String: String?], vintage: String?, level: ShapeLevel? = nil,
                    dryRun: Bool = false, context: CommandContext) async throws {
        let prepared: PreparedReferenceImport
        do {
            var files: [String: TerritoryAssembler.Source] = [:]
            for case let (role, path?) in paths { files[role] = try TerritoryAssembler.Source(contentsOf: URL(fileURLWithPath: path)) }
            prepared = try PreparedReferenceImport.prepare(kind, files: files, vintage: vintage, level: level)
        } catch let refusal as PreparedReferenceImport.Refusal {
            throw CommandFailure("Import refusé, rien n'a été modifié. \(refusal.message)")
        } catch let error as TerritoryFileError {
            throw CommandFailure("Import refusé, rien n'a été modifié. \(error.message)")
        }
        for line in prepared.summary { context.console.print("\(line.label) : \(line.value)") }
        let app = context.application
        try await prepareDatabase(app)
        let mutations = Mutations(database: app.db, actor: .system)
        let changes: [PreparedReferenceImport.Line]
        do {
            changes = dryRun ? try await mutations.rehearse { try await prepared.apply($0) } : try await prepared.apply(mutations)
        } catch let refusal as PreparedReferenceImport.Refusal {
            throw CommandFailure("Import refusé, rien n'a été modifié. \(refusal.message)")
        }
        for line in changes { context.console.print("\(line.label) : \(line.value)") }
        context.console.print(dryRun ? "Essai seulement : rien n'a été modifié." : "Import terminé.")
    }
}

/// `import territoires --communes FILE [--populations FILE] [--epci FILE] [--qpv FILE]
/// [--departements FILE] [--regions FILE] [--millesime 2026] [--dry-run]`.
struct ImportTerritoriesCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "communes", help: "COG communes file (communes-cog-AAAA.csv).")
        var communes: String?
        @Option(name: "populations", help: "INSEE legal populations (semicolon CSV).")
        var populations: String?
        @Option(name: "epci", help: "DGCL EPCI composition (Windows-1252 CSV).")
        var epci: String?
        @Option(name: "qpv", help: "QPV list (code_qpv, nom_qpv, insee_communes).")
        var qpv: String?
        @Option(name: "departements", help: "COG departments file.")
        var departements: String?
        @Option(name: "regions", help: "COG regions file.")
        var regions: String?
        @Option(name: "mouvements", help: "COG history of the communes (mouvements-communes.csv).")
        var mouvements: String?
        @Option(name: "millesime", help: "Vintage recorded with the data (default: the year in the communes file name).")
        var millesime: String?
        @Flag(name: "dry-run", help: "Read and report what would change; change nothing.")
        var dryRun: Bool
    }

    var help: String { "Imports the official territorial reference (communes, populations, EPCI, QPV)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.communes != nil else { throw CommandFailure("--communes is required (the COG communes CSV).") }
        try await ReferenceImportCommandRunner.run(
            .territories, paths: ["communes": signature.communes, "populations": signature.populations, "epci": signature.epci,
                                  "qpv": signature.qpv, "departements": signature.departements, "regions": signature.regions,
                                  "mouvements": signature.mouvements],
            vintage: signature.millesime, dryRun: signature.dryRun, context: context)
    }
}

/// `import geo --level departement|region|commune|qpv FILE.geojson [--millesime 2024] [--dry-run]`.
struct ImportShapesCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "level", help: "departement, region, commune or qpv.")
        var level: String?
        @Option(name: "millesime", help: "Vintage (default: the year in the file name).")
        var millesime: String?
        @Flag(name: "dry-run", help: "Read and report what would change; change nothing.")
        var dryRun: Bool
        @Argument(name: "file", help: "The GeoJSON file (WGS84).")
        var file: String
    }

    var help: String { "Imports contours for the maps: import geo --level departement|region|commune|qpv FILE.geojson." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let level = signature.level.flatMap(ShapeLevel.init(rawValue:)) else {
            throw CommandFailure("--level is required: departement, region, commune or qpv.")
        }
        try await ReferenceImportCommandRunner.run(.shapes, paths: ["fichier": signature.file], vintage: signature.millesime,
                                                   level: level, dryRun: signature.dryRun, context: context)
    }
}

/// `import revenus [--communes filosofi-communes.json] [--iris filosofi-iris.json.gz] [--millesime 2021]`.
struct ImportIncomesCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "communes", help: "Filosofi communes JSON ({meta, communes: {code: {median_eur, minima_pct}}}).")
        var communes: String?
        @Option(name: "iris", help: "Filosofi IRIS JSON, gzip or not ({meta, iris: {code: {median_eur, poverty_rate_pct, gini}}}).")
        var iris: String?
        @Option(name: "millesime", help: "Vintage (default: the data year of the file).")
        var millesime: String?
        @Flag(name: "dry-run", help: "Read and report what would change; change nothing.")
        var dryRun: Bool
    }

    var help: String { "Imports INSEE Filosofi income figures: import revenus --communes FILE [--iris FILE]." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.communes != nil || signature.iris != nil else {
            throw CommandFailure("--communes or --iris is required (the Filosofi files).")
        }
        try await ReferenceImportCommandRunner.run(.incomes, paths: ["communes": signature.communes, "iris": signature.iris],
                                                   vintage: signature.millesime, dryRun: signature.dryRun, context: context)
    }
}

/// `import indicateurs FILE.csv [--dry-run]`: a local statistics file (INSEE Statistiques locales,
/// CartoSanté) by department or bassin de vie.
struct ImportIndicatorsCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "dry-run", help: "Read and report what would change; change nothing.")
        var dryRun: Bool
        @Argument(name: "file", help: "The CSV file as downloaded.")
        var file: String
    }

    var help: String { "Imports local indicators (INSEE Statistiques locales, CartoSanté): import indicateurs FILE.csv." }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await ReferenceImportCommandRunner.run(.indicators, paths: ["fichier": signature.file], vintage: nil,
                                                   dryRun: signature.dryRun, context: context)
    }
}
