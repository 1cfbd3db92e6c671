import Foundation
import XCTest

/// A real SMTP server on loopback for a test: `Tests/smtp/smtp_server.py` (Python's aiosmtpd),
/// started here and stopped at the end. Skips the test with a clear message when aiosmtpd is not
/// installed (`.ci/run` installs it).
final class SMTPTestServer {
    let port: Int
    let maildir: URL
    private let process: Process

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    init(arguments: [String] = []) throws {
        let check = Process()
        check.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        check.arguments = ["python3", "-c", arguments.contains("--starttls") ? "import aiosmtpd, cryptography" : "import aiosmtpd"]
        check.standardError = FileHandle.nullDevice
        try check.run()
        check.waitUntilExit()
        guard check.terminationStatus == 0 else {
            throw XCTSkip("SMTP tests skipped: Python's aiosmtpd (and, for STARTTLS, cryptography) is not installed "
                          + "(python3 -m pip install aiosmtpd cryptography; .ci/run installs them)")
        }
        maildir = FileManager.default.temporaryDirectory.appendingPathComponent("cls-smtp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: maildir, withIntermediateDirectories: true)
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.repository.appendingPathComponent("Tests/smtp/smtp_server.py").path,
                             "--maildir", maildir.path] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        // The first line is "PORT <n>", once the server listens.
        var line = Data()
        while let byte = try output.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) {
            line.append(byte)
        }
        guard let text = String(data: line, encoding: .utf8), text.hasPrefix("PORT "), let port = Int(text.dropFirst(5)) else {
            process.terminate()
            throw XCTSkip("SMTP tests skipped: the test SMTP server did not start")
        }
        self.port = port
    }

    /// The messages accepted so far, in order.
    func messages() throws -> [ReceivedMail] {
        try FileManager.default.contentsOfDirectory(at: maildir, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "eml" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
            .map { try ReceivedMail(String(decoding: Data(contentsOf: $0), as: UTF8.self)) }
    }

    var isHolding: Bool { FileManager.default.fileExists(atPath: maildir.appendingPathComponent("holding").path) }

    deinit {
        // A test server keeps nothing: killed outright, so that its asyncio thread cannot hold it up.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: maildir)
    }
}

/// A message as the server received it: headers unfolded, RFC 2047 subject decoded, and the
/// decoded text of each base64 part by content type.
struct ReceivedMail {
    let headers: [String: String]
    let parts: [(contentType: String, text: String)]

    init(_ raw: String) {
        let normalised = raw.replacingOccurrences(of: "\r\n", with: "\n")
        let split = normalised.components(separatedBy: "\n\n")
        var headers: [String: String] = [:]
        var last: String?
        for line in split[0].components(separatedBy: "\n") {
            if line.hasPrefix(" ") || line.hasPrefix("\t"), let key = last {
                headers[key, default: ""] += line.trimmingCharacters(in: .whitespaces)
            } else if let colon = line.firstIndex(of: ":") {
                let key = line[..<colon].lowercased()
                headers[key] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                last = key
            }
        }
        self.headers = headers
        // Each part: its headers, a blank line, then base64 lines up to the next boundary.
        var parts: [(String, String)] = []
        let chunks = normalised.components(separatedBy: "\n--")
        for chunk in chunks.dropFirst() {
            let pieces = chunk.components(separatedBy: "\n\n")
            guard pieces.count >= 2, pieces[0].lowercased().contains("content-transfer-encoding: base64") else { continue }
            let type = pieces[0].components(separatedBy: "\n").first { $0.lowercased().hasPrefix("content-type:") }?
                .dropFirst("content-type:".count).trimmingCharacters(in: .whitespaces) ?? ""
            let encoded = pieces[1].components(separatedBy: "\n").joined()
            let text = Data(base64Encoded: encoded).map { String(decoding: $0, as: UTF8.self) } ?? ""
            parts.append((type, text))
        }
        self.parts = parts
    }

    /// The subject with its `=?UTF-8?B?…?=` words decoded.
    var subject: String { Self.decodeWords(headers["subject"] ?? "") }
    var to: String { Self.decodeWords(headers["to"] ?? "") }
    var messageId: String { headers["message-id"] ?? "" }
    var envelopeTo: String { headers["x-envelope-to"] ?? "" }

    func part(_ type: String) -> String? { parts.first { $0.contentType.hasPrefix(type) }?.text }

    static func decodeWords(_ text: String) -> String {
        var result = ""
        var rest = Substring(text)
        while let start = rest.range(of: "=?UTF-8?B?") {
            result += rest[..<start.lowerBound].trimmingCharacters(in: .whitespaces)
            let after = rest[start.upperBound...]
            guard let end = after.range(of: "?=") else { break }
            result += Data(base64Encoded: String(after[..<end.lowerBound])).map { String(decoding: $0, as: UTF8.self) } ?? ""
            rest = after[end.upperBound...]
        }
        return result + rest
    }
}
