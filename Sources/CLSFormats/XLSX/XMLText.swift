import Foundation

/// Text as SpreadsheetML stores it: XML escaping for the writer, and the `_xHHHH_` escapes
/// (ECMA-376 ST_Xstring) both ways, which Excel uses for characters XML cannot carry.
enum XMLText {
    /// Escapes for element content and double-quoted attribute values alike (&, <, >, "), and drops what XML 1.0 forbids
    /// (controls other than tab and line feed, U+FFFE, U+FFFF). Carriage returns become line
    /// feeds: XML parsers would turn them into line feeds anyway, and cells break lines with "\n".
    static func escaped(_ text: String) -> String {
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
        guard text.contains("_x") else { return text }
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
        guard text.contains("_x") else { return text }
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
