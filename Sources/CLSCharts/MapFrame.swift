import Foundation

/// The extent of some projected geometry on its plane.
struct MapBounds: Equatable, Sendable {
    var minX: Double
    var maxX: Double
    var minY: Double
    var maxY: Double

    /// Nil when there is no point.
    init?(_ points: some Sequence<MapPoint>) {
        var iterator = points.makeIterator()
        guard let first = iterator.next() else { return nil }
        (minX, maxX, minY, maxY) = (first.x, first.x, first.y, first.y)
        while let point = iterator.next() {
            minX = min(minX, point.x)
            maxX = max(maxX, point.x)
            minY = min(minY, point.y)
            maxY = max(maxY, point.y)
        }
    }
}

/// Projected geometry fitted into a box of the drawing (pixels, y pointing down): aspect ratio
/// kept, centred in the box, written as SVG path data without the points too close to be seen.
struct MapFrame: Sendable {
    /// Consecutive points of a ring closer than this, in pixels, are merged.
    static let minimumStep = 0.4

    let bounds: MapBounds
    let scale: Double
    /// Pixel position of the bounds' west and north edges.
    let left: Double
    let top: Double

    /// Fits `bounds` into the box at (`x`, `y`) of the given size. Without a height, the width
    /// alone sets the scale and the frame is as tall as the geometry makes it. Nil when the
    /// geometry has no extent to fit.
    init?(fitting bounds: MapBounds, x: Double, y: Double, width: Double, height: Double? = nil) {
        let spanX = bounds.maxX - bounds.minX
        let spanY = bounds.maxY - bounds.minY
        var scale = spanX > 0 ? width / spanX : .infinity
        if let height, spanY > 0 { scale = min(scale, height / spanY) }
        guard scale.isFinite, scale > 0 else { return nil }
        self.bounds = bounds
        self.scale = scale
        left = x + (width - spanX * scale) / 2
        top = y + ((height ?? spanY * scale) - spanY * scale) / 2
    }

    /// Height in pixels of the fitted geometry.
    var contentHeight: Double { (bounds.maxY - bounds.minY) * scale }

    func pixel(_ point: MapPoint) -> MapPoint {
        MapPoint(x: left + (point.x - bounds.minX) * scale, y: top + (bounds.maxY - point.y) * scale)
    }

    /// Path data ("M x yL x y…Z" per ring) of projected polygons. Rings left with fewer than three
    /// points after thinning are dropped, and a polygon whose outer ring is dropped goes with its
    /// holes. Empty when nothing is left to draw.
    func pathData(_ polygons: [[[MapPoint]]]) -> String {
        var out = ""
        for polygon in polygons {
            let rings = polygon.map { Self.thin($0.map(pixel)) }
            guard let outer = rings.first, outer.count >= 3 else { continue }
            for ring in rings where ring.count >= 3 {
                out += "M"
                for (index, point) in ring.enumerated() {
                    if index > 0 { out += "L" }
                    out += SVGText.coordinate(point.x) + " " + SVGText.coordinate(point.y)
                }
                out += "Z"
            }
        }
        return out
    }

    /// The points of a ring (in pixels) without those within `minimumStep` of the last point
    /// kept, nor a closing point that repeats the first (the path's Z closes the ring).
    static func thin(_ ring: [MapPoint], minimumStep: Double = minimumStep) -> [MapPoint] {
        func near(_ a: MapPoint, _ b: MapPoint) -> Bool {
            let dx = a.x - b.x, dy = a.y - b.y
            return dx * dx + dy * dy < minimumStep * minimumStep
        }
        var kept: [MapPoint] = []
        kept.reserveCapacity(ring.count)
        for point in ring where kept.last.map({ !near($0, point) }) ?? true {
            kept.append(point)
        }
        while kept.count > 1, let last = kept.last, near(last, kept[0]) {
            kept.removeLast()
        }
        return kept
    }
}

extension SVGText {
    /// Map coordinates with at most one decimal: a tenth of a pixel is finer than any screen shows.
    static func coordinate(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
