import Foundation

/// A calendar date without time or time zone (signature date, deliberation date...).
/// Stored as ISO text `YYYY-MM-DD`, which sorts correctly on both engines.
public struct CalendarDay: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...CalendarDay.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year; self.month = month; self.day = day
    }

    /// Parses `YYYY-MM-DD` (the HTML date input format) or `DD/MM/YYYY` (the French way of typing it).
    public init?(parsing text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let iso = trimmed.split(separator: "-", omittingEmptySubsequences: false)
        if iso.count == 3, iso[0].count == 4, let y = Int(iso[0]), let m = Int(iso[1]), let d = Int(iso[2]) {
            self.init(year: y, month: m, day: d); return
        }
        let fr = trimmed.split(separator: "/", omittingEmptySubsequences: false)
        if fr.count == 3, fr[2].count == 4, let d = Int(fr[0]), let m = Int(fr[1]), let y = Int(fr[2]) {
            self.init(year: y, month: m, day: d); return
        }
        return nil
    }

    /// The day of a moment, in Paris local time approximated as UTC+1 (enough for a date stamp).
    public init(_ date: Date, timeZone: TimeZone = TimeZone(identifier: "Europe/Paris") ?? .gmt) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        self.year = parts.year!; self.month = parts.month!; self.day = parts.day!
    }

    /// The moment this day starts (midnight) in `timeZone`, Paris by default: where a day's
    /// filter or the daily digest begins.
    public func start(in timeZone: TimeZone = TimeZone(identifier: "Europe/Paris") ?? .gmt) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar.date(from: DateComponents(year: year, month: month, day: day))!
    }

    public var iso: String {
        String(format: "%04d-%02d-%02d", year, month, day)
    }

    public var description: String { iso }

    public static func < (lhs: CalendarDay, rhs: CalendarDay) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let day = CalendarDay(parsing: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "Date invalide : \(text)"))
        }
        self = day
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }
}
