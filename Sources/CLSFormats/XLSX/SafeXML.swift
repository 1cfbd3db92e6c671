import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Parses a workbook part with `XMLParser` (event-driven, so a sheet is never held as a tree)
/// after refusing what could make the parser dangerous.
///
/// Defence in depth against XXE and "billion laughs": any `<!DOCTYPE` or `<!ENTITY` in the bytes
/// is refused before parsing (OOXML never needs one), external entities are not resolved, and a
/// declaration reaching the delegate anyway aborts the parse. Parts must be UTF-8 (what every
/// spreadsheet writes): in UTF-16 the byte scan could not see a declaration.
///
/// Parts must also be *valid* UTF-8 and declare no other encoding. Foundation's `XMLParser` on
/// Linux force-unwraps the UTF-8 decoding of every element name, attribute name, comment and
/// processing instruction libxml2 hands it: one invalid byte in a name (`<row \u{FF}="1"/>`)
/// aborted the whole server. libxml2 passes the input's bytes through unchanged when it is
/// UTF-8, so a part that is valid UTF-8 can only yield valid UTF-8 names.
enum SafeXML {
    static func parse(_ data: Data, part: String, sheet: String? = nil, with handler: XMLPartHandler) throws {
        try check(data, part: part)
        // Fed through a stream, the parser gets the bytes in chunks: on Linux, `XMLParser(data:)`
        // hands libxml2 everything at once and fails past 10 MB ("huge input lookup").
        let parser = XMLParser(stream: InputStream(data: data))
        parser.shouldResolveExternalEntities = false
        parser.shouldProcessNamespaces = false
        parser.shouldReportNamespacePrefixes = false
        handler.part = part
        handler.parser = parser
        parser.delegate = handler
        let parsed = parser.parse()
        if let failure = handler.failure { throw failure }
        // On Linux, parse() returns true for some truncated documents (an unclosed element,
        // sometimes with `parserError` set, sometimes not): also require a closed root element.
        guard parsed, parser.parserError == nil, handler.isComplete else {
            throw XLSXError.malformedXML(part: part, sheet: sheet, line: max(1, parser.lineNumber))
        }
    }

    /// Byte-level refusal of declarations and of encodings the scan cannot read.
    static func check(_ data: Data, part: String) throws {
        let utf16Starts: [[UInt8]] = [[0xFE, 0xFF], [0xFF, 0xFE], [0x00, 0x3C], [0x3C, 0x00], [0x00, 0x00]]
        let head = Array(data.prefix(2))
        if utf16Starts.contains(head) { throw XLSXError.unsupportedEncoding(part: part) }
        // Look for "!" (rare in XML, unlike "<"), then at the bytes around it.
        let found = data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) -> Bool in
            guard let base = buffer.baseAddress else { return false }
            var offset = 0
            while offset < buffer.count, let hit = memchr(base + offset, Int32(UInt8(ascii: "!")), buffer.count - offset) {
                let position = base.distance(to: UnsafeRawPointer(hit))
                offset = position + 1
                guard position > 0, buffer[position - 1] == UInt8(ascii: "<") else { continue }
                let word = String(decoding: buffer[offset..<min(buffer.count, offset + 7)], as: UTF8.self).uppercased()
                if word.hasPrefix("DOCTYPE") || word.hasPrefix("ENTITY") { return true }
            }
            return false
        }
        if found { throw XLSXError.forbiddenXML(part: part) }
        guard isValidUTF8(data), declaresUTF8OrNothing(data) else { throw XLSXError.unsupportedEncoding(part: part) }
    }

    /// Validates in slices (no copy of a whole 100 MB part): each slice ends before a
    /// continuation byte so that no character is cut, and the standard library's validator
    /// checks it (overlong forms, surrogates and code points past U+10FFFF are refused).
    static func isValidUTF8(_ data: Data) -> Bool {
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) -> Bool in
            let bytes = buffer.bindMemory(to: UInt8.self)
            let slice = 1 << 16
            var start = 0
            while start < bytes.count {
                var end = min(bytes.count, start + slice)
                // Back up at most three continuation bytes to the start of the last character.
                var backed = 0
                while end < bytes.count, end > start, backed < 4, bytes[end] & 0xC0 == 0x80 {
                    end -= 1
                    backed += 1
                }
                if end == start || backed == 4 { return false }
                guard String(validating: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self) != nil else {
                    return false
                }
                start = end
            }
            return true
        }
    }

    /// The XML declaration, when there is one, names UTF-8 or no encoding: libxml2 would
    /// otherwise convert the bytes from another encoding, past the checks above.
    static func declaresUTF8OrNothing(_ data: Data) -> Bool {
        let head = data.prefix(200)
        guard head.starts(with: Array("<?xml".utf8)) || head.starts(with: [0xEF, 0xBB, 0xBF] + Array("<?xml".utf8)) else { return true }
        guard let close = head.firstRange(of: Array("?>".utf8)) else { return false }
        let declaration = String(decoding: head[head.startIndex..<close.lowerBound], as: UTF8.self).lowercased()
        guard let range = declaration.range(of: "encoding") else { return true }
        let rest = declaration[range.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\t" || $0 == "\"" || $0 == "'" }
        let name = rest.prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
        return name == "utf-8" || name == "utf8"
    }

    /// "x:row" → "row": SpreadsheetML may be written with any namespace prefix.
    @inline(__always)
    static func localName(_ qualified: String) -> Substring {
        let utf8 = qualified.utf8
        guard let colon = utf8.lastIndex(of: UInt8(ascii: ":")) else { return Substring(qualified) }
        return Substring(qualified[utf8.index(after: colon)...])
    }

    static func attribute(_ attributes: [String: String], _ name: String) -> String? {
        if let value = attributes[name] { return value }
        return attributes.first { localName($0.key) == name }?.value
    }
}

/// Base of the part parsers: records the first failure and stops the parse there, and hands
/// subclasses element names without their namespace prefix.
///
/// The delegate methods live here, not in subclasses: on Linux `XMLParserDelegate` is a plain
/// Swift protocol whose witnesses are fixed where the conformance is declared, so a method
/// only declared in a subclass would never be called.
class XMLPartHandler: NSObject, XMLParserDelegate {
    var part = ""
    /// Set by `SafeXML.parse` for the duration of the parse.
    weak var parser: XMLParser?
    private(set) var failure: XLSXError?
    private var depth = 0
    private var sawRoot = false

    /// True once the root element has been opened and closed.
    var isComplete: Bool { sawRoot && depth == 0 }

    // Overridden by each part parser.
    func start(_ name: Substring, attributes: [String: String]) {}
    func end(_ name: Substring) {}
    func characters(_ text: String) {}

    /// Stops the parse; the first error recorded is the one thrown.
    func fail(_ error: XLSXError) {
        if failure == nil { failure = error }
        parser?.abortParsing()
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        depth += 1
        sawRoot = true
        start(SafeXML.localName(elementName), attributes: attributeDict)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        depth -= 1
        end(SafeXML.localName(elementName))
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        characters(string)
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        characters(String(decoding: CDATABlock, as: UTF8.self))
    }

    // Declarations never reach here (the byte scan refuses them first); if one did, stop.
    func parser(_ parser: XMLParser, foundInternalEntityDeclarationWithName name: String, value: String?) {
        fail(.forbiddenXML(part: part))
    }

    func parser(_ parser: XMLParser, foundExternalEntityDeclarationWithName name: String, publicID: String?, systemID: String?) {
        fail(.forbiddenXML(part: part))
    }

    func parser(_ parser: XMLParser, foundElementDeclarationWithName elementName: String, model: String) {
        fail(.forbiddenXML(part: part))
    }

    func parser(_ parser: XMLParser, resolveExternalEntityName name: String, systemID: String?) -> Data? {
        fail(.forbiddenXML(part: part))
        return nil
    }
}
