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
        // Short labels: the label column takes its minimum, 120; plot width 640 - 120 - 60 = 460: 4 → 460, 2 → 230, 0 → 0.
        XCTAssertTrue(svg.contains("width=\"460\""))
        XCTAssertTrue(svg.contains("width=\"230\""))
        XCTAssertTrue(svg.contains("width=\"0\""))
        // Well-formed XML.
        let parser = XMLParser(data: Data(svg.utf8))
        XCTAssertTrue(parser.parse(), parser.parserError.map { "\($0)" } ?? "")
    }

    func testLongLabelsWidenTheLabelColumnThenAreShortenedWithTheirFullTextKept() throws {
        let long = "Améliorer l'organisation et l'accès aux soins de premier recours sur tout le territoire"
        let chart = HorizontalBarChart(title: "Avancement", bars: [.init(label: "Axe court", value: 1), .init(label: long, value: 2)])
        XCTAssertEqual(chart.labelWidth, 300, "capped at the maximum")
        let svg = chart.svg()
        // Plot width 640 - 300 - 60 = 280 for the largest value.
        XCTAssertTrue(svg.contains("width=\"280\""))
        let shown = chart.fitted(long)
        XCTAssertTrue(shown.hasSuffix("…"))
        XCTAssertLessThanOrEqual(Double(shown.count) * 7.2, 300 - 16 + 7.2)
        XCTAssertTrue(svg.contains(">\(SVGText.escape(shown))<"))
        XCTAssertTrue(svg.contains("<title>\(SVGText.escape(long)) : 2</title>"), "the full label stays in the tooltip")
        XCTAssertEqual(chart.fitted("Axe court"), "Axe court")
        // A middle-sized label widens the column just enough: 30 characters × 7,2 + 16 = 232.
        XCTAssertEqual(HorizontalBarChart(title: "t", bars: [.init(label: String(repeating: "a", count: 30), value: 1)]).labelWidth, 232)
        XCTAssertTrue(XMLParser(data: Data(svg.utf8)).parse())
    }

    func testEmptyChartIsStillValid() {
        let svg = HorizontalBarChart(title: "Vide", bars: []).svg()
        XCTAssertTrue(XMLParser(data: Data(svg.utf8)).parse())
    }
}
