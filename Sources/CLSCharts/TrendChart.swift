import CLSCore
import Foundation

/// An indicator's trend as a small accessible SVG: the area's values over the periods as a
/// line with dots, and a benchmark's (France's) as a dashed line on the same scale. The table
/// beside it writes the same figures.
public struct TrendChart: Sendable {
    public struct Point: Sendable {
        public let period: String
        public let value: Double
        public init(period: String, value: Double) {
            self.period = period
            self.value = value
        }
    }

    public let title: String
    public let area: [Point]
    public let benchmark: [Point]
    public var width = 160
    public var height = 40

    public init(title: String, area: [Point], benchmark: [Point]) {
        self.title = title
        self.area = area
        self.benchmark = benchmark
    }

    public func svg() -> String {
        let periods = Array(Set(area.map(\.period) + benchmark.map(\.period))).sorted()
        let values = area.map(\.value) + benchmark.map(\.value)
        guard periods.count >= 2, let low = values.min(), let high = values.max() else { return "" }
        let span = high - low
        func x(_ period: String) -> Double {
            let index = Double(periods.firstIndex(of: period) ?? 0)
            return 4 + index / Double(periods.count - 1) * Double(width - 8)
        }
        func y(_ value: Double) -> Double { span == 0 ? Double(height) / 2 : 4 + (high - value) / span * Double(height - 8) }
        func path(_ points: [Point]) -> String {
            points.sorted { $0.period < $1.period }.map { "\(SVGText.number(x($0.period))),\(SVGText.number(y($0.value)))" }.joined(separator: " ")
        }
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" class=\"trend-chart\" role=\"img\" aria-label=\"\(SVGText.escape(title))\">"
        out += "<title>\(SVGText.escape(title))</title>"
        if benchmark.count >= 2 {
            out += "<polyline points=\"\(path(benchmark))\" fill=\"none\" stroke=\"#6a6a6a\" stroke-width=\"1.5\" stroke-dasharray=\"4 3\"/>"
        }
        if area.count >= 2 {
            out += "<polyline points=\"\(path(area))\" fill=\"none\" stroke=\"#000091\" stroke-width=\"2\"/>"
        }
        for point in area {
            out += "<circle cx=\"\(SVGText.number(x(point.period)))\" cy=\"\(SVGText.number(y(point.value)))\" r=\"2.5\" fill=\"#000091\"/>"
        }
        out += "</svg>"
        return out
    }
}
