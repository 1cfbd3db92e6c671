import FoundationXML
import XCTest
@testable import CLSCharts

final class HorizontalBarChartTests: XCTestCase {
    func testBarsAreProportionalLabelledAndEscaped() throws {
        let chart = HorizontalBarChart(title: "Contrats <par> état", bars: [
            .init(label: "Signé", value: 4), .init(label: "Émergence & co", value: 2), .init(label: "Clos", value: 0),
        ])
        let svg = chart.svg()
        XCTAssertTrue(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        XCTAssertTrue(svg.contains("role=\"img\" aria-label=\"Contrats &lt;par&gt; état\""))
        XCTAssertTrue(svg.contains(">Émergence &amp; co<"))
        // Plot width 640 - 180 - 60 = 400: 4 → 400, 2 → 200, 0 → 0.
        XCTAssertTrue(svg.contains("width=\"400\""))
        XCTAssertTrue(svg.contains("width=\"200\""))
        XCTAssertTrue(svg.contains("width=\"0\""))
        // Well-formed XML.
        let parser = XMLParser(data: Data(svg.utf8))
        XCTAssertTrue(parser.parse(), parser.parserError.map { "\($0)" } ?? "")
    }

    func testEmptyChartIsStillValid() {
        let svg = HorizontalBarChart(title: "Vide", bars: []).svg()
        XCTAssertTrue(XMLParser(data: Data(svg.utf8)).parse())
    }
}
