import CLSCore
import Foundation

/// A map of territories coloured by a value, as standalone accessible SVG: Lambert-93 projection
/// fitted to the shapes given, five classes of a sequential palette with their legend, a title on
/// each shape (name and value), highlighted shapes outlined. Pages show the same figures in a table.
public struct ChoroplethMap: Sendable {
    public struct Shape: Sendable {
        public let id: String
        public let label: String
        /// Polygons, each a list of rings (the first the outer ring), each a list of (longitude, latitude).
        public let polygons: [[[(longitude: Double, latitude: Double)]]]
        public let value: Double?
        public let isHighlighted: Bool

        public init(id: String, label: String, polygons: [[[(longitude: Double, latitude: Double)]]], value: Double?, isHighlighted: Bool = false) {
            self.id = id
            self.label = label
            self.polygons = polygons
            self.value = value
            self.isHighlighted = isHighlighted
        }
    }

    public let title: String
    public let shapes: [Shape]
    /// How a value reads in the legend and titles ("21 660 €", "4,5 %").
    public var format: @Sendable (Double) -> String = { FrenchFormat.number($0) }
    public var width = 640.0
    public var margin = 8.0
    /// Light to dark blue; every class keeps a 3:1 contrast with its neighbours' outline.
    public static let palette = ["#e8edff", "#b1c3f5", "#7a99e5", "#4169cf", "#000091"]
    public static let noDataColour = "#f0f0f0"

    public init(title: String, shapes: [Shape]) {
        self.title = title
        self.shapes = shapes
    }

    /// Class boundaries: quintiles of the values (fewer classes when fewer distinct values).
    public func classBreaks() -> [Double] {
        let values = shapes.compactMap(\.value).sorted()
        guard let first = values.first, let last = values.last else { return [] }
        guard first < last else { return [first, last] }
        let count = min(Self.palette.count, Set(values).count)
        // Linear interpolation between the sorted values.
        func quantile(_ share: Double) -> Double {
            let position = share * Double(values.count - 1)
            let lower = Int(position.rounded(.down))
            let upper = min(lower + 1, values.count - 1)
            return values[lower] + (position - Double(lower)) * (values[upper] - values[lower])
        }
        return (0...count).map { quantile(Double($0) / Double(count)) }
    }

    func colour(for value: Double?, breaks: [Double]) -> String {
        guard let value, breaks.count >= 2 else { return value == nil ? Self.noDataColour : Self.palette[Self.palette.count / 2] }
        let classes = breaks.count - 1
        let index = (1..<breaks.count).first { value <= breaks[$0] }.map { $0 - 1 } ?? classes - 1
        // Spread the classes used over the whole palette.
        let paletteIndex = classes == 1 ? Self.palette.count - 1 : index * (Self.palette.count - 1) / (classes - 1)
        return Self.palette[paletteIndex]
    }

    public func svg() -> String {
        let projected = shapes.map { shape in
            shape.polygons.map { polygon in polygon.map { ring in ring.map { Lambert93.project(longitude: $0.longitude, latitude: $0.latitude) } } }
        }
        let points = projected.flatMap { $0.flatMap { $0.flatMap { $0 } } }
        let breaks = classBreaks()
        let legendHeight = breaks.count >= 2 ? Double(breaks.count - 1) * 22 + 16 : 0
        guard let minX = points.map(\.x).min(), let maxX = points.map(\.x).max(),
              let minY = points.map(\.y).min(), let maxY = points.map(\.y).max(), maxX > minX, maxY > minY else {
            return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(SVGText.number(width)) 40\" role=\"img\" aria-label=\"\(SVGText.escape(title))\"><title>\(SVGText.escape(title))</title></svg>"
        }
        let scale = (width - 2 * margin) / (maxX - minX)
        let mapHeight = (maxY - minY) * scale + 2 * margin
        let height = mapHeight + legendHeight
        func x(_ value: Double) -> String { SVGText.number(margin + (value - minX) * scale) }
        func y(_ value: Double) -> String { SVGText.number(margin + (maxY - value) * scale) }

        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(SVGText.number(width)) \(SVGText.number(height))\" width=\"100%\" role=\"img\" aria-label=\"\(SVGText.escape(title))\">"
        out += "<title>\(SVGText.escape(title))</title>"
        // Highlighted shapes last, so their outline is drawn over their neighbours.
        for (index, shape) in zip(shapes.indices, shapes).sorted(by: { !$0.1.isHighlighted && $1.1.isHighlighted }) {
            var path = ""
            for polygon in projected[index] {
                for ring in polygon where ring.count >= 3 {
                    path += "M" + ring.map { "\(x($0.x)) \(y($0.y))" }.joined(separator: "L") + "Z"
                }
            }
            let stroke = shape.isHighlighted ? "stroke=\"#161616\" stroke-width=\"2.5\"" : "stroke=\"#ffffff\" stroke-width=\"0.6\""
            let valueText = shape.value.map(format) ?? "donnée non disponible"
            out += "<path d=\"\(path)\" fill=\"\(colour(for: shape.value, breaks: breaks))\" \(stroke) fill-rule=\"evenodd\">"
            out += "<title>\(SVGText.escape(shape.label)) : \(SVGText.escape(valueText))</title></path>"
        }
        if breaks.count >= 2 {
            var legendY = mapHeight + 4
            for index in 0..<(breaks.count - 1) {
                let label = "\(format(breaks[index])) – \(format(breaks[index + 1]))"
                out += "<rect x=\"\(SVGText.number(margin))\" y=\"\(SVGText.number(legendY))\" width=\"18\" height=\"16\" fill=\"\(colour(for: breaks[index + 1], breaks: breaks))\" stroke=\"#161616\" stroke-width=\"0.5\"/>"
                out += "<text x=\"\(SVGText.number(margin + 26))\" y=\"\(SVGText.number(legendY + 12))\" font-size=\"13\" fill=\"#161616\">\(SVGText.escape(label))</text>"
                legendY += 22
            }
        }
        out += "</svg>"
        return out
    }
}
