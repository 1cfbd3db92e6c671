import CLSCore
import FluentKit
import Foundation
import SQLKit

/// Imports the diagnosis files into the indicator catalogue and its values, all or nothing,
/// through the audited path; importing the same file twice changes nothing.
public enum DiagnosticImports {
    public struct Summary: Sendable, Equatable {
        public let file: String
        public let indicators: [String]
        /// Values by level, in the order of `DiagnosticValue.Level`.
        public let valuesByLevel: [(level: DiagnosticValue.Level, count: Int)]
        public let unchanged: Bool

        public static func == (lhs: Summary, rhs: Summary) -> Bool {
            lhs.file == rhs.file && lhs.indicators == rhs.indicators && lhs.unchanged == rhs.unchanged
                && lhs.valuesByLevel.map(\.count) == rhs.valuesByLevel.map(\.count)
        }

        /// "3 indicateurs, 104 976 valeurs (communes 104 868, départements 303…)".
        public var sentence: String {
            let total = valuesByLevel.reduce(0) { $0 + $1.count }
            let levels = valuesByLevel.filter { $0.count > 0 }.map { "\($0.level.label.lowercased()) \(FrenchFormat.integer($0.count))" }
            return "« \(file) » : \(FrenchFormat.count(indicators.count, singular: "indicateur", plural: "indicateurs")), "
                + "\(FrenchFormat.count(total, singular: "valeur", plural: "valeurs")) (\(levels.joined(separator: ", ")))"
                + (unchanged ? " — déjà importé à l'identique, rien n'a changé." : ".")
        }
    }

    public static var comparateurIndicatorLabels: [String] { comparateurIndicators().map(\.indicator.label) }

    /// The indicators INSEE's *Comparateur de territoires* gives with their numerators and
    /// denominators, as the catalogue defines them.
    static func comparateurIndicators() -> [(indicator: DiagnosticIndicator, period: String,
                                             numerator: @Sendable (ComparateurCommune) -> Double?, denominator: @Sendable (ComparateurCommune) -> Double?)] {
        let source = "INSEE, Comparateur de territoires (état civil 2020, recensement 2018), publié le 12 janvier 2022"
        return [
            (DiagnosticIndicator(code: "mortalite_brute", label: "Mortalité, toutes causes (taux brut)", unit: "décès pour 100 000 habitants",
                                 method: .rate, multiplier: 100_000, polarity: .lowerIsBetter, source: source, vintage: "2022", position: 10),
             "2020", { $0.deaths2020 }, { $0.population2018 }),
            (DiagnosticIndicator(code: "natalite_brute", label: "Natalité (taux brut)", unit: "naissances pour 1 000 habitants",
                                 method: .rate, multiplier: 1_000, polarity: nil, source: source, vintage: "2022", position: 20),
             "2020", { $0.births2020 }, { $0.population2018 }),
            (DiagnosticIndicator(code: "chomage_15_64", label: "Chômage des 15-64 ans (au sens du recensement)", unit: "% des actifs",
                                 method: .proportion, multiplier: 100, polarity: .lowerIsBetter, source: source, vintage: "2022", position: 30),
             "2018", { $0.unemployed1564 }, { $0.active1564 }),
        ]
    }

    /// The base communale of the Comparateur: each commune's numerator and denominator, and the
    /// sums of the departments, regions and France (arrondissements left out, they are counted
    /// in their commune).
    @discardableResult
    public static func importComparateur(_ communes: [ComparateurCommune], file: String, dryRun: Bool = false,
                                         using mutations: Mutations) async throws -> Summary {
        try AccessPolicy.require(mutations.actor.subject, .importReferenceData)
        let definitions = comparateurIndicators()
        var rows: [DiagnosticValue] = []
        var byLevel: [DiagnosticValue.Level: Int] = [:]
        for definition in definitions {
            var departments: [String: (Double, Double)] = [:]
            // Numerators and denominators add up each on its own: a commune merged since the file's
            // geography keeps its population under its old code while its deaths go to the new one.
            for commune in communes {
                let numerator = definition.numerator(commune), denominator = definition.denominator(commune)
                guard numerator != nil || denominator != nil else { continue }
                rows.append(DiagnosticValue(indicatorCode: definition.indicator.code, level: .commune, areaCode: commune.code,
                                            period: definition.period, numerator: numerator, denominator: denominator))
                guard !commune.isArrondissement else { continue }
                let sums = departments[commune.departmentCode] ?? (0, 0)
                departments[commune.departmentCode] = (sums.0 + (numerator ?? 0), sums.1 + (denominator ?? 0))
            }
            var regions: [String: (Double, Double)] = [:]
            var france = (0.0, 0.0)
            for (code, sums) in departments {
                rows.append(DiagnosticValue(indicatorCode: definition.indicator.code, level: .department, areaCode: code,
                                            period: definition.period, numerator: sums.0, denominator: sums.1))
                if let region = AdministrativeAreas.department(code)?.regionCode {
                    let regional = regions[region] ?? (0, 0)
                    regions[region] = (regional.0 + sums.0, regional.1 + sums.1)
                }
                france = (france.0 + sums.0, france.1 + sums.1)
            }
            for (code, sums) in regions {
                rows.append(DiagnosticValue(indicatorCode: definition.indicator.code, level: .region, areaCode: code,
                                            period: definition.period, numerator: sums.0, denominator: sums.1))
            }
            rows.append(DiagnosticValue(indicatorCode: definition.indicator.code, level: .france, areaCode: "FR",
                                        period: definition.period, numerator: france.0, denominator: france.1))
        }
        for row in rows { byLevel[DiagnosticValue.Level(rawValue: row.level) ?? .commune, default: 0] += 1 }
        let codes = definitions.map(\.indicator.code)
        let levels = DiagnosticValue.Level.allCases.map { (level: $0, count: byLevel[$0] ?? 0) }
        let unchanged = try await sameValues(rows, indicators: codes, on: mutations.database)
        let summary = Summary(file: file, indicators: definitions.map(\.indicator.label), valuesByLevel: levels, unchanged: unchanged)
        guard !dryRun, !unchanged else { return summary }
        try await mutations.transaction { tx in
            for definition in definitions {
                let existing = try await DiagnosticIndicator.query(on: tx.database).filter(\.$code == definition.indicator.code).first()
                if let existing {
                    try await tx.update(existing, permission: .importReferenceData) { row in
                        row.label = definition.indicator.label
                        row.unit = definition.indicator.unit
                        row.method = definition.indicator.method
                        row.multiplier = definition.indicator.multiplier
                        row.polarity = definition.indicator.polarity
                        row.source = definition.indicator.source
                        row.vintage = definition.indicator.vintage
                    }
                } else {
                    try await tx.create(definition.indicator, permission: .importReferenceData)
                }
            }
            try await DiagnosticValue.query(on: tx.database).filter(\.$indicatorCode ~~ codes).delete()
            try await BulkInsert.write(rows, on: tx.database)
            try await tx.recordEvent(.create, entityType: "diagnostic_import", entityId: file, entityLabel: file,
                                     changes: [FieldChange(field: "summary", label: "Import", old: nil, new: summary.sentence)])
        }
        return summary
    }

    /// Whether the stored values of `indicators` are exactly `rows` (same areas, periods, figures).
    static func sameValues(_ rows: [DiagnosticValue], indicators: [String], on database: any Database) async throws -> Bool {
        let stored = try await DiagnosticValue.query(on: database).filter(\.$indicatorCode ~~ indicators).count()
        guard stored == rows.count else { return false }
        func key(_ row: DiagnosticValue) -> String {
            [row.indicatorCode, row.level, row.areaCode, row.period, row.numerator.map { "\($0)" } ?? "", row.denominator.map { "\($0)" } ?? "",
             row.value.map { "\($0)" } ?? "", row.isMasked ? "m" : ""].joined(separator: "|")
        }
        let existing = Set(try await DiagnosticValue.query(on: database).filter(\.$indicatorCode ~~ indicators).all().map(key))
        return rows.allSatisfy { existing.contains(key($0)) }
    }
}
