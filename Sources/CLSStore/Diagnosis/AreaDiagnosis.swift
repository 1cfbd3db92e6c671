import CLSCore
import FluentKit
import Foundation
import SQLKit

/// The indicators of one area — a contract's perimeter, a commune, an EPCI, a department, a
/// region — each period with its figure and interval, against its benchmarks (department,
/// region, France) with Fingertips' verdict, and the values of the region's departments for the
/// spine chart. An area's figure is its stored value when the files give one (an EPCI's, a
/// department's); otherwise, for indicators that add up, the sum of its communes' numerators
/// over the sum of their denominators — never an average of their rates.
public struct AreaDiagnosis: Sendable {
    public struct Area: Sendable {
        public let name: String
        /// The level and code of the area's own stored values; nil for a perimeter, which has none.
        public let level: DiagnosticValue.Level?
        public let code: String
        /// The communes whose sums stand for the area where it has no stored value.
        public let communes: [String]

        public init(name: String, level: DiagnosticValue.Level?, code: String, communes: [String]) {
            self.name = name
            self.level = level
            self.code = code
            self.communes = communes
        }
    }

    public struct Figure: Sendable {
        public let level: DiagnosticValue.Level?
        public let areaCode: String
        public let areaName: String
        public let numerator: Double?
        public let denominator: Double?
        public let estimate: Estimate?
        /// A count below the small-number threshold or masked by its producer: shown « < 5 », no value.
        public let isSuppressed: Bool
    }

    public struct Line: Sendable {
        public let indicator: DiagnosticIndicator
        public let period: String
        public let area: Figure
        /// Communes of the area without a figure in the file (merged or created since its geography); 0 for a stored value.
        public let communesWithoutData: Int
        public let benchmarks: [(figure: Figure, verdict: BenchmarkVerdict)]
        /// The values of the region's departments, for the spine chart's range.
        public let regionalDepartments: [Double]
    }

    public let area: Area
    /// Every indicator and period, indicators in the catalogue's order, latest period first.
    public let lines: [Line]

    /// The latest period of each indicator.
    public var latest: [Line] {
        var seen = Set<String>()
        return lines.filter { seen.insert($0.indicator.code).inserted }
    }

    /// The periods of one indicator, oldest first.
    public func series(_ indicatorCode: String) -> [Line] { lines.filter { $0.indicator.code == indicatorCode }.reversed() }

    public static func load(_ area: Area, benchmarks: [Area], regionCode: String?, confidence: Double = 0.95,
                            on database: any Database) async throws -> AreaDiagnosis {
        let indicators = try await DiagnosticIndicator.query(on: database).sort(\.$position).sort(\.$label).all()
        guard !indicators.isEmpty else { return AreaDiagnosis(area: area, lines: []) }
        let own = try await storedValues(of: area.level.map { [($0, area.code)] } ?? [], on: database)
        let sums = try await communeSums(area.communes, on: database)
        let stored = try await storedValues(of: benchmarks.compactMap { benchmark in benchmark.level.map { ($0, benchmark.code) } }, on: database)
        var departmentsOfRegion: [String: [DiagnosticValue]] = [:]
        let regionDepartments = regionCode.map { AdministrativeAreas.departments(in: $0).map(\.code) } ?? []
        if !regionDepartments.isEmpty {
            for value in try await DiagnosticValue.query(on: database).filter(\.$level == DiagnosticValue.Level.department.rawValue)
                .filter(\.$areaCode ~~ regionDepartments).all() {
                departmentsOfRegion["\(value.indicatorCode)|\(value.period)", default: []].append(value)
            }
        }

        var lines: [Line] = []
        for indicator in indicators {
            let method = indicator.indicatorMethod
            var periods = Set(own.keys.filter { $0.hasPrefix(indicator.code + "|") }.map { String($0.split(separator: "|")[1]) })
            if method.addsUp { periods.formUnion(sums.keys.filter { $0.hasPrefix(indicator.code + "|") }.map { String($0.split(separator: "|")[1]) }) }
            for period in periods.sorted(by: >) {
                let key = "\(indicator.code)|\(period)"
                let figure: Figure
                var missing = 0
                if let value = own[key] {
                    figure = Self.figure(value, indicator: indicator, level: area.level, code: area.code, name: area.name, confidence: confidence)
                } else if let total = sums[key] {
                    figure = Self.figure(numerator: total.numerator, denominator: total.denominator, indicator: indicator, level: area.level,
                                         code: area.code, name: area.name, confidence: confidence)
                    missing = area.communes.count - total.communes
                } else { continue }
                let compared: [(figure: Figure, verdict: BenchmarkVerdict)] = benchmarks.compactMap { benchmark in
                    guard let level = benchmark.level, let value = stored["\(key)|\(level.rawValue)|\(benchmark.code)"] else { return nil }
                    let other = Self.figure(value, indicator: indicator, level: level, code: benchmark.code, name: benchmark.name, confidence: confidence)
                    let verdict = figure.estimate.map { BenchmarkVerdict.compare($0, with: other.estimate?.value, polarity: indicator.indicatorPolarity) }
                        ?? .notCompared
                    return (other, verdict)
                }
                let comparables = (departmentsOfRegion[key] ?? []).compactMap { value in
                    Self.figure(value, indicator: indicator, level: .department, code: value.areaCode, name: "", confidence: confidence).estimate?.value
                }
                lines.append(Line(indicator: indicator, period: period, area: figure, communesWithoutData: missing,
                                  benchmarks: compared, regionalDepartments: comparables))
            }
        }
        return AreaDiagnosis(area: area, lines: lines)
    }

    static func figure(_ value: DiagnosticValue, indicator: DiagnosticIndicator, level: DiagnosticValue.Level?, code: String, name: String,
                       confidence: Double) -> Figure {
        let suppressed = value.isMasked || SmallNumbers.isSuppressed(Int((value.numerator ?? 0).rounded()))
        let estimate = suppressed ? nil : indicator.indicatorMethod.estimate(
            numerator: value.numerator, denominator: value.denominator, value: value.value, lower: value.lower, upper: value.upper,
            isMasked: value.isMasked, multiplier: indicator.multiplier, confidence: confidence)
        return Figure(level: level, areaCode: code, areaName: name, numerator: value.numerator, denominator: value.denominator,
                      estimate: estimate, isSuppressed: suppressed)
    }

    static func figure(numerator: Double, denominator: Double, indicator: DiagnosticIndicator, level: DiagnosticValue.Level?, code: String,
                       name: String, confidence: Double) -> Figure {
        let suppressed = SmallNumbers.isSuppressed(Int(numerator.rounded()))
        let estimate = suppressed ? nil : indicator.indicatorMethod.estimate(numerator: numerator, denominator: denominator,
                                                                              multiplier: indicator.multiplier, confidence: confidence)
        return Figure(level: level, areaCode: code, areaName: name, numerator: numerator, denominator: denominator, estimate: estimate,
                      isSuppressed: suppressed)
    }

    /// The stored values of the given areas, by "indicator|period" (one area) or
    /// "indicator|period|level|code" (several).
    static func storedValues(of areas: [(DiagnosticValue.Level, String)], on database: any Database) async throws -> [String: DiagnosticValue] {
        guard !areas.isEmpty else { return [:] }
        let values = try await DiagnosticValue.query(on: database)
            .group(.or) { group in
                for (level, code) in areas { group.group(.and) { $0.filter(\.$level == level.rawValue).filter(\.$areaCode == code) } }
            }.all()
        var byKey: [String: DiagnosticValue] = [:]
        for value in values {
            if areas.count == 1 { byKey["\(value.indicatorCode)|\(value.period)"] = value }
            else { byKey["\(value.indicatorCode)|\(value.period)|\(value.level)|\(value.areaCode)"] = value }
        }
        return byKey
    }

    /// Sums over communes, by "indicator|period", with how many communes had a figure (masked
    /// values left out: their count is unknown).
    static func communeSums(_ codes: [String], on database: any Database) async throws -> [String: (numerator: Double, denominator: Double, communes: Int)] {
        guard !codes.isEmpty else { return [:] }
        let sql = try ContractQueries.sqlDatabase(database)
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
                .where("numerator", .isNot, SQLLiteral.null)
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
        return sums
    }
}
