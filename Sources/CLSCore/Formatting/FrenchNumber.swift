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
}
