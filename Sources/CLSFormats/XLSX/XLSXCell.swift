import Foundation

/// The value of one cell, as stored in the workbook. Formulas are never kept: the reader returns
/// the value Excel cached for them, and the writer only writes data, so a cell can never run.
public enum XLSXCell: Hashable, Sendable {
    case text(String)
    case number(Double)
    case bool(Bool)
    /// An Excel error value such as "#N/A" or "#DIV/0!".
    case error(String)

    /// The cell as text: numbers without a trailing ".0" for integers ("12", "12.5", "1e+20"),
    /// with "." as the decimal separator and at most 15 significant digits (what Excel itself
    /// keeps, so 0.1 + 0.2 stored as 0.30000000000000004 reads "0.3"); booleans "VRAI"/"FAUX" as
    /// a French Excel shows them.
    public var stringValue: String {
        switch self {
        case .text(let text): return text
        case .number(let number): return Self.format(number)
        case .bool(let flag): return flag ? "VRAI" : "FAUX"
        case .error(let code): return code
        }
    }

    /// The number, for numeric cells only (text is not parsed: that is the importer's job).
    public var numberValue: Double? {
        if case .number(let number) = self { return number }
        return nil
    }

    public var textValue: String? {
        if case .text(let text) = self { return text }
        return nil
    }

    static func format(_ number: Double) -> String {
        guard number.isFinite else { return number.isNaN ? "NaN" : (number < 0 ? "-inf" : "inf") }
        if number == number.rounded(), abs(number) < 1e15 {
            return String(Int64(number))
        }
        return String(format: "%.15g", number)
    }
}
