import CLSCore
import CLSStore
import Foundation
import Vapor

/// `bench-data`: fills an empty database with the deterministic national-scale dataset of the
/// benchmarks (`BenchDataset`), sizes adjustable, and writes what the benchmark needs to know
/// (accounts, region, a contract) to `--summary FILE` as `key=value` lines.
struct BenchDataCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "contracts", help: "Number of contracts (default 1000).")
        var contracts: Int?
        @Option(name: "actions", help: "Fiches actions per contract (default 40).")
        var actions: Int?
        @Option(name: "sub-actions", help: "Sub-actions per action (default 2).")
        var subActions: Int?
        @Option(name: "indicators", help: "Indicators per action (default 5).")
        var indicators: Int?
        @Option(name: "years", help: "Years of budget lines and indicator values (default 6).")
        var years: Int?
        @Option(name: "users", help: "Accounts (default 2000).")
        var users: Int?
        @Option(name: "seed", help: "Random seed (default 20261123).")
        var seed: Int?
        @Option(name: "summary", help: "Write key=value lines describing the dataset to this file.")
        var summary: String?
    }

    var help: String { "Generates the benchmark dataset into an empty database: bench-data [--contracts N] [--actions N] [--users N] [--seed S] [--summary FILE]." }

    func run(using context: CommandContext, signature: Signature) async throws {
        var sizes = BenchDataset.Sizes()
        if let value = signature.contracts { sizes.contracts = max(1, value) }
        if let value = signature.actions { sizes.actionsPerContract = max(1, value) }
        if let value = signature.subActions { sizes.subActionsPerAction = max(0, value) }
        if let value = signature.indicators { sizes.indicatorsPerAction = max(0, value) }
        if let value = signature.years { sizes.years = max(1, value) }
        if let value = signature.users { sizes.users = max(2, value) }
        if let value = signature.seed { sizes.seed = UInt64(abs(value)) }
        let app = context.application
        try await prepareDatabase(app)
        let started = Date()
        let console = context.console
        let summary: BenchDataset.Summary
        do {
            summary = try await BenchDataset.generate(sizes, passwordHash: try BcryptHasher().hash(BenchDataset.password), on: app.db) { step in
                console.print("  \(step)")
            }
        } catch let failure as BenchDataset.Failure {
            throw CommandFailure(failure.description)
        }
        let seconds = Date().timeIntervalSince(started)
        console.print("Jeu de données généré en \(FrenchFormat.number(seconds, fractionDigits: 1)) s — territoires \(summary.territories) :")
        for (table, count) in summary.rows { console.print("  \(table) : \(FrenchFormat.integer(count))") }
        console.print("Comptes (mot de passe \(BenchDataset.password)) : \(BenchDataset.adminEmail), \(BenchDataset.arsEmail) (ARS de la région \(summary.regionCode)), \(BenchDataset.coordinatorEmail).")
        if let path = signature.summary {
            let lines = [
                "seconds=\(String(format: "%.1f", seconds))", "password=\(BenchDataset.password)", "admin=\(BenchDataset.adminEmail)",
                "ars=\(BenchDataset.arsEmail)", "coordinator=\(BenchDataset.coordinatorEmail)", "region=\(summary.regionCode)",
                "department=\(summary.departmentCode)", "contract=\(summary.contractId?.uuidString ?? "")", "epci=\(summary.epciSiren ?? "")",
                "territories=\(summary.territories)",
            ] + summary.rows.map { "rows.\($0.table)=\($0.count)" }
            try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        }
    }
}
