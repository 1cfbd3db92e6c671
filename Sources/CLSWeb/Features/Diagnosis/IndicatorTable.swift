import CLSCharts
import CLSCore
import CLSFormats
import CLSStore
import Foundation

/// One table of the diagnosis as pages show it (the Diagnostic tab, the territory pages): for
/// each indicator its latest figure with its interval and count, each benchmark's figure with the
/// verdict in words and colour, and its trend over the periods when there are several.
struct IndicatorTable: Encodable {
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
        let comparisons: [Comparison]
        /// The earlier periods in words ("2019 : 13,1 ; 2020 : 13,3"), empty with a single period.
        let trend: String
        let trendChart: String
    }

    let id: String
    let title: String
    let intro: String
    let areaHeading: String
    let benchmarkHeadings: [String]
    let rows: [Row]

    static func number(_ value: Double) -> String { FrenchFormat.number(value, fractionDigits: value < 10 ? 2 : 1) }

    /// The table of `diagnosis`, comparing with `benchmarks` (levels, in the order of the columns).
    init(id: String, title: String, intro: String, diagnosis: AreaDiagnosis, benchmarks: [(level: DiagnosticValue.Level, heading: String)]) {
        self.id = id
        self.title = title
        self.intro = intro
        areaHeading = diagnosis.area.name
        benchmarkHeadings = benchmarks.map(\.heading)
        rows = diagnosis.latest.map { line in Self.row(line, series: diagnosis.series(line.indicator.code), benchmarks: benchmarks.map(\.level)) }
    }

    static func row(_ line: AreaDiagnosis.Line, series: [AreaDiagnosis.Line], benchmarks: [DiagnosticValue.Level]) -> Row {
        let figure = line.area
        var notes: [String] = []
        if figure.isSuppressed { notes.append("effectif inférieur à \(SmallNumbers.threshold) : valeur non publiée") }
        if line.communesWithoutData > 0 {
            notes.append("\(FrenchFormat.count(line.communesWithoutData, singular: "commune", plural: "communes")) sans donnée dans le fichier")
        }
        if !figure.isSuppressed, let estimate = figure.estimate, estimate.lower == nil, line.indicator.indicatorMethod != .count {
            notes.append("publié sans effectif ni intervalle : pas de comparaison significative")
        }
        let comparisons = benchmarks.map { level -> Comparison in
            guard let (other, verdict) = line.benchmarks.first(where: { $0.figure.level == level }) else {
                return Comparison(value: "—", verdict: "", verdictCode: "")
            }
            let shown = figure.isSuppressed ? BenchmarkVerdict.notCompared : verdict
            return Comparison(value: other.isSuppressed ? "< \(SmallNumbers.threshold)" : other.estimate.map { number($0.value) } ?? "—",
                              verdict: shown.label, verdictCode: shown.rawValue)
        }
        let points = series.compactMap { point in point.area.estimate.map { (point.period, $0.value) } }
        let france = series.compactMap { point in
            point.benchmarks.first { $0.figure.level == .france }?.figure.estimate.map { TrendChart.Point(period: point.period, value: $0.value) }
        }
        let trend = series.count >= 2 ? series.map { point in
            "\(point.period) : " + (point.area.isSuppressed ? "< \(SmallNumbers.threshold)" : point.area.estimate.map { number($0.value) } ?? "—")
        }.joined(separator: " ; ") : ""
        let chart = points.count >= 2
            ? TrendChart(title: "Évolution de « \(line.indicator.label) » de \(points[0].0) à \(points[points.count - 1].0), en trait plein ; la France en pointillés",
                         area: points.map { TrendChart.Point(period: $0.0, value: $0.1) }, benchmark: france).svg()
            : ""
        return Row(
            label: line.indicator.label, unit: line.indicator.unit, period: line.period,
            value: figure.isSuppressed ? "—" : figure.estimate.map { number($0.value) } ?? "—",
            interval: figure.estimate.flatMap { estimate in
                guard let lower = estimate.lower, let upper = estimate.upper else { return nil }
                return "\(number(lower)) – \(number(upper))"
            } ?? "—",
            count: figure.isSuppressed ? "< \(SmallNumbers.threshold)" : figure.numerator.map { FrenchFormat.integer(Int($0.rounded())) } ?? "—",
            note: notes.joined(separator: " ; "), comparisons: comparisons, trend: trend, trendChart: chart)
    }
}

extension AreaDiagnosis {
    /// Every period of every indicator, as the exports write them.
    var exportLines: [DiagnosisExportLine] {
        lines.map { line in
            func comparison(_ level: DiagnosticValue.Level) -> DiagnosisExportLine.Comparison? {
                guard let (figure, verdict) = line.benchmarks.first(where: { $0.figure.level == level }) else { return nil }
                return .init(value: figure.isSuppressed ? nil : figure.estimate?.value,
                             verdict: (line.area.isSuppressed ? BenchmarkVerdict.notCompared : verdict).label)
            }
            let row = IndicatorTable.row(line, series: [], benchmarks: [])
            let estimate = line.area.isSuppressed ? nil : line.area.estimate
            return DiagnosisExportLine(area: area.name, indicator: line.indicator.label, unit: line.indicator.unit, period: line.period,
                                       value: estimate?.value, lower: estimate?.lower, upper: estimate?.upper,
                                       count: line.area.isSuppressed ? nil : line.area.numerator, note: row.note,
                                       department: comparison(.department), region: comparison(.region), france: comparison(.france))
        }
    }
}
