import Foundation
import ZIPFoundation

/// Decompresses zip entries into memory under a byte budget shared by the whole workbook.
///
/// Nothing is written to disk. Before inflating, the sizes the archive declares are checked
/// against the budget and the compression-ratio guard; while inflating, the bytes actually
/// produced are counted again (a hostile archive can lie about sizes), and extraction stops at
/// the first chunk past a limit, so a zip bomb costs at most one chunk beyond the limit.
final class ZipExtractor {
    let directory: ZipDirectory
    let limits: XLSXLimits
    private(set) var bytesExtracted = 0

    private static let chunkSize = 64 * 1024

    init(directory: ZipDirectory, limits: XLSXLimits) {
        self.directory = directory
        self.limits = limits
    }

    /// The decompressed bytes of a part, or nil when the archive has no such entry.
    func contents(of path: String) throws -> Data? {
        guard let entry = directory.entry(path) else { return nil }
        return try contents(of: entry)
    }

    func contents(of entry: ZipEntry) throws -> Data {
        guard !entry.isEncrypted else { throw XLSXError.legacyOrEncrypted }
        let range = try directory.dataRange(of: entry)
        try checkDeclaredSize(of: entry)
        var output = Data()
        output.reserveCapacity(entry.uncompressedSize)
        let checksum: CRC32
        switch entry.method {
        case 0: // stored
            guard entry.compressedSize == entry.uncompressedSize else { throw corrupt(entry, "tailles incohérentes") }
            let stored = directory.data[(directory.data.startIndex + range.lowerBound)..<(directory.data.startIndex + range.upperBound)]
            try account(stored.count, entry: entry, producedSoFar: 0)
            output.append(stored)
            checksum = output.crc32(checksum: 0)
        case 8: // deflate
            checksum = try inflate(entry, range: range, into: &output)
        default:
            throw corrupt(entry, "méthode de compression non prise en charge")
        }
        guard output.count == entry.uncompressedSize else { throw corrupt(entry, "taille annoncée inexacte") }
        guard checksum == entry.crc32 else { throw corrupt(entry, "somme de contrôle inexacte") }
        return output
    }

    private func inflate(_ entry: ZipEntry, range: Range<Int>, into output: inout Data) throws -> CRC32 {
        let source = directory.data
        let base = source.startIndex + range.lowerBound
        let length = range.count
        var consumed = 0
        var produced = 0
        do {
            return try Data.decompress(
                size: Int64(length), bufferSize: Self.chunkSize, skipCRC32: false,
                provider: { _, requested in
                    // Feed only this entry's bytes. A stream still asking for input once they are
                    // used up never ends: refuse it instead of letting the inflater spin at EOF.
                    guard requested > 0 else { return Data() }
                    guard consumed < length else { throw self.corrupt(entry, "flux compressé tronqué") }
                    let count = min(requested, length - consumed)
                    var chunk = Data(source[(base + consumed)..<(base + consumed + count)])
                    consumed += count
                    // On Linux the inflater assumes every chunk is `requested` bytes long and would
                    // read past a shorter one: pad with zeros, which a finished stream never reads
                    // and an unfinished one turns into output that the checks below stop.
                    if count < requested { chunk.append(Data(count: requested - count)) }
                    return chunk
                },
                consumer: { chunk in
                    try self.account(chunk.count, entry: entry, producedSoFar: produced)
                    produced += chunk.count
                    output.append(chunk)
                })
        } catch let error as XLSXError {
            throw error
        } catch {
            throw corrupt(entry, "flux compressé invalide")
        }
    }

    /// Refuses before any work when the archive itself announces too much.
    private func checkDeclaredSize(of entry: ZipEntry) throws {
        guard entry.uncompressedSize <= limits.maxUncompressedBytes - bytesExtracted else {
            throw XLSXError.uncompressedSizeExceeded(limitBytes: limits.maxUncompressedBytes)
        }
        try checkRatio(entry, produced: entry.uncompressedSize)
    }

    /// Counts bytes as they are produced and stops at the first limit passed.
    private func account(_ count: Int, entry: ZipEntry, producedSoFar: Int) throws {
        let produced = producedSoFar + count
        guard produced <= entry.uncompressedSize else { throw corrupt(entry, "taille annoncée dépassée") }
        bytesExtracted += count
        guard bytesExtracted <= limits.maxUncompressedBytes else {
            throw XLSXError.uncompressedSizeExceeded(limitBytes: limits.maxUncompressedBytes)
        }
        try checkRatio(entry, produced: produced)
    }

    private func checkRatio(_ entry: ZipEntry, produced: Int) throws {
        guard produced > limits.compressionRatioFloorBytes else { return }
        let (allowed, overflow) = max(entry.compressedSize, 1).multipliedReportingOverflow(by: limits.maxCompressionRatio)
        if !overflow, produced > allowed {
            throw XLSXError.suspiciousCompression(part: entry.path, limitRatio: limits.maxCompressionRatio)
        }
    }

    private func corrupt(_ entry: ZipEntry, _ reason: String) -> XLSXError {
        .corruptArchive(detail: "« \(entry.path) » : \(reason)")
    }
}
