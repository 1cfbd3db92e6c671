/// Reads numbers as French users type them: "1 234,5", "1234.5", "15 156", "2 000 €", "12 %".
public enum FrenchNumber {
    public static func parse(_ text: String) -> Double? {
        var cleaned = ""
        for character in text.trimmingCharacters(in: .whitespacesAndNewlines) {
            switch character {
            case " ", "\u{00A0}", "\u{202F}", "€", "%": continue
            case ",": cleaned.append(".")
            default: cleaned.append(character)
            }
        }
        guard !cleaned.isEmpty, cleaned.filter({ $0 == "." }).count <= 1 else { return nil }
        return Double(cleaned).flatMap { $0.isFinite ? $0 : nil }
    }

    /// A form's optional amount: nil when left empty, refused with a French message naming the
    /// field when it is not a number.
    public static func amount(_ text: String?, label: String) throws(NotANumber) -> Double? {
        guard let text, !text.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        guard let value = parse(text) else { throw NotANumber(text: text, label: label) }
        return value
    }

    public struct NotANumber: Error, Equatable, Sendable {
        public let text: String
        public let label: String

        public var message: String {
            "« \(text) » (\(label)) n'est pas un nombre : saisissez par exemple 12 500 ou 12500,50."
        }
    }
}
