import CLSCore
import Foundation

/// Fingertips' spine chart as standalone, accessible SVG: one row per indicator, the benchmark
/// (the region) on the centre line, the range of the comparable areas (the region's departments)
/// in light grey with their 25th–75th percentiles darker, and the area's value as a dot coloured
/// by its verdict. Each row has its own scale, centred on the benchmark; an indicator where lower
/// is better is drawn flipped, so that better is always to the right. The page gives the same
/// figures in its table.
public struct SpineChart: Sendable {
    public struct Row: Sendable {
        public let label: String
        public let value: Double
        public let benchmark: Double
        public let comparables: [Double]
        public let verdict: BenchmarkVerdict
        public let polarity: IndicatorPolarity?

        public init(label: String, value: Double, benchmark: Double, comparables: [Double], verdict: BenchmarkVerdict, polarity: IndicatorPolarity?) {
            self.label = label
            self.value = value
            self.benchmark = benchmark
            self.comparables = comparables
            self.verdict = verdict
            self.polarity = polarity
        }
    }

    public let title: String
    public let rows: [Row]
    public var width = 720
    public var labelWidth = 260
    public var rowHeight = 30

    public init(title: String, rows: [Row]) {
        self.title = title
        self.rows = rows
    }

    /// Colours readable on white (the verdict is also written in the table).
    static func colour(_ verdict: BenchmarkVerdict) -> String {
        switch verdict {
        case .better: "#0b5d1e"
        case .worse: "#9b1c1c"
        case .similar: "#8a6100"
        case .higher, .lower: "#1a4d8f"
        case .notCompared: "#4a4a4a"
        }
    }

    /// Where `x` falls on a row's plot, 0…1, the benchmark at 0.5.
    static func position(_ x: Double, row: Row) -> Double {
        let spread = ([row.value] + row.comparables).map { abs($0 - row.benchmark) }.max() ?? 0
        guard spread > 0 else { return 0.5 }
        let offset = (x - row.benchmark) / spread / 2
        return 0.5 + (row.polarity == .lowerIsBetter ? -offset : offset)
    }

    public func svg() -> String {
        let height = max(1, rows.count) * rowHeight + 24
        let plotLeft = Double(labelWidth), plotWidth = Double(width - labelWidth - 16)
        func x(_ fraction: Double) -> String { SVGText.number(plotLeft + fraction * plotWidth) }
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" width=\"100%\" class=\"spine-chart\" role=\"img\" aria-label=\"\(SVGText.escape(title))\">"
        out += "<title>\(SVGText.escape(title))</title>"
        out += "<line x1=\"\(x(0.5))\" y1=\"4\" x2=\"\(x(0.5))\" y2=\"\(height - 20)\" stroke=\"#161616\" stroke-width=\"1.5\"/>"
        out += "<text x=\"\(x(0.5))\" y=\"\(height - 6)\" text-anchor=\"middle\" font-size=\"12\" fill=\"#161616\">Région</text>"
        out += "<text x=\"\(x(1))\" y=\"\(height - 6)\" text-anchor=\"end\" font-size=\"12\" fill=\"#161616\">Mieux →</text>"
        for (index, row) in rows.enumerated() {
            let top = 4 + index * rowHeight
            let middle = top + rowHeight / 2
            let ends = [Self.position(row.comparables.min() ?? row.benchmark, row: row), Self.position(row.comparables.max() ?? row.benchmark, row: row)].sorted()
            let quartiles = [Quantiles.linear(row.comparables, 0.25), Quantiles.linear(row.comparables, 0.75)]
                .map { Self.position($0 ?? row.benchmark, row: row) }.sorted()
            let label = row.label.count > 34 ? String(row.label.prefix(33)) + "…" : row.label
            out += "<g><title>\(SVGText.escape(row.label)) : \(SVGText.escape(FrenchFormat.number(row.value, fractionDigits: 1))), région \(SVGText.escape(FrenchFormat.number(row.benchmark, fractionDigits: 1))) — \(SVGText.escape(row.verdict.label))</title>"
            out += "<text x=\"\(labelWidth - 8)\" y=\"\(middle + 5)\" text-anchor=\"end\" font-size=\"13\" fill=\"#161616\">\(SVGText.escape(label))</text>"
            out += "<rect x=\"\(x(ends[0]))\" y=\"\(top + 6)\" width=\"\(SVGText.number((ends[1] - ends[0]) * plotWidth))\" height=\"\(rowHeight - 12)\" fill=\"#dddddd\"/>"
            out += "<rect x=\"\(x(quartiles[0]))\" y=\"\(top + 6)\" width=\"\(SVGText.number((quartiles[1] - quartiles[0]) * plotWidth))\" height=\"\(rowHeight - 12)\" fill=\"#9a9a9a\"/>"
            out += "<circle cx=\"\(x(Self.position(row.value, row: row)))\" cy=\"\(middle)\" r=\"7\" fill=\"\(Self.colour(row.verdict))\" stroke=\"#ffffff\" stroke-width=\"1.5\"/></g>"
        }
        out += "</svg>"
        return out
    }
}
