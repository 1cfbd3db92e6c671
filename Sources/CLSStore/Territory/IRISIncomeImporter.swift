import CLSCore
import FluentKit
import Foundation
import SQLKit

/// Filosofi figures of one IRIS, as the importer receives them.
public struct IRISIncomeRecord: Sendable, Equatable {
    public let code: String
    public let medianIncome: Double?
    public let povertyRate: Double?
    public let gini: Double?

    public init(code: String, medianIncome: Double?, povertyRate: Double?, gini: Double?) {
        self.code = code
        self.medianIncome = medianIncome
        self.povertyRate = povertyRate
        self.gini = gini
    }

    /// An IRIS code is its commune's INSEE code followed by four digits.
    public var communeCode: String { String(code.prefix(5)) }
}

public enum IRISIncomeImporter {
    /// Upserts the figures in one transaction; returns how many IRIS they cover.
    public static func apply(_ records: [IRISIncomeRecord], vintage: String, using mutations: Mutations) async throws -> Int {
        try AccessPolicy.require(mutations.actor.subject, .importReferenceData)
        return try await mutations.transaction { tx in
            guard let sql = tx.database as? any SQLDatabase else { throw StoreError.sqlUnavailable }
            for chunk in records.chunked(TerritoryImporter.batchSize) {
                let insert = sql.insert(into: IRISIncome.schema).columns("code", "commune_code", "median_income", "poverty_rate", "gini", "vintage")
                for record in chunk {
                    insert.values(SQLBind(record.code), SQLBind(record.communeCode), SQLBind(record.medianIncome),
                                  SQLBind(record.povertyRate), SQLBind(record.gini), SQLBind(vintage))
                }
                try await insert.onConflict(with: ["code"]) {
                    try $0.set(excludedValueOf: "commune_code").set(excludedValueOf: "median_income").set(excludedValueOf: "poverty_rate")
                        .set(excludedValueOf: "gini").set(excludedValueOf: "vintage")
                }.run()
            }
            try await tx.recordEvent(.create, entityType: "incomes", entityId: "iris-\(vintage)", entityLabel: "Revenus Filosofi \(vintage) par IRIS",
                                     changes: [FieldChange(field: "iris", label: "IRIS", old: nil, new: String(records.count))])
            return records.count
        }
    }
}
