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
            let levels = valuesByLevel.filter { $0.count > 0 }.map { "\($0.level == .france ? "France" : $0.level.label.lowercased()) \(FrenchFormat.integer($0.count))" }
            return "« \(file) » : \(FrenchFormat.count(indicators.count, singular: "indicateur", plural: "indicateurs")), "
                + "\(FrenchFormat.count(total, singular: "valeur", plural: "valeurs")) (\(levels.joined(separator: ", ")))"
                + (unchanged ? " — déjà importé à l'identique, rien n'a changé." : ".")
        }
    }

    public static var comparateurIndicatorLabels: [String] { comparateurIndicators().map(\.indicator.label) }

    /// The indicators INSEE's *Comparateur de territoires* gives with their numerators and
    /// denominators, as the catalogue defines them.
    static func comparateurIndicators() -> [(indicator: IndicatorDefinition, period: String,
                                             numerator: @Sendable (ComparateurCommune) -> Double?, denominator: @Sendable (ComparateurCommune) -> Double?)] {
        let source = "INSEE, Comparateur de territoires (état civil 2020, recensement 2018), publié le 12 janvier 2022"
        return [
            (IndicatorDefinition(code: "mortalite_brute", label: "Mortalité, toutes causes (taux brut)", unit: "décès pour 100 000 habitants",
                                 method: .rate, multiplier: 100_000, polarity: .lowerIsBetter, source: source, vintage: "2022", position: 10),
             "2020", { $0.deaths2020 }, { $0.population2018 }),
            (IndicatorDefinition(code: "natalite_brute", label: "Natalité (taux brut)", unit: "naissances pour 1 000 habitants",
                                 method: .rate, multiplier: 1_000, polarity: nil, source: source, vintage: "2022", position: 20),
             "2020", { $0.births2020 }, { $0.population2018 }),
            (IndicatorDefinition(code: "chomage_15_64", label: "Chômage des 15-64 ans (au sens du recensement)", unit: "% des actifs",
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
        try await importPublished(comparateurValues(communes), file: file, dryRun: dryRun, using: mutations)
    }

    static func comparateurValues(_ communes: [ComparateurCommune]) -> PublishedIndicators {
        let definitions = comparateurIndicators()
        var values: [PublishedValue] = []
        for definition in definitions {
            let code = definition.indicator.code, period = definition.period
            var departments: [String: (Double, Double)] = [:]
            // Numerators and denominators add up each on its own: a commune merged since the file's
            // geography keeps its population under its old code while its deaths go to the new one.
            for commune in communes {
                let numerator = definition.numerator(commune), denominator = definition.denominator(commune)
                guard numerator != nil || denominator != nil else { continue }
                values.append(PublishedValue(indicator: code, level: .commune, code: commune.code, period: period,
                                             numerator: numerator, denominator: denominator))
                guard !commune.isArrondissement else { continue }
                let sums = departments[commune.departmentCode] ?? (0, 0)
                departments[commune.departmentCode] = (sums.0 + (numerator ?? 0), sums.1 + (denominator ?? 0))
            }
            var regions: [String: (Double, Double)] = [:]
            var france = (0.0, 0.0)
            for (department, sums) in departments {
                values.append(PublishedValue(indicator: code, level: .department, code: department, period: period, numerator: sums.0, denominator: sums.1))
                if let region = AdministrativeAreas.department(department)?.regionCode {
                    let regional = regions[region] ?? (0, 0)
                    regions[region] = (regional.0 + sums.0, regional.1 + sums.1)
                }
                france = (france.0 + sums.0, france.1 + sums.1)
            }
            for (region, sums) in regions {
                values.append(PublishedValue(indicator: code, level: .region, code: region, period: period, numerator: sums.0, denominator: sums.1))
            }
            values.append(PublishedValue(indicator: code, level: .france, code: "FR", period: period, numerator: france.0, denominator: france.1))
        }
        return PublishedIndicators(description: "INSEE, Comparateur de territoires, base communale", definitions: definitions.map(\.indicator), values: values)
    }

    /// A producer's file read (`PublishedIndicators`): its indicators defined or updated, and its
    /// values replacing those of the same indicators **at the levels the file gives** (a file of
    /// regions leaves the departments' values alone) — all or nothing, through the audited path;
    /// the same file twice changes nothing.
    @discardableResult
    public static func importPublished(_ published: PublishedIndicators, file: String, dryRun: Bool = false,
                                       using mutations: Mutations) async throws -> Summary {
        try AccessPolicy.require(mutations.actor.subject, .importReferenceData)
        let rows = published.values.map { value in
            DiagnosticValue(indicatorCode: value.indicator, level: DiagnosticValue.Level(value.level), areaCode: value.code, period: value.period,
                            numerator: value.numerator, denominator: value.denominator, value: value.value,
                            lower: value.lower, upper: value.upper, isMasked: value.isMasked)
        }
        var byLevel: [DiagnosticValue.Level: Int] = [:]
        for row in rows { byLevel[DiagnosticValue.Level(rawValue: row.level) ?? .commune, default: 0] += 1 }
        let codes = published.definitions.map(\.code)
        let levels = published.levels.map { DiagnosticValue.Level($0).rawValue }
        let known = Dictionary(uniqueKeysWithValues: try await DiagnosticIndicator.query(on: mutations.database).filter(\.$code ~~ codes).all().map { ($0.code, $0) })
        let definitionsUnchanged = published.definitions.allSatisfy { definition in known[definition.code].map { $0.matches(definition) } ?? false }
        let valuesUnchanged = try await sameValues(rows, indicators: codes, levels: levels, on: mutations.database)
        let unchanged = definitionsUnchanged && valuesUnchanged
        let summary = Summary(file: file, indicators: published.definitions.map(\.label),
                              valuesByLevel: DiagnosticValue.Level.allCases.map { (level: $0, count: byLevel[$0] ?? 0) }, unchanged: unchanged)
        guard !dryRun, !unchanged else { return summary }
        try await mutations.transaction { tx in
            for definition in published.definitions {
                if let existing = known[definition.code] {
                    guard !existing.matches(definition) else { continue }
                    try await tx.update(existing, permission: .importReferenceData) { $0.define(definition) }
                } else {
                    try await tx.create(DiagnosticIndicator(definition), permission: .importReferenceData)
                }
            }
            try await DiagnosticValue.query(on: tx.database).filter(\.$indicatorCode ~~ codes).filter(\.$level ~~ levels).delete()
            try await BulkInsert.write(rows, on: tx.database)
            try await tx.recordEvent(.create, entityType: "diagnostic_import", entityId: file, entityLabel: file,
                                     changes: [FieldChange(field: "summary", label: "Import", old: nil, new: summary.sentence)])
        }
        return summary
    }

    /// Whether the stored values of `indicators` at `levels` are exactly `rows` (same areas, periods, figures).
    static func sameValues(_ rows: [DiagnosticValue], indicators: [String], levels: [String], on database: any Database) async throws -> Bool {
        let stored = try await DiagnosticValue.query(on: database).filter(\.$indicatorCode ~~ indicators).filter(\.$level ~~ levels).count()
        guard stored == rows.count else { return false }
        func key(_ row: DiagnosticValue) -> String {
            [row.indicatorCode, row.level, row.areaCode, row.period]
                .joined(separator: "|") + "|" + [row.numerator, row.denominator, row.value, row.lower, row.upper].map { $0.map { "\($0)" } ?? "" }.joined(separator: "|")
                + (row.isMasked ? "|m" : "")
        }
        let existing = Set(try await DiagnosticValue.query(on: database).filter(\.$indicatorCode ~~ indicators).filter(\.$level ~~ levels).all().map(key))
        return rows.allSatisfy { existing.contains(key($0)) }
    }
}
