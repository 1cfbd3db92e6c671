import CLSCore
import Foundation

/// Values typed in forms and query strings, read or refused with a French message tied to the
/// field they were typed in.
enum FormValue {
    /// The ISO date typed in a field, or nil when empty; an invalid date is refused.
    static func day(_ text: String?, field: String? = nil, label: String) throws -> CalendarDay? {
        guard let text, !text.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        guard let day = CalendarDay(parsing: text) else {
            throw WebError.invalid("La date « \(text) » (\(label)) n'est pas valide : saisissez-la sous la forme JJ/MM/AAAA.", field: field)
        }
        return day
    }

    /// A number typed as French users do ("12 500", "12500,50"), nil when empty.
    static func amount(_ text: String?, field: String, label: String) throws -> Double? {
        do {
            return try FrenchNumber.amount(text, label: label)
        } catch {
            throw WebError.invalid(error.message, field: field)
        }
    }

    /// A year on four digits, nil when empty.
    static func year(_ text: String?, field: String) throws -> Int? {
        guard let text, !text.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        guard let year = Int(text.trimmingCharacters(in: .whitespaces)), (2000...2100).contains(year) else {
            throw WebError.invalid("L'année « \(text) » n'est pas valide : saisissez une année sur quatre chiffres, par exemple 2026.", field: field)
        }
        return year
    }
}
