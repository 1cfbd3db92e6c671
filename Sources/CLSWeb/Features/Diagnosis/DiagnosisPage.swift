import CLSCharts
import CLSCore
import CLSStore
import Foundation

/// The Diagnostic tab: the indicators of the contract's perimeter, each with its interval, its
/// count, and its verdict against the department, the region and France (colour and words), the
/// method written under the table.
struct DiagnosisPage: Encodable, ContractPageContent {
    struct Comparison: Encodable {
        let value: String
        let verdict: String
        let verdictCode: String
    }

    struct Row: Encodable {
        let label: String
        let unit: String
        let period: String
        let value: String
        let interval: String
        let count: String
        let note: String
        let department: Comparison?
        let region: Comparison?
        let france: Comparison?
    }

    let shell: ContractShell
    let hasPerimeter: Bool
    let perimeter: String
    let rows: [Row]
    let departmentName: String
    let regionName: String
    let methods: [String]
    let sources: [String]
    let perimeterPage: String
    /// The spine chart (SVG), empty when no indicator has a regional range to draw.
    let spine: String
    let work: DiagnosisWorkView

    static func load(_ contract: Contract, _ context: PageContext) async throws -> DiagnosisPage {
        let id = try contract.requireID()
        let diagnosis = try await PerimeterDiagnosis.load(contract, on: context.db)
        let lines = diagnosis?.lines ?? []
        func number(_ value: Double) -> String { FrenchFormat.number(value, fractionDigits: value < 10 ? 2 : 1) }
        func comparison(_ line: PerimeterDiagnosis.Line, _ level: DiagnosticValue.Level) -> Comparison? {
            guard let (figure, verdict) = line.benchmarks.first(where: { $0.figure.level == level }) else { return nil }
            return Comparison(value: figure.estimate.map { number($0.value) } ?? "—", verdict: verdict.label, verdictCode: verdict.rawValue)
        }
        let rows = lines.map { line -> Row in
            let suppressed = SmallNumbers.isSuppressed(Int(line.area.numerator.rounded()))
            let estimate = suppressed ? nil : line.area.estimate
            var notes: [String] = []
            if suppressed { notes.append("effectif inférieur à \(SmallNumbers.threshold) : valeur non publiée") }
            if line.communesWithoutData > 0 {
                notes.append("\(FrenchFormat.count(line.communesWithoutData, singular: "commune", plural: "communes")) sans donnée dans le fichier")
            }
            return Row(
                label: line.indicator.label, unit: line.indicator.unit, period: line.period,
                value: estimate.map { number($0.value) } ?? "—",
                interval: estimate.flatMap { estimate in
                    guard let lower = estimate.lower, let upper = estimate.upper else { return nil }
                    return "\(number(lower)) – \(number(upper))"
                } ?? "—",
                count: suppressed ? "< \(SmallNumbers.threshold)" : FrenchFormat.integer(Int(line.area.numerator.rounded())),
                note: notes.joined(separator: " ; "),
                department: suppressed ? nil : comparison(line, .department), region: suppressed ? nil : comparison(line, .region),
                france: suppressed ? nil : comparison(line, .france))
        }
        let spineRows: [SpineChart.Row] = lines.compactMap { line in
            guard !SmallNumbers.isSuppressed(Int(line.area.numerator.rounded())), let value = line.area.estimate?.value,
                  let region = line.benchmarks.first(where: { $0.figure.level == .region }), let benchmark = region.figure.estimate?.value,
                  line.regionalDepartments.count >= 2 else { return nil }
            return SpineChart.Row(label: "\(line.indicator.label) (\(line.period))", value: value, benchmark: benchmark,
                                  comparables: line.regionalDepartments, verdict: region.verdict, polarity: line.indicator.indicatorPolarity)
        }
        let methods = Array(Set(lines.map(\.indicator.indicatorMethod))).sorted { $0.rawValue < $1.rawValue }.map { "\($0.label) : \($0.intervalMethod)." }
        return DiagnosisPage(
            shell: ContractShell(contract, tab: .diagnosis),
            hasPerimeter: diagnosis != nil, perimeter: diagnosis.map { "\($0.perimeterLabel) (\(FrenchFormat.count($0.communeCount, singular: "commune", plural: "communes")))" } ?? "",
            rows: rows,
            departmentName: AdministrativeAreas.department(contract.departmentCode)?.name ?? "Département",
            regionName: AdministrativeAreas.region(contract.regionCode)?.name ?? "Région",
            methods: methods, sources: Array(Set(lines.map(\.indicator.source))).sorted(),
            perimeterPage: SitePath.contract(id, .perimeter).href,
            spine: spineRows.isEmpty ? "" : SpineChart(title: "Le périmètre face à la région et à ses départements", rows: spineRows).svg(),
            work: try await DiagnosisWorkView.load(contract, context))
    }
}
