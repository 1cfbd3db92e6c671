import Foundation

/// A block of merged cells ("A4:A7"): the spreadsheet shows the value of its top-left cell over
/// the whole block, and the file stores it in that cell alone.
public struct XLSXMergedRange: Hashable, Sendable, CustomStringConvertible {
    public let first: XLSXCellReference
    public let last: XLSXCellReference

    public init?(first: XLSXCellReference, last: XLSXCellReference) {
        guard first.row <= last.row, first.column <= last.column else { return nil }
        self.first = first
        self.last = last
    }

    /// Parses "A4:C7" (or "$A$4:$C$7"); nil for anything else, a single cell or a reversed block.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let first = XLSXCellReference(String(parts[0])), let last = XLSXCellReference(String(parts[1])),
              first != last else { return nil }
        self.init(first: first, last: last)
    }

    public func contains(row: Int, column: Int) -> Bool {
        (first.row...last.row).contains(row) && (first.column...last.column).contains(column)
    }

    /// "A4:C7".
    public var description: String { "\(first.a1):\(last.a1)" }
}
