import CLSCore
import Foundation

/// Values typed in forms and query strings, read or refused with a French message.
enum FormValue {
    /// The ISO date typed in a field, or nil when empty; an invalid date is refused.
    static func day(_ text: String?, label: String) throws -> CalendarDay? {
        guard let text, !text.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        guard let day = CalendarDay(parsing: text) else {
            throw WebError.invalid("La date « \(text) » (\(label)) n'est pas valide : saisissez-la sous la forme JJ/MM/AAAA.")
        }
        return day
    }
}
