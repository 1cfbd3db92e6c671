import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads `xl/sharedStrings.xml`: one string per `<si>`, the concatenation of its `<t>` runs
/// (plain or rich text), leaving out phonetic guides (`<rPh>`, furigana) which are not cell text.
enum SharedStringsPart {
    static func parse(_ data: Data, part: String) throws -> [String] {
        let handler = Handler()
        try SafeXML.parse(data, part: part, with: handler)
        return handler.strings
    }

    private final class Handler: XMLPartHandler {
        var strings: [String] = []
        private var current = ""
        private var inItem = false
        private var inText = false
        private var phoneticDepth = 0

        override func start(_ name: Substring, attributes: [String: String]) {
            switch name {
            case "si": inItem = true; current = ""
            case "rPh": phoneticDepth += 1
            case "t": inText = inItem && phoneticDepth == 0
            default: break
            }
        }

        override func end(_ name: Substring) {
            switch name {
            case "si":
                strings.append(XMLText.decodingEscapes(current))
                inItem = false
            case "rPh": phoneticDepth -= 1
            case "t": inText = false
            default: break
            }
        }

        override func characters(_ text: String) {
            if inText { current += text }
        }
    }
}
