import Foundation

/// Writes one `xl/worksheets/sheetN.xml`. Elements follow the order the schema (CT_Worksheet)
/// requires, or Excel reports the file as damaged.
///
/// Cells are data only: text is a shared string (`t="s"`), never a formula, so "=HYPERLINK(…)"
/// typed by a user stays text when the export is opened.
struct WorksheetXML {
    /// Style indices in `PackageXML.styles`.
    enum Style: Int {
        case plain = 0, bold = 1, wrapped = 2, boldWrapped = 3
    }

    static let maxTextLength = 32_767
    static let errorCodes: Set<String> = ["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA"]

    let sheet: XLSXWriter.Sheet
    let name: String
    let isSelected: Bool
    let sharedStrings: SharedStringTable
    /// Resolves a list source's sheet (given by its requested or final name) to its final name.
    let finalName: (String) -> String?

    func xml() throws -> String {
        try checkGrid()
        var xml = PackageXML.declaration
        xml += "<worksheet xmlns=\"\(PackageXML.mainNamespace)\" xmlns:r=\"\(PackageXML.relationshipNamespace)\">"
        xml += "<dimension ref=\"\(dimension)\"/>"
        xml += sheetViews
        xml += #"<sheetFormatPr defaultRowHeight="15"/>"#
        xml += try columns
        xml += sheetData
        xml += try mergeCells
        xml += try dataValidations
        xml += #"<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>"#
        xml += "</worksheet>"
        return xml
    }

    /// `<mergeCells>`; overlapping blocks are refused (Excel reports the file as damaged).
    private var mergeCells: String {
        get throws {
            guard !sheet.mergedRanges.isEmpty else { return "" }
            for (index, range) in sheet.mergedRanges.enumerated() {
                for other in sheet.mergedRanges[..<index] where
                    range.first.row <= other.last.row && other.first.row <= range.last.row
                    && range.first.column <= other.last.column && other.first.column <= range.last.column {
                    throw XLSXError.invalidWriterInput(detail: "les cellules fusionnées \(range) et \(other) de la feuille « \(name) » se chevauchent.")
                }
            }
            return "<mergeCells count=\"\(sheet.mergedRanges.count)\">"
                + sheet.mergedRanges.map { "<mergeCell ref=\"\($0)\"/>" }.joined() + "</mergeCells>"
        }
    }

    private func checkGrid() throws {
        let widest = sheet.rows.map(\.count).max() ?? 0
        guard sheet.rows.count <= XLSXCellReference.gridRows, widest <= XLSXCellReference.gridColumns,
              sheet.frozenRowCount >= 0, sheet.frozenColumnCount >= 0,
              sheet.frozenRowCount < XLSXCellReference.gridRows, sheet.frozenColumnCount < XLSXCellReference.gridColumns else {
            let rows = XLSXError.count(XLSXCellReference.gridRows), columns = XLSXError.count(XLSXCellReference.gridColumns)
            throw XLSXError.invalidWriterInput(detail: "la feuille « \(name) » dépasse la grille d'Excel (\(rows) lignes, \(columns) colonnes).")
        }
    }

    private var dimension: String {
        let widest = sheet.rows.map(\.count).max() ?? 0
        guard !sheet.rows.isEmpty, widest > 0, let corner = XLSXCellReference(row: sheet.rows.count - 1, column: widest - 1) else {
            return "A1"
        }
        return "A1:" + corner.a1
    }

    private var sheetViews: String {
        let selected = isSelected ? #" tabSelected="1""# : ""
        let rows = sheet.frozenRowCount, columns = sheet.frozenColumnCount
        guard rows > 0 || columns > 0, let topLeft = XLSXCellReference(row: rows, column: columns)?.a1 else {
            return "<sheetViews><sheetView\(selected) workbookViewId=\"0\"/></sheetViews>"
        }
        var pane = "<pane"
        if columns > 0 { pane += " xSplit=\"\(columns)\"" }
        if rows > 0 { pane += " ySplit=\"\(rows)\"" }
        let active = rows > 0 && columns > 0 ? "bottomRight" : (rows > 0 ? "bottomLeft" : "topRight")
        pane += " topLeftCell=\"\(topLeft)\" activePane=\"\(active)\" state=\"frozen\"/>"
        let selection = "<selection pane=\"\(active)\" activeCell=\"\(topLeft)\" sqref=\"\(topLeft)\"/>"
        return "<sheetViews><sheetView\(selected) workbookViewId=\"0\">\(pane)\(selection)</sheetView></sheetViews>"
    }

    private var columns: String {
        get throws {
            guard !sheet.columnWidths.isEmpty else { return "" }
            var xml = "<cols>"
            for (column, width) in sheet.columnWidths.sorted(by: { $0.key < $1.key }) {
                guard (0..<XLSXCellReference.gridColumns).contains(column), width.isFinite, width > 0, width <= 255 else {
                    throw XLSXError.invalidWriterInput(detail: "la largeur de colonne \(column + 1) de la feuille « \(name) » doit être comprise entre 0 et 255.")
                }
                xml += "<col min=\"\(column + 1)\" max=\"\(column + 1)\" width=\"\(WorksheetXML.number(width))\" customWidth=\"1\"/>"
            }
            return xml + "</cols>"
        }
    }

    private var sheetData: String {
        let widest = sheet.rows.map(\.count).max() ?? 0
        let letters = (0..<widest).map(XLSXCellReference.columnName)
        var xml = "<sheetData>"
        for (rowIndex, row) in sheet.rows.enumerated() where row.contains(where: { $0 != nil }) {
            let number = String(rowIndex + 1)
            let bold = rowIndex < sheet.headerRowCount
            xml += "<row r=\""
            xml += number
            xml += "\">"
            for (columnIndex, cell) in row.enumerated() {
                guard let cell, let (type, value, wrapped) = content(of: cell) else { continue }
                // Appended piece by piece: this loop runs once per cell of an export.
                xml += "<c r=\""
                xml += letters[columnIndex]
                xml += number
                xml += "\""
                let style: Style = bold ? (wrapped ? .boldWrapped : .bold) : (wrapped ? .wrapped : .plain)
                if style != .plain { xml += " s=\"\(style.rawValue)\"" }
                if let type {
                    xml += " t=\""
                    xml += type
                    xml += "\""
                }
                xml += "><v>"
                xml += value
                xml += "</v></c>"
            }
            xml += "</row>"
        }
        return xml + "</sheetData>"
    }

    /// A cell's type attribute, `<v>` content and whether it wraps; nil for text that is empty
    /// once cleaned.
    private func content(of cell: XLSXCell) -> (type: String?, value: String, wrapped: Bool)? {
        switch cell {
        case .text(let text):
            return sharedString(text).map { ("s", $0, XMLText.containsLineBreak(text)) }
        case .number(let value) where value.isFinite:
            return (nil, WorksheetXML.number(value), false)
        case .number:
            // Excel cannot store NaN or infinity: it shows such a result as #NUM!.
            return ("e", "#NUM!", false)
        case .bool(let flag):
            return ("b", flag ? "1" : "0", false)
        case .error(let code) where WorksheetXML.errorCodes.contains(code):
            return ("e", code, false)
        case .error(let code):
            return sharedString(code).map { ("s", $0, false) }
        }
    }

    /// The shared string index of a text, as `<v>` content.
    private func sharedString(_ text: String) -> String? {
        var text = text
        // Excel refuses a cell longer than 32,767 characters: cut, and say so with an ellipsis.
        if text.utf8.count > WorksheetXML.maxTextLength, text.utf16.count > WorksheetXML.maxTextLength {
            text = XMLText.prefix(text, utf16Length: WorksheetXML.maxTextLength - 1) + "…"
        }
        let escaped = XMLText.escaped(XMLText.protectingEscapes(text))
        guard !escaped.isEmpty else { return nil }
        return String(sharedStrings.index(of: escaped))
    }

    private var dataValidations: String {
        get throws {
            guard !sheet.listValidations.isEmpty else { return "" }
            var xml = "<dataValidations count=\"\(sheet.listValidations.count)\">"
            for validation in sheet.listValidations {
                xml += try dataValidation(validation)
            }
            return xml + "</dataValidations>"
        }
    }

    private func dataValidation(_ rule: XLSXWriter.ListValidation) throws -> String {
        guard let top = XLSXCellReference(row: rule.firstRow, column: rule.column),
              let bottom = XLSXCellReference(row: rule.lastRow, column: rule.column), rule.firstRow <= rule.lastRow else {
            throw XLSXError.invalidWriterInput(detail: "une liste déroulante de la feuille « \(name) » vise des cellules hors de la grille.")
        }
        var xml = "<dataValidation type=\"list\" allowBlank=\"1\" showInputMessage=\"1\" showErrorMessage=\"1\""
        if !rule.rejectsOtherValues { xml += " errorStyle=\"warning\"" }
        if let title = rule.errorTitle { xml += " errorTitle=\"\(attribute(title, limit: 32))\"" }
        if let message = rule.errorMessage { xml += " error=\"\(attribute(message, limit: 225))\"" }
        if let prompt = rule.prompt { xml += " prompt=\"\(attribute(prompt, limit: 255))\"" }
        xml += " sqref=\"\(top.a1):\(bottom.a1)\"><formula1>\(XMLText.escaped(try formula(rule.source)))</formula1></dataValidation>"
        return xml
    }

    private func formula(_ source: XLSXWriter.ListValidation.Source) throws -> String {
        switch source {
        case .cells(let sourceSheet, let column, let firstRow, let lastRow):
            guard let resolved = finalName(sourceSheet) else {
                throw XLSXError.invalidWriterInput(detail: "la liste déroulante de la feuille « \(name) » renvoie à une feuille « \(sourceSheet) » absente du classeur.")
            }
            guard let top = XLSXCellReference(row: firstRow, column: column),
                  let bottom = XLSXCellReference(row: lastRow, column: column), firstRow <= lastRow else {
                throw XLSXError.invalidWriterInput(detail: "la liste déroulante de la feuille « \(name) » renvoie à des cellules hors de la grille.")
            }
            let letters = XLSXCellReference.columnName(column)
            return "\(SheetNames.quotedForFormula(resolved))!$\(letters)$\(top.row + 1):$\(letters)$\(bottom.row + 1)"
        case .values(let values):
            let list = values.joined(separator: ",")
            guard !values.isEmpty, values.allSatisfy({ !$0.contains(",") && !$0.contains("\"") }), list.utf16.count <= 255 else {
                throw XLSXError.invalidWriterInput(detail: "la liste déroulante de la feuille « \(name) » doit tenir en 255 caractères, sans virgule ni guillemet dans les valeurs ; placez les valeurs dans une feuille et utilisez une plage.")
            }
            return "\"" + list + "\""
        }
    }

    private func attribute(_ text: String, limit: Int) -> String {
        XMLText.escaped(XMLText.prefix(text, utf16Length: limit))
    }

    /// A number as `<v>` holds it: integers without ".0", others in Swift's shortest form that
    /// reads back to the same Double ("0.1", "1e-05").
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
