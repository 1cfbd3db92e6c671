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
        routes.get(.api(.contract(.key, .priorities)), use: priorities)
        for level in APITerritoryLevel.allCases {
            routes.get(.api(.territoryIndicators(level, .key)), use: territory(level))
        }
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

    struct FiguresJSON: Content {
        let level: String
        let code: String
        let name: String
        let numerator: Double?
        let denominator: Double?
        let value: Double?
        let lower: Double?
        let upper: Double?
        /// True when the count is below the small-number threshold or masked by its producer: no value is given.
        let suppressed: Bool
        /// Against the line's area; absent for the area itself.
        let verdict: String?

        init(_ figure: AreaDiagnosis.Figure, area: AreaDiagnosis.Area, verdict: BenchmarkVerdict?) {
            level = figure.level?.rawValue ?? "perimetre"
            code = figure.areaCode
            name = figure.areaName
            numerator = figure.isSuppressed ? nil : figure.numerator
            denominator = figure.denominator
            value = figure.estimate?.value
            lower = figure.estimate?.lower
            upper = figure.estimate?.upper
            suppressed = figure.isSuppressed
            self.verdict = verdict?.rawValue
        }
    }

    /// One indicator and period of an area, with its 95 % interval and its benchmarks.
    struct LineJSON: Content {
        let code: String
        let label: String
        let unit: String
        let period: String
        let area: FiguresJSON
        let numerator: Double?
        let denominator: Double?
        let value: Double?
        let lower: Double?
        let upper: Double?
        let suppressed: Bool
        let communesWithoutData: Int
        let benchmarks: [FiguresJSON]

        init(_ line: AreaDiagnosis.Line, of diagnosis: AreaDiagnosis) {
            let area = FiguresJSON(line.area, area: diagnosis.area, verdict: nil)
            code = line.indicator.code
            label = line.indicator.label
            unit = line.indicator.unit
            period = line.period
            self.area = area
            numerator = area.numerator
            denominator = area.denominator
            value = area.value
            lower = area.lower
            upper = area.upper
            suppressed = area.suppressed
            communesWithoutData = line.communesWithoutData
            benchmarks = line.benchmarks.map { benchmark in
                FiguresJSON(benchmark.figure, area: diagnosis.area, verdict: line.area.isSuppressed ? .notCompared : benchmark.verdict)
            }
        }

        static func lines(_ diagnosis: AreaDiagnosis) -> [LineJSON] { diagnosis.lines.map { LineJSON($0, of: diagnosis) } }
    }

    /// The perimeter's lines, then the department's for the indicators published only by department.
    func diagnosis(req: Request) async throws -> [LineJSON] {
        let contract = try await req.contract(requiring: Permission.viewContract)
        guard let diagnosis = try await PerimeterDiagnosis.load(contract, on: req.db) else { return [] }
        return LineJSON.lines(diagnosis.perimeter) + LineJSON.lines(diagnosis.department)
    }

    func territory(_ level: APITerritoryLevel) -> @Sendable (Request) async throws -> [LineJSON] {
        { req in
            try req.require(.useWorkspace)
            let code = try req.parameters.require(level.parameterName)
            let stored: DiagnosticValue.Level = switch level {
            case .communes: .commune
            case .epci: .epci
            case .departements: .department
            case .regions: .region
            }
            guard let diagnosis = try await TerritoryDiagnosis.load(stored, code: code, on: req.db) else {
                throw Abort(.notFound, reason: "Territoire inconnu : \(code).")
            }
            return LineJSON.lines(diagnosis)
        }
    }

    struct PriorityJSON: Content {
        let id: UUID
        let title: String
        let prsReference: String
        let competence: String?
        let status: String
        let statusLabel: String
        let reason: String
        /// A rejected priority kept for the local health plan.
        let forLocalPlan: Bool
        /// The finding it answers, with the codes of the indicators the finding cites.
        let finding: String?
        let findingIndicators: [String]
        /// The axis of the programme it became.
        let axisId: UUID?
        let axis: String?
        /// DOMAIN.md §3 step 4: fewer than two signatories competent (a warning, not a block).
        let competenceWarning: String?
    }

    func priorities(req: Request) async throws -> [PriorityJSON] {
        let contract = try await req.contract(requiring: Permission.viewContract)
        let id = try contract.requireID()
        let priorities = try await DiagnosisWork.priorities(contractId: id, on: req.db)
        let findings = Dictionary(uniqueKeysWithValues: try await DiagnosisWork.findings(contractId: id, on: req.db).map { ($0.id!, $0) })
        let signatories = try await Signatory.query(on: req.db).filter(\.$contract.$id == id).with(\.$organisation).all().map(\.organisation)
        let sectionIds = priorities.compactMap(\.sectionId)
        let axes = sectionIds.isEmpty ? [:] : Dictionary(uniqueKeysWithValues: try await ProgrammeSection.query(on: req.db)
            .filter(\.$id ~~ sectionIds).all().map { ($0.id!, $0.title) })
        return priorities.map { priority in
            let finding = priority.findingId.flatMap { findings[$0] }
            return PriorityJSON(id: priority.id!, title: priority.title, prsReference: priority.prsReference,
                                competence: priority.competence?.rawValue, status: priority.status, statusLabel: priority.priorityStatus.label,
                                reason: priority.reason, forLocalPlan: priority.forLocalPlan, finding: finding?.text,
                                findingIndicators: finding?.indicators ?? [], axisId: priority.sectionId,
                                axis: priority.sectionId.flatMap { axes[$0] },
                                competenceWarning: DiagnosisWork.competenceWarning(priority, signatories: signatories))
        }
    }
}
