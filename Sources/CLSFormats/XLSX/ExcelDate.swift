import CLSCore
import Foundation

/// Converts an Excel date serial to a calendar day (the time of day, the fraction, is dropped).
///
/// In the default 1900 system, serial 1 is 1900-01-01 and Excel counts a 29 February 1900 that
/// never existed (a bug kept from Lotus 1-2-3): serial 59 is 1900-02-28, **serial 60 is that
/// fictitious day and gives `nil`**, and serial 61 is 1900-03-01. From there on, serial N is N days
/// after 1899-12-30, so 45292 is 2024-01-01. In the 1904 system (old Mac workbooks,
/// `XLSXWorkbook.usesDate1904`), serial 0 is 1904-01-01.
///
/// Returns nil for serials below 1 (0 is Excel's "1900-01-00"), for non-finite values and beyond
/// 9999-12-31.
public func excelSerialDate(_ serial: Double, date1904: Bool = false) -> (year: Int, month: Int, day: Int)? {
    guard serial.isFinite else { return nil }
    let whole = serial.rounded(.down)
    guard whole < 3_000_000 else { return nil }
    let days = Int(whole)
    let daysSinceUnixEpoch: Int
    if date1904 {
        guard days >= 0 else { return nil }
        daysSinceUnixEpoch = days - 24_107           // 1904-01-01 is 24,107 days before 1970-01-01
    } else {
        guard days >= 1, days != 60 else { return nil }
        // Before the fictitious 29 February, serials are one day further from 1899-12-30.
        let sinceDecember30 = days < 60 ? days + 1 : days
        daysSinceUnixEpoch = sinceDecember30 - 25_569  // 1899-12-30 is 25,569 days before 1970-01-01
    }
    guard let day = CalendarArithmetic.day(number: daysSinceUnixEpoch) else { return nil }
    return (day.year, day.month, day.day)
}

extension CalendarDay {
    /// The day of an Excel date serial; see `excelSerialDate(_:date1904:)`.
    public init?(excelSerial serial: Double, date1904: Bool = false) {
        guard let date = excelSerialDate(serial, date1904: date1904) else { return nil }
        self.init(year: date.year, month: date.month, day: date.day)
    }
}
