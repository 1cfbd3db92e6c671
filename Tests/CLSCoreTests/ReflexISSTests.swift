import XCTest
@testable import CLSCore

final class ReflexISSTests: XCTestCase {
    func testTheGridCoversFourStagesWithStableUniqueCodes() {
        XCTAssertEqual(Set(ReflexISSGrid.elements.map(\.code)).count, ReflexISSGrid.elements.count)
        for stage in ReflexISSGrid.Stage.allCases {
            XCTAssertGreaterThanOrEqual(ReflexISSGrid.elements(of: stage).count, 4, stage.label)
        }
        XCTAssertEqual(ReflexISSGrid.scale.map(\.score), [0, 1, 2, 3, 4])
        XCTAssertEqual(ReflexISSGrid.scaleLabel(0), "Non pris en compte")
        XCTAssertNil(ReflexISSGrid.scaleLabel(5))
    }

    func testStageMeansCountOnlyRatedElementsAndChangesCompareWithThePreviousSession() {
        // Planning: P1 = 1, P2 = 2, P3 = 0 (rated zero counts), others unrated → mean 1.
        // Evaluation: nothing rated → no mean. Unknown code and out-of-scale score are ignored.
        let first = ["P1": 1, "P2": 2, "P3": 0, "M1": 4, "ZZ": 3, "M2": 7]
        let summary = ReflexISSSummary(scores: first)
        let planning = summary.stages.first { $0.stage == .planning }!
        XCTAssertEqual(planning.mean, 1)
        XCTAssertEqual(planning.ratedCount, 3)
        XCTAssertEqual(planning.elementCount, 7)
        XCTAssertNil(planning.change, "no previous session")
        XCTAssertEqual(summary.stages.first { $0.stage == .implementation }?.mean, 4)
        XCTAssertNil(summary.stages.first { $0.stage == .evaluation }?.mean)
        XCTAssertEqual(summary.overallMean!, 7.0 / 4.0, accuracy: 1e-12)

        let second = ["P1": 3, "P2": 2, "P3": 1, "P4": 2, "E1": 1]
        let later = ReflexISSSummary(scores: second, previous: first)
        XCTAssertEqual(later.stages.first { $0.stage == .planning }?.mean, 2)
        XCTAssertEqual(later.stages.first { $0.stage == .planning }?.change, 1, "from 1 to 2")
        XCTAssertNil(later.stages.first { $0.stage == .implementation }?.mean, "not rated this time")
        XCTAssertNil(later.stages.first { $0.stage == .evaluation }?.change, "no value before")
        XCTAssertEqual(ReflexISSSummary.change(of: "P1", scores: second, previous: first), 2)
        XCTAssertNil(ReflexISSSummary.change(of: "P4", scores: second, previous: first))
        XCTAssertNil(ReflexISSSummary(scores: [:]).overallMean)
    }
}
