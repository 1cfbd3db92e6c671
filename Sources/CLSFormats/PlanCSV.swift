import CLSCore
import Foundation

/// The programme as CSV: the same columns and rows as the spreadsheet export (its plan sheet,
/// headers and data, without the section-title and hint rows), for tools that do not read .xlsx.
public enum PlanCSV {
    public static func write(_ document: PlanDocument, themes: [Theme] = Theme.defaults) -> Data {
        var csv = CSVWriter()
        // The spreadsheet writer owns the layout; reading its plan sheet back keeps one definition of it.
        guard let workbook = try? XLSXWorkbook(data: PlanSpreadsheetWriter.write(document, title: "Programme", themes: themes)),
              let sheet = workbook.sheets.first else { return csv.data }
        for (index, row) in sheet.rows.enumerated() where index == PlanSpreadsheetFormat.headerRow || index > PlanSpreadsheetFormat.headerRow + 1 {
            csv.append((0..<sheet.columnCount).map { column in row.indices.contains(column) ? row[column]?.stringValue ?? "" : "" })
        }
        return csv.data
    }
}
