import Foundation
import XCTest

/// LibreOffice, headless, for the tests that check a file we write opens in a real office suite:
/// it converts the file (which it must first open) into another, which our reader then reads.
/// Absent (no `soffice` on the PATH), the tests skip with a message; CI installs it.
enum LibreOffice {
    static var executable: URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            for name in ["soffice", "libreoffice"] {
                let url = URL(fileURLWithPath: String(directory)).appendingPathComponent(name)
                if FileManager.default.isExecutableFile(atPath: url.path) { return url }
            }
        }
        return nil
    }

    static func require() throws -> URL {
        guard let executable else {
            throw XCTSkip("LibreOffice (soffice) is not installed: files are not checked in an office suite here (CI installs libreoffice-calc-nogui).")
        }
        return executable
    }

    /// Opens `data` (a file named `name`) in LibreOffice and saves it as `format` ("xlsx", "csv"…);
    /// returns the file LibreOffice wrote.
    static func convert(_ data: Data, name: String, to format: String) throws -> Data {
        let soffice = try require()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lo-\(UUID().uuidString)")
        let output = folder.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent(name)
        try data.write(to: input)
        let process = Process()
        process.executableURL = soffice
        process.arguments = ["-env:UserInstallation=\(folder.appendingPathComponent("profile").absoluteString)", "--headless",
                             "--norestore", "--convert-to", format, "--outdir", output.path, input.path]
        let log = Pipe()
        process.standardOutput = log
        process.standardError = log
        try process.run()
        let message = log.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let converted = try FileManager.default.contentsOfDirectory(at: output, includingPropertiesForKeys: nil)
        guard process.terminationStatus == 0, let file = converted.first else {
            throw ConversionFailed(log: String(decoding: message, as: UTF8.self))
        }
        return try Data(contentsOf: file)
    }

    struct ConversionFailed: Error, CustomStringConvertible {
        let log: String
        var description: String { "LibreOffice could not convert the file: \(log)" }
    }
}
