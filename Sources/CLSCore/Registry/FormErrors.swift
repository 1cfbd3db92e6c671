/// Field-by-field validation messages, in French, keyed by the form field name.
public struct FormErrors: Error, Sendable, Equatable {
    public private(set) var messages: [String: String] = [:]

    public init() {}

    public mutating func add(_ field: String, _ message: String) {
        if messages[field] == nil { messages[field] = message }
    }

    public var isEmpty: Bool { messages.isEmpty }

    /// One sentence listing every problem, for an alert at the top of the form.
    public var summary: String {
        "Le formulaire contient \(messages.count == 1 ? "une erreur" : "\(messages.count) erreurs") : "
            + messages.keys.sorted().compactMap { messages[$0] }.joined(separator: " ")
    }
}
