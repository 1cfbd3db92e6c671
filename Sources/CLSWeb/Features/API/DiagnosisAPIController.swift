import CLSCore
import CLSStore
import Fluent
import Vapor

/// JSON API of the diagnosis: `GET /api/v1/indicators` (the catalogue) and
/// `GET /api/v1/contracts/{id}/diagnostic` (the perimeter's indicators with their 95 % interval
/// and their verdict against the department, the region and France).
struct DiagnosisAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.api(.indicators), use: indicators)
        routes.get(.api(.contract(.key, .diagnosis)), use: diagnosis)
    }

    struct IndicatorJSON: Content {
        let code: String
        let label: String
        let unit: String
        let method: String
        let methodLabel: String
        let multiplier: Double
        let polarity: String?
        let source: String
        let vintage: String
    }

    func indicators(req: Request) async throws -> [IndicatorJSON] {
        try req.require(.useWorkspace)
        return try await DiagnosticIndicator.query(on: req.db).sort(\.$position).sort(\.$label).all().map { indicator in
            IndicatorJSON(code: indicator.code, label: indicator.label, unit: indicator.unit, method: indicator.method,
                          methodLabel: indicator.indicatorMethod.label, multiplier: indicator.multiplier,
                          polarity: indicator.indicatorPolarity?.rawValue, source: indicator.source, vintage: indicator.vintage)
        }
    }

    struct BenchmarkJSON: Content {
        let level: String
        let code: String
        let name: String
        let numerator: Double
        let denominator: Double?
        let value: Double?
        let lower: Double?
        let upper: Double?
        let verdict: String
    }

    struct LineJSON: Content {
        let code: String
        let label: String
        let unit: String
        let period: String
        let numerator: Double?
        let denominator: Double?
        let value: Double?
        let lower: Double?
        let upper: Double?
        /// True when the count is below the small-number threshold: no value is published.
        let suppressed: Bool
        let communesWithoutData: Int
        let benchmarks: [BenchmarkJSON]
    }

    func diagnosis(req: Request) async throws -> [LineJSON] {
        let contract = try await req.contract(requiring: Permission.viewContract)
        let diagnosis = try await PerimeterDiagnosis.load(contract, on: req.db)
        return (diagnosis?.lines ?? []).map { line in
            let suppressed = SmallNumbers.isSuppressed(Int(line.area.numerator.rounded()))
            let estimate = suppressed ? nil : line.area.estimate
            return LineJSON(
                code: line.indicator.code, label: line.indicator.label, unit: line.indicator.unit, period: line.period,
                numerator: suppressed ? nil : line.area.numerator, denominator: line.area.denominator,
                value: estimate?.value, lower: estimate?.lower, upper: estimate?.upper, suppressed: suppressed,
                communesWithoutData: line.communesWithoutData,
                benchmarks: line.benchmarks.map { benchmark in
                    BenchmarkJSON(level: benchmark.figure.level.rawValue,
                                  code: benchmark.figure.level == .department ? contract.departmentCode
                                      : benchmark.figure.level == .region ? contract.regionCode : "FR",
                                  name: benchmark.figure.areaName, numerator: benchmark.figure.numerator, denominator: benchmark.figure.denominator,
                                  value: benchmark.figure.estimate?.value, lower: benchmark.figure.estimate?.lower, upper: benchmark.figure.estimate?.upper,
                                  verdict: suppressed ? BenchmarkVerdict.notCompared.rawValue : benchmark.verdict.rawValue)
                })
        }
    }
}
