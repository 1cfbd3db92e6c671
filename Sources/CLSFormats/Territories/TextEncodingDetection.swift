import Foundation

/// The character encodings the official files come in.
public enum DelimitedTextEncoding: String, Sendable, Equatable {
    /// UTF-8 (INSEE's COG, legal populations, QPV list); a byte-order mark is allowed and dropped.
    case utf8
    /// Windows-1252 (the DGCL's EPCI composition, files saved by Excel "CSV (séparateur : point-virgule)").
    case windows1252
    /// UTF-8 when the file starts with a byte-order mark or is entirely valid UTF-8, else
    /// Windows-1252. French text in Windows-1252 (accented letters as single bytes above 0x7F)
    /// is practically never valid UTF-8, so the guess is safe for these files.
    case automatic

    /// The name users know.
    var displayName: String {
        switch self {
        case .utf8: return "UTF-8"
        case .windows1252: return "Windows-1252"
        case .automatic: return "UTF-8 ou Windows-1252"
        }
    }
}

/// Byte-level helpers: UTF-8 validation (to find the first bad byte) and Windows-1252 decoding.
/// Written by hand so that validation is one pass without building strings, and so that
/// Windows-1252 decoding does not depend on the platform's converters (which differ between
/// Linux and macOS for the five undefined bytes).
enum TextBytes {
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    static func hasByteOrderMark(_ bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
    }

    /// The offset of the first byte that does not start a valid UTF-8 sequence (overlong forms,
    /// surrogates and code points above U+10FFFF are invalid), or nil when all of `range` is valid.
    static func firstInvalidUTF8(_ bytes: UnsafeRawBufferPointer, in range: Range<Int>) -> Int? {
        var index = range.lowerBound
        let end = range.upperBound
        while index < end {
            let lead = bytes[index]
            if lead < 0x80 { index += 1; continue }
            let length: Int
            var low: UInt8 = 0x80, high: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return index
            }
            guard index + length <= end else { return index }
            let second = bytes[index + 1]
            guard second >= low, second <= high else { return index }
            var offset = 2
            while offset < length {
                guard bytes[index + offset] & 0xC0 == 0x80 else { return index }
                offset += 1
            }
            index += length
        }
        return nil
    }

    /// Windows-1252 bytes 0x80–0x9F; the five bytes the code page leaves undefined map to the
    /// C1 control of the same value, as browsers do (WHATWG Encoding Standard).
    static let windows1252High: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]

    /// Decodes UTF-8 bytes already validated (or replaces bad sequences when not).
    static func utf8String(_ bytes: UnsafeRawBufferPointer) -> String {
        String(decoding: bytes.bindMemory(to: UInt8.self), as: UTF8.self)
    }

    static func windows1252String(_ bytes: UnsafeRawBufferPointer) -> String {
        // Most fields are plain ASCII, which reads the same in UTF-8.
        var ascii = true
        for byte in bytes where byte >= 0x80 { ascii = false; break }
        if ascii { return utf8String(bytes) }
        var scalars = String.UnicodeScalarView()
        for byte in bytes {
            let value: UInt32 = (0x80...0x9F).contains(byte) ? windows1252High[Int(byte) - 0x80] : UInt32(byte)
            scalars.append(Unicode.Scalar(value)!)
        }
        return String(scalars)
    }

    /// "0xC9 0x74" for the first bytes of an invalid sequence, as a user can look them up.
    static func hexExcerpt(_ bytes: UnsafeRawBufferPointer, at offset: Int, in range: Range<Int>) -> String {
        let end = min(range.upperBound, offset + 4)
        var shown: [String] = []
        var index = offset
        while index < end {
            let byte = bytes[index]
            if index > offset, byte < 0x80 { break }
            shown.append(String(format: "0x%02X", byte))
            index += 1
        }
        return shown.joined(separator: " ")
    }
}
