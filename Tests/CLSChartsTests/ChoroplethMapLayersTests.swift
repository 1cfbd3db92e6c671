import FoundationXML
import XCTest
@testable import CLSCharts

/// Insets, overlays, legend entries and point thinning of `ChoroplethMap`.
final class ChoroplethMapLayersTests: XCTestCase {
    func testEachInsetIsDrawnInItsOwnFrameWithItsLabel() throws {
        let map = ChoroplethMap(title: "Carte", shapes: [
            .init(id: "56", label: "Morbihan", polygons: square(-3.2, 47.3, 1), value: 1),
            .init(id: "29", label: "Finistère", polygons: square(-4.4, 48, 1), value: 2),
            .init(id: "971", label: "Guadeloupe", polygons: square(-61.8, 16, 0.5), value: 3, inset: "Guadeloupe"),
            .init(id: "974", label: "La Réunion", polygons: square(55.2, -21.4, 0.5), value: 4, inset: "La Réunion"),
            .init(id: "975", label: "Saint-Pierre", polygons: square(-56.4, 46.7, 0.3), value: 5, inset: "Saint-Pierre-et-Miquelon & co"),
        ])
        let svg = try ParsedSVG(map.svg())
        let boxes = svg.elements.filter { $0.name == "rect" && $0["width"] == "120" }
        XCTAssertEqual(boxes.count, 3, "one bordered box per inset")
        XCTAssertTrue(boxes.allSatisfy { $0["fill"] == "none" && $0["stroke"] != nil })
        let mainlandBottom = try ["Morbihan", "Finistère"].flatMap { try svg.points(ofShapeTitled: $0) }.map(\.y).max()!
        for (box, name) in zip(boxes, ["Guadeloupe", "La Réunion", "Saint-Pierre"]) {
            let (x, y) = (Double(box["x"]!)!, Double(box["y"]!)!)
            XCTAssertGreaterThan(y, mainlandBottom, "the insets come under the main map")
            let points = try svg.points(ofShapeTitled: name)
            XCTAssertFalse(points.isEmpty)
            for point in points {
                XCTAssertTrue((x...(x + 120)).contains(point.x) && (y...(y + 120)).contains(point.y), "\(name) \(point) outside its box at \(x), \(y)")
            }
        }
        // The label under its box, centred, escaped and cut after a hyphen when too long.
        let guadeloupe = try XCTUnwrap(svg.elements.first { $0.name == "text" && $0.text == "Guadeloupe" })
        XCTAssertEqual(Double(guadeloupe["x"]!)!, Double(boxes[0]["x"]!)! + 60, accuracy: 0.01)
        XCTAssertGreaterThan(Double(guadeloupe["y"]!)!, Double(boxes[0]["y"]!)! + 120)
        XCTAssertEqual(guadeloupe["text-anchor"], "middle")
        XCTAssertTrue(map.svg().contains(">Saint-Pierre-et-<"))
        XCTAssertTrue(map.svg().contains(">Miquelon &amp; co<"))
        // The local projection keeps a small territory's shape: a 0.5° square at 16° N is
        // cos(16.25°) ≈ 0.96 as wide as tall, not rotated as Lambert-93 would.
        let square = try svg.points(ofShapeTitled: "Guadeloupe")
        let width = square.map(\.x).max()! - square.map(\.x).min()!
        let height = square.map(\.y).max()! - square.map(\.y).min()!
        XCTAssertEqual(width / height, cos(16.25 * .pi / 180), accuracy: 0.01)
        XCTAssertEqual(square.count, 4)
    }

    func testClassesAreComputedOverTheMainlandAndTheInsets() throws {
        let map = ChoroplethMap(title: "Carte", shapes: [
            .init(id: "a", label: "A", polygons: square(-3, 47, 0.5), value: 10),
            .init(id: "b", label: "B", polygons: square(-2, 47, 0.5), value: 11),
            .init(id: "c", label: "C", polygons: square(-1, 47, 0.5), value: 12),
            .init(id: "d", label: "D", polygons: square(0, 47, 0.5), value: 13),
            .init(id: "976", label: "Mayotte", polygons: square(45, -13, 0.3), value: 100, inset: "Mayotte"),
        ])
        XCTAssertEqual(map.classBreaks().last, 100)
        let svg = try ParsedSVG(map.svg())
        XCTAssertEqual(svg.shape(titled: "Mayotte")?["fill"], ChoroplethMap.palette.last)
        XCTAssertNotEqual(svg.shape(titled: "D")?["fill"], ChoroplethMap.palette.last, "the mainland maximum is not the darkest class")
        XCTAssertTrue(svg.elements.contains { $0.name == "text" && $0.text?.hasSuffix("– 100") == true }, "the legend reaches the inset's value")
    }

    func testWithoutMainlandTheFirstInsetIsTheMainFrame() throws {
        let alone = ChoroplethMap(title: "Mayotte", shapes: [
            .init(id: "a", label: "Mamoudzou", polygons: square(45.2, -12.8, 0.1), value: 1, inset: "Mayotte"),
            .init(id: "b", label: "Dzaoudzi", polygons: square(45.3, -12.9, 0.1), value: 2, inset: "Mayotte"),
        ])
        let svg = try ParsedSVG(alone.svg())
        XCTAssertFalse(svg.elements.contains { $0.name == "rect" && $0["width"] == "120" }, "no inset box")
        XCTAssertFalse(svg.elements.contains { $0.name == "text" && $0.text == "Mayotte" }, "no caption for a territory alone")
        let points = try svg.points(ofShapeTitled: "Mamoudzou") + svg.points(ofShapeTitled: "Dzaoudzi")
        XCTAssertEqual(points.map(\.x).min()!, 8, accuracy: 0.1)
        XCTAssertEqual(points.map(\.x).max()!, 632, accuracy: 0.1, "drawn across the full width")
        // In the local projection, not Lambert-93 (which turns Mayotte about 30°): the square stays upright.
        XCTAssertEqual(Set(try svg.points(ofShapeTitled: "Mamoudzou").map(\.x)).count, 2)

        let two = ChoroplethMap(title: "Outre-mer", shapes: [
            .init(id: "971", label: "Guadeloupe", polygons: square(-61.8, 16, 0.5), value: 1, inset: "Guadeloupe"),
            .init(id: "972", label: "Martinique", polygons: square(-61.2, 14.4, 0.4), value: 2, inset: "Martinique"),
        ])
        let both = try ParsedSVG(two.svg())
        XCTAssertEqual(both.elements.filter { $0.name == "rect" && $0["width"] == "120" }.count, 1)
        XCTAssertTrue(both.elements.contains { $0.name == "text" && $0.text == "Guadeloupe" }, "the main territory is named when others follow")
        XCTAssertEqual(try both.points(ofShapeTitled: "Guadeloupe").map(\.x).max()!, 632, accuracy: 0.1)
    }

    func testOverlaysAreHatchedOutlinedAndDrawnOverTheShapes() throws {
        var map = ChoroplethMap(title: "Commune & QPV", shapes: [
            .init(id: "29019", label: "Brest", polygons: square(-4.6, 48.35, 0.2), value: nil),
        ], overlays: [
            .init(id: "QN02901M", label: "Bellevue", polygons: square(-4.55, 48.38, 0.03)),
            // Reaches past the commune: the frame fits it too.
            .init(id: "QN02902M", label: "Recouvrance <ouest>", polygons: square(-4.65, 48.4, 0.04)),
        ])
        map.overlayLegend = "Quartier prioritaire de la politique de la ville"
        let text = map.svg()
        let svg = try ParsedSVG(text)
        let patterns = svg.elements.filter { $0.name == "pattern" }
        XCTAssertEqual(patterns.count, 1, "the hatching is defined once")
        let id = try XCTUnwrap(patterns.first?["id"])
        XCTAssertTrue(id.hasPrefix(map.idPrefix))
        XCTAssertEqual(svg.elements.first { $0.name == "pattern" }.map { svg.parent(of: $0)?.name }, "defs")

        let paths = svg.elements.filter { $0.name == "path" && $0.title != nil }
        XCTAssertEqual(paths.map(\.title), ["Brest", "Bellevue", "Recouvrance <ouest>"], "overlays after the shapes")
        for overlay in paths.dropFirst() {
            XCTAssertEqual(overlay["fill"], "url(#\(id))")
            XCTAssertEqual(overlay["stroke"], "#161616")
            XCTAssertEqual(overlay["stroke-width"], "1.5")
        }
        XCTAssertTrue(text.contains("<title>Recouvrance &lt;ouest&gt;</title>"))
        let overlayPoints = try svg.points(ofShapeTitled: "Recouvrance <ouest>")
        XCTAssertEqual(overlayPoints.map(\.x).min()!, 8, accuracy: 0.1, "the overlay sets the western edge")

        // Legend: a hatched swatch and the text.
        XCTAssertTrue(svg.elements.contains { $0.name == "rect" && $0["fill"] == "url(#\(id))" })
        XCTAssertTrue(svg.elements.contains { $0.name == "text" && $0.text == "Quartier prioritaire de la politique de la ville" })

        // Another map on the same page gets other ids; the same map, the same output.
        let other = ChoroplethMap(title: "Autre commune", shapes: map.shapes, overlays: map.overlays)
        XCTAssertNotEqual(try ParsedSVG(other.svg()).elements.first { $0.name == "pattern" }?["id"], id)
        XCTAssertEqual(map.svg(), text, "deterministic")
        XCTAssertFalse(text.contains("style="), "no inline style (CSP)")

        // An unusable prefix still gives a valid id.
        map.idPrefix = "1 \"x\""
        XCTAssertEqual(try ParsedSVG(map.svg()).elements.first { $0.name == "pattern" }?["id"], "carte-1x-hachures")
        // No overlay: no pattern, no legend entry.
        XCTAssertFalse(ChoroplethMap(title: "x", shapes: map.shapes).svg().contains("<pattern"))
    }

    func testHighlightedShapesHaveALegendEntryWhenAsked() throws {
        var map = ChoroplethMap(title: "Carte", shapes: [
            .init(id: "a", label: "A", polygons: square(-3, 47, 0.5), value: 1, isHighlighted: true),
            .init(id: "b", label: "B", polygons: square(-2, 47, 0.5), value: 2),
        ])
        XCTAssertFalse(try ParsedSVG(map.svg()).elements.contains { $0.name == "rect" && $0["fill"] == "none" }, "no entry by default")
        map.highlightLegend = "Communes du contrat"
        let svg = try ParsedSVG(map.svg())
        let swatch = try XCTUnwrap(svg.elements.first { $0.name == "rect" && $0["fill"] == "none" })
        XCTAssertEqual(swatch["stroke"], "#161616")
        XCTAssertEqual(swatch["stroke-width"], "2.5")
        XCTAssertTrue(svg.elements.contains { $0.name == "text" && $0.text == "Communes du contrat" })
        // Nothing highlighted: no entry.
        var plain = ChoroplethMap(title: "Carte", shapes: [.init(id: "b", label: "B", polygons: square(-2, 47, 0.5), value: 2)])
        plain.highlightLegend = "Communes du contrat"
        XCTAssertFalse(plain.svg().contains("Communes du contrat"))
    }

    func testNoDataHasALegendEntryOnlyWhenSomeShapesHaveValues() throws {
        let mixed = ChoroplethMap(title: "Carte", shapes: [
            .init(id: "a", label: "A", polygons: square(-3, 47, 0.5), value: 1),
            .init(id: "b", label: "B", polygons: square(-2, 47, 0.5), value: nil),
        ])
        let svg = try ParsedSVG(mixed.svg())
        let entry = try XCTUnwrap(svg.elements.firstIndex { $0.name == "text" && $0.text == "Donnée non disponible" })
        XCTAssertEqual(svg.elements[entry - 1]["fill"], ChoroplethMap.noDataColour, "swatch in the no-data colour")
        let complete = ChoroplethMap(title: "Carte", shapes: [
            .init(id: "a", label: "A", polygons: square(-3, 47, 0.5), value: 1),
            .init(id: "b", label: "B", polygons: square(-2, 47, 0.5), value: 2),
        ])
        XCTAssertFalse(complete.svg().contains("Donnée non disponible"))
    }

    func testAMapWithoutValuesOnlyLocates() throws {
        let map = ChoroplethMap(title: "Brest", shapes: [
            .init(id: "a", label: "Brest", polygons: square(-4.6, 48.35, 0.2), value: nil, isHighlighted: true),
            .init(id: "b", label: "Guipavas", polygons: square(-4.4, 48.4, 0.2), value: nil),
        ])
        let svg = try ParsedSVG(map.svg())
        let shapes = svg.elements.filter { $0.name == "path" }
        XCTAssertEqual(shapes.count, 2)
        XCTAssertTrue(shapes.allSatisfy { $0["fill"] == ChoroplethMap.neutralColour })
        XCTAssertEqual(svg.shape(titled: "Guipavas")?["stroke"], "#ffffff")
        XCTAssertEqual(svg.shape(titled: "Brest")?["stroke"], "#161616", "highlight kept")
        XCTAssertFalse(svg.elements.contains { $0.name == "rect" }, "no class legend")
        XCTAssertFalse(map.svg().contains("onnée non disponible"))
    }

    func testPointsTooCloseToBeSeenAreThinnedOut() throws {
        // A 1° square across the width (about 8 px a kilometre) and, inside, a dense ring of
        // 2,000 points about 0.01° across: most of its points fall within 0.4 px of each other.
        let dense: [(longitude: Double, latitude: Double)] = (0...2000).map { step in
            let angle = Double(step) / 2000 * 2 * .pi
            return (-2.5 + 0.005 * cos(angle), 47.5 + 0.005 * sin(angle))
        }
        let tiny: [(longitude: Double, latitude: Double)] = [(-2.2, 47.2), (-2.2 + 1e-6, 47.2), (-2.2, 47.2 + 1e-6), (-2.2, 47.2)]
        let map = ChoroplethMap(title: "Carte", shapes: [
            .init(id: "square", label: "Carré", polygons: square(-3, 47, 1), value: 1),
            .init(id: "dense", label: "Dense", polygons: [[dense]], value: 2),
            .init(id: "tiny", label: "Minuscule", polygons: [[tiny]], value: 3),
        ])
        let text = map.svg()
        let svg = try ParsedSVG(text)
        XCTAssertEqual(try svg.points(ofShapeTitled: "Carré").count, 4, "a square keeps its four corners")
        let thinned = try svg.points(ofShapeTitled: "Dense").count
        XCTAssertGreaterThanOrEqual(thinned, 3)
        XCTAssertLessThan(thinned, 200, "2,000 points thinned to \(thinned)")
        XCTAssertNil(svg.shape(titled: "Minuscule"), "a ring left with fewer than 3 points is dropped")
        // Coordinates with one decimal at most.
        for path in svg.elements where path.name == "path" {
            let numbers = path["d"]!.split { "MLZ ".contains($0) }
            XCTAssertTrue(numbers.allSatisfy { !$0.contains(".") || $0.split(separator: ".")[1].count == 1 }, path["d"]!)
        }

        XCTAssertEqual(MapFrame.thin([MapPoint(x: 0, y: 0), MapPoint(x: 0.1, y: 0), MapPoint(x: 0.3, y: 0.2), MapPoint(x: 1, y: 0),
                                      MapPoint(x: 1, y: 1), MapPoint(x: 0, y: 1), MapPoint(x: 0.1, y: 0.1)]),
                       [MapPoint(x: 0, y: 0), MapPoint(x: 1, y: 0), MapPoint(x: 1, y: 1), MapPoint(x: 0, y: 1)])
    }

    // MARK: - Helpers

    func square(_ lon: Double, _ lat: Double, _ side: Double) -> ChoroplethMap.Polygons {
        [[[(lon, lat), (lon + side, lat), (lon + side, lat + side), (lon, lat + side), (lon, lat)]]]
    }
}

/// The elements of an SVG document in order, with their attributes, their text and the text of
/// their `<title>` child.
struct ParsedSVG {
    struct Element {
        let name: String
        let attributes: [String: String]
        let parent: Int?
        var text: String?
        var title: String?
        subscript(attribute: String) -> String? { attributes[attribute] }
    }

    let elements: [Element]

    init(_ svg: String) throws {
        final class Collector: NSObject, XMLParserDelegate {
            var elements: [Element] = []
            var stack: [Int] = []
            var text = ""
            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
                elements.append(Element(name: name, attributes: attributes, parent: stack.last))
                stack.append(elements.count - 1)
                text = ""
            }
            func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
            func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
                let index = stack.removeLast()
                if !text.isEmpty { elements[index].text = text }
                if name == "title", let parent = stack.last { elements[parent].title = text }
                text = ""
            }
        }
        let parser = XMLParser(data: Data(svg.utf8))
        let collector = Collector()
        parser.delegate = collector
        guard parser.parse() else { throw parser.parserError ?? CocoaError(.coderReadCorrupt) }
        elements = collector.elements
    }

    func parent(of element: Element) -> Element? { element.parent.map { elements[$0] } }

    /// The path whose title is `title` or starts with "`title` :".
    func shape(titled title: String) -> Element? {
        elements.first { $0.name == "path" && ($0.title == title || $0.title?.hasPrefix(title + " :") == true) }
    }

    /// Every point of that path's data.
    func points(ofShapeTitled title: String) throws -> [(x: Double, y: Double)] {
        let d = try XCTUnwrap(shape(titled: title)?["d"], "no shape titled \(title)")
        let numbers = d.split { "MLZ ".contains($0) }.compactMap { Double($0) }
        return stride(from: 0, to: numbers.count - 1, by: 2).map { (numbers[$0], numbers[$0 + 1]) }
    }
}
