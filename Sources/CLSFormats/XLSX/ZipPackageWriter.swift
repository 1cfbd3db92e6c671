import Foundation
import ZIPFoundation

/// Builds a zip archive in memory from named parts, deflated, in the order given (the
/// content types first, as Office writes them). A fixed date keeps the output reproducible.
enum ZipPackageWriter {
    static let fixedDate = Date(timeIntervalSince1970: 1_577_836_800) // 2020-01-01

    static func archive(_ parts: [(path: String, data: Data)], compression: CompressionMethod = .deflate) throws -> Data {
        do {
            let archive = try Archive(data: Data(), accessMode: .create)
            for part in parts {
                try archive.addEntry(with: part.path, type: .file, uncompressedSize: Int64(part.data.count),
                                     modificationDate: fixedDate, compressionMethod: compression,
                                     bufferSize: 64 * 1024) { position, size in
                    let start = part.data.startIndex + Int(position)
                    return part.data[start..<(start + size)]
                }
            }
            guard let data = archive.data else { throw XLSXError.invalidWriterInput(detail: "l'archive n'a pas pu être assemblée.") }
            return data
        } catch let error as XLSXError {
            throw error
        } catch {
            throw XLSXError.invalidWriterInput(detail: "l'archive n'a pas pu être assemblée (\(error)).")
        }
    }
}
