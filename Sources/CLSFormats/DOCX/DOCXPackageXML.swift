import Foundation

/// The fixed parts of a .docx package: content types, relationships, styles, numbering,
/// settings, footer and properties.
enum DOCXPackageXML {
    private static func data(_ xml: String) -> Data { Data((PackageXML.declaration + xml).utf8) }
    private static let main = "application/vnd.openxmlformats-officedocument.wordprocessingml"
    private static let w = #"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#

    static let contentTypes = data(
        #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
        + #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
        + #"<Default Extension="xml" ContentType="application/xml"/>"#
        + #"<Override PartName="/word/document.xml" ContentType="\#(main).document.main+xml"/>"#
        + #"<Override PartName="/word/styles.xml" ContentType="\#(main).styles+xml"/>"#
        + #"<Override PartName="/word/numbering.xml" ContentType="\#(main).numbering+xml"/>"#
        + #"<Override PartName="/word/settings.xml" ContentType="\#(main).settings+xml"/>"#
        + #"<Override PartName="/word/footer1.xml" ContentType="\#(main).footer+xml"/>"#
        + #"<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>"#
        + #"<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>"#
        + "</Types>")

    static let rootRelationships = data(
        #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        + #"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>"#
        + #"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>"#
        + #"<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>"#
        + "</Relationships>")

    static let documentRelationships = data(
        #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        + #"<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#
        + #"<Relationship Id="rIdNumbering" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>"#
        + #"<Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>"#
        + #"<Relationship Id="rIdFooter1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>"#
        + "</Relationships>")

    static func core(title: String, author: String, created: Date) -> Data {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        let stamp = formatter.string(from: created)
        return data(
            #"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#
            + "<dc:title>\(XMLText.escaped(title))</dc:title><dc:creator>\(XMLText.escaped(author))</dc:creator><dc:language>fr-FR</dc:language>"
            + #"<dcterms:created xsi:type="dcterms:W3CDTF">\#(stamp)</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">\#(stamp)</dcterms:modified>"#
            + "</cp:coreProperties>")
    }

    static let app = data(
        #"<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>CLS Pilot</Application></Properties>"#)

    static let settings = data(
        "<w:settings \(w)>" + #"<w:defaultTabStop w:val="708"/><w:characterSpacingControl w:val="doNotCompress"/><w:themeFontLang w:val="fr-FR"/>"#
        + "</w:settings>")

    /// "Page 3 sur 12", centred.
    static let footer = data(
        "<w:ftr \(w)>" + #"<w:p><w:pPr><w:pStyle w:val="Footer"/><w:jc w:val="center"/></w:pPr>"#
        + #"<w:r><w:t xml:space="preserve">Page </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>"#
        + #"<w:r><w:t xml:space="preserve"> sur </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> NUMPAGES </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>"#
        + "</w:p></w:ftr>")

    /// One bulleted list definition ("•"), numbering 1.
    static let numbering = data(
        "<w:numbering \(w)>" + #"<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum>"#
        + #"<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#)

    static let styles: Data = {
        func paragraphStyle(_ id: String, _ name: String, basedOn: String? = "Normal", paragraph: String = "", run: String, outline: Int? = nil) -> String {
            var xml = #"<w:style w:type="paragraph" w:styleId="\#(id)"><w:name w:val="\#(name)"/>"#
            if let basedOn { xml += #"<w:basedOn w:val="\#(basedOn)"/><w:next w:val="Normal"/>"# }
            xml += "<w:qFormat/><w:pPr>\(paragraph)"
            if let outline { xml += #"<w:keepNext/><w:outlineLvl w:val="\#(outline)"/>"# }
            return xml + "</w:pPr><w:rPr>\(run)</w:rPr></w:style>"
        }
        let font = #"<w:rFonts w:ascii="Liberation Sans" w:hAnsi="Liberation Sans" w:eastAsia="Liberation Sans" w:cs="Liberation Sans"/>"#
        var xml = "<w:styles \(w)>"
        xml += "<w:docDefaults><w:rPrDefault><w:rPr>\(font)"
            + #"<w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="fr-FR" w:eastAsia="fr-FR" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>"#
            + #"<w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="276" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>"#
        xml += #"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>"#
        xml += paragraphStyle("Title", "Title", paragraph: #"<w:spacing w:before="2400" w:after="480"/><w:jc w:val="center"/>"#,
                              run: #"<w:b/><w:color w:val="1F3864"/><w:sz w:val="52"/><w:szCs w:val="52"/>"#)
        xml += paragraphStyle("Subtitle", "Subtitle", paragraph: #"<w:spacing w:after="240"/><w:jc w:val="center"/>"#,
                              run: #"<w:color w:val="404040"/><w:sz w:val="28"/><w:szCs w:val="28"/>"#)
        xml += paragraphStyle("Heading1", "heading 1", paragraph: #"<w:spacing w:before="360" w:after="160"/>"#,
                              run: #"<w:b/><w:color w:val="1F3864"/><w:sz w:val="32"/><w:szCs w:val="32"/>"#, outline: 0)
        xml += paragraphStyle("Heading2", "heading 2", paragraph: #"<w:spacing w:before="240" w:after="120"/>"#,
                              run: #"<w:b/><w:color w:val="2F5496"/><w:sz w:val="26"/><w:szCs w:val="26"/>"#, outline: 1)
        xml += paragraphStyle("Heading3", "heading 3", paragraph: #"<w:spacing w:before="200" w:after="80"/>"#,
                              run: #"<w:b/><w:sz w:val="23"/><w:szCs w:val="23"/>"#, outline: 2)
        xml += paragraphStyle("ListParagraph", "List Paragraph", paragraph: #"<w:spacing w:after="60"/><w:ind w:left="720"/>"#, run: "")
        xml += paragraphStyle("Footer", "footer", run: #"<w:sz w:val="18"/><w:szCs w:val="18"/>"#)
        xml += #"<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:tblPr><w:tblBorders>"#
            + ["top", "left", "bottom", "right", "insideH", "insideV"].map { #"<w:\#($0) w:val="single" w:sz="4" w:space="0" w:color="808080"/>"# }.joined()
            + #"</w:tblBorders><w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>"#
        return data(xml + "</w:styles>")
    }()
}
