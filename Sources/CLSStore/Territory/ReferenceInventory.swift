import FluentKit
import Foundation
import SQLKit

/// What the reference tables hold, for the administration page: a few counting queries.
public enum ReferenceInventory {
    public struct Entry: Sendable, Equatable {
        public let label: String
        public let count: Int
        public let vintage: String?
    }

    public static func entries(on database: any Database) async throws -> [Entry] {
        guard let sql = database as? any SQLDatabase else { throw StoreError.sqlUnavailable }
        func grouped(_ table: String, by column: String, where filter: (String, String)? = nil) async throws -> [(key: String, count: Int, vintage: String?)] {
            var query = sql.select().column(SQLColumn(column), as: "key")
                .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
                .column(SQLFunction("MAX", args: SQLColumn(table == TerritoryIndicator.schema ? "source" : "vintage")), as: "vintage")
                .from(table).groupBy(SQLColumn(column)).orderBy(SQLColumn(column))
            if let filter { query = query.where(SQLColumn(filter.0), .equal, SQLBind(filter.1)) }
            return try await query.all().map {
                (try $0.decode(column: "key", as: String.self), try $0.decode(column: "n", as: Int.self), try $0.decode(column: "vintage", as: String?.self))
            }
        }
        func total(_ table: String, vintage: Bool = true) async throws -> (count: Int, vintage: String?) {
            let query = sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(table)
            if vintage { query.column(SQLFunction("MAX", args: SQLColumn("vintage")), as: "vintage") }
            guard let row = try await query.first() else { return (0, nil) }
            return (try row.decode(column: "n", as: Int.self), vintage ? try row.decode(column: "vintage", as: String?.self) : nil)
        }
        var entries: [Entry] = []
        let regions = try await total(RegionArea.schema)
        entries.append(Entry(label: "Régions", count: regions.count, vintage: regions.vintage))
        let departments = try await total(DepartmentArea.schema)
        entries.append(Entry(label: "Départements", count: departments.count, vintage: departments.vintage))
        let kindLabels = ["COM": "Communes", "ARM": "Arrondissements municipaux", "COMD": "Communes déléguées",
                          "COMA": "Communes associées", "RETIRED": "Communes disparues (gardées pour les périmètres)"]
        for row in try await grouped(Commune.schema, by: "kind") {
            entries.append(Entry(label: kindLabels[row.key] ?? row.key, count: row.count, vintage: row.vintage))
        }
        let epcis = try await total(EPCI.schema)
        entries.append(Entry(label: "EPCI", count: epcis.count, vintage: epcis.vintage))
        let qpvs = try await total(QPV.schema)
        entries.append(Entry(label: "Quartiers prioritaires (QPV)", count: qpvs.count, vintage: qpvs.vintage))
        let levelLabels = ["region": "régions", "departement": "départements", "commune": "communes", "qpv": "QPV"]
        for row in try await grouped(TerritoryShape.schema, by: "level") {
            entries.append(Entry(label: "Contours : \(levelLabels[row.key] ?? row.key)", count: row.count, vintage: row.vintage))
        }
        let incomes = try await total("commune_incomes")
        entries.append(Entry(label: "Revenus Filosofi par commune", count: incomes.count, vintage: incomes.vintage))
        let iris = try await total(IRISIncome.schema)
        entries.append(Entry(label: "Revenus Filosofi par IRIS", count: iris.count, vintage: iris.vintage))
        let indicatorLabels = ["departement": "départements", "bassin_de_vie": "bassins de vie", "bassin_de_vie_canton_ville": "bassins de vie / cantons-villes", "region": "régions", "commune": "communes", "epci": "EPCI"]
        for row in try await grouped(TerritoryIndicator.schema, by: "level") {
            entries.append(Entry(label: "Valeurs d'indicateurs locaux : \(indicatorLabels[row.key] ?? row.key)", count: row.count, vintage: row.vintage))
        }
        return entries
    }
}
