import CLSCore
import FluentKit
import Foundation
import SQLKit

/// The indicators of a contract's perimeter, each against its department, its region and France:
/// for indicators that add up, the perimeter's value is the sum of its communes' numerators over
/// the sum of their denominators — never an average of their rates — with its interval, and the
/// verdict against each benchmark as Fingertips gives it.
public struct PerimeterDiagnosis: Sendable {
    public struct Figure: Sendable {
        public let level: DiagnosticValue.Level
        public let areaName: String
        public let numerator: Double
        public let denominator: Double?
        public let estimate: Estimate?
    }

    public struct Line: Sendable {
        public let indicator: DiagnosticIndicator
        public let period: String
        public let area: Figure
        /// Communes of the perimeter without a figure in the file (merged or created since its geography).
        public let communesWithoutData: Int
        public let benchmarks: [(figure: Figure, verdict: BenchmarkVerdict)]
        /// The values of the region's departments, for the spine chart's range.
        public let regionalDepartments: [Double]
    }

    public let perimeterLabel: String
    public let communeCount: Int
    public let lines: [Line]

    public static let confidence = 0.95

    /// Nil when the contract has no perimeter.
    public static func load(_ contract: Contract, on database: any Database) async throws -> PerimeterDiagnosis? {
        let contractId = try contract.requireID()
        guard let perimeter = try await Perimeters.current(contractId: contractId, on: database) else { return nil }
        let codes = perimeter.communes
        let indicators = try await DiagnosticIndicator.query(on: database).sort(\.$position).sort(\.$label).all()
        guard !indicators.isEmpty, !codes.isEmpty else { return PerimeterDiagnosis(perimeterLabel: perimeter.label, communeCount: codes.count, lines: []) }
        let sql = try ContractQueries.sqlDatabase(database)

        // The perimeter: sums over its communes, by indicator and period, with how many communes had a figure.
        var sums: [String: (numerator: Double, denominator: Double, communes: Int)] = [:]
        for chunk in stride(from: 0, to: codes.count, by: 900).map({ Array(codes[$0..<min($0 + 900, codes.count)]) }) {
            let rows = try await sql.select()
                .column("indicator_code").column("period")
                .column(SQLFunction("SUM", args: SQLColumn("numerator")), as: "numerator")
                .column(SQLFunction("SUM", args: SQLColumn("denominator")), as: "denominator")
                .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "communes")
                .from(DiagnosticValue.schema)
                .where("level", .equal, DiagnosticValue.Level.commune.rawValue)
                .where("area_code", .in, chunk)
                .where("is_masked", .equal, false)
                .groupBy("indicator_code").groupBy("period")
                .all()
            for row in rows {
                let key = try row.decode(column: "indicator_code", as: String.self) + "|" + row.decode(column: "period", as: String.self)
                let previous = sums[key] ?? (0, 0, 0)
                sums[key] = (previous.numerator + (try row.decode(column: "numerator", as: Double?.self) ?? 0),
                             previous.denominator + (try row.decode(column: "denominator", as: Double?.self) ?? 0),
                             previous.communes + (try row.decode(column: "communes", as: Int.self)))
            }
        }

        // The benchmarks: the contract's department and region, and France.
        let benchmarkAreas: [(DiagnosticValue.Level, String, String)] = [
            (.department, contract.departmentCode, AdministrativeAreas.department(contract.departmentCode)?.name ?? contract.departmentCode),
            (.region, contract.regionCode, AdministrativeAreas.region(contract.regionCode)?.name ?? contract.regionCode),
            (.france, "FR", "France"),
        ]
        var benchmarks: [String: DiagnosticValue] = [:]
        let stored = try await DiagnosticValue.query(on: database)
            .group(.or) { group in
                for (level, code, _) in benchmarkAreas { group.group(.and) { $0.filter(\.$level == level.rawValue).filter(\.$areaCode == code) } }
            }.all()
        for value in stored { benchmarks["\(value.indicatorCode)|\(value.period)|\(value.level)"] = value }
        let regionDepartments = AdministrativeAreas.departments(in: contract.regionCode).map(\.code)
        var departmentsOfRegion: [String: [DiagnosticValue]] = [:]
        if !regionDepartments.isEmpty {
            for value in try await DiagnosticValue.query(on: database).filter(\.$level == DiagnosticValue.Level.department.rawValue)
                .filter(\.$areaCode ~~ regionDepartments).all() {
                departmentsOfRegion["\(value.indicatorCode)|\(value.period)", default: []].append(value)
            }
        }

        var lines: [Line] = []
        for indicator in indicators where indicator.indicatorMethod.addsUp {
            let periods = sums.keys.filter { $0.hasPrefix(indicator.code + "|") }.map { String($0.dropFirst(indicator.code.count + 1)) }.sorted(by: >)
            for period in periods {
                guard let total = sums["\(indicator.code)|\(period)"] else { continue }
                let method = indicator.indicatorMethod
                let area = Figure(level: .epci, areaName: perimeter.label, numerator: total.numerator, denominator: total.denominator,
                                  estimate: method.estimate(numerator: total.numerator, denominator: total.denominator,
                                                            multiplier: indicator.multiplier, confidence: confidence))
                let compared: [(figure: Figure, verdict: BenchmarkVerdict)] = benchmarkAreas.compactMap { level, code, name in
                    guard let value = benchmarks["\(indicator.code)|\(period)|\(level.rawValue)"], let numerator = value.numerator else { return nil }
                    let estimate = method.estimate(numerator: numerator, denominator: value.denominator, multiplier: indicator.multiplier,
                                                   confidence: confidence)
                    let figure = Figure(level: level, areaName: name, numerator: numerator, denominator: value.denominator, estimate: estimate)
                    let verdict = area.estimate.map { BenchmarkVerdict.compare($0, with: estimate?.value, polarity: indicator.indicatorPolarity) } ?? .notCompared
                    return (figure, verdict)
                }
                let comparables = (departmentsOfRegion["\(indicator.code)|\(period)"] ?? []).compactMap { value in
                    value.numerator.flatMap { method.estimate(numerator: $0, denominator: value.denominator, multiplier: indicator.multiplier)?.value }
                }
                lines.append(Line(indicator: indicator, period: period, area: area, communesWithoutData: codes.count - total.communes,
                                  benchmarks: compared, regionalDepartments: comparables))
            }
        }
        return PerimeterDiagnosis(perimeterLabel: perimeter.label, communeCount: codes.count, lines: lines)
    }
}
