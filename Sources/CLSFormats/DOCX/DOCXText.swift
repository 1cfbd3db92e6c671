import Foundation

/// The text of a .docx, paragraph by paragraph (tables cell by cell, each cell's paragraphs in
/// turn; line breaks as "\n"), read with the same bounded zip and XML readers as workbooks: what
/// the tests read back from the documents CLS Pilot writes.
public enum DOCXText {
    public static func paragraphs(of data: Data, limits: XLSXLimits = XLSXLimits()) throws -> [String] {
        let directory = try ZipDirectory(data: data, maxEntries: limits.maxEntries)
        let extractor = ZipExtractor(directory: directory, limits: limits)
        guard let xml = try extractor.contents(of: "word/document.xml") else {
            throw XLSXError.missingPart(path: "word/document.xml")
        }
        let handler = Handler()
        try SafeXML.parse(xml, part: "word/document.xml", with: handler)
        return handler.paragraphs
    }

    /// The names of the package's parts, to check a document has those Word requires.
    public static func partNames(of data: Data, limits: XLSXLimits = XLSXLimits()) throws -> [String] {
        try ZipDirectory(data: data, maxEntries: limits.maxEntries).entries.map(\.path)
    }

    private final class Handler: XMLPartHandler {
        var paragraphs: [String] = []
        private var current: String?
        private var inText = false

        override func start(_ name: Substring, attributes: [String: String]) {
            switch name {
            case "p": current = ""
            case "t": inText = true
            case "br" where current != nil && attributes.values.allSatisfy({ $0 != "page" }): current? += "\n"
            case "tab" where current != nil: current? += "\t"
            default: break
            }
        }

        override func end(_ name: Substring) {
            switch name {
            case "p":
                if let current { paragraphs.append(current) }
                current = nil
            case "t": inText = false
            default: break
            }
        }

        override func characters(_ text: String) {
            if inText { current? += text }
        }
    }
}
