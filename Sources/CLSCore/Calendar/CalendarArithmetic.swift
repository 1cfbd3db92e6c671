/// Day and month arithmetic on `CalendarDay`, in the proleptic Gregorian calendar, with integers
/// only (no `Date`, no time zone, no locale), so results never depend on the machine.
///
/// Months follow the calendar, not a fixed number of days: one month after 15 March is 15 April;
/// when the target month is shorter, the day is clamped to its last day (one month after 31 January
/// is 28 or 29 February). `fullMonths(from:to:)` counts the whole months elapsed on that basis.
public enum CalendarArithmetic {
    /// The number of days from 1 January 1970 to `day` (negative before), after H. Hinnant's
    /// `days_from_civil`.
    public static func dayNumber(_ day: CalendarDay) -> Int {
        let y = day.month <= 2 ? day.year - 1 : day.year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = (day.month + 9) % 12 // March = 0 … February = 11
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day.day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The day with that `dayNumber`, nil outside years 1…9999.
    public static func day(number: Int) -> CalendarDay? {
        let z = number + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return CalendarDay(year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month: month, day: day)
    }

    /// Days from `start` to `end`: 0 on the same day, 1 from one day to the next, negative when
    /// `end` comes first.
    public static func days(from start: CalendarDay, to end: CalendarDay) -> Int {
        dayNumber(end) - dayNumber(start)
    }

    /// `day` moved by `days` (negative goes back), nil outside years 1…9999.
    public static func adding(days: Int, to day: CalendarDay) -> CalendarDay? {
        self.day(number: dayNumber(day) + days)
    }

    /// `day` moved by `months` calendar months, the day clamped to the target month's last day;
    /// nil outside years 1…9999.
    public static func adding(months: Int, to day: CalendarDay) -> CalendarDay? {
        let index = day.year * 12 + (day.month - 1) + months
        let year = index >= 0 ? index / 12 : (index - 11) / 12
        let month = index - year * 12 + 1
        guard (1...9999).contains(year) else { return nil }
        return CalendarDay(year: year, month: month, day: min(day.day, CalendarDay.daysIn(month: month, year: year)))
    }

    /// The whole months elapsed from `start` to `end`: the largest n such that `start` moved by n
    /// months (clamped) is on or before `end`. 15 March → 14 April is 0, → 15 April is 1;
    /// 31 January → 28 February 2025 is 1. When `end` comes first, minus the months from `end` to `start`.
    public static func fullMonths(from start: CalendarDay, to end: CalendarDay) -> Int {
        if end < start { return -fullMonths(from: end, to: start) }
        let months = (end.year - start.year) * 12 + (end.month - start.month)
        let anniversaryDay = min(start.day, CalendarDay.daysIn(month: end.month, year: end.year))
        return anniversaryDay > end.day ? months - 1 : months
    }
}
