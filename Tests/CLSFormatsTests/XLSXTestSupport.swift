import Foundation
import XCTest
@testable import CLSFormats
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Builds workbooks part by part, so each reader test states exactly the XML it feeds in.
enum XLSXFixture {
    static let main = #"xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main""#
    static let relsNamespace = #"xmlns="http://schemas.openxmlformats.org/package/2006/relationships""#
    static let officeRelationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    /// A package with the given sheets (name, worksheet XML) and optional shared strings.
    static func workbook(sheets: [(name: String, xml: String)], sharedStrings: String? = nil,
                         workbookPr: String = "", absoluteTargets: Bool = false, stored: Bool = false) throws -> Data {
        var parts: [(path: String, data: Data)] = []
        parts.append(("_rels/.rels", Data("""
            <?xml version="1.0" encoding="UTF-8"?><Relationships \(relsNamespace)>\
            <Relationship Id="rId1" Type="\(officeRelationships)/officeDocument" Target="xl/workbook.xml"/></Relationships>
            """.utf8)))
        let sheetElements = sheets.enumerated().map { index, sheet in
            "<sheet name=\"\(XMLText.escaped(sheet.name))\" sheetId=\"\(index + 1)\" r:id=\"rId\(index + 1)\"/>"
        }.joined()
        parts.append(("xl/workbook.xml", Data("""
            <?xml version="1.0" encoding="UTF-8"?><workbook \(main) xmlns:r="\(officeRelationships)">\
            \(workbookPr)<sheets>\(sheetElements)</sheets></workbook>
            """.utf8)))
        var relationships = sheets.indices.map { index in
            let target = absoluteTargets ? "/xl/worksheets/sheet\(index + 1).xml" : "worksheets/sheet\(index + 1).xml"
            return "<Relationship Id=\"rId\(index + 1)\" Type=\"\(officeRelationships)/worksheet\" Target=\"\(target)\"/>"
        }
        if sharedStrings != nil {
            relationships.append("<Relationship Id=\"rId99\" Type=\"\(officeRelationships)/sharedStrings\" Target=\"\(absoluteTargets ? "/xl/" : "")sharedStrings.xml\"/>")
        }
        parts.append(("xl/_rels/workbook.xml.rels", Data("""
            <?xml version="1.0" encoding="UTF-8"?><Relationships \(relsNamespace)>\(relationships.joined())</Relationships>
            """.utf8)))
        if let sharedStrings {
            parts.append(("xl/sharedStrings.xml", Data("<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst \(main)>\(sharedStrings)</sst>".utf8)))
        }
        for (index, sheet) in sheets.enumerated() {
            parts.append(("xl/worksheets/sheet\(index + 1).xml", Data(sheet.xml.utf8)))
        }
        return try ZipPackageWriter.archive(parts, compression: stored ? .none : .deflate)
    }

    /// A worksheet part around some `<sheetData>` content.
    static func worksheet(_ sheetData: String) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet \(main)><sheetData>\(sheetData)</sheetData></worksheet>"
    }

    /// One sheet named "Feuille" with this sheet data.
    static func singleSheet(_ sheetData: String, sharedStrings: String? = nil) throws -> Data {
        try workbook(sheets: [("Feuille", worksheet(sheetData))], sharedStrings: sharedStrings)
    }

    /// Every part of an archive, decompressed.
    static func parts(of data: Data) throws -> [String: Data] {
        let directory = try ZipDirectory(data: data, maxEntries: 100)
        let extractor = ZipExtractor(directory: directory, limits: XLSXLimits())
        var parts: [String: Data] = [:]
        for entry in directory.entries { parts[entry.path] = try extractor.contents(of: entry) }
        return parts
    }
}

/// Hand-assembled zip archives, for the malformed ones no zip library would write.
enum RawZip {
    /// One entry; `declaredSize` and `crc` may lie on purpose. With `zip64`, the directory
    /// records its sizes in a ZIP64 extra field, as streaming writers do.
    static func singleEntry(path: String, method: UInt16, payload: Data, declaredSize: Int, crc: UInt32 = 0,
                            zip64: Bool = false) -> Data {
        let name = Data(path.utf8)
        var extra = Data()
        if zip64 {
            extra.append(le16(0x0001)); extra.append(le16(16))
            extra.append(le32(UInt32(declaredSize))); extra.append(le32(0))
            extra.append(le32(UInt32(payload.count))); extra.append(le32(0))
        }
        var local = Data()
        local.append(le32(0x0403_4B50)); local.append(le16(20)); local.append(le16(0)); local.append(le16(method))
        local.append(le16(0)); local.append(le16(0)); local.append(le32(crc))
        local.append(le32(UInt32(payload.count))); local.append(le32(UInt32(declaredSize)))
        local.append(le16(UInt16(name.count))); local.append(le16(0)); local.append(name)
        local.append(payload)
        var central = Data()
        central.append(le32(0x0201_4B50)); central.append(le16(20)); central.append(le16(20)); central.append(le16(0))
        central.append(le16(method)); central.append(le16(0)); central.append(le16(0)); central.append(le32(crc))
        central.append(le32(zip64 ? 0xFFFF_FFFF : UInt32(payload.count)))
        central.append(le32(zip64 ? 0xFFFF_FFFF : UInt32(declaredSize)))
        central.append(le16(UInt16(name.count))); central.append(le16(UInt16(extra.count))); central.append(le16(0))
        central.append(le16(0)); central.append(le16(0)); central.append(le32(0)); central.append(le32(0))
        central.append(name); central.append(extra)
        var end = Data()
        end.append(le32(0x0605_4B50)); end.append(le16(0)); end.append(le16(0)); end.append(le16(1)); end.append(le16(1))
        end.append(le32(UInt32(central.count))); end.append(le32(UInt32(local.count))); end.append(le16(0))
        return local + central + end
    }

    /// Rewrites the uncompressed size recorded for the first entry (local header and directory).
    static func withDeclaredSize(_ archive: Data, _ size: UInt32) -> Data {
        var bytes = [UInt8](archive)
        let local = 0
        write(size, into: &bytes, at: local + 22)
        for index in stride(from: bytes.count - 4, through: 0, by: -1)
        where bytes[index..<index + 4].elementsEqual([0x50, 0x4B, 0x01, 0x02]) {
            write(size, into: &bytes, at: index + 24)
            break
        }
        return Data(bytes)
    }

    private static func write(_ value: UInt32, into bytes: inout [UInt8], at offset: Int) {
        for shift in 0..<4 { bytes[offset + shift] = UInt8((value >> (8 * UInt32(shift))) & 0xFF) }
    }

    /// CRC-32 as zip computes it (bitwise: test data is small).
    static func crc32(_ data: Data) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    static func le16(_ value: UInt16) -> Data { Data([UInt8(value & 0xFF), UInt8(value >> 8)]) }
    static func le32(_ value: UInt32) -> Data { Data((0..<4).map { UInt8((value >> (8 * $0)) & 0xFF) }) }
}

/// Checks that a document is well-formed XML with Foundation's parser.
func assertWellFormedXML(_ data: Data, _ name: String, file: StaticString = #filePath, line: UInt = #line) {
    let parser = XMLParser(data: data)
    let parsed = parser.parse()
    XCTAssertTrue(parsed, "\(name) is not well-formed XML: \(String(describing: parser.parserError))", file: file, line: line)
}

/// Asserts that `body` throws this exact `XLSXError` and that its message is French prose.
func assertRefused<T>(_ expected: XLSXError, file: StaticString = #filePath, line: UInt = #line, _ body: () throws -> T) {
    do {
        _ = try body()
        XCTFail("expected \(expected), got a result", file: file, line: line)
    } catch let error as XLSXError {
        XCTAssertEqual(error, expected, file: file, line: line)
        XCTAssertFalse(error.message.isEmpty, file: file, line: line)
    } catch {
        XCTFail("expected \(expected), got \(error)", file: file, line: line)
    }
}

/// The folder of the reference data (`../shared/data` next to the repository), if present.
enum SharedData {
    static var directory: URL? {
        if let override = ProcessInfo.processInfo.environment["CLS_SHARED_DATA"] {
            return URL(fileURLWithPath: override, isDirectory: true)
        }
        // Tests/CLSFormatsTests/<file>.swift → repository root → ../shared/data
        let repository = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let candidate = repository.deletingLastPathComponent().appendingPathComponent("shared/data", isDirectory: true)
        return FileManager.default.fileExists(atPath: candidate.path) ? candidate : nil
    }
}
