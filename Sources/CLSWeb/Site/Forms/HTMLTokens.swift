import LeafKit

/// The HTML of a page our templates rendered, cut into tags and the text between them, so that a
/// form can be given back its values without a template knowing it. Enough for well-formed HTML
/// written by Leaf (attribute values quoted and escaped); comments, scripts and styles are kept
/// as text, and every token keeps its source so that what is not changed is written back as it was.
struct HTMLTokens {
    enum Token {
        case text(Substring)
        case tag(HTMLTag)
    }

    private(set) var tokens: [Token] = []

    init(_ html: String) {
        var index = html.startIndex
        var textStart = index
        func flushText(upTo end: String.Index) {
            if textStart < end { tokens.append(.text(html[textStart..<end])) }
        }
        while let open = html[index...].firstIndex(of: "<") {
            let rest = html[open...]
            if rest.hasPrefix("<!--") {
                // A comment is text: skipped whole.
                index = rest.range(of: "-->").map(\.upperBound) ?? html.endIndex
                continue
            }
            guard let tag = HTMLTag(parsing: rest) else {
                index = html.index(after: open)
                continue
            }
            flushText(upTo: open)
            tokens.append(.tag(tag))
            index = tag.source.endIndex
            textStart = index
            // Raw text elements: their content is never markup.
            if !tag.isClosing, ["script", "style", "textarea"].contains(tag.name) {
                let closing = html[index...].range(of: "</\(tag.name)", options: .caseInsensitive)?.lowerBound ?? html.endIndex
                flushText(upTo: closing)
                index = closing
                textStart = closing
            }
        }
        flushText(upTo: html.endIndex)
    }

    var html: String { tokens.html }
}

extension [HTMLTokens.Token] {
    var html: String {
        reduce(into: "") { result, token in
            switch token {
            case .text(let text): result += text
            case .tag(let tag): result += tag.html
            }
        }
    }
}

/// One start or end tag, with its attributes as written (values still escaped).
struct HTMLTag {
    let name: String
    let isClosing: Bool
    let source: Substring
    private(set) var attributes: [(name: String, rawValue: String?)]
    private(set) var isChanged = false

    init?(parsing text: Substring) {
        var index = text.index(after: text.startIndex)
        let isClosing = index < text.endIndex && text[index] == "/"
        if isClosing { index = text.index(after: index) }
        guard index < text.endIndex, text[index].isLetter else { return nil }
        let nameStart = index
        while index < text.endIndex, text[index].isLetter || text[index].isNumber { index = text.index(after: index) }
        name = text[nameStart..<index].lowercased()
        self.isClosing = isClosing
        attributes = []
        while true {
            while index < text.endIndex, text[index].isWhitespace || text[index] == "/" { index = text.index(after: index) }
            guard index < text.endIndex else { return nil }
            if text[index] == ">" { break }
            let attributeStart = index
            while index < text.endIndex, !text[index].isWhitespace, !"=>/".contains(text[index]) { index = text.index(after: index) }
            let attribute = text[attributeStart..<index].lowercased()
            guard index < text.endIndex else { return nil }
            var value: String?
            if text[index] == "=" {
                index = text.index(after: index)
                guard index < text.endIndex else { return nil }
                if text[index] == "\"" || text[index] == "'" {
                    let quote = text[index]
                    let valueStart = text.index(after: index)
                    guard let end = text[valueStart...].firstIndex(of: quote) else { return nil }
                    value = String(text[valueStart..<end])
                    index = text.index(after: end)
                } else {
                    let valueStart = index
                    while index < text.endIndex, !text[index].isWhitespace, text[index] != ">" { index = text.index(after: index) }
                    value = String(text[valueStart..<index])
                }
            }
            if !attribute.isEmpty { attributes.append((attribute, value)) }
        }
        source = text[text.startIndex...index]
    }

    /// An attribute's value, unescaped.
    func attribute(_ name: String) -> String? {
        attributes.first { $0.name == name }.map { HTMLText.unescape($0.rawValue ?? "") }
    }

    func has(_ name: String) -> Bool { attributes.contains { $0.name == name } }

    /// Sets an attribute to a plain value (escaped here), or to a bare attribute when nil.
    mutating func set(_ name: String, to value: String?) {
        let raw = value.map { $0.htmlEscaped() }
        if let position = attributes.firstIndex(where: { $0.name == name }) {
            attributes[position].rawValue = raw
        } else {
            attributes.append((name, raw))
        }
        isChanged = true
    }

    mutating func remove(_ name: String) {
        guard has(name) else { return }
        attributes.removeAll { $0.name == name }
        isChanged = true
    }

    /// Adds a word to a space-separated attribute (class, aria-describedby).
    mutating func append(_ word: String, to name: String) {
        let words = (attribute(name) ?? "").split(separator: " ").map(String.init)
        guard !words.contains(word) else { return }
        set(name, to: (words + [word]).joined(separator: " "))
    }

    var html: String {
        guard isChanged else { return String(source) }
        let written = attributes.map { attribute in
            attribute.rawValue.map { "\(attribute.name)=\"\($0)\"" } ?? attribute.name
        }
        return "<" + ([name] + written).joined(separator: " ") + ">"
    }
}

/// Reading text and attribute values that Leaf escaped (writing them is `htmlEscaped()`).
enum HTMLText {
    static func unescape(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var result = ""
        var rest = Substring(text)
        while let ampersand = rest.firstIndex(of: "&") {
            result += rest[..<ampersand]
            let entity = rest[ampersand...]
            guard let semicolon = entity.prefix(10).firstIndex(of: ";") else {
                result.append("&")
                rest = rest[rest.index(after: ampersand)...]
                continue
            }
            let name = entity[entity.index(after: ampersand)..<semicolon]
            if let character = character(for: name) {
                result.append(character)
                rest = rest[rest.index(after: semicolon)...]
            } else {
                result.append("&")
                rest = rest[rest.index(after: ampersand)...]
            }
        }
        return result + rest
    }

    private static func character(for entity: Substring) -> Character? {
        switch entity {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        case "nbsp": return "\u{00A0}"
        default:
            let number: UInt32?
            if entity.hasPrefix("#x") || entity.hasPrefix("#X") { number = UInt32(entity.dropFirst(2), radix: 16) }
            else if entity.hasPrefix("#") { number = UInt32(entity.dropFirst()) }
            else { number = nil }
            return number.flatMap(Unicode.Scalar.init).map(Character.init)
        }
    }
}
