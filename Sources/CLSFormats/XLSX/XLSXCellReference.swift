import Foundation

/// A cell position on a sheet.
///
/// `row` and `column` are **zero-based**: "A1" is `(row: 0, column: 0)`, "AB12" is
/// `(row: 11, column: 27)`. `a1` gives back the one-based name a spreadsheet shows, which is
/// what error messages use.
public struct XLSXCellReference: Hashable, Sendable, CustomStringConvertible {
    /// The size of Excel's grid (rows 1...1,048,576, columns A...XFD).
    public static let gridRows = 1_048_576
    public static let gridColumns = 16_384

    public let row: Int
    public let column: Int

    /// Both indices must be within Excel's grid.
    public init?(row: Int, column: Int) {
        guard (0..<Self.gridRows).contains(row), (0..<Self.gridColumns).contains(column) else { return nil }
        self.row = row
        self.column = column
    }

    /// Parses "B7", "ab12" or "$C$3". Nil for anything else or outside Excel's grid.
    public init?(_ name: String) {
        var bytes = Array(name.utf8)
        bytes.removeAll { $0 == UInt8(ascii: "$") }
        var index = 0
        var column = 0
        while index < bytes.count, let letter = Self.letterValue(bytes[index]) {
            column = column * 26 + letter
            index += 1
            if index > 3 { return nil }
        }
        let letterCount = index
        var row = 0
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
            row = row * 10 + Int(bytes[index] - UInt8(ascii: "0"))
            index += 1
            if index - letterCount > 7 { return nil }
        }
        guard letterCount > 0, index > letterCount, index == bytes.count, bytes[letterCount] != UInt8(ascii: "0") else { return nil }
        self.init(row: row - 1, column: column - 1)
    }

    /// "AB12".
    public var a1: String { Self.columnName(column) + String(row + 1) }
    public var description: String { a1 }

    /// Zero-based column index to letters: 0 → "A", 25 → "Z", 26 → "AA", 16383 → "XFD".
    public static func columnName(_ column: Int) -> String {
        precondition(column >= 0, "column index must not be negative")
        var value = column + 1
        var letters: [Character] = []
        while value > 0 {
            let remainder = (value - 1) % 26
            letters.append(Character(Unicode.Scalar(UInt8(ascii: "A") + UInt8(remainder))))
            value = (value - 1) / 26
        }
        return String(letters.reversed())
    }

    /// Letters to a zero-based column index: "A" → 0, "xfd" → 16383. Nil beyond Excel's grid.
    public static func columnIndex(_ letters: String) -> Int? {
        guard let reference = XLSXCellReference(letters + "1") else { return nil }
        return reference.column
    }

    private static func letterValue(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return Int(byte - UInt8(ascii: "A")) + 1
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return Int(byte - UInt8(ascii: "a")) + 1
        default: return nil
        }
    }
}
