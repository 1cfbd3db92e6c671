import Foundation

/// A text document as CLS Pilot writes it (the contract, its amendments, a fiche action, a yearly
/// review): a title, then blocks in reading order. `DOCXWriter` turns it into a Word file (Office
/// Open XML) that Word and LibreOffice open; `DOCXText` reads the text of one back.
public struct DOCXDocument: Equatable, Sendable {
    public var title: String
    public var blocks: [DOCXBlock]

    public init(title: String, blocks: [DOCXBlock] = []) {
        self.title = title
        self.blocks = blocks
    }

    public mutating func append(_ block: DOCXBlock) { blocks.append(block) }
    public mutating func append(contentsOf more: [DOCXBlock]) { blocks.append(contentsOf: more) }
}

/// A run of text with its emphasis.
public struct DOCXRun: Equatable, Sendable {
    public var text: String
    public var bold: Bool
    public var italic: Bool

    public init(_ text: String, bold: Bool = false, italic: Bool = false) {
        self.text = text
        self.bold = bold
        self.italic = italic
    }
}

public enum DOCXBlock: Equatable, Sendable {
    /// The document's title (style "Title"), or a subtitle under it.
    case title(String)
    case subtitle(String)
    /// A heading of level 1 to 3 (styles "Heading1"… , in the outline and the table of contents).
    case heading(Int, String)
    /// A paragraph; line breaks in a run's text are line breaks in the paragraph.
    case paragraph([DOCXRun], alignment: DOCXAlignment = .left)
    /// A bulleted list, one paragraph per item.
    case bullets([String])
    /// A table: the first row is its header, repeated on each page.
    case table(header: [String], rows: [[String]], widths: [Int]? = nil)
    /// A term and its value on one line ("Durée : 5 ans").
    case field(label: String, value: String)
    case pageBreak

    /// A paragraph of plain text.
    public static func text(_ text: String, alignment: DOCXAlignment = .left) -> DOCXBlock {
        .paragraph([DOCXRun(text)], alignment: alignment)
    }
}

public enum DOCXAlignment: String, Equatable, Sendable {
    case left, center, right, both
}
