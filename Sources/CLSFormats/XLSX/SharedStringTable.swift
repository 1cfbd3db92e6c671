import Foundation

/// The strings of a workbook being written, each stored once in `xl/sharedStrings.xml` and
/// referenced by index from cells: exports repeat the same statuses, communes and names, and
/// a cell then costs about 30 bytes instead of 70 (what keeps an export re-importable within
/// `XLSXLimits.maxUncompressedBytes`). Shared strings are plain data, never formulas.
final class SharedStringTable {
    private var indexByText: [String: Int] = [:]
    private(set) var texts: [String] = []
    private(set) var referenceCount = 0

    /// The index of already-escaped-for-Excel text (see `WorksheetXML`).
    func index(of text: String) -> Int {
        referenceCount += 1
        if let index = indexByText[text] { return index }
        let index = texts.count
        texts.append(text)
        indexByText[text] = index
        return index
    }

    var xml: String {
        var xml = PackageXML.declaration
        xml += "<sst xmlns=\"\(PackageXML.mainNamespace)\" count=\"\(referenceCount)\" uniqueCount=\"\(texts.count)\">"
        for text in texts {
            // Spaces at either end or line breaks are kept only with xml:space="preserve".
            let needsPreserve = text.first.map(\.isWhitespace) == true || text.last.map(\.isWhitespace) == true
                || XMLText.containsLineBreak(text)
            xml += needsPreserve ? "<si><t xml:space=\"preserve\">\(text)</t></si>" : "<si><t>\(text)</t></si>"
        }
        return xml + "</sst>"
    }
}
