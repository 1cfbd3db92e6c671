import CLSCore
import Foundation
import Vapor

/// Where handlers read the time: the application's clock, the system's by default. A test sets
/// a fixed moment (`app.clock = .fixed(…)`) and every page computes "today" from it.
struct AppClock: Sendable {
    let now: @Sendable () -> Date

    static let system = AppClock { Date() }

    static func fixed(_ moment: Date) -> AppClock { AppClock { moment } }
}

extension Application {
    private struct ClockKey: Vapor.StorageKey { typealias Value = AppClock }

    var clock: AppClock {
        get { storage[ClockKey.self] ?? .system }
        set { storage[ClockKey.self] = newValue }
    }
}

extension Request {
    /// The current moment, from the application's clock.
    var now: Date { application.clock.now() }

    /// Today, as the calendar day the platform reasons in.
    var today: CalendarDay { CalendarDay(now) }
}
