import Foundation
import XCTest
@testable import CLSFormats

/// Fixtures and checks shared by the territory reader tests.
enum TerritoryFixture {
    /// UTF-8 bytes of a text whose lines are joined with CRLF.
    static func crlf(_ lines: [String]) -> Data { Data((lines.joined(separator: "\r\n") + "\r\n").utf8) }

    /// UTF-8 bytes with LF line ends.
    static func lf(_ lines: [String]) -> Data { Data((lines.joined(separator: "\n") + "\n").utf8) }

    /// The bytes of `text` in Windows-1252, as Excel and the DGCL write them ("É" is the single byte 0xC9).
    static func windows1252(_ text: String) -> Data {
        let high: [Unicode.Scalar: UInt8] = ["€": 0x80, "’": 0x92, "œ": 0x9C, "Œ": 0x8C, "…": 0x85]
        var bytes: [UInt8] = []
        for scalar in text.unicodeScalars {
            if let byte = high[scalar] {
                bytes.append(byte)
            } else {
                precondition(scalar.value < 0x100 && !(0x80..<0xA0).contains(scalar.value), "not in the fixture table: \(scalar)")
                bytes.append(UInt8(scalar.value))
            }
        }
        return Data(bytes)
    }

    /// The reference data folder, or a skip saying it is absent.
    static func sharedFile(_ relativePath: String) throws -> URL {
        guard let directory = SharedData.directory else {
            throw XCTSkip("../shared/data is absent (set CLS_SHARED_DATA to its path): the real reference files are not tested.")
        }
        let url = directory.appendingPathComponent(relativePath)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw XCTSkip("\(url.path) is absent: this real reference file is not tested.")
        }
        return url
    }
}

/// Checks that `body` is refused with exactly `expected`, and that the French message holds each
/// of `fragments` (file, line, column, value).
func assertTerritoryRefusal<T>(_ expected: TerritoryFileError, mentions fragments: [String] = [],
                               file: StaticString = #filePath, line: UInt = #line, _ body: () throws -> T) {
    do {
        let result = try body()
        XCTFail("expected a refusal (\(expected.message)), got \(result)", file: file, line: line)
    } catch let error as TerritoryFileError {
        XCTAssertEqual(error, expected, "\n\(error.message)", file: file, line: line)
        for fragment in fragments {
            XCTAssertTrue(error.message.contains(fragment), "« \(fragment) » missing from: \(error.message)", file: file, line: line)
        }
    } catch {
        XCTFail("expected \(expected), got \(error)", file: file, line: line)
    }
}
