import CLSCore
import Foundation

/// A horizontal bar chart as standalone, accessible SVG: one labelled bar per item, values
/// written at the end of each bar. Pages show the same figures in a table next to it.
public struct HorizontalBarChart: Sendable {
    public struct Bar: Sendable {
        public let label: String
        public let value: Double
        public init(label: String, value: Double) { self.label = label; self.value = value }
    }

    public let title: String
    public let bars: [Bar]
    public var width = 640
    public var barHeight = 22
    public var gap = 8
    /// The widest the label column may grow (labels longer than it fits are shortened with "…",
    /// their full text kept in the bar's tooltip and in the table beside the chart).
    public var maximumLabelWidth = 300
    /// Average width of a character of the 14-pixel labels, to size the label column. Pages never
    /// draw the chart narrower than `width` (class `bar-chart`): on a phone its box scrolls
    /// instead, so that the labels keep their size.
    static let characterWidth = 7.2
    /// Dark blue on white: contrast above 4.5:1 for the value labels too.
    public var colour = "#000091"

    public init(title: String, bars: [Bar]) {
        self.title = title
        self.bars = bars
    }

    /// The label column: as wide as the longest label needs, between 120 pixels and `maximumLabelWidth`.
    var labelWidth: Int {
        let longest = bars.map(\.label.count).max() ?? 0
        return min(maximumLabelWidth, max(120, Int((Double(longest) * Self.characterWidth).rounded(.up)) + 16))
    }

    /// `label` cut to fit the label column, with an ellipsis when cut.
    func fitted(_ label: String) -> String {
        let fits = Int(Double(labelWidth - 16) / Self.characterWidth)
        guard label.count > fits, fits > 1 else { return label }
        return String(label.prefix(fits - 1)).trimmingCharacters(in: .whitespaces) + "…"
    }

    public func svg() -> String {
        let height = max(1, bars.count) * (barHeight + gap) + gap
        let maximum = bars.map(\.value).max() ?? 0
        let labelWidth = self.labelWidth
        let plotWidth = Double(width - labelWidth - 60)
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" width=\"100%\" class=\"bar-chart\" role=\"img\" aria-label=\"\(SVGText.escape(title))\">"
        out += "<title>\(SVGText.escape(title))</title>"
        for (index, bar) in bars.enumerated() {
            let y = gap + index * (barHeight + gap)
            let length = maximum > 0 ? (bar.value / maximum) * plotWidth : 0
            let textY = y + barHeight / 2 + 5
            out += "<g><title>\(SVGText.escape(bar.label)) : \(SVGText.escape(FrenchFormat.number(bar.value)))</title>"
            out += "<text x=\"\(labelWidth - 8)\" y=\"\(textY)\" text-anchor=\"end\" font-size=\"14\" fill=\"#161616\">\(SVGText.escape(fitted(bar.label)))</text>"
            out += "<rect x=\"\(labelWidth)\" y=\"\(y)\" width=\"\(SVGText.number(length))\" height=\"\(barHeight)\" fill=\"\(colour)\"/>"
            out += "<text x=\"\(SVGText.number(Double(labelWidth) + length + 6))\" y=\"\(textY)\" font-size=\"14\" fill=\"#161616\">\(SVGText.escape(FrenchFormat.number(bar.value)))</text></g>"
        }
        out += "</svg>"
        return out
    }
}

/// Escaping and number writing shared by the SVG writers.
public enum SVGText {
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// Coordinates with at most two decimals, dot-separated as SVG requires.
    public static func number(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
