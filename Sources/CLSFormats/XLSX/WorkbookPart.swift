import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// What `xl/workbook.xml` says: the sheets in tab order and the date system.
struct WorkbookPart {
    struct SheetEntry: Equatable {
        let name: String
        let relationshipID: String
        let isHidden: Bool
    }

    var sheets: [SheetEntry] = []
    var usesDate1904 = false
    /// False when the part is some other document (a .docx's main part, say).
    var isWorkbook = false

    static func parse(_ data: Data, part: String, maxSheets: Int) throws -> WorkbookPart {
        let handler = Handler(maxSheets: maxSheets)
        try SafeXML.parse(data, part: part, with: handler)
        return handler.workbook
    }

    private final class Handler: XMLPartHandler {
        let maxSheets: Int
        var workbook = WorkbookPart()

        init(maxSheets: Int) { self.maxSheets = maxSheets }

        override func start(_ name: Substring, attributes: [String: String]) {
            switch name {
            case "workbook":
                workbook.isWorkbook = true
            case "workbookPr":
                let flag = SafeXML.attribute(attributes, "date1904")?.lowercased()
                workbook.usesDate1904 = flag == "1" || flag == "true"
            case "sheet":
                guard workbook.sheets.count < maxSheets else { return fail(.tooManySheets(limit: maxSheets)) }
                // The relationship id is `r:id`; the prefix is whatever the writer bound.
                guard let name = SafeXML.attribute(attributes, "name"),
                      let id = attributes["r:id"] ?? SafeXML.attribute(attributes, "id") else {
                    return fail(.corruptArchive(detail: "feuille sans nom ni référence dans « \(part) »"))
                }
                let state = SafeXML.attribute(attributes, "state") ?? "visible"
                workbook.sheets.append(SheetEntry(name: name, relationshipID: id, isHidden: state != "visible"))
            default:
                break
            }
        }
    }
}
