import CLSCore
import Foundation

/// A map of territories coloured by a value, as standalone accessible SVG. The mainland is drawn in
/// Lambert-93 fitted to the shapes given; overseas territories (shapes with an `inset`) each get a
/// small frame of their own under it, in a local projection. Five classes of a sequential palette,
/// computed over every shape so that colours compare across frames, with their legend; a title on
/// each shape (name and value); highlighted shapes outlined; optional hatched overlays (priority
/// neighbourhoods in a commune, say) drawn over the shapes. Pages show the same figures in a table.
///
/// When no shape has a value the map only locates: shapes are drawn in a neutral grey, without classes.
///
/// Files: projections in MapProjection, fitting and path data in MapFrame, grouping and placing of
/// the insets in MapInset, the key in MapLegend.
public struct ChoroplethMap: Sendable {
    /// Polygons, each a list of rings (the first the outer ring), each a list of (longitude, latitude).
    public typealias Polygons = [[[(longitude: Double, latitude: Double)]]]

    public struct Shape: Sendable {
        public let id: String
        public let label: String
        public let polygons: Polygons
        public let value: Double?
        public let isHighlighted: Bool
        /// The overseas frame the shape is drawn in ("Guadeloupe", "Mayotte"…); nil for the main frame.
        public let inset: String?

        public init(id: String, label: String, polygons: Polygons, value: Double?, isHighlighted: Bool = false, inset: String? = nil) {
            self.id = id
            self.label = label
            self.polygons = polygons
            self.value = value
            self.isHighlighted = isHighlighted
            self.inset = inset
        }
    }

    /// An area outlined and hatched over the shapes, e.g. a priority neighbourhood (QPV) in a commune.
    public struct Overlay: Sendable {
        public let id: String
        public let label: String
        public let polygons: Polygons
        /// The frame the overlay is drawn in, as for shapes; nil for the main frame.
        public let inset: String?

        public init(id: String, label: String, polygons: Polygons, inset: String? = nil) {
            self.id = id
            self.label = label
            self.polygons = polygons
            self.inset = inset
        }
    }

    public let title: String
    public let shapes: [Shape]
    /// Drawn over the shapes, in the frame of their inset; they count in the frame's extent.
    public var overlays: [Overlay] = []
    /// How a value reads in the legend and titles ("21 660 €", "4,5 %").
    public var format: @Sendable (Double) -> String = { FrenchFormat.number($0) }
    public var width = 640.0
    public var margin = 8.0
    /// Width (and height) of each overseas frame, in pixels.
    public var insetWidth = 120.0
    /// Legend text for highlighted shapes ("Communes du contrat"); nil: no legend entry.
    public var highlightLegend: String?
    /// Legend text for the overlays ("Quartier prioritaire de la politique de la ville"); nil: no legend entry.
    public var overlayLegend: String?
    /// Prefix of the ids defined in the SVG, which must differ between maps on one page. By default
    /// derived from the title and the shape ids (so identical maps share it, harmlessly); only
    /// letters, digits, "-" and "_" are kept.
    public var idPrefix: String

    /// Light to dark blue; every class keeps a 3:1 contrast with its neighbours' outline.
    public static let palette = ["#e8edff", "#b1c3f5", "#7a99e5", "#4169cf", "#000091"]
    public static let noDataColour = "#f0f0f0"
    public static let noDataLegend = "Donnée non disponible"
    /// Fill of every shape on a map without values.
    public static let neutralColour = "#e5e5e5"
    /// Hatching of the overlays.
    public static let overlayColour = "#ce0500"

    public init(title: String, shapes: [Shape], overlays: [Overlay] = []) {
        self.title = title
        self.shapes = shapes
        self.overlays = overlays
        idPrefix = "carte-" + Self.fingerprint([title] + shapes.map(\.id))
    }

    /// Class boundaries: quintiles of the values of every shape, mainland and insets (fewer
    /// classes when fewer distinct values).
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

    /// True when no shape has a value: the map only locates.
    var isNeutral: Bool { !shapes.contains { $0.value != nil } }

    /// Id of the overlays' hatching pattern.
    var hatchID: String {
        let kept = String(idPrefix.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_") })
        let prefix = kept.first?.isLetter == true ? kept : "carte-" + kept
        return prefix + "-hachures"
    }

    public func svg() -> String {
        let layout = MapInsetLayout(groups: MapGroup.split(shapes: shapes, overlays: overlays), width: width, margin: margin, insetWidth: insetWidth)
        let label = SVGText.escape(title)
        guard !layout.frames.isEmpty else {
            return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(SVGText.number(width)) 40\" role=\"img\" aria-label=\"\(label)\"><title>\(label)</title></svg>"
        }
        let breaks = classBreaks()
        let legend = legend(breaks: breaks)
        let style = FrameStyle(breaks: breaks, isNeutral: isNeutral, hatchID: hatchID)
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(SVGText.number(width)) \(SVGText.number(layout.height + legend.height))\" width=\"100%\" role=\"img\" aria-label=\"\(label)\">"
        out += "<title>\(label)</title>"
        if !overlays.isEmpty {
            out += "<defs><pattern id=\"\(style.hatchID)\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
            out += "<rect width=\"6\" height=\"6\" fill=\"\(Self.overlayColour)\" fill-opacity=\"0.2\"/>"
            out += "<path d=\"M1 0V6\" stroke=\"\(Self.overlayColour)\" stroke-width=\"2\"/></pattern></defs>"
        }
        for placed in layout.frames {
            out += frameElements(placed, style: style)
        }
        out += legend.svg(x: margin, y: layout.height + 4)
        out += "</svg>"
        return out
    }

    /// What every frame of one drawing shares, worked out once.
    struct FrameStyle {
        let breaks: [Double]
        let isNeutral: Bool
        let hatchID: String
    }

    /// One frame: its box and label (insets), its shapes with the highlighted ones last so that
    /// their outline is drawn over their neighbours, then its overlays.
    func frameElements(_ placed: MapInsetLayout.Placed, style: FrameStyle) -> String {
        var out = ""
        if let box = placed.box {
            out += "<rect x=\"\(SVGText.number(box.x))\" y=\"\(SVGText.number(box.y))\" width=\"\(SVGText.number(box.size))\" height=\"\(SVGText.number(box.size))\" fill=\"none\" stroke=\"#666666\" stroke-width=\"1\"/>"
        }
        for (index, line) in placed.labelLines.enumerated() {
            let anchor = placed.box == nil ? "" : " text-anchor=\"middle\""
            let y = placed.labelY + Double(index) * MapInsetLayout.labelLineHeight
            out += "<text x=\"\(SVGText.number(placed.labelX))\" y=\"\(SVGText.number(y))\"\(anchor) font-size=\"11\" fill=\"#161616\">\(SVGText.escape(line))</text>"
        }
        let group = placed.group
        let order = group.shapes.indices.filter { !group.shapes[$0].isHighlighted } + group.shapes.indices.filter { group.shapes[$0].isHighlighted }
        for index in order {
            let shape = group.shapes[index]
            let path = placed.frame.pathData(group.projectedShapes[index])
            guard !path.isEmpty else { continue }
            let fill = style.isNeutral ? Self.neutralColour : colour(for: shape.value, breaks: style.breaks)
            let stroke = shape.isHighlighted ? "stroke=\"#161616\" stroke-width=\"2.5\"" : "stroke=\"#ffffff\" stroke-width=\"0.6\""
            let text = style.isNeutral ? shape.label : "\(shape.label) : \(shape.value.map(format) ?? "donnée non disponible")"
            out += "<path d=\"\(path)\" fill=\"\(fill)\" \(stroke) fill-rule=\"evenodd\"><title>\(SVGText.escape(text))</title></path>"
        }
        for (index, overlay) in group.overlays.enumerated() {
            let path = placed.frame.pathData(group.projectedOverlays[index])
            guard !path.isEmpty else { continue }
            out += "<path d=\"\(path)\" fill=\"url(#\(style.hatchID))\" stroke=\"#161616\" stroke-width=\"1.5\" fill-rule=\"evenodd\"><title>\(SVGText.escape(overlay.label))</title></path>"
        }
        return out
    }

    /// Classes (unless the map only locates), then no data, highlighted shapes and overlays when
    /// the map has some.
    func legend(breaks: [Double]) -> MapLegend {
        var legend = MapLegend()
        let isNeutral = isNeutral
        if !isNeutral, breaks.count >= 2 {
            for index in 0..<(breaks.count - 1) {
                legend.entries.append(.init(swatch: .colour(colour(for: breaks[index + 1], breaks: breaks)),
                                            text: "\(format(breaks[index])) – \(format(breaks[index + 1]))"))
            }
        }
        if !isNeutral, shapes.contains(where: { $0.value == nil }) {
            legend.entries.append(.init(swatch: .colour(Self.noDataColour), text: Self.noDataLegend))
        }
        if let highlightLegend, shapes.contains(where: \.isHighlighted) {
            legend.entries.append(.init(swatch: .outline, text: highlightLegend))
        }
        if let overlayLegend, !overlays.isEmpty {
            legend.entries.append(.init(swatch: .pattern(id: hatchID), text: overlayLegend))
        }
        return legend
    }

    /// FNV-1a (32 bits) of some strings, in hexadecimal: stable from one run to the next, unlike `hashValue`.
    static func fingerprint(_ parts: [String]) -> String {
        var hash: UInt32 = 2_166_136_261
        for byte in parts.joined(separator: "\u{1F}").utf8 {
            hash = (hash ^ UInt32(byte)) &* 16_777_619
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }
}
