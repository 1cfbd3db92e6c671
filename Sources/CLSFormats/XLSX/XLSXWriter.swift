import Foundation

/// Writes a minimal, valid .xlsx workbook (Excel, LibreOffice, Numbers) from sheets of values.
///
/// What it writes: shared strings (accents, quotes, line breaks, "&<>" escaped; characters XML
/// forbids dropped), numbers, booleans, bold header rows, column widths, frozen panes, hidden
/// sheets and drop-down lists. What it never writes: formulas — every cell is data, so a value
/// such as "=HYPERLINK(…)" from a user is shown as text, not run.
///
///     var sheet = XLSXWriter.Sheet(name: "Actions", headerRowCount: 1, frozenRowCount: 1)
///     sheet.append(texts: ["Titre", "Statut"])
///     sheet.append([.text("Prévention"), .number(3)])
///     let data = try XLSXWriter(sheets: [sheet]).data()
public struct XLSXWriter: Sendable {
    public var sheets: [Sheet]

    public init(sheets: [Sheet] = []) {
        self.sheets = sheets
    }

    public mutating func append(_ sheet: Sheet) { sheets.append(sheet) }

    /// The names the sheets will have in the file: valid for Excel and unique.
    public var sheetNames: [String] { SheetNames.resolved(sheets.map(\.name)) }

    /// A name Excel accepts: at most 31 characters, `[ ] : * ? / \` replaced by "-", no leading
    /// or trailing apostrophe. Uniqueness is settled when several sheets are written.
    public static func sheetName(_ name: String) -> String {
        SheetNames.sanitized(name, position: 0)
    }

    /// The .xlsx file.
    public func data() throws -> Data {
        guard !sheets.isEmpty else { throw XLSXError.noSheetToWrite }
        guard let activeTab = sheets.firstIndex(where: { !$0.isHidden }) else {
            throw XLSXError.invalidWriterInput(detail: "au moins une feuille doit rester visible.")
        }
        let names = sheetNames
        let finalName: (String) -> String? = { requested in
            if let index = sheets.firstIndex(where: { $0.name == requested }) { return names[index] }
            return names.first { $0 == requested }
        }
        let sharedStrings = SharedStringTable()
        var sheetParts: [(path: String, data: Data)] = []
        for (index, sheet) in sheets.enumerated() {
            let xml = try WorksheetXML(sheet: sheet, name: names[index], isSelected: index == activeTab,
                                       sharedStrings: sharedStrings, finalName: finalName).xml()
            sheetParts.append(("xl/worksheets/sheet\(index + 1).xml", Data(xml.utf8)))
        }
        let parts: [(path: String, data: Data)] = [
            ("[Content_Types].xml", Data(PackageXML.contentTypes(sheetCount: sheets.count).utf8)),
            ("_rels/.rels", Data(PackageXML.rootRelationships.utf8)),
            ("xl/workbook.xml", Data(PackageXML.workbook(names: names, hidden: sheets.map(\.isHidden), activeTab: activeTab).utf8)),
            ("xl/_rels/workbook.xml.rels", Data(PackageXML.workbookRelationships(sheetCount: sheets.count).utf8)),
            ("xl/styles.xml", Data(PackageXML.styles.utf8)),
            ("xl/sharedStrings.xml", Data(sharedStrings.xml.utf8)),
        ] + sheetParts
        return try ZipPackageWriter.archive(parts)
    }

    /// Writes the .xlsx file to disk, replacing any file there.
    public func write(to url: URL) throws {
        let data = try data()
        do {
            try data.write(to: url, options: .atomic)
        } catch {
            throw XLSXError.invalidWriterInput(detail: "le fichier « \(url.lastPathComponent) » n'a pas pu être enregistré.")
        }
    }
}
