import Foundation

extension XLSXWriter {
    /// A sheet to write. Row and column indices are zero-based, as in `XLSXSheet`.
    public struct Sheet: Equatable, Sendable {
        /// Made valid and unique when written (see `XLSXWriter.sheetName(_:)`).
        public var name: String
        public var rows: [[XLSXCell?]]
        /// The first rows are written in bold.
        public var headerRowCount: Int
        /// Rows and columns kept in view when scrolling.
        public var frozenRowCount: Int
        public var frozenColumnCount: Int
        /// Column widths in characters (Excel's unit), by zero-based column index; others keep the default.
        public var columnWidths: [Int: Double]
        public var listValidations: [ListValidation]
        /// Hidden sheets still serve as the source of drop-down lists.
        public var isHidden: Bool
        /// Blocks of merged cells; their value goes in the top-left cell, the others stay empty.
        public var mergedRanges: [XLSXMergedRange]

        public init(name: String, rows: [[XLSXCell?]] = [], headerRowCount: Int = 0,
                    frozenRowCount: Int = 0, frozenColumnCount: Int = 0, columnWidths: [Int: Double] = [:],
                    listValidations: [ListValidation] = [], isHidden: Bool = false, mergedRanges: [XLSXMergedRange] = []) {
            self.name = name
            self.rows = rows
            self.headerRowCount = headerRowCount
            self.frozenRowCount = frozenRowCount
            self.frozenColumnCount = frozenColumnCount
            self.columnWidths = columnWidths
            self.listValidations = listValidations
            self.isHidden = isHidden
            self.mergedRanges = mergedRanges
        }

        /// Appends a row of values; nil leaves a cell empty.
        public mutating func append(_ row: [XLSXCell?]) { rows.append(row) }

        /// Appends a row of text cells (empty strings leave the cell empty).
        public mutating func append(texts: [String]) { rows.append(texts.map { $0.isEmpty ? nil : .text($0) }) }
    }

    /// A drop-down list on a block of cells: the user picks among allowed values, which is how a
    /// downloadable import template guides its users.
    public struct ListValidation: Equatable, Sendable {
        public enum Source: Equatable, Sendable {
            /// Cells of one column of a sheet of this workbook (by the name given to `Sheet`):
            /// rows `firstRow...lastRow`, zero-based.
            case cells(sheet: String, column: Int, firstRow: Int, lastRow: Int)
            /// A short fixed list, written into the rule itself: at most 255 characters in all,
            /// and no value may contain a comma or a double quote.
            case values([String])
        }

        /// The cells offered the list: one column, rows `firstRow...lastRow` (zero-based).
        public var column: Int
        public var firstRow: Int
        public var lastRow: Int
        public var source: Source
        /// True refuses any other value ("stop"); false only warns and lets the user keep it.
        public var rejectsOtherValues: Bool
        /// French texts shown by the spreadsheet (Excel limits: 32-character titles,
        /// 225-character error, 255-character prompt; longer texts are cut).
        public var errorTitle: String?
        public var errorMessage: String?
        public var prompt: String?

        public init(column: Int, firstRow: Int, lastRow: Int, source: Source, rejectsOtherValues: Bool = true,
                    errorTitle: String? = nil, errorMessage: String? = nil, prompt: String? = nil) {
            self.column = column
            self.firstRow = firstRow
            self.lastRow = lastRow
            self.source = source
            self.rejectsOtherValues = rejectsOtherValues
            self.errorTitle = errorTitle
            self.errorMessage = errorMessage
            self.prompt = prompt
        }
    }
}
