import CLSCore
import Foundation

/// The numbers of the producers' files, checked with their file, line and column.
extension DelimitedRow {
    /// A decimal written with a point or a comma; nil when the cell is empty.
    func optionalDecimal(_ column: String) throws -> Double? {
        let text = self.text(column).replacingOccurrences(of: "\u{00A0}", with: "").replacingOccurrences(of: " ", with: "")
        guard !text.isEmpty else { return nil }
        guard let value = Double(text.replacingOccurrences(of: ",", with: ".")), value.isFinite, value >= 0 else {
            throw invalid(column, self.text(column), expected: "un nombre positif (virgule ou point décimal)")
        }
        return value
    }

    /// A year of four digits.
    func year(_ column: String) throws -> String {
        let text = try requiredText(column)
        guard text.count == 4, let year = Int(text), (1900...2100).contains(year) else {
            throw invalid(column, text, expected: "une année à quatre chiffres")
        }
        return text
    }

    /// The code of an area of `level`, with the leading zero the producer dropped ("3" → "03").
    func areaCode(_ column: String, level: DiagnosticLevel) throws -> String {
        let text = try requiredText(column)
        guard let code = ObservatoryCSVReader.code(text, level: level) else {
            throw invalid(column, text, expected: ObservatoryCSVReader.expectedCode(level))
        }
        return code
    }
}

/// Codes of indicators made from a producer's French heading: "HPV filles 1 dose à 15 ans" →
/// "hpv_filles_1_dose_a_15_ans" (the machine name of the API and the CSV; people read the label).
enum IndicatorCode {
    static func make(prefix: String, heading: String) -> String {
        let folded = heading.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: Locale(identifier: "fr_FR")).lowercased()
        let words = folded.split(whereSeparator: { !($0.isASCII && ($0.isLetter || $0.isNumber)) })
        return ([prefix] + words.map(String.init)).joined(separator: "_")
    }
}
