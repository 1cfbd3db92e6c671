import Foundation

/// How numbers and dates read in French: "17 février 2014", "1 234,5 €".
/// Hand-written so the output never depends on the machine's locale data.
public enum FrenchFormat {
    static let months = [
        "janvier", "février", "mars", "avril", "mai", "juin",
        "juillet", "août", "septembre", "octobre", "novembre", "décembre",
    ]
    /// The thin no-break space French typography puts between thousands.
    public static let thousandsSeparator = "\u{202F}"

    /// "17 février 2014"; the first of a month reads "1er".
    public static func date(_ day: CalendarDay) -> String {
        "\(day.day == 1 ? "1er" : String(day.day)) \(months[day.month - 1]) \(day.year)"
    }

    /// A day stored as ISO text ("2026-03-12") in words, `placeholder` when absent or unreadable.
    public static func date(iso text: String?, placeholder: String = "") -> String {
        date(text.flatMap(CalendarDay.init(parsing:)), placeholder: placeholder)
    }

    public static func date(_ day: CalendarDay?, placeholder: String = "—") -> String {
        day.map(date) ?? placeholder
    }

    /// "17 février 2014 à 09:05", in Paris time.
    public static func dateTime(_ moment: Date, timeZone: TimeZone = TimeZone(identifier: "Europe/Paris") ?? .gmt) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let p = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: moment)
        let day = CalendarDay(year: p.year!, month: p.month!, day: p.day!)!
        return "\(date(day)) à \(String(format: "%02d:%02d", p.hour!, p.minute!))"
    }

    /// "1 234" or "1 234,5" (at most `fractionDigits` decimals, trailing zeros dropped).
    public static func number(_ value: Double, fractionDigits: Int = 2) -> String {
        let factor = pow(10.0, Double(fractionDigits))
        let rounded = (value * factor).rounded() / factor
        let negative = rounded < 0
        let magnitude = abs(rounded)
        let integerPart = Int(magnitude.rounded(.towardZero))
        var fraction = Int(((magnitude - Double(integerPart)) * factor).rounded())
        var integer = integerPart
        if fraction >= Int(factor) { integer += 1; fraction = 0 }
        var digits = String(integer)
        var grouped: [String] = []
        while digits.count > 3 {
            grouped.insert(String(digits.suffix(3)), at: 0)
            digits.removeLast(3)
        }
        grouped.insert(digits, at: 0)
        var text = grouped.joined(separator: thousandsSeparator)
        if fraction > 0 {
            var decimals = String(format: "%0\(fractionDigits)d", fraction)
            while decimals.hasSuffix("0") { decimals.removeLast() }
            text += "," + decimals
        }
        return (negative && text != "0" ? "-" : "") + text
    }

    public static func integer(_ value: Int) -> String { number(Double(value), fractionDigits: 0) }

    /// "1 234,5 €"
    public static func euros(_ value: Double) -> String { number(value) + "\u{00A0}€" }

    /// A file's size as people read it: "340 ko", "2,4 Mo".
    public static func fileSize(_ bytes: Int) -> String {
        bytes >= 1_048_576 ? "\(number(Double(bytes) / 1_048_576, fractionDigits: 1)) Mo" : "\(number(Double(bytes) / 1024, fractionDigits: 0)) ko"
    }

    /// "12,5 %"
    public static func percent(_ value: Double, fractionDigits: Int = 1) -> String {
        number(value, fractionDigits: fractionDigits) + "\u{00A0}%"
    }

    /// "1 contrat", "3 contrats".
    public static func count(_ value: Int, singular: String, plural: String) -> String {
        "\(integer(value)) \(value > 1 ? plural : singular)"
    }
}
