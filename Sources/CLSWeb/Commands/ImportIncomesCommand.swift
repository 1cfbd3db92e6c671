import CLSCore
import CLSFormats
import CLSStore
import Vapor

/// `import revenus --communes filosofi-communes.json [--millesime 2021]`: INSEE Filosofi figures by
/// commune (median income per consumption unit, share of minimum benefits), for the priority territories.
struct ImportIncomesCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "communes", help: "Filosofi communes JSON ({meta, communes: {code: {median_eur, minima_pct}}}).")
        var communes: String?
        @Option(name: "millesime", help: "Vintage (default: the data year of the file).")
        var millesime: String?
    }

    var help: String { "Imports INSEE Filosofi income figures by commune: import revenus --communes FILE." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let path = signature.communes else { throw CommandFailure("--communes is required (the Filosofi communes JSON).") }
        let file: FilosofiCommunes
        do { file = try FilosofiCommunesReader.read(contentsOf: URL(fileURLWithPath: path)) } catch let error as TerritoryFileError {
            throw CommandFailure("Import refusé, rien n'a été modifié. \(error.message)")
        }
        let vintage = signature.millesime ?? file.dataYear.map(String.init) ?? "inconnu"
        let app = context.application
        try await prepareDatabase(app)
        let count = try await IncomeImporter.apply(
            file.records.map { CommuneIncome(code: $0.code, medianIncome: Double($0.medianIncomeEuros), minimaShare: $0.minimumBenefitsSharePercent) },
            vintage: vintage, using: Mutations(database: app.db, actor: .system))
        context.console.print("Revenus Filosofi \(vintage) importés pour \(count) communes.")
    }
}
