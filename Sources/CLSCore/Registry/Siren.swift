/// The SIREN number of a French organisation: nine digits with a Luhn check digit.
public struct Siren: Hashable, Sendable, CustomStringConvertible {
    public let digits: String

    /// Accepts spaces ("200 067 213"); refuses anything that is not a valid SIREN.
    public init?(_ text: String) {
        let compact = text.filter { !$0.isWhitespace }
        guard compact.count == 9, compact.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        guard Siren.passesLuhn(compact) else { return nil }
        digits = compact
    }

    public var description: String { digits }

    static func passesLuhn(_ digits: String) -> Bool {
        var sum = 0
        for (index, character) in digits.reversed().enumerated() {
            var value = character.wholeNumberValue!
            if index % 2 == 1 {
                value *= 2
                if value > 9 { value -= 9 }
            }
            sum += value
        }
        return sum % 10 == 0
    }
}
