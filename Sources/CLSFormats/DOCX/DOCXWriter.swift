import Foundation

/// Writes a `DOCXDocument` as a .docx package: the parts and relationships Word requires
/// (`[Content_Types].xml`, `_rels/.rels`, `word/document.xml` with its relationships, styles,
/// numbering for bullets, settings, and the document's properties), in French (`fr-FR`), A4
/// portrait with 2.5 cm margins, page numbers in the footer. The output is reproducible: the same
/// document gives the same bytes.
public enum DOCXWriter {
    public static func write(_ document: DOCXDocument, author: String = "CLS Pilot", created: Date? = nil) throws -> Data {
        let body = document.blocks.map(DOCXBodyXML.block).joined()
        let parts: [(path: String, data: Data)] = [
            ("[Content_Types].xml", DOCXPackageXML.contentTypes),
            ("_rels/.rels", DOCXPackageXML.rootRelationships),
            ("docProps/core.xml", DOCXPackageXML.core(title: document.title, author: author, created: created ?? ZipPackageWriter.fixedDate)),
            ("docProps/app.xml", DOCXPackageXML.app),
            ("word/document.xml", Data(DOCXBodyXML.document(body: body).utf8)),
            ("word/_rels/document.xml.rels", DOCXPackageXML.documentRelationships),
            ("word/styles.xml", DOCXPackageXML.styles),
            ("word/numbering.xml", DOCXPackageXML.numbering),
            ("word/settings.xml", DOCXPackageXML.settings),
            ("word/footer1.xml", DOCXPackageXML.footer),
        ]
        return try ZipPackageWriter.archive(parts)
    }
}

/// The body of `word/document.xml`, block by block.
enum DOCXBodyXML {
    static let namespaces = #"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#

    static func document(body: String) -> String {
        PackageXML.declaration + "<w:document \(namespaces)><w:body>" + body
            + #"<w:sectPr><w:footerReference w:type="default" r:id="rIdFooter1"/><w:pgSz w:w="11906" w:h="16838"/>"#
            + #"<w:pgMar w:top="1417" w:right="1417" w:bottom="1417" w:left="1417" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr>"#
            + "</w:body></w:document>"
    }

    static func block(_ block: DOCXBlock) -> String {
        switch block {
        case .title(let text): return paragraph([DOCXRun(text)], style: "Title")
        case .subtitle(let text): return paragraph([DOCXRun(text)], style: "Subtitle")
        case .heading(let level, let text): return paragraph([DOCXRun(text)], style: "Heading\(min(max(level, 1), 3))")
        case .paragraph(let runs, let alignment): return paragraph(runs, alignment: alignment)
        case .bullets(let items):
            return items.map { paragraph([DOCXRun($0)], style: "ListParagraph", numbered: true) }.joined()
        case .field(let label, let value):
            return paragraph([DOCXRun(label + " : ", bold: true), DOCXRun(value)])
        case .table(let header, let rows, let widths): return table(header: header, rows: rows, widths: widths)
        case .pageBreak: return #"<w:p><w:r><w:br w:type="page"/></w:r></w:p>"#
        }
    }

    static func paragraph(_ runs: [DOCXRun], style: String? = nil, alignment: DOCXAlignment = .left, numbered: Bool = false) -> String {
        var properties = ""
        if let style { properties += #"<w:pStyle w:val="\#(style)"/>"# }
        if numbered { properties += #"<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>"# }
        if alignment != .left { properties += #"<w:jc w:val="\#(alignment.rawValue)"/>"# }
        let head = properties.isEmpty ? "<w:p>" : "<w:p><w:pPr>\(properties)</w:pPr>"
        return head + runs.map(run).joined() + "</w:p>"
    }

    /// A run; each line break of its text becomes `<w:br/>`.
    static func run(_ run: DOCXRun) -> String {
        var properties = ""
        if run.bold { properties += "<w:b/>" }
        if run.italic { properties += "<w:i/>" }
        let head = properties.isEmpty ? "<w:r>" : "<w:r><w:rPr>\(properties)</w:rPr>"
        let lines = run.text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        let texts = lines.map { #"<w:t xml:space="preserve">\#(XMLText.escaped(String($0)))</w:t>"# }
        return head + texts.joined(separator: "<w:br/>") + "</w:r>"
    }

    /// The text width of an A4 page with 2.5 cm margins, in twentieths of a point.
    static let textWidth = 9072

    static func table(header: [String], rows: [[String]], widths: [Int]?) -> String {
        let columns = max(header.count, rows.map(\.count).max() ?? 0)
        guard columns > 0 else { return "" }
        let weights = widths.flatMap { $0.count == columns ? $0 : nil } ?? Array(repeating: 1, count: columns)
        let total = max(1, weights.reduce(0, +))
        let twips = weights.map { textWidth * $0 / total }
        var xml = #"<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="5000" w:type="pct"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>"#
        xml += twips.map { #"<w:gridCol w:w="\#($0)"/>"# }.joined() + "</w:tblGrid>"
        func row(_ cells: [String], isHeader: Bool) -> String {
            var row = isHeader ? "<w:tr><w:trPr><w:tblHeader/></w:trPr>" : "<w:tr>"
            for index in 0..<columns {
                let text = index < cells.count ? cells[index] : ""
                row += #"<w:tc><w:tcPr><w:tcW w:w="\#(twips[index])" w:type="dxa"/></w:tcPr>"#
                    + paragraph([DOCXRun(text, bold: isHeader)]) + "</w:tc>"
            }
            return row + "</w:tr>"
        }
        if !header.isEmpty { xml += row(header, isHeader: true) }
        for cells in rows { xml += row(cells, isHeader: false) }
        return xml + "</w:tbl>" + #"<w:p/>"#
    }
}
