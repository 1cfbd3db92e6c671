import CLSCore
import CLSFormats
import CLSStore
import Vapor

/// `import territoires --communes FILE [--populations FILE] [--epci FILE] [--qpv FILE]
/// [--departements FILE] [--regions FILE] [--millesime 2026]`: the official reference files as
/// INSEE, DGCL and ANCT publish them, imported in one transaction (run again: nothing changes).
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
        @Option(name: "millesime", help: "Vintage recorded with the data (default: the year in the communes file name).")
        var millesime: String?
    }

    var help: String { "Imports the official territorial reference (communes, populations, EPCI, QPV)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let communes = signature.communes else { throw CommandFailure("--communes is required (the COG communes CSV).") }
        func url(_ path: String?) -> URL? { path.map { URL(fileURLWithPath: $0) } }
        let vintage = signature.millesime
            ?? communes.split(whereSeparator: { !$0.isNumber }).first { $0.count == 4 }.map(String.init) ?? "inconnu"
        let records: TerritoryRecords
        do {
            records = try TerritoryAssembler.assemble(.init(communes: URL(fileURLWithPath: communes), populations: url(signature.populations),
                                                            epci: url(signature.epci), qpv: url(signature.qpv),
                                                            departments: url(signature.departements), regions: url(signature.regions)),
                                                      vintage: vintage)
        } catch let error as TerritoryFileError {
            throw CommandFailure("Import refusé, rien n'a été modifié. \(error.message)")
        }
        let app = context.application
        try await prepareDatabase(app)
        let report = try await TerritoryImporter.apply(records, using: Mutations(database: app.db, actor: .system))
        let kinds = report.communesByKind.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        context.console.print("Référentiel \(vintage) importé : \(report.regions) régions, \(report.departments) départements, communes (\(kinds)), \(report.epcis) EPCI (\(report.memberships) adhésions), \(report.qpvs) QPV.")
        context.console.print("Évolutions : \(report.added.count) communes ajoutées, \(report.renamed.count) renommées, \(report.retired.count) disparues.")
        for line in report.renamed.prefix(20) { context.console.print("  renommée : \(line)") }
        for line in report.retired.prefix(20) { context.console.print("  disparue : \(line)") }
    }
}
