import Foundation

/// A sheet as read: its name and the cells holding a value.
///
/// Indices are **zero-based**: `rows[0]` is the spreadsheet's row 1 and `rows[r][0]` column A.
/// `rows` ends at the last row holding a value and each row at its last value, so rows have
/// different lengths; missing cells are nil. Use `cell(row:column:)` to read without bounds
/// checks, and `XLSXCellReference(row:column:)?.a1` to name a cell in a message.
public struct XLSXSheet: Equatable, Sendable {
    public let name: String
    /// Hidden or "very hidden" in Excel (often a sheet of drop-down lists).
    public let isHidden: Bool
    public let rows: [[XLSXCell?]]
    /// Width of the widest row.
    public let columnCount: Int
    /// Blocks of merged cells, in the file's order; the value of each is in its top-left cell.
    public let mergedRanges: [XLSXMergedRange]

    public init(name: String, isHidden: Bool = false, rows: [[XLSXCell?]], mergedRanges: [XLSXMergedRange] = []) {
        self.name = name
        self.isHidden = isHidden
        self.rows = rows
        self.columnCount = rows.map(\.count).max() ?? 0
        self.mergedRanges = mergedRanges
    }

    /// The cell at zero-based `row` and `column`, nil when empty or outside the data.
    public func cell(row: Int, column: Int) -> XLSXCell? {
        guard rows.indices.contains(row), rows[row].indices.contains(column) else { return nil }
        return rows[row][column]
    }

    /// The cell named as in a spreadsheet ("B2"), nil when empty or the name is invalid.
    public func cell(_ name: String) -> XLSXCell? {
        guard let reference = XLSXCellReference(name) else { return nil }
        return cell(row: reference.row, column: reference.column)
    }

    /// Number of rows up to the last one holding a value.
    public var rowCount: Int { rows.count }

    /// A row as text, every cell's `stringValue` ("" when empty), padded to `columnCount`:
    /// the shape an importer matching headers usually wants.
    public func textRow(_ row: Int) -> [String] {
        let width = columnCount
        return (0..<width).map { cell(row: row, column: $0)?.stringValue ?? "" }
    }
}
