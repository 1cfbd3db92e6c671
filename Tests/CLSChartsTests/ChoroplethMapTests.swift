import FoundationXML
import XCTest
@testable import CLSCharts

final class ChoroplethMapTests: XCTestCase {
    func testLambert93MatchesTheOfficialDefinition() {
        let origin = Lambert93.project(longitude: 3, latitude: 46.5)
        XCTAssertEqual(origin.x, 700_000, accuracy: 0.01)
        XCTAssertEqual(origin.y, 6_600_000, accuracy: 0.01)
        // Paris, parvis de Notre-Dame (2.3488° E, 48.8534° N): about X 652 300, Y 6 861 800 in Lambert-93.
        let paris = Lambert93.project(longitude: 2.3488, latitude: 48.8534)
        XCTAssertEqual(paris.x, 652_300, accuracy: 500)
        XCTAssertEqual(paris.y, 6_861_800, accuracy: 500)
    }

    func testTheMapIsWellFormedColouredByClassAndHighlightsAShape() throws {
        func square(_ lon: Double, _ lat: Double) -> [[[(longitude: Double, latitude: Double)]]] {
            [[[(lon, lat), (lon + 0.5, lat), (lon + 0.5, lat + 0.5), (lon, lat + 0.5), (lon, lat)]]]
        }
        let map = ChoroplethMap(title: "Revenu médian <test>", shapes: [
            .init(id: "a", label: "Belle-Île & co", polygons: square(-3.2, 47.3), value: 19_000),
            .init(id: "b", label: "Vannes", polygons: square(-2.8, 47.6), value: 23_000, isHighlighted: true),
            .init(id: "c", label: "Lorient", polygons: square(-3.4, 47.7), value: 21_000),
            .init(id: "d", label: "Sans donnée", polygons: square(-2.4, 47.2), value: nil),
        ])
        let svg = map.svg()
        let parser = XMLParser(data: Data(svg.utf8))
        XCTAssertTrue(parser.parse(), parser.parserError.map { "\($0)" } ?? "")
        XCTAssertEqual(svg.components(separatedBy: "<path ").count - 1, 4)
        XCTAssertTrue(svg.contains("aria-label=\"Revenu médian &lt;test&gt;\""))
        XCTAssertTrue(svg.contains("<title>Belle-Île &amp; co : 19\u{202F}000</title>"))
        XCTAssertTrue(svg.contains("Sans donnée : donnée non disponible"))
        XCTAssertTrue(svg.contains("fill=\"\(ChoroplethMap.noDataColour)\""))
        XCTAssertTrue(svg.contains("stroke=\"#161616\" stroke-width=\"2.5\""), "the highlighted shape is outlined")
        // The poorest and the richest fall in the lightest and the darkest classes.
        XCTAssertEqual(map.colour(for: 19_000, breaks: map.classBreaks()), ChoroplethMap.palette.first)
        XCTAssertEqual(map.colour(for: 23_000, breaks: map.classBreaks()), ChoroplethMap.palette.last)
        // The highlighted shape is drawn last, over its neighbours.
        XCTAssertTrue(svg.range(of: "Vannes")!.lowerBound > svg.range(of: "Lorient")!.lowerBound)
    }
}
