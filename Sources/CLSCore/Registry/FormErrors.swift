import Foundation

/// Field-by-field validation messages, in French, keyed by the form field name.
public struct FormErrors: Error, Sendable, Equatable {
    public private(set) var messages: [String: String] = [:]

    public init() {}

    public mutating func add(_ field: String, _ message: String) {
        if messages[field] == nil { messages[field] = message }
    }

    public var isEmpty: Bool { messages.isEmpty }
}

extension FormErrors {
    /// The date typed in `field`, nil when empty; an unreadable date is recorded as an error.
    public mutating func day(_ field: String, _ text: String, label: String) -> CalendarDay? {
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        guard let day = CalendarDay(parsing: text) else {
            add(field, "La date « \(text) » (\(label)) n'est pas valide : saisissez-la sous la forme JJ/MM/AAAA.")
            return nil
        }
        return day
    }
}
