import CLSCore
import FluentKit
import Foundation

/// Imports an observatory's or the ARS's diagnosis CSV (`ObservatoryRecord`): its new indicators
/// defined by their label, method and multiplier, its values replacing those of the same
/// indicator, area and period — all or nothing, through the audited path; the same file twice
/// changes nothing.
public enum ObservatoryImports {
    public struct Refusal: Error, Sendable {
        public let message: String
    }

    public static func importRecords(_ records: [ObservatoryRecord], file: String, dryRun: Bool = false,
                                     using mutations: Mutations) async throws -> DiagnosticImports.Summary {
        try AccessPolicy.require(mutations.actor.subject, .importReferenceData)
        guard !records.isEmpty else { throw Refusal(message: "« \(file) » ne contient aucune valeur.") }
        let codes = Array(Set(records.map(\.indicator))).sorted()
        let known = Dictionary(uniqueKeysWithValues: try await DiagnosticIndicator.query(on: mutations.database).filter(\.$code ~~ codes).all().map { ($0.code, $0) })
        var definitions: [DiagnosticIndicator] = []
        for code in codes where known[code] == nil {
            let lines = records.filter { $0.indicator == code }
            guard let defining = lines.first(where: { !$0.label.isEmpty && $0.method != nil && $0.multiplier != nil }),
                  let method = defining.method, let multiplier = defining.multiplier else {
                throw Refusal(message: "« \(file) », ligne \(lines[0].line) : l'indicateur « \(code) » est nouveau — donnez son libellé, sa méthode et son multiplicateur (colonnes libelle, methode, multiplicateur) sur au moins une de ses lignes.")
            }
            definitions.append(DiagnosticIndicator(code: code, label: defining.label, unit: Self.unit(method, multiplier), method: method,
                                                   multiplier: multiplier, polarity: nil, source: file,
                                                   vintage: lines.map(\.period).max() ?? "", position: 100 + definitions.count))
        }
        let rows = records.map { record in
            DiagnosticValue(indicatorCode: record.indicator, level: DiagnosticValue.Level(record.level), areaCode: record.code, period: record.period,
                            numerator: record.numerator, denominator: record.denominator, value: record.value,
                            lower: record.lower, upper: record.upper)
        }
        var byLevel: [DiagnosticValue.Level: Int] = [:]
        for row in rows { byLevel[DiagnosticValue.Level(rawValue: row.level) ?? .commune, default: 0] += 1 }
        let existing = try await storedRows(matching: rows, on: mutations.database)
        let unchanged = definitions.isEmpty && existing.count == rows.count && rows.allSatisfy { existing[Self.key($0)] == Self.figures($0) }
        let summary = DiagnosticImports.Summary(
            file: file, indicators: codes.map { code in known[code]?.label ?? definitions.first { $0.code == code }?.label ?? code },
            valuesByLevel: DiagnosticValue.Level.allCases.map { (level: $0, count: byLevel[$0] ?? 0) }, unchanged: unchanged)
        guard !dryRun, !unchanged else { return summary }
        let created = definitions
        try await mutations.transaction { tx in
            for definition in created { try await tx.create(definition, permission: .importReferenceData) }
            for group in Dictionary(grouping: rows, by: { "\($0.indicatorCode)|\($0.level)|\($0.period)" }).values {
                let areas = group.map(\.areaCode)
                for chunk in stride(from: 0, to: areas.count, by: 900).map({ Array(areas[$0..<min($0 + 900, areas.count)]) }) {
                    try await DiagnosticValue.query(on: tx.database).filter(\.$indicatorCode == group[0].indicatorCode)
                        .filter(\.$level == group[0].level).filter(\.$period == group[0].period).filter(\.$areaCode ~~ chunk).delete()
                }
            }
            try await BulkInsert.write(rows, on: tx.database)
            try await tx.recordEvent(.create, entityType: "diagnostic_import", entityId: file, entityLabel: file,
                                     changes: [FieldChange(field: "summary", label: "Import", old: nil, new: summary.sentence)])
        }
        return summary
    }

    static func unit(_ method: IndicatorMethod, _ multiplier: Double) -> String {
        let per = FrenchFormat.number(multiplier, fractionDigits: 0)
        switch method {
        case .proportion: return multiplier == 100 ? "%" : "pour \(per)"
        case .rate, .standardisedRate: return "pour \(per) habitants"
        case .count: return "effectif"
        case .mean: return ""
        }
    }

    static func key(_ row: DiagnosticValue) -> String { [row.indicatorCode, row.level, row.areaCode, row.period].joined(separator: "|") }

    static func figures(_ row: DiagnosticValue) -> String {
        [row.numerator, row.denominator, row.value, row.lower, row.upper].map { $0.map { "\($0)" } ?? "" }.joined(separator: "|")
            + (row.isMasked ? "|m" : "")
    }

    /// The stored figures of the rows with the same indicator, level, area and period.
    static func storedRows(matching rows: [DiagnosticValue], on database: any Database) async throws -> [String: String] {
        var stored: [String: String] = [:]
        for group in Dictionary(grouping: rows, by: { "\($0.indicatorCode)|\($0.level)|\($0.period)" }).values {
            let areas = group.map(\.areaCode)
            for chunk in stride(from: 0, to: areas.count, by: 900).map({ Array(areas[$0..<min($0 + 900, areas.count)]) }) {
                for row in try await DiagnosticValue.query(on: database).filter(\.$indicatorCode == group[0].indicatorCode)
                    .filter(\.$level == group[0].level).filter(\.$period == group[0].period).filter(\.$areaCode ~~ chunk).all() {
                    stored[key(row)] = figures(row)
                }
            }
        }
        return stored
    }
}
