import FluentKit
import Foundation
import SQLKit

/// Income and poverty figures of a set of communes, aggregated in SQL: the population-weighted
/// Filosofi median income and minima share of the communes, and the poverty rates of their IRIS.
public enum TerritoryFigures {
    public struct Incomes: Sendable, Equatable {
        /// Population-weighted mean of the communes' median incomes (€ per consumption unit).
        public let medianIncome: Double?
        public let minimaShare: Double?
        /// Share of the population whose commune has an income figure.
        public let coveredPopulation: Int
        public let irisCount: Int
        public let meanIRISPovertyRate: Double?
        public let maxIRISPovertyRate: Double?
        /// IRIS with a poverty rate of 30 % or more: concentrated poverty.
        public let poorIRISCount: Int
    }

    /// Written into the query as the literal 30.
    public static let poorIRISThreshold = 30.0

    public static func incomes(communeCodes: [String], on database: any Database) async throws -> Incomes {
        guard let sql = database as? any SQLDatabase else { throw StoreError.sqlUnavailable }
        let codes = Array(Set(communeCodes)).sorted()
        var weightedIncome = 0.0, weightedMinima = 0.0, incomeWeight = 0.0, minimaWeight = 0.0, covered = 0
        var irisCount = 0, povertySum = 0.0, povertyCount = 0, poor = 0
        var maxPoverty: Double?
        for chunk in codes.chunked(500) {
            let list = SQLBind.group(Array(chunk))
            if let row = try await sql.select()
                .column(SQLRaw("CAST(SUM(i.median_income * c.population) AS DOUBLE PRECISION)"), as: "income")
                .column(SQLRaw("CAST(SUM(CASE WHEN i.median_income IS NULL THEN 0 ELSE c.population END) AS DOUBLE PRECISION)"), as: "income_weight")
                .column(SQLRaw("CAST(SUM(i.minima_share * c.population) AS DOUBLE PRECISION)"), as: "minima")
                .column(SQLRaw("CAST(SUM(CASE WHEN i.minima_share IS NULL THEN 0 ELSE c.population END) AS DOUBLE PRECISION)"), as: "minima_weight")
                .from(SQLAlias(SQLIdentifier(Commune.schema), as: SQLIdentifier("c")))
                .join(SQLAlias(SQLIdentifier("commune_incomes"), as: SQLIdentifier("i")), on: SQLColumn("code", table: "i"), .equal, SQLColumn("code", table: "c"))
                .where(SQLColumn("code", table: "c"), .in, list)
                .first() {
                weightedIncome += try row.decode(column: "income", as: Double?.self) ?? 0
                incomeWeight += try row.decode(column: "income_weight", as: Double?.self) ?? 0
                weightedMinima += try row.decode(column: "minima", as: Double?.self) ?? 0
                minimaWeight += try row.decode(column: "minima_weight", as: Double?.self) ?? 0
            }
            if let row = try await sql.select()
                .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
                .column(SQLFunction("SUM", args: SQLColumn("poverty_rate")), as: "poverty")
                .column(SQLFunction("COUNT", args: SQLColumn("poverty_rate")), as: "with_poverty")
                .column(SQLFunction("MAX", args: SQLColumn("poverty_rate")), as: "max_poverty")
                .column(SQLRaw("SUM(CASE WHEN poverty_rate >= 30 THEN 1 ELSE 0 END)"), as: "poor")
                .from(IRISIncome.schema).where("commune_code", .in, list).first() {
                irisCount += try row.decode(column: "n", as: Int.self)
                povertySum += try row.decode(column: "poverty", as: Double?.self) ?? 0
                povertyCount += try row.decode(column: "with_poverty", as: Int.self)
                poor += try row.decode(column: "poor", as: Int?.self) ?? 0
                if let value = try row.decode(column: "max_poverty", as: Double?.self) { maxPoverty = max(maxPoverty ?? value, value) }
            }
        }
        covered = Int(incomeWeight)
        return Incomes(medianIncome: incomeWeight > 0 ? weightedIncome / incomeWeight : nil,
                       minimaShare: minimaWeight > 0 ? weightedMinima / minimaWeight : nil,
                       coveredPopulation: covered, irisCount: irisCount,
                       meanIRISPovertyRate: povertyCount > 0 ? povertySum / Double(povertyCount) : nil,
                       maxIRISPovertyRate: maxPoverty, poorIRISCount: poor)
    }

    /// Median income of each commune, for the maps.
    public static func communeIncomes(_ communeCodes: [String], on database: any Database) async throws -> [String: Double] {
        guard let sql = database as? any SQLDatabase else { throw StoreError.sqlUnavailable }
        var result: [String: Double] = [:]
        for chunk in Array(Set(communeCodes)).sorted().chunked(500) {
            for row in try await sql.select().column("code").column("median_income").from("commune_incomes")
                .where("code", .in, SQLBind.group(Array(chunk))).all() {
                result[try row.decode(column: "code", as: String.self)] = try row.decode(column: "median_income", as: Double.self)
            }
        }
        return result
    }

    /// The values of a local indicator for a level ("departement"), by territory code.
    public static func indicatorValues(level: String, key: String, on database: any Database) async throws -> [String: Double] {
        let rows = try await TerritoryIndicator.query(on: database).filter(\.$level == level).filter(\.$indicatorKey == key).all()
        var result: [String: Double] = [:]
        for row in rows { if let value = row.value { result[row.territoryCode] = value } }
        return result
    }

    /// Every local indicator of one territory.
    public static func indicators(level: String, code: String, on database: any Database) async throws -> [TerritoryIndicator] {
        try await TerritoryIndicator.query(on: database).filter(\.$level == level).filter(\.$territoryCode == code)
            .sort(\.$indicatorLabel).all()
    }

    /// Legal population by department (communes only, arrondissements excluded), one grouped query.
    public static func departmentPopulations(on database: any Database) async throws -> [String: Int] {
        guard let sql = database as? any SQLDatabase else { throw StoreError.sqlUnavailable }
        var result: [String: Int] = [:]
        for row in try await sql.select().column("department_code")
            .column(SQLFunction("CAST", args: SQLAlias(SQLFunction("SUM", args: SQLColumn("population")), as: SQLRaw("BIGINT"))), as: "population")
            .from(Commune.schema).where("kind", .equal, "COM").groupBy("department_code").all() {
            result[try row.decode(column: "department_code", as: String.self)] = try row.decode(column: "population", as: Int?.self) ?? 0
        }
        return result
    }
}
