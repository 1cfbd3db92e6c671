import CLSCore
import Foundation

/// Reading the producers' formatted workbooks (title rows, merged headings, one sheet per year or
/// per cause): cells as numbers or words, and refusals naming file, sheet, row and column.
struct PublishedWorkbook {
    let fileName: String
    let workbook: XLSXWorkbook

    init(data: Data, fileName: String) throws {
        self.fileName = fileName
        workbook = try XLSXWorkbook(data: data)
    }

    static func text(_ cell: XLSXCell?) -> String {
        guard let cell else { return "" }
        return cell.stringValue.trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: "\"")))
    }

    /// "B" for column 1.
    static func columnName(_ column: Int) -> String {
        var name = "", index = column + 1
        while index > 0 {
            let remainder = (index - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + remainder))) + name
            index = (index - 1) / 26
        }
        return name
    }

    func invalid(_ sheet: XLSXSheet, row: Int, column: Int, expected: String) -> TerritoryFileError {
        .invalidValue(file: "\(fileName) › \(sheet.name)", line: row + 1, column: Self.columnName(column),
                      value: Self.text(sheet.cell(row: row, column: column)), expected: expected)
    }

    /// A count or a rate: a number, or nil when the cell is empty.
    func number(_ sheet: XLSXSheet, row: Int, column: Int) throws -> Double? {
        guard let cell = sheet.cell(row: row, column: column) else { return nil }
        if let number = cell.numberValue, number.isFinite, number >= 0 { return number }
        let text = Self.text(cell).replacingOccurrences(of: ",", with: ".").replacingOccurrences(of: "\u{00A0}", with: "").replacingOccurrences(of: " ", with: "")
        if text.isEmpty { return nil }
        guard let number = Double(text), number.isFinite, number >= 0 else {
            throw invalid(sheet, row: row, column: column, expected: "un nombre positif")
        }
        return number
    }

    /// A region named in words ("Auvergne-Rhône-Alpes", "La Réunion", "France "): its code, or
    /// "FR" for France.
    static func regionCode(named name: String) -> String? {
        func key(_ text: String) -> String {
            String(text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: Locale(identifier: "fr_FR")).lowercased().filter(\.isLetter))
        }
        func withoutArticle(_ key: String) -> String { key.hasPrefix("la") ? String(key.dropFirst(2)) : key }
        let wanted = key(name)
        if wanted == "france" || wanted == "francemetropolitaineetdom" { return "FR" }
        return AdministrativeAreas.regions.first { key($0.name) == wanted || withoutArticle(key($0.name)) == withoutArticle(wanted) }?.code
    }
}
