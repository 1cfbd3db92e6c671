import CLSCore
import XCTest

/// ConfidenceIntervals against the values Public Health England published for
/// PHEindicatormethods, in the rendered vignettes of `ukhsa-collaboration/PHEindicatormethods`
/// (`inst/doc/PHEindicatormethodsIntroVignette.html`, 2018; `vignettes/Introduction to
/// PHEindicatormethods.html`, 2019; `vignettes/DSR-vignette.html`, 2019): printed R output of
/// seven significant digits, so each figure is checked to 1e-6 of its size.
final class PHEReferenceValuesTests: XCTestCase {
    struct Case {
        let x: Int
        let n: Double
        let lower95: Double, upper95: Double
        let lower998: Double, upper998: Double
    }

    func assertClose(_ actual: Double?, _ expected: Double, _ what: String, line: UInt = #line) {
        guard let actual else { return XCTFail("\(what): no value", line: line) }
        XCTAssertLessThanOrEqual(abs(actual - expected), 1e-6 * abs(expected), "\(what): \(actual) ≠ \(expected)", line: line)
    }

    /// phe_proportion, multiplier 1: Wilson's score interval at 95 % and 99.8 % (sets A and B).
    func testWilsonAsPublished() {
        let cases = [
            Case(x: 87, n: 131, lower95: 0.579592491, upper95: 0.73930053, lower998: 0.5293576135, upper998: 0.77658434),
            Case(x: 1, n: 164, lower95: 0.001077181, upper95: 0.03372625, lower998: 0.0005322047, upper998: 0.06601672),
            Case(x: 44, n: 134, lower95: 0.254598570, upper95: 0.41168471, lower998: 0.2181147658, upper998: 0.46143836),
            Case(x: 13, n: 109, lower95: 0.071039739, upper95: 0.19341500, lower998: 0.0529712429, upper998: 0.24689949),
            Case(x: 7, n: 139, lower95: 0.024605552, upper95: 0.10029837, lower998: 0.0167360401, upper998: 0.14179381),
            Case(x: 5, n: 163, lower95: 0.013172190, upper95: 0.06978956, lower998: 0.0084801369, upper998: 0.10481797),
            Case(x: 24, n: 162, lower95: 0.10162049, upper95: 0.2109760, lower998: 0.08166047, upper998: 0.2538084),
            Case(x: 6, n: 120, lower95: 0.02311436, upper95: 0.1048029, lower998: 0.01533517, upper998: 0.1510069),
            Case(x: 95, n: 146, lower95: 0.57038874, upper95: 0.7232550, lower998: 0.52294492, upper998: 0.7599232),
            Case(x: 18, n: 149, lower95: 0.07779726, upper95: 0.1828745, lower998: 0.06046514, upper998: 0.2268239),
        ]
        for c in cases {
            let at95 = ConfidenceIntervals.proportion(Double(c.x), of: c.n, confidence: 0.95)
            let at998 = ConfidenceIntervals.proportion(Double(c.x), of: c.n, confidence: 0.998)
            XCTAssertEqual(at95?.value ?? -1, Double(c.x) / c.n, accuracy: 1e-12)
            assertClose(at95?.lower, c.lower95, "\(c.x)/\(c.n) 95 % basse")
            assertClose(at95?.upper, c.upper95, "\(c.x)/\(c.n) 95 % haute")
            assertClose(at998?.lower, c.lower998, "\(c.x)/\(c.n) 99,8 % basse")
            assertClose(at998?.upper, c.upper998, "\(c.x)/\(c.n) 99,8 % haute")
        }
        // The same as a percentage (multiplier 100), as published.
        let percent = ConfidenceIntervals.proportion(87, of: 131, confidence: 0.95, multiplier: 100)
        assertClose(percent?.value, 66.4122137, "87/131 en %")
        assertClose(percent?.lower, 57.9592491, "87/131 en %, basse")
        assertClose(percent?.upper, 73.930053, "87/131 en %, haute")
    }

    /// phe_rate: per 100,000 at 95 %, per 100 at 99.8 %; exact Poisson limits below 10 events
    /// (1, 5, 6, 7), Byar's method from 10 (sets A and B).
    func testRatesAsPublished() {
        let cases = [
            Case(x: 87, n: 131, lower95: 53191.89721, upper95: 81920.133, lower998: 46.54873, upper998: 91.51034),
            Case(x: 1, n: 164, lower95: 15.43769, upper95: 3397.344, lower998: 6.100612e-04, upper998: 5.63013),
            Case(x: 44, n: 134, lower95: 23856.24577, upper95: 44081.622, lower998: 19.61417, upper998: 51.21896),
            Case(x: 13, n: 109, lower95: 6344.25775, upper95: 20396.080, lower998: 4.192660, upper998: 26.14598),
            Case(x: 7, n: 139, lower95: 2024.72162, upper95: 10376.025, lower998: 1.093767, upper998: 14.11955),
            Case(x: 5, n: 163, lower95: 996.00392, upper95: 7158.486, lower998: 0.4536023, upper998: 10.09494),
            Case(x: 24, n: 162, lower95: 9489.334, upper95: 22044.21, lower998: 7.1693910, upper998: 26.77154),
            Case(x: 6, n: 120, lower95: 1834.912, upper95: 10882.90, lower998: 0.9225872, upper998: 15.05136),
            Case(x: 68, n: 173, lower95: 30521.553, upper95: 49830.92, lower998: 26.1925701, upper998: 56.39516),
            Case(x: 18, n: 149, lower95: 7156.037, upper95: 19093.45, lower998: 5.1176169, upper998: 23.75627),
        ]
        for c in cases {
            let at95 = ConfidenceIntervals.rate(c.x, per: c.n, confidence: 0.95, multiplier: 100_000)
            let at998 = ConfidenceIntervals.rate(c.x, per: c.n, confidence: 0.998, multiplier: 100)
            XCTAssertEqual(at95?.value ?? -1, Double(c.x) / c.n * 100_000, accuracy: 1e-9)
            assertClose(at95?.lower, c.lower95, "\(c.x) pour \(c.n), 95 % basse")
            assertClose(at95?.upper, c.upper95, "\(c.x) pour \(c.n), 95 % haute")
            assertClose(at998?.lower, c.lower998, "\(c.x) pour \(c.n), 99,8 % basse")
            assertClose(at998?.upper, c.upper998, "\(c.x) pour \(c.n), 99,8 % haute")
        }
    }

    /// phe_dsr with the vignette's fixed inputs (19 five-year bands, European standard population
    /// 2013), Dobson's method at 95 %, per 100,000: 8283.016 (6570.819 – 10289.65).
    func testDobsonAsPublished() {
        let populations: [Double] = [30, 35, 35, 35, 40, 40, 45, 50, 50, 50, 60, 60, 70, 75, 70, 60, 20, 20, 15]
        let deaths: [Double] = [1, 1, 0, 0, 0, 1, 1, 3, 3, 3, 3, 10, 10, 10, 10, 8, 8, 8, 8]
        let esp2013: [Double] = [5000, 5500, 5500, 5500, 6000, 6000, 6500, 7000, 7000, 7000, 7000, 6500, 6000, 5500, 5000, 4000, 2500, 1500, 1000]
        let bands = populations.indices.map { ConfidenceIntervals.AgeBand(count: deaths[$0], population: populations[$0], standardPopulation: esp2013[$0]) }
        let rate = ConfidenceIntervals.directlyStandardisedRate(bands, confidence: 0.95, multiplier: 100_000)
        assertClose(rate?.value, 8283.016, "taux standardisé")
        assertClose(rate?.lower, 6570.819, "borne basse")
        assertClose(rate?.upper, 10289.65, "borne haute")
    }

    /// A crude rate published with its count only (Santé publique France) gets exactly the
    /// interval the count and the population would give.
    func testAPublishedRateGetsTheIntervalOfItsCount() {
        for (count, population) in [(87, 131.0), (7, 139.0), (1, 164.0), (2_900, 1_520_000.0)] {
            let full = ConfidenceIntervals.rate(count, per: population, confidence: 0.95, multiplier: 100_000)!
            let published = ConfidenceIntervals.publishedRate(full.value, count: Double(count), confidence: 0.95)!
            XCTAssertEqual(published.lower!, full.lower!, accuracy: 1e-9 * full.value)
            XCTAssertEqual(published.upper!, full.upper!, accuracy: 1e-9 * full.value)
        }
        XCTAssertNil(ConfidenceIntervals.publishedRate(0, count: 0))
    }
}
