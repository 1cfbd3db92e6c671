import CLSStore
import Foundation
import XCTest
@testable import CLSWeb

/// Pages read the time from the application's clock, which a test sets.
final class ClockTests: XCTestCase {
    func testPagesComputeTodayFromTheApplicationClock() async throws {
        try await TestApp.run { app, _ in
            let contract = try await TestApp.contract(named: "CLS 2 de Belle-Île-en-Mer", on: app)
            let coordinator = WebClient(app)
            try await coordinator.login("coordination.belle-ile@demo.cls-pilot.fr")
            let path = "/contrats/\(try contract.requireID())/bilans"

            app.clock = .fixed(ISO8601DateFormatter().date(from: "2031-05-01T10:00:00Z")!)
            let in2031 = try await coordinator.get(path)
            XCTAssertTrue(in2031.body.string.contains(#"name="year" inputmode="numeric" maxlength="4" value="2030""#),
                          "the review suggested is last year's, as the clock says")

            app.clock = .fixed(ISO8601DateFormatter().date(from: "2034-01-15T10:00:00Z")!)
            let in2034 = try await coordinator.get(path)
            XCTAssertTrue(in2034.body.string.contains(#"value="2033""#))
        }
    }
}
