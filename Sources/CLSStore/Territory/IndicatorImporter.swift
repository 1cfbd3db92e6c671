import CLSCore
import FluentKit
import Foundation
import SQLKit

/// One value of a local statistics file, as the importer receives it.
public struct IndicatorValueRecord: Sendable, Equatable {
    public let territoryCode: String
    public let territoryName: String
    public let key: String
    public let label: String
    public let year: Int?
    public let value: Double?

    public init(territoryCode: String, territoryName: String, key: String, label: String, year: Int?, value: Double?) {
        self.territoryCode = territoryCode
        self.territoryName = territoryName
        self.key = key
        self.label = label
        self.year = year
        self.value = value
    }
}

/// Writes the indicators of a local statistics file (one level: departments, bassins de vie…) in
/// one transaction, upserting on (level, territory, indicator): a second import changes nothing.
public enum IndicatorImporter {
    public struct Report: Sendable, Equatable {
        public var values = 0
        public var indicators = 0
        public var territories = 0
        public var added = 0
        public var changed = 0
        public var unchanged = 0
    }

    public static func apply(_ values: [IndicatorValueRecord], level: String, source: String,
                             using mutations: Mutations) async throws -> Report {
        try AccessPolicy.require(mutations.actor.subject, .importReferenceData)
        return try await mutations.transaction { tx in
            guard let sql = tx.database as? any SQLDatabase else { throw StoreError.sqlUnavailable }
            var known: [String: Double?] = [:]
            for row in try await sql.select().column("territory_code").column("indicator_key").column("value")
                .from(TerritoryIndicator.schema).where("level", .equal, level).all() {
                known[try row.decode(column: "territory_code", as: String.self) + "|" + (try row.decode(column: "indicator_key", as: String.self))]
                    = try row.decode(column: "value", as: Double?.self)
            }
            var report = Report(values: values.count, indicators: Set(values.map(\.key)).count,
                                territories: Set(values.map(\.territoryCode)).count)
            for value in values {
                switch known[value.territoryCode + "|" + value.key] {
                case .none: report.added += 1
                case .some(let previous) where previous == value.value: report.unchanged += 1
                default: report.changed += 1
                }
            }
            for chunk in values.chunked(TerritoryImporter.batchSize) {
                let insert = sql.insert(into: TerritoryIndicator.schema)
                    .columns("id", "level", "territory_code", "territory_name", "indicator_key", "indicator_label", "year", "value", "source")
                for value in chunk {
                    insert.values(SQLBind(UUID()), SQLBind(level), SQLBind(value.territoryCode), SQLBind(value.territoryName),
                                  SQLBind(value.key), SQLBind(value.label), SQLBind(value.year), SQLBind(value.value), SQLBind(source))
                }
                try await insert.onConflict(with: ["level", "territory_code", "indicator_key"]) {
                    try $0.set(excludedValueOf: "territory_name").set(excludedValueOf: "indicator_label").set(excludedValueOf: "year")
                        .set(excludedValueOf: "value").set(excludedValueOf: "source")
                }.run()
            }
            try await tx.recordEvent(.create, entityType: "indicators", entityId: level, entityLabel: "Indicateurs locaux (\(source))",
                                     changes: [FieldChange(field: "values", label: "Valeurs", old: nil,
                                                           new: "\(values.count) valeurs de \(report.indicators) indicateurs (\(report.added) nouvelles, \(report.changed) modifiées)")])
            return report
        }
    }

    public struct IndicatorSummary: Sendable, Equatable {
        public let key: String
        public let label: String
        public let year: Int?
    }

    /// The indicators known for a level, for a choice of what to map.
    public static func indicators(level: String, on database: any Database) async throws -> [IndicatorSummary] {
        guard let sql = database as? any SQLDatabase else { throw StoreError.sqlUnavailable }
        return try await sql.select().distinct().column("indicator_key").column("indicator_label").column("year")
            .from(TerritoryIndicator.schema).where("level", .equal, level).orderBy("indicator_label").all()
            .map { IndicatorSummary(key: try $0.decode(column: "indicator_key", as: String.self),
                                    label: try $0.decode(column: "indicator_label", as: String.self),
                                    year: try $0.decode(column: "year", as: Int?.self)) }
    }
}
