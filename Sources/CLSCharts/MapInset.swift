import Foundation

/// Shapes and overlays drawn together in one frame of a map, projected with the projection that
/// suits them: Lambert-93 for the mainland, a local projection for an overseas territory.
struct MapGroup: Sendable {
    /// The inset label the members share; nil for the mainland.
    let inset: String?
    let shapes: [ChoroplethMap.Shape]
    let overlays: [ChoroplethMap.Overlay]
    let projection: MapProjection
    let projectedShapes: [[[[MapPoint]]]]
    let projectedOverlays: [[[[MapPoint]]]]

    init(inset: String?, shapes: [ChoroplethMap.Shape], overlays: [ChoroplethMap.Overlay], projection: MapProjection) {
        self.inset = inset
        self.shapes = shapes
        self.overlays = overlays
        self.projection = projection
        projectedShapes = shapes.map { projection.project($0.polygons) }
        projectedOverlays = overlays.map { projection.project($0.polygons) }
    }

    /// Extent of the shapes and overlays together.
    var bounds: MapBounds? {
        MapBounds((projectedShapes + projectedOverlays).lazy.flatMap { $0.lazy.flatMap { $0.lazy.flatMap { $0 } } })
    }

    /// The mainland group (Lambert-93) first when there is one, then one group per inset label in
    /// the order the labels first appear (shapes, then overlays), each with its local projection.
    static func split(shapes: [ChoroplethMap.Shape], overlays: [ChoroplethMap.Overlay]) -> [MapGroup] {
        var labels: [String?] = []
        for inset in shapes.map(\.inset) + overlays.map(\.inset) where !labels.contains(inset) {
            labels.append(inset)
        }
        if let mainland = labels.firstIndex(of: nil) { labels.insert(labels.remove(at: mainland), at: 0) }
        return labels.map { label in
            let members = shapes.filter { $0.inset == label }
            let memberOverlays = overlays.filter { $0.inset == label }
            let projection: MapProjection = label == nil
                ? .lambert93
                : .local(for: members.map(\.polygons) + memberOverlays.map(\.polygons))
            return MapGroup(inset: label, shapes: members, overlays: memberOverlays, projection: projection)
        }
    }
}

/// Where the frames of a map go. The first group (the mainland, or the first inset when there is
/// no mainland) takes the full width; the other groups follow in rows of small square boxes, each
/// with a border and its label under it.
struct MapInsetLayout: Sendable {
    struct Placed: Sendable {
        let group: MapGroup
        let frame: MapFrame
        /// The bordered box of an inset (x, y, size); nil for the main frame.
        let box: (x: Double, y: Double, size: Double)?
        /// The label, as lines centred at `labelX` from baseline `labelY`, 13 px apart.
        let labelLines: [String]
        let labelX: Double
        let labelY: Double
    }

    static let insetPadding = 6.0
    static let insetGap = 12.0
    static let labelLineHeight = 13.0

    let frames: [Placed]
    /// Bottom of the lowest frame or label.
    let height: Double

    init(groups: [MapGroup], width: Double, margin: Double, insetWidth: Double) {
        var frames: [Placed] = []
        var bottom = 0.0
        // The main frame, unless its geometry has no extent.
        if let main = groups.first, let bounds = main.bounds,
           let frame = MapFrame(fitting: bounds, x: margin, y: margin, width: width - 2 * margin) {
            bottom = frame.contentHeight + 2 * margin
            // A territory drawn as the main frame is named when other territories follow.
            let caption = groups.count > 1 ? main.inset.map { [$0] } ?? [] : []
            frames.append(Placed(group: main, frame: frame, box: nil, labelLines: caption, labelX: margin, labelY: bottom + 8))
            bottom += caption.isEmpty ? 0 : 14
        }
        // The insets, as many per row as the width allows.
        let columns = max(1, Int((width - 2 * margin + Self.insetGap) / (insetWidth + Self.insetGap)))
        let insets = groups.dropFirst().compactMap { group in
            group.bounds.map { (group: group, bounds: $0, lines: Self.wrap(group.inset ?? "", width: insetWidth)) }
        }
        var rowTop = frames.isEmpty ? margin : bottom + 4
        for row in stride(from: 0, to: insets.count, by: columns) {
            let members = insets[row..<min(row + columns, insets.count)]
            for (column, inset) in members.enumerated() {
                let x = margin + Double(column) * (insetWidth + Self.insetGap)
                let inner = insetWidth - 2 * Self.insetPadding
                guard let frame = MapFrame(fitting: inset.bounds, x: x + Self.insetPadding, y: rowTop + Self.insetPadding, width: inner, height: inner) else { continue }
                frames.append(Placed(group: inset.group, frame: frame, box: (x, rowTop, insetWidth), labelLines: inset.lines,
                                     labelX: x + insetWidth / 2, labelY: rowTop + insetWidth + 14))
            }
            let lines = members.map(\.lines.count).max() ?? 1
            bottom = rowTop + insetWidth + 18 + Double(max(lines, 1) - 1) * Self.labelLineHeight
            rowTop = bottom + 8
        }
        self.frames = frames
        self.height = bottom
    }

    /// A label cut after spaces and hyphens into lines that fit `width` at 11 px (about 6.5 px a
    /// character); a word longer than a line stays whole.
    static func wrap(_ text: String, width: Double) -> [String] {
        let limit = max(1, Int(width / 6.5))
        var words: [String] = []
        var current = ""
        for character in text {
            current.append(character)
            if character == " " || character == "-" {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        var lines: [String] = []
        var line = ""
        for word in words {
            if !line.isEmpty, (line + word).trimmingCharacters(in: .whitespaces).count > limit {
                lines.append(line.trimmingCharacters(in: .whitespaces))
                line = ""
            }
            line += word
        }
        if !line.trimmingCharacters(in: .whitespaces).isEmpty { lines.append(line.trimmingCharacters(in: .whitespaces)) }
        return lines
    }
}
