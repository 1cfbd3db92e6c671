import XCTest
@testable import CLSCore

/// The confidence intervals of indicator statistics against reference values to 1e-6, at 95 % and
/// 99.8 %. The references follow PHEindicatormethods' definitions (Wilson; Byar's; exact Poisson
/// limits as `qchisq(α/2, 2x)/2` and `qchisq(1 − α/2, 2x + 2)/2`; Dobson) and were computed by an
/// independent implementation, SciPy 1.17 (`scipy.stats.norm.ppf`, `scipy.stats.chi2.ppf`), not
/// by the code under test; the classical values (z = 1.959964, exact upper limit of 0 events
/// 3.688879 = −ln 0.025) check that source.
final class ConfidenceIntervalTests: XCTestCase {
    let accuracy = 1e-6

    func testTheNormalQuantileIsRsQnorm() {
        XCTAssertEqual(NormalDistribution.twoSided(0.95), 1.959963984540054, accuracy: 1e-12)
        XCTAssertEqual(NormalDistribution.twoSided(0.998), 3.090232306167813, accuracy: 1e-12)
        XCTAssertEqual(NormalDistribution.quantile(0.5), 0, accuracy: 1e-15)
        XCTAssertEqual(NormalDistribution.quantile(1e-10), -6.361340902404056, accuracy: 1e-9)
    }

    func testWilsonScoreIntervals() throws {
        let cases: [(Double, Double, Double, Double, Double)] = [
            (65, 100, 0.95, 0.5525444329688797, 0.7363575175690247),
            (1045, 1624, 0.95, 0.6198641697097369, 0.6664044945234487),
            (1, 10, 0.95, 0.017876213095072906, 0.4041500267952385),
            (0, 50, 0.95, 0, 0.07134759913335871),
            (65, 100, 0.998, 0.49549465740704474, 0.7783540614089685),
            (1045, 1624, 0.998, 0.6060030568276551, 0.6792653049906946),
            (1, 10, 0.998, 0.008789112824549916, 0.58199400753822),
            (0, 50, 0.998, 0, 0.160362891042788),
        ]
        for (x, n, confidence, lower, upper) in cases {
            let estimate = try XCTUnwrap(ConfidenceIntervals.proportion(x, of: n, confidence: confidence))
            XCTAssertEqual(estimate.value, x / n, accuracy: 1e-15)
            XCTAssertEqual(try XCTUnwrap(estimate.lower), lower, accuracy: accuracy, "\(x)/\(n) at \(confidence)")
            XCTAssertEqual(try XCTUnwrap(estimate.upper), upper, accuracy: accuracy, "\(x)/\(n) at \(confidence)")
        }
        let percent = try XCTUnwrap(ConfidenceIntervals.proportion(65, of: 100, multiplier: 100))
        XCTAssertEqual(try XCTUnwrap(percent.lower), 55.25444329688797, accuracy: 1e-4)
        XCTAssertNil(ConfidenceIntervals.proportion(5, of: 0), "no denominator, no proportion")
        XCTAssertNil(ConfidenceIntervals.proportion(12, of: 10), "more events than people")
    }

    func testByarsLimitsFromTenEvents() throws {
        let cases: [(Int, Double, Double, Double)] = [
            (65, 0.95, 50.16318771045943, 82.84913854593984),
            (1045, 0.95, 982.5932018073325, 1110.33121298565),
            (10, 0.95, 4.787449913967563, 18.391458605756473),
            (65, 0.998, 42.8802614714802, 94.000290844318),
            (1045, 0.998, 947.9407035610374, 1148.806160988033),
            (10, 0.998, 2.916318374695686, 24.19372492788055),
        ]
        for (count, confidence, lower, upper) in cases {
            let estimate = ConfidenceIntervals.count(count, confidence: confidence)
            XCTAssertEqual(try XCTUnwrap(estimate.lower), lower, accuracy: accuracy, "\(count) at \(confidence)")
            XCTAssertEqual(try XCTUnwrap(estimate.upper), upper, accuracy: accuracy, "\(count) at \(confidence)")
        }
    }

    func testExactPoissonLimitsBelowTenEvents() throws {
        let cases: [(Int, Double, Double, Double)] = [
            (0, 0.95, 0, 3.6888794541139354),
            (1, 0.95, 0.025317807984289897, 5.571643390938898),
            (3, 0.95, 0.6186721228956015, 8.767273069742323),
            (9, 0.95, 4.115373097378334, 17.084803451419166),
            (0, 0.998, 0, 6.907755278982137),
            (1, 0.998, 0.0010005003335835346, 9.233413476451585),
            (3, 0.998, 0.19053337756840327, 13.06224077918807),
            (9, 0.998, 2.452424404363775, 22.65737330906293),
        ]
        for (count, confidence, lower, upper) in cases {
            let estimate = ConfidenceIntervals.count(count, confidence: confidence)
            XCTAssertEqual(try XCTUnwrap(estimate.lower), lower, accuracy: accuracy, "\(count) at \(confidence)")
            XCTAssertEqual(try XCTUnwrap(estimate.upper), upper, accuracy: accuracy, "\(count) at \(confidence)")
        }
        XCTAssertEqual(-log(0.025), 3.6888794541139354, accuracy: 1e-12, "the classical value the reference holds")
    }

    func testACrudeRateScalesTheCountsLimits() throws {
        let rate = try XCTUnwrap(ConfidenceIntervals.rate(65, per: 50_000))
        XCTAssertEqual(rate.value, 130, accuracy: 1e-9)
        XCTAssertEqual(try XCTUnwrap(rate.lower), 50.16318771045943 * 2, accuracy: 1e-5)
        XCTAssertEqual(try XCTUnwrap(rate.upper), 82.84913854593984 * 2, accuracy: 1e-5)
        let small = try XCTUnwrap(ConfidenceIntervals.rate(3, per: 1_000, multiplier: 1_000))
        XCTAssertEqual(try XCTUnwrap(small.upper), 8.767273069742323, accuracy: accuracy)
    }

    func testDobsonsIntervalForADirectlyStandardisedRate() throws {
        let bands = [ConfidenceIntervals.AgeBand(count: 10, population: 5_000, standardPopulation: 20_000),
                     .init(count: 30, population: 8_000, standardPopulation: 30_000),
                     .init(count: 60, population: 4_000, standardPopulation: 10_000)]
        let rate = try XCTUnwrap(ConfidenceIntervals.directlyStandardisedRate(bands))
        XCTAssertEqual(rate.value, 504.16666666666663, accuracy: accuracy)
        XCTAssertEqual(try XCTUnwrap(rate.lower), 408.07777082418886, accuracy: accuracy)
        XCTAssertEqual(try XCTUnwrap(rate.upper), 615.6709269939157, accuracy: accuracy)
        let strict = try XCTUnwrap(ConfidenceIntervals.directlyStandardisedRate(bands, confidence: 0.998))
        XCTAssertEqual(try XCTUnwrap(strict.lower), 359.3142948582525, accuracy: accuracy)
        XCTAssertEqual(try XCTUnwrap(strict.upper), 684.320816061954, accuracy: accuracy)
        XCTAssertNil(ConfidenceIntervals.directlyStandardisedRate([.init(count: 9, population: 1_000, standardPopulation: 1_000)]),
                     "fewer than 10 events: not published")
    }

    func testTheVerdictAgainstABenchmarkFollowsThePolarity() {
        let high = Estimate(value: 130, lower: 100, upper: 166)
        XCTAssertEqual(BenchmarkVerdict.compare(high, with: 90, polarity: .lowerIsBetter), .worse)
        XCTAssertEqual(BenchmarkVerdict.compare(high, with: 90, polarity: .higherIsBetter), .better)
        XCTAssertEqual(BenchmarkVerdict.compare(high, with: 90, polarity: nil), .higher)
        XCTAssertEqual(BenchmarkVerdict.compare(high, with: 120, polarity: .lowerIsBetter), .similar)
        XCTAssertEqual(BenchmarkVerdict.compare(high, with: 170, polarity: .lowerIsBetter), .better)
        XCTAssertEqual(BenchmarkVerdict.compare(Estimate(value: 3, lower: nil, upper: nil), with: 2, polarity: .lowerIsBetter), .notCompared)
        XCTAssertTrue(SmallNumbers.isSuppressed(3))
        XCTAssertFalse(SmallNumbers.isSuppressed(0))
        XCTAssertFalse(SmallNumbers.isSuppressed(5))
    }
}
