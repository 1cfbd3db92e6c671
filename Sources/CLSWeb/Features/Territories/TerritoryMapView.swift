import CLSCharts
import CLSCore
import CLSStore
import Foundation

/// A map for a page: the SVG (server-rendered by `ChoroplethMap`) and its text alternative, the
/// table of the same figures; overseas territories are drawn in insets and always listed.
struct TerritoryMapView: Encodable {
    struct Row: Encodable {
        let label: String
        let href: String?
        let value: String
        let isHighlighted: Bool
    }

    let title: String
    let svg: String
    let valueLabel: String
    let rows: [Row]
    let note: String

    /// A map of `shapes` coloured by `values` (keyed by code); `highlighted` codes are outlined,
    /// `overlays` (QPV) drawn over them. `href` links each row of the table to its territory page.
    static func make(title: String, shapes: [ShapeQueries.Drawable], values: [String: Double] = [:], valueLabel: String = "",
                     format: @escaping @Sendable (Double) -> String = { FrenchFormat.number($0) },
                     highlighted: Set<String> = [], highlightLegend: String? = nil,
                     overlays: [ShapeQueries.Drawable] = [], overlayLegend: String? = nil,
                     href: (String) -> String? = { _ in nil }, note: String = "",
                     unmapped: [(code: String, name: String)] = []) -> TerritoryMapView {
        func polygons(_ shape: ShapeQueries.Drawable) -> ChoroplethMap.Polygons {
            shape.polygons.map { polygon in polygon.map { ring in ring.map { ($0.longitude, $0.latitude) } } }
        }
        // Every overseas territory in its own inset, named after it; the mainland in the main frame.
        let hasMainland = shapes.contains { !$0.isOverseas }
        func inset(_ shape: ShapeQueries.Drawable) -> String? { hasMainland && shape.isOverseas ? shape.name : nil }
        var map = ChoroplethMap(
            title: title,
            shapes: shapes.map { ChoroplethMap.Shape(id: $0.code, label: $0.name, polygons: polygons($0), value: values[$0.code],
                                                     isHighlighted: highlighted.contains($0.code), inset: inset($0)) },
            overlays: overlays.map { overlay in
                let parent = shapes.first { $0.code == overlay.communeCode }
                return ChoroplethMap.Overlay(id: overlay.code, label: overlay.name, polygons: polygons(overlay),
                                             inset: hasMainland && overlay.isOverseas ? parent?.name ?? overlay.name : nil)
            })
        map.format = format
        map.highlightLegend = highlighted.isEmpty ? nil : highlightLegend
        map.overlayLegend = overlays.isEmpty ? nil : overlayLegend
        // Territories without a contour (overseas departments in a mainland file…) still have their row.
        let entries = shapes.map { (code: $0.code, name: $0.name) } + unmapped.map { (code: $0.code, name: "\($0.name) (sans contour)") }
        let rows = entries.map { entry in
            Row(label: entry.name, href: href(entry.code), value: values[entry.code].map(format) ?? (values.isEmpty ? "" : "donnée non disponible"),
                isHighlighted: highlighted.contains(entry.code))
        }.sorted { $0.label.localizedStandardCompare($1.label) == .orderedAscending }
        return TerritoryMapView(title: title, svg: map.svg(), valueLabel: valueLabel, rows: rows, note: note)
    }
}
