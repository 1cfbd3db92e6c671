import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads one worksheet's `<sheetData>` event by event, so memory follows the cells holding a
/// value, not the size of the XML.
///
/// Positions come from the `r` attributes when present ("AB12" on cells, "12" on rows); when a
/// writer omits them, rows and cells are counted in document order, as Excel does. Cells with no
/// value (only a style) are skipped and do not count against the row and column limits, so a
/// sheet formatted down to row 1,048,576 is still read. Formulas are ignored; their cached
/// value (`<v>`) is the cell's value. Merged blocks (`<mergeCell ref="A4:A7"/>`) are kept, up
/// to `maxMergedRanges`; a block whose reference cannot be read is presentation only and is
/// skipped.
enum WorksheetPart {
    /// More merged blocks than any real sheet holds; those beyond are ignored.
    static let maxMergedRanges = 100_000

    static func parse(_ data: Data, part: String, sheet: String, sharedStrings: [String], limits: XLSXLimits)
        throws -> (rows: [[XLSXCell?]], mergedRanges: [XLSXMergedRange]) {
        let handler = Handler(sheet: sheet, sharedStrings: sharedStrings, limits: limits)
        try SafeXML.parse(data, part: part, sheet: sheet, with: handler)
        return (handler.rows, handler.mergedRanges)
    }

    private final class Handler: XMLPartHandler {
        let sheet: String
        let sharedStrings: [String]
        let maxRows: Int
        let maxColumns: Int
        var rows: [[XLSXCell?]] = []
        var mergedRanges: [XLSXMergedRange] = []

        private var inSheetData = false
        private var rowIndex = -1
        private var nextColumn = 0
        // The cell being read.
        private var inCell = false
        private var cellRow = 0
        private var cellColumn = 0
        private var cellType: String?
        private var value: String?
        private var inlineText: String?
        private var inValue = false
        private var inInlineString = false
        private var inInlineText = false
        private var phoneticDepth = 0

        init(sheet: String, sharedStrings: [String], limits: XLSXLimits) {
            self.sheet = sheet
            self.sharedStrings = sharedStrings
            self.maxRows = limits.maxRows
            self.maxColumns = limits.maxColumns
        }

        override func start(_ name: Substring, attributes: [String: String]) {
            switch name {
            case "sheetData":
                inSheetData = true
            case "row" where inSheetData:
                if let number = attributes["r"] {
                    guard let row = Int(number), (1...XLSXCellReference.gridRows).contains(row) else {
                        return fail(.invalidCellReference(sheet: sheet, reference: number))
                    }
                    rowIndex = row - 1
                } else {
                    rowIndex += 1
                }
                nextColumn = 0
            case "c" where inSheetData:
                startCell(attributes)
            case "mergeCell" where !inSheetData:
                if mergedRanges.count < WorksheetPart.maxMergedRanges, let ref = attributes["ref"], let range = XLSXMergedRange(ref) {
                    mergedRanges.append(range)
                }
            case "v" where inCell:
                inValue = true
                value = value ?? ""
            case "is" where inCell:
                inInlineString = true
                inlineText = inlineText ?? ""
            case "rPh" where inInlineString:
                phoneticDepth += 1
            case "t" where inInlineString && phoneticDepth == 0:
                inInlineText = true
            default:
                break
            }
        }

        override func end(_ name: Substring) {
            switch name {
            case "sheetData": inSheetData = false
            case "c" where inCell: finishCell()
            case "v": inValue = false
            case "is": inInlineString = false
            case "rPh" where inInlineString: phoneticDepth -= 1
            case "t": inInlineText = false
            default: break
            }
        }

        override func characters(_ text: String) {
            // A cell opened inside an unclosed `<v>` (`<c><v>1<c>…`) resets the text: append to
            // whatever is there rather than assume the element's start was seen.
            if inValue {
                value = (value ?? "") + text
            } else if inInlineText {
                inlineText = (inlineText ?? "") + text
            }
        }

        private func startCell(_ attributes: [String: String]) {
            // A cell inside a cell is well-formed XML but no spreadsheet: refuse it.
            guard !inCell else { return fail(.malformedXML(part: part, sheet: sheet, line: max(1, parser?.lineNumber ?? 1))) }
            inCell = true
            inValue = false
            inInlineString = false
            inInlineText = false
            phoneticDepth = 0
            cellType = attributes["t"]
            value = nil
            inlineText = nil
            if let name = attributes["r"] {
                guard let reference = XLSXCellReference(name) else {
                    return fail(.invalidCellReference(sheet: sheet, reference: name))
                }
                cellRow = reference.row
                cellColumn = reference.column
            } else {
                cellRow = max(rowIndex, 0)
                cellColumn = nextColumn
                guard cellColumn < XLSXCellReference.gridColumns else {
                    return fail(.invalidCellReference(sheet: sheet, reference: "ligne \(cellRow + 1), colonne \(cellColumn + 1)"))
                }
            }
            nextColumn = cellColumn + 1
        }

        private func finishCell() {
            inCell = false
            guard let cell = decodedCell() else { return }
            guard cellRow < maxRows else {
                return fail(.tooManyRows(sheet: sheet, row: cellRow + 1, limit: maxRows))
            }
            guard cellColumn < maxColumns else {
                return fail(.tooManyColumns(sheet: sheet, reference: reference, limit: maxColumns))
            }
            while rows.count <= cellRow { rows.append([]) }
            let missing = cellColumn + 1 - rows[cellRow].count
            if missing > 0 { rows[cellRow].append(contentsOf: repeatElement(nil, count: missing)) }
            rows[cellRow][cellColumn] = cell
        }

        private var reference: String {
            XLSXCellReference(row: cellRow, column: cellColumn)?.a1 ?? "?"
        }

        /// The cell's value by its type attribute; nil for an empty cell. Empty text is empty.
        private func decodedCell() -> XLSXCell? {
            let raw = value ?? ""
            let trimmed = XMLText.trimmedASCII(raw)
            switch cellType {
            case "s":
                guard value != nil else { return nil }
                guard let index = Int(trimmed), sharedStrings.indices.contains(index) else {
                    fail(.invalidCellValue(sheet: sheet, reference: reference, value: raw))
                    return nil
                }
                return text(sharedStrings[index])
            case "inlineStr":
                return text(XMLText.decodingEscapes(inlineText ?? raw))
            case "str":
                return text(XMLText.decodingEscapes(raw))
            case "b":
                switch trimmed.lowercased() {
                case "": return nil
                case "1", "true": return .bool(true)
                case "0", "false": return .bool(false)
                default:
                    fail(.invalidCellValue(sheet: sheet, reference: reference, value: raw))
                    return nil
                }
            case "e":
                return trimmed.isEmpty ? nil : .error(String(trimmed))
            case nil, "n":
                guard !trimmed.isEmpty else { return nil }
                guard let number = Double(trimmed), number.isFinite else {
                    fail(.invalidCellValue(sheet: sheet, reference: reference, value: raw))
                    return nil
                }
                return .number(number)
            default:
                // "d" (ISO 8601 date) and anything unknown: keep the text as written.
                return text(XMLText.decodingEscapes(raw))
            }
        }

        private func text(_ string: String) -> XLSXCell? {
            string.isEmpty ? nil : .text(string)
        }
    }
}
