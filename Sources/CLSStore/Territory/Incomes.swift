import CLSCore
import FluentKit
import Foundation
import SQLKit

/// Filosofi income figures by commune, kept apart from the geography (another source, another vintage).
struct CreateCommuneIncomes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("commune_incomes")
            .field("code", .string, .identifier(auto: false))
            .field("median_income", .double, .required)
            .field("minima_share", .double)
            .field("vintage", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("commune_incomes").delete()
    }
}

public enum IncomeImporter {
    /// Upserts the figures in one transaction; returns how many communes they cover.
    public static func apply(_ incomes: [CommuneIncome], vintage: String, using mutations: Mutations) async throws -> Int {
        try AccessPolicy.require(mutations.actor.subject, .importReferenceData)
        return try await mutations.transaction { tx in
            guard let sql = tx.database as? any SQLDatabase else { throw StoreError.sqlUnavailable }
            for chunk in incomes.chunked(TerritoryImporter.batchSize) {
                let insert = sql.insert(into: "commune_incomes").columns("code", "median_income", "minima_share", "vintage")
                for income in chunk {
                    insert.values(SQLBind(income.code), SQLBind(income.medianIncome), SQLBind(income.minimaShare), SQLBind(vintage))
                }
                try await insert.onConflict(with: ["code"]) {
                    try $0.set(excludedValueOf: "median_income").set(excludedValueOf: "minima_share").set(excludedValueOf: "vintage")
                }.run()
            }
            try await tx.recordEvent(.create, entityType: "incomes", entityId: vintage, entityLabel: "Revenus Filosofi \(vintage)",
                                     changes: [FieldChange(field: "communes", label: "Communes", old: nil, new: String(incomes.count))])
            return incomes.count
        }
    }
}

/// The figures of each EPCI of a region or department, aggregated in SQL from its communes:
/// population, population-weighted median income and minima share, population of communes with a QPV.
public enum PriorityTerritoryQueries {
    public struct EPCIFigures: Sendable, Equatable {
        public let siren: String
        public let name: String
        public let nature: String
        public let population: Int
        public let medianIncome: Double?
        public let minimaShare: Double?
        public let qpvCount: Int
        public let qpvCommunePopulationShare: Double?
        /// Mean poverty rate of the IRIS of the EPCI (Filosofi IRIS, communes of 5,000+ inhabitants).
        public let meanIRISPovertyRate: Double?
        public let communeCodes: [String]
    }

    public static func epcis(regionCode: String?, departmentCode: String?, on database: any Database) async throws -> [EPCIFigures] {
        guard let sql = database as? any SQLDatabase else { throw StoreError.sqlUnavailable }
        // EPCI having at least one member commune in the area.
        let communeFilter: (inout SQLSelectBuilder) -> Void = { builder in
            builder = builder.where(SQLColumn("kind", table: "c"), .equal, SQLBind("COM"))
            if let regionCode { builder = builder.where(SQLColumn("region_code", table: "c"), .equal, SQLBind(regionCode)) }
            if let departmentCode { builder = builder.where(SQLColumn("department_code", table: "c"), .equal, SQLBind(departmentCode)) }
        }
        var sirenQuery = sql.select().distinct().column(SQLColumn("epci_siren", table: "c"))
            .from(SQLAlias(SQLIdentifier(Commune.schema), as: SQLIdentifier("c")))
            .where(SQLColumn("epci_siren", table: "c"), .isNot, SQLLiteral.null)
        communeFilter(&sirenQuery)
        let sirens = try await sirenQuery.all().map { try $0.decode(column: "epci_siren", as: String.self) }
        guard !sirens.isEmpty else { return [] }

        let rows = try await sql.select()
            .column(SQLColumn("epci_siren", table: "c"), as: "siren")
            .column(SQLColumn("code", table: "c"), as: "code")
            .column(SQLColumn("population", table: "c"), as: "population")
            .column(SQLColumn("median_income", table: "i"), as: "median_income")
            .column(SQLColumn("minima_share", table: "i"), as: "minima_share")
            .column(SQLRaw("(SELECT COUNT(*) FROM qpv_communes q WHERE q.commune_code = c.code)"), as: "qpvs")
            .from(SQLAlias(SQLIdentifier(Commune.schema), as: SQLIdentifier("c")))
            .join(SQLAlias(SQLIdentifier("commune_incomes"), as: SQLIdentifier("i")), method: SQLJoinMethod.left,
                  on: SQLColumn("code", table: "i"), .equal, SQLColumn("code", table: "c"))
            .where(SQLColumn("kind", table: "c"), .equal, SQLBind("COM"))
            .where(SQLColumn("epci_siren", table: "c"), .in, SQLBind.group(sirens))
            .all()
        let epcis = try await EPCI.query(on: database).filter(\.$id ~~ sirens).all()
        let qpvCounts = try await sql.select()
            .column(SQLColumn("epci_siren", table: "c"), as: "siren")
            .column(SQLFunction("COUNT", args: SQLDistinct(SQLColumn("qpv_code", table: "q"))), as: "qpvs")
            .from(SQLAlias(SQLIdentifier(QPVCommune.schema), as: SQLIdentifier("q")))
            .join(SQLAlias(SQLIdentifier(Commune.schema), as: SQLIdentifier("c")), on: SQLColumn("code", table: "c"), .equal, SQLColumn("commune_code", table: "q"))
            .where(SQLColumn("epci_siren", table: "c"), .in, SQLBind.group(sirens))
            .groupBy(SQLColumn("epci_siren", table: "c"))
            .all()
        let povertyRows = try await sql.select()
            .column(SQLColumn("epci_siren", table: "c"), as: "siren")
            .column(SQLFunction("AVG", args: SQLColumn("poverty_rate", table: "r")), as: "poverty")
            .from(SQLAlias(SQLIdentifier(IRISIncome.schema), as: SQLIdentifier("r")))
            .join(SQLAlias(SQLIdentifier(Commune.schema), as: SQLIdentifier("c")), on: SQLColumn("code", table: "c"), .equal, SQLColumn("commune_code", table: "r"))
            .where(SQLColumn("epci_siren", table: "c"), .in, SQLBind.group(sirens))
            .where(SQLColumn("poverty_rate", table: "r"), .isNot, SQLLiteral.null)
            .groupBy(SQLColumn("epci_siren", table: "c"))
            .all()
        var povertyBySiren: [String: Double] = [:]
        for row in povertyRows {
            if let value = try row.decode(column: "poverty", as: Double?.self) { povertyBySiren[try row.decode(column: "siren", as: String.self)] = value }
        }
        var qpvsBySiren: [String: Int] = [:]
        for row in qpvCounts { qpvsBySiren[try row.decode(column: "siren", as: String.self)] = try row.decode(column: "qpvs", as: Int.self) }

        struct Accumulator { var population = 0; var incomeWeight = 0.0; var incomeSum = 0.0; var minimaWeight = 0.0; var minimaSum = 0.0; var qpvPopulation = 0; var codes: [String] = [] }
        var bySiren: [String: Accumulator] = [:]
        for row in rows {
            let siren = try row.decode(column: "siren", as: String.self)
            let population = try row.decode(column: "population", as: Int?.self) ?? 0
            var acc = bySiren[siren] ?? Accumulator()
            acc.population += population
            acc.codes.append(try row.decode(column: "code", as: String.self))
            if let median = try row.decode(column: "median_income", as: Double?.self) {
                acc.incomeSum += median * Double(population)
                acc.incomeWeight += Double(population)
            }
            if let minima = try row.decode(column: "minima_share", as: Double?.self) {
                acc.minimaSum += minima * Double(population)
                acc.minimaWeight += Double(population)
            }
            if try row.decode(column: "qpvs", as: Int.self) > 0 { acc.qpvPopulation += population }
            bySiren[siren] = acc
        }
        return epcis.compactMap { epci in
            guard let siren = epci.id, let acc = bySiren[siren] else { return nil }
            return EPCIFigures(siren: siren, name: epci.name, nature: epci.nature, population: acc.population,
                               medianIncome: acc.incomeWeight > 0 ? acc.incomeSum / acc.incomeWeight : nil,
                               minimaShare: acc.minimaWeight > 0 ? acc.minimaSum / acc.minimaWeight : nil,
                               qpvCount: qpvsBySiren[siren] ?? 0,
                               qpvCommunePopulationShare: acc.population > 0 ? 100 * Double(acc.qpvPopulation) / Double(acc.population) : nil,
                               meanIRISPovertyRate: povertyBySiren[siren],
                               communeCodes: acc.codes)
        }
    }
}
