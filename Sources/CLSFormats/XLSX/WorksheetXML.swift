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
        var xml = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        xml += #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#
        xml += "<dimension ref=\"\(dimension)\"/>"
        xml += sheetViews
        xml += #"<sheetFormatPr defaultRowHeight="15"/>"#
        xml += try columns
        xml += sheetData
        xml += try dataValidations
        xml += #"<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>"#
        xml += "</worksheet>"
        return xml
    }

    private func checkGrid() throws {
        let widest = sheet.rows.map(\.count).max() ?? 0
        guard sheet.rows.count <= XLSXCellReference.gridRows, widest <= XLSXCellReference.gridColumns,
              sheet.frozenRowCount >= 0, sheet.frozenColumnCount >= 0,
              sheet.frozenRowCount < XLSXCellReference.gridRows, sheet.frozenColumnCount < XLSXCellReference.gridColumns else {
            throw XLSXError.invalidWriterInput(detail: "la feuille « \(name) » dépasse la grille d'Excel (1 048 576 lignes, 16 384 colonnes).")
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
            xml += "<row r=\"\(number)\">"
            for (columnIndex, cell) in row.enumerated() {
                guard let cell else { continue }
                xml += self.cell(cell, reference: letters[columnIndex] + number, bold: bold)
            }
            xml += "</row>"
        }
        return xml + "</sheetData>"
    }

    private func cell(_ cell: XLSXCell, reference: String, bold: Bool) -> String {
        func style(wrapped: Bool) -> String {
            let style: Style = bold ? (wrapped ? .boldWrapped : .bold) : (wrapped ? .wrapped : .plain)
            return style == .plain ? "" : " s=\"\(style.rawValue)\""
        }
        switch cell {
        case .text(let text):
            return sharedString(text, reference: reference, style: style(wrapped: text.contains(where: \.isNewline)))
        case .number(let value) where value.isFinite:
            return "<c r=\"\(reference)\"\(style(wrapped: false))><v>\(WorksheetXML.number(value))</v></c>"
        case .number:
            // Excel cannot store NaN or infinity: it shows such a result as #NUM!.
            return "<c r=\"\(reference)\"\(style(wrapped: false)) t=\"e\"><v>#NUM!</v></c>"
        case .bool(let flag):
            return "<c r=\"\(reference)\"\(style(wrapped: false)) t=\"b\"><v>\(flag ? 1 : 0)</v></c>"
        case .error(let code) where WorksheetXML.errorCodes.contains(code):
            return "<c r=\"\(reference)\"\(style(wrapped: false)) t=\"e\"><v>\(code)</v></c>"
        case .error(let code):
            return sharedString(code, reference: reference, style: style(wrapped: false))
        }
    }

    private func sharedString(_ text: String, reference: String, style: String) -> String {
        var text = text
        // Excel refuses a cell longer than 32,767 characters: cut, and say so with an ellipsis.
        if text.utf16.count > WorksheetXML.maxTextLength {
            text = XMLText.prefix(text, utf16Length: WorksheetXML.maxTextLength - 1) + "…"
        }
        let escaped = XMLText.escaped(XMLText.protectingEscapes(text))
        guard !escaped.isEmpty else { return "" }
        return "<c r=\"\(reference)\"\(style) t=\"s\"><v>\(sharedStrings.index(of: escaped))</v></c>"
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
