import CLSCore
import XCTest
@testable import CLSCharts

/// The spine chart: the benchmark in the middle, better to the right whatever the polarity, one
/// dot per indicator in its verdict's colour; quantiles as R's type 7.
final class SpineChartTests: XCTestCase {
    func testQuantilesInterpolateBetweenOrderStatistics() {
        XCTAssertEqual(Quantiles.linear([1, 2, 3, 4], 0.25), 1.75)
        XCTAssertEqual(Quantiles.linear([4, 1, 3, 2], 0.75), 3.25)
        XCTAssertEqual(Quantiles.linear([7], 0.25), 7)
        XCTAssertNil(Quantiles.linear([], 0.5))
    }

    func testTheBenchmarkIsTheCentreAndBetterIsToTheRight() {
        let lowerIsBetter = SpineChart.Row(label: "Mortalité", value: 1_200, benchmark: 1_000, comparables: [900, 1_100], verdict: .worse,
                                           polarity: .lowerIsBetter)
        XCTAssertEqual(SpineChart.position(1_000, row: lowerIsBetter), 0.5)
        XCTAssertEqual(SpineChart.position(1_200, row: lowerIsBetter), 0, "a high mortality is to the left: worse")
        XCTAssertEqual(SpineChart.position(900, row: lowerIsBetter), 0.75)
        let higherIsBetter = SpineChart.Row(label: "Couverture", value: 60, benchmark: 50, comparables: [40, 55], verdict: .better,
                                            polarity: .higherIsBetter)
        XCTAssertEqual(SpineChart.position(60, row: higherIsBetter), 1)

        let svg = SpineChart(title: "Le périmètre & sa région", rows: [lowerIsBetter, higherIsBetter]).svg()
        XCTAssertTrue(svg.contains("aria-label=\"Le périmètre &amp; sa région\""))
        XCTAssertEqual(svg.components(separatedBy: "<circle").count - 1, 2)
        XCTAssertTrue(svg.contains("fill=\"#9b1c1c\""), "worse in red")
        XCTAssertTrue(svg.contains("fill=\"#0b5d1e\""), "better in green")
        XCTAssertTrue(svg.contains("Significativement moins bon"), "the verdict in words in the tooltip")
    }
}
