import Foundation

/// Writes CSV the way French spreadsheet users open it: UTF-8 with a byte-order mark, semicolons,
/// CRLF line ends, and quotes around any field that needs them (RFC 4180 rules).
public struct CSVWriter: Sendable {
    public let separator: Character
    private(set) var text: String

    public init(separator: Character = ";", byteOrderMark: Bool = true) {
        self.separator = separator
        self.text = byteOrderMark ? "\u{FEFF}" : ""
    }

    public mutating func append(_ fields: [String]) {
        text += fields.map(quote).joined(separator: String(separator)) + "\r\n"
    }

    public var data: Data { Data(text.utf8) }
    public var string: String { text }

    func quote(_ field: String) -> String {
        // A leading =, +, - or @ would make a spreadsheet evaluate the cell as a formula.
        var value = field
        if let first = value.first, "=+-@".contains(first), Double(value) == nil { value = "'" + value }
        let needsQuotes = value.contains(separator) || value.contains("\"") || value.contains("\n") || value.contains("\r")
        guard needsQuotes else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
