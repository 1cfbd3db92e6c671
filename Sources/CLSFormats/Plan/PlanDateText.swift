import CLSCore

/// A date typed as text in a plan spreadsheet: `JJ/MM/AAAA` (French, what the template asks),
/// ISO `AAAA-MM-JJ`, a two-digit year (`14/12/20`: 2020), and — only when it cannot be read
/// otherwise — month first (`12/14/20`, which TeT's own example holds: 14 cannot be a month).
/// A date that could be read either way ("05/06/20") is read day first, as a French user means it.
enum PlanDateText {
    enum Reading: Equatable {
        case dayFirst
        case monthFirst
    }

    static func parse(_ text: String) -> (day: CalendarDay, reading: Reading)? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let day = CalendarDay(parsing: trimmed) { return (day, .dayFirst) }
        let parts = trimmed.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) }),
              parts[0].count <= 2, parts[1].count <= 2, parts[2].count == 2 || parts[2].count == 4,
              let first = Int(parts[0]), let second = Int(parts[1]), var year = Int(parts[2]) else { return nil }
        if parts[2].count == 2 { year += 2000 }
        if let day = CalendarDay(year: year, month: second, day: first) { return (day, .dayFirst) }
        if first <= 12, second > 12, let day = CalendarDay(year: year, month: first, day: second) { return (day, .monthFirst) }
        return nil
    }
}
