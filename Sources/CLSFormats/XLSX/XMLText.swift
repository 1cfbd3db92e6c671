import Foundation

/// Text as SpreadsheetML stores it: XML escaping for the writer, and the `_xHHHH_` escapes
/// (ECMA-376 ST_Xstring) both ways, which Excel uses for characters XML cannot carry.
enum XMLText {
    /// Escapes &, <, > and " (for element content and double-quoted attributes alike) and drops
    /// what XML 1.0 forbids (controls other than tab and line feed, U+FFFE, U+FFFF). Carriage
    /// returns become line feeds: parsers would do so anyway, and cells break lines with "\n".
    static func escaped(_ text: String) -> String {
        guard needsEscaping(text) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var previousWasCarriageReturn = false
        for scalar in text.unicodeScalars {
            defer { previousWasCarriageReturn = scalar == "\r" }
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "\r": result += "\n"
            case "\n": if !previousWasCarriageReturn { result += "\n" }
            case "\t": result.unicodeScalars.append(scalar)
            default:
                if isAllowedInXML(scalar) { result.unicodeScalars.append(scalar) }
            }
        }
        return result
    }

    /// The longest prefix of whole characters fitting in `length` UTF-16 code units (the unit
    /// Excel counts in).
    static func prefix(_ text: String, utf16Length length: Int) -> String {
        guard text.utf16.count > length else { return text }
        var used = 0
        var end = text.startIndex
        for index in text.indices {
            let size = text[index].utf16.count
            if used + size > length { break }
            used += size
            end = text.index(after: index)
        }
        return String(text[..<end])
    }

    /// Byte scans: the common text needs no work, and Foundation's `contains` and
    /// `trimmingCharacters` bridge through NSString on Linux (they were most of the time spent).
    static func needsEscaping(_ text: String) -> Bool {
        text.utf8.contains { byte in
            switch byte {
            case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "\r"): return true
            case 0x09, 0x0A: return false
            case ..<0x20: return true
            case 0xEF: return true // U+FFFE and U+FFFF are EF BF BE/BF; check those the slow way
            default: return false
            }
        }
    }

    static func mayContainEscape(_ text: String) -> Bool {
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if previous == UInt8(ascii: "_"), byte == UInt8(ascii: "x") { return true }
            previous = byte
        }
        return false
    }

    static func containsLineBreak(_ text: String) -> Bool {
        text.utf8.contains { $0 == 0x0A || $0 == 0x0D }
    }

    /// Trims ASCII spaces, tabs and line breaks (what may surround a number in `<v>`).
    static func trimmedASCII(_ text: String) -> Substring {
        let utf8 = text.utf8
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        guard let first = utf8.firstIndex(where: { !isSpace($0) }), let last = utf8.lastIndex(where: { !isSpace($0) }) else {
            return Substring()
        }
        return Substring(text[first...last])
    }

    static func isAllowedInXML(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: return true
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }

    /// Protects a literal "_x0041_" in cell text so Excel does not read it as "A": its
    /// underscore is itself written as "_x005F_".
    static func protectingEscapes(_ text: String) -> String {
        guard mayContainEscape(text) else { return text }
        let scalars = Array(text.unicodeScalars)
        var result = String.UnicodeScalarView()
        for index in scalars.indices {
            if escapeValue(in: scalars, at: index) != nil { result.append(contentsOf: "_x005F".unicodeScalars) }
            result.append(scalars[index])
        }
        return String(result)
    }

    /// Decodes "_xHHHH_" escapes ("_x000D_" is a carriage return, "_x005F_" an underscore).
    static func decodingEscapes(_ text: String) -> String {
        guard mayContainEscape(text) else { return text }
        let scalars = Array(text.unicodeScalars)
        var result = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            if let value = escapeValue(in: scalars, at: index) {
                if let scalar = Unicode.Scalar(value) { result.append(scalar) }
                index += 7
            } else {
                result.append(scalars[index])
                index += 1
            }
        }
        return String(result)
    }

    /// The code unit of an "_xHHHH_" escape starting at `index`, if there is one.
    private static func escapeValue(in scalars: [Unicode.Scalar], at index: Int) -> UInt32? {
        guard index + 7 <= scalars.count, scalars[index] == "_", scalars[index + 1] == "x", scalars[index + 6] == "_" else {
            return nil
        }
        var value: UInt32 = 0
        for scalar in scalars[(index + 2)..<(index + 6)] {
            guard scalar.isASCII, let digit = UInt32(String(scalar), radix: 16) else { return nil }
            value = value << 4 | digit
        }
        return value
    }
}
