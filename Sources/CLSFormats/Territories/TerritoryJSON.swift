import Foundation

/// JSON parsing for the reference files, with refusals in the territory readers' terms.
///
/// `JSONSerialization` parses (it is part of the platform, fast on the 4.8 MB QPV contours);
/// its error gives the offset of the fault, turned here into a line and a column.
enum TerritoryJSON {
    static let defaultMaxBytes = 64 * 1024 * 1024

    static func parse(_ data: Data, fileName: String) throws -> Any {
        var data = data
        if data.starts(with: TextBytes.byteOrderMark) { data = data.dropFirst(3) }
        guard data.contains(where: { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }) else {
            throw TerritoryFileError.emptyFile(file: fileName)
        }
        do {
            return try JSONSerialization.jsonObject(with: data)
        } catch {
            let position = errorPosition(error, in: data)
            throw TerritoryFileError.malformedJSON(file: fileName, line: position?.line, column: position?.column)
        }
    }

    /// Where the parser stopped: from "around character 14" (an offset) or "line 3, column 4".
    static func errorPosition(_ error: Error, in data: Data) -> (line: Int, column: Int)? {
        let description = ((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String) ?? "\(error)"
        if let line = number(after: "line ", in: description), let column = number(after: "column ", in: description) {
            return (line, column)
        }
        if let offset = number(after: "character ", in: description) {
            return lineAndColumn(ofOffset: offset, in: data)
        }
        if description.localizedCaseInsensitiveContains("end of file") || description.localizedCaseInsensitiveContains("end of data") {
            return lineAndColumn(ofOffset: data.count, in: data)
        }
        return nil
    }

    static func lineAndColumn(ofOffset offset: Int, in data: Data) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = 0
        var position = 0
        for byte in data.prefix(max(0, offset)) {
            position += 1
            if byte == 0x0A {
                line += 1
                lineStart = position
            }
        }
        return (line, max(1, offset - lineStart + 1))
    }

    private static func number(after marker: String, in text: String) -> Int? {
        guard let range = text.range(of: marker) else { return nil }
        let digits = text[range.upperBound...].prefix { $0.isASCII && $0.isNumber }
        return Int(digits)
    }

    /// A JSON number (never a boolean, which `JSONSerialization` also gives as `NSNumber`).
    ///
    /// The dynamic type is checked first, as a metatype: on Linux, casting a Swift array or
    /// dictionary value to `NSNumber` bridges the whole container (all the coordinates of a
    /// contour) just to fail, and testing `is [Any]` on every number costs protocol lookups.
    static func number(_ value: Any) -> Double? {
        guard type(of: value) is NSNumber.Type, let number = value as? NSNumber, !isBoolean(number) else { return nil }
        let double = number.doubleValue
        return double.isFinite ? double : nil
    }

    /// Booleans are `NSNumber`s of type "c" (or "B"); JSON numbers are "q", "Q" or "d". The type
    /// is read as one byte: this runs for every coordinate of a contour file.
    static func isBoolean(_ number: NSNumber) -> Bool {
        let type = number.objCType.pointee
        return type == 0x63 || type == 0x42
    }

    static func isNull(_ value: Any?) -> Bool {
        guard let value else { return true }
        return ObjectIdentifier(type(of: value) as Any.Type) == ObjectIdentifier(NSNull.self)
    }

    /// A property value as text: strings as they are, numbers without a useless ".0", booleans
    /// as "true"/"false", objects and arrays as compact JSON; nil for null.
    static func text(_ value: Any) -> String? {
        if let string = value as? String { return string }
        if isNull(value) { return nil }
        if type(of: value) is NSNumber.Type, let number = value as? NSNumber {
            if isBoolean(number) { return number.boolValue ? "true" : "false" }
            return format(number.doubleValue)
        }
        if let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys]) {
            return String(decoding: data, as: UTF8.self)
        }
        return nil
    }

    /// "93" rather than "93.0"; "3.5".
    static func format(_ double: Double) -> String {
        if double.rounded() == double, abs(double) < 1e15 { return String(Int64(double)) }
        return String(double)
    }

    /// `communes["01004"]`, `features[12].geometry`.
    static func key(_ path: String, _ name: String) -> String { path.isEmpty ? name : "\(path).\(name)" }
    static func member(_ path: String, _ key: String) -> String { "\(path)[\"\(key)\"]" }
    static func element(_ path: String, _ index: Int) -> String { "\(path)[\(index)]" }
}

extension TerritoryFileLoader {
    /// A JSON file's bytes, gunzipped when they are gzip (`.json.gz`), under both limits.
    static func loadJSON(_ url: URL, maxBytes: Int, maxDecompressedBytes: Int) throws -> Data {
        let data = try load(url, maxBytes: maxBytes)
        return Gzip.isGzip(data)
            ? try Gzip.decompress(data, fileName: url.lastPathComponent, maxBytes: maxDecompressedBytes) : data
    }
}
