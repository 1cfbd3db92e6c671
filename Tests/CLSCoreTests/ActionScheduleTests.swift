import XCTest
@testable import CLSCore

final class ActionScheduleTests: XCTestCase {
    private func day(_ text: String) -> CalendarDay { CalendarDay(parsing: text)! }

    func testLateness() {
        let today = day("2026-03-15")
        // Planned end passed, not closed: late, whatever the open status.
        for status in [ActionStatus.upcoming, .inProgress, .paused, .blocked, .toDiscuss] {
            XCTAssertTrue(ActionSchedule.isLate(status: status, plannedEnd: day("2026-03-14"), today: today), status.code)
        }
        // The end day itself is not late yet; a future end is not late.
        XCTAssertFalse(ActionSchedule.isLate(status: .inProgress, plannedEnd: day("2026-03-15"), today: today))
        XCTAssertFalse(ActionSchedule.isLate(status: .inProgress, plannedEnd: day("2026-12-31"), today: today))
        // Closed actions are never late.
        XCTAssertFalse(ActionSchedule.isLate(status: .done, plannedEnd: day("2020-01-01"), today: today))
        XCTAssertFalse(ActionSchedule.isLate(status: .abandoned, plannedEnd: day("2020-01-01"), today: today))
        // Marked late: late, even with a future end or none.
        XCTAssertTrue(ActionSchedule.isLate(status: .late, plannedEnd: day("2027-01-01"), today: today))
        XCTAssertTrue(ActionSchedule.isLate(status: .late, plannedEnd: nil, today: today))
        // No planned end and not marked late: not late.
        XCTAssertFalse(ActionSchedule.isLate(status: .inProgress, plannedEnd: nil, today: today))
    }

    func testProgressOnAHandComputedProgramme() {
        let today = day("2026-03-15")
        let actions: [(status: ActionStatus, plannedEnd: CalendarDay?)] = [
            (.done, day("2025-12-31")),        // done: not late
            (.done, nil),                      // done
            (.done, day("2026-06-30")),        // done
            (.inProgress, day("2025-12-31")),  // late (end passed)
            (.inProgress, day("2026-12-31")),  // on time
            (.upcoming, nil),                  // on time
            (.late, day("2026-12-31")),        // late (marked)
            (.abandoned, day("2024-12-31")),   // abandoned: not late, not expected
            (.blocked, day("2026-03-01")),     // late (end passed)
            (.paused, day("2026-03-15")),      // on time (ends today)
        ]
        let progress = ProgrammeProgress(actions, today: today)
        XCTAssertEqual(progress.total, 10)
        XCTAssertEqual(progress.count(.done), 3)
        XCTAssertEqual(progress.count(.inProgress), 2)
        XCTAssertEqual(progress.count(.upcoming), 1)
        XCTAssertEqual(progress.count(.late), 1)
        XCTAssertEqual(progress.count(.abandoned), 1)
        XCTAssertEqual(progress.count(.blocked), 1)
        XCTAssertEqual(progress.count(.paused), 1)
        XCTAssertEqual(progress.count(.toDiscuss), 0)
        XCTAssertEqual(progress.countByStatus.count, ActionStatus.allCases.count)
        XCTAssertEqual(progress.countByStatus.values.reduce(0, +), 10)
        XCTAssertEqual(progress.lateCount, 3)
        XCTAssertEqual(progress.doneCount, 3)
        XCTAssertEqual(progress.expectedCount, 9)
        XCTAssertEqual(progress.shareDone!, 3.0 / 9.0, accuracy: 1e-12)
        XCTAssertEqual(progress.percentDone!, 33.333_333, accuracy: 1e-5)
        XCTAssertEqual(progress.nonZeroCounts.map(\.status), [.upcoming, .inProgress, .done, .paused, .abandoned, .blocked, .late])
        XCTAssertEqual(progress.nonZeroCounts.map(\.count), [1, 2, 3, 1, 1, 1, 1])
    }

    func testProgressEdgeCases() {
        let today = day("2026-03-15")
        let empty = ProgrammeProgress([], today: today)
        XCTAssertEqual(empty.total, 0)
        XCTAssertEqual(empty.lateCount, 0)
        XCTAssertNil(empty.shareDone)
        XCTAssertEqual(empty.nonZeroCounts.count, 0)

        let allAbandoned = ProgrammeProgress([(.abandoned, nil), (.abandoned, day("2020-01-01"))], today: today)
        XCTAssertNil(allAbandoned.shareDone)
        XCTAssertEqual(allAbandoned.lateCount, 0)

        let allDone = ProgrammeProgress([(.done, nil), (.abandoned, nil), (.done, day("2020-01-01"))], today: today)
        XCTAssertEqual(allDone.shareDone, 1)
        XCTAssertEqual(allDone.percentDone, 100)
    }
}
