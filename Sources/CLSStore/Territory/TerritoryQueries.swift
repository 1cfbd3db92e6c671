import FluentKit
import Foundation
import SQLKit

/// Reads of the territorial reference, each a bounded number of queries.
public enum TerritoryQueries {
    public struct CommuneSummary: Sendable, Equatable {
        public let code: String
        public let name: String
        public let population: Int?
    }

    public struct CommuneDetail: Sendable {
        public let commune: Commune
        public let epci: EPCI?
        public let qpvs: [QPV]
    }

    public struct EPCIDetail: Sendable {
        public let epci: EPCI
        public let communes: [CommuneSummary]
        public let population: Int
    }

    public struct DepartmentDetail: Sendable {
        public let department: DepartmentArea
        public let regionName: String?
        public let communeCount: Int
        public let population: Int
        public let epciCount: Int
        public let qpvCount: Int
    }

    public static func commune(_ code: String, on database: any Database) async throws -> CommuneDetail? {
        guard let commune = try await Commune.find(code, on: database) else { return nil }
        var epci: EPCI?
        if let siren = commune.epciSiren { epci = try await EPCI.find(siren, on: database) }
        let links = try await QPVCommune.query(on: database).filter(\.$communeCode == code).all()
        let qpvs = links.isEmpty ? [] : try await QPV.query(on: database).filter(\.$id ~~ links.map(\.qpvCode)).sort(\.$id).all()
        return CommuneDetail(commune: commune, epci: epci, qpvs: qpvs)
    }

    public static func epci(_ siren: String, on database: any Database) async throws -> EPCIDetail? {
        guard let epci = try await EPCI.find(siren, on: database) else { return nil }
        let members = try await Commune.query(on: database).filter(\.$epciSiren == siren).sort(\.$name).all()
        let summaries = members.map { CommuneSummary(code: $0.id ?? "", name: $0.name, population: $0.population) }
        return EPCIDetail(epci: epci, communes: summaries, population: summaries.compactMap(\.population).reduce(0, +))
    }

    public static func department(_ code: String, on database: any Database) async throws -> DepartmentDetail? {
        guard let department = try await DepartmentArea.find(code, on: database),
              let sql = database as? any SQLDatabase else { return nil }
        let region = try await RegionArea.find(department.regionCode, on: database)
        let totals = try await sql.select()
            .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "communes")
            // PostgreSQL sums bigints into numeric: cast back so both engines answer an integer.
            .column(SQLFunction("CAST", args: SQLAlias(SQLFunction("SUM", args: SQLColumn("population")), as: SQLRaw("BIGINT"))), as: "population")
            .column(SQLFunction("COUNT", args: SQLDistinct(SQLColumn("epci_siren"))), as: "epcis")
            .from(Commune.schema)
            .where("department_code", .equal, code)
            .where("kind", .equal, "COM")
            .first()
        let qpvs = try await sql.select()
            .column(SQLFunction("COUNT", args: SQLDistinct(SQLColumn("qpv_code", table: QPVCommune.schema))), as: "qpvs")
            .from(QPVCommune.schema)
            .join(Commune.schema, on: SQLColumn("commune_code", table: QPVCommune.schema), .equal, SQLColumn("code", table: Commune.schema))
            .where(SQLColumn("department_code", table: Commune.schema), .equal, SQLBind(code))
            .first()
        return DepartmentDetail(
            department: department, regionName: region?.name,
            communeCount: try totals?.decode(column: "communes", as: Int.self) ?? 0,
            population: try totals?.decode(column: "population", as: Int?.self) ?? 0,
            epciCount: try totals?.decode(column: "epcis", as: Int.self) ?? 0,
            qpvCount: try qpvs?.decode(column: "qpvs", as: Int.self) ?? 0)
    }
}
