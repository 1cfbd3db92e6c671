import Foundation
import ZIPFoundation

/// Gzip (RFC 1952) on top of ZIPFoundation's raw-deflate codec.
///
/// Foundation on Linux cannot gunzip, and no gzip package is in the mirror; ZIPFoundation,
/// already a dependency for XLSX, exposes raw deflate (`Data.decompress`, zlib with negative
/// window bits on Linux, Apple's Compression elsewhere) and CRC-32. A gzip file is that deflate
/// stream between a small header and an 8-byte trailer, so this parser reads the header (10
/// bytes, then the optional extra field, file name, comment and header CRC the flags announce),
/// inflates the bytes up to the trailer under a size limit, and checks the trailer's CRC-32 and
/// length. One member only (what `gzip` and web servers write); a file of several members fails
/// the trailer check and is refused rather than read in part.
enum Gzip {
    static func isGzip(_ data: Data) -> Bool {
        data.count >= 2 && data[data.startIndex] == 0x1F && data[data.startIndex + 1] == 0x8B
    }

    private static let chunkSize = 64 * 1024

    /// The decompressed bytes; refuses a stream producing more than `maxBytes` as soon as it does.
    static func decompress(_ data: Data, fileName: String, maxBytes: Int) throws -> Data {
        let bytes = [UInt8](data)
        guard bytes.count >= 2, bytes[0] == 0x1F, bytes[1] == 0x8B else { throw TerritoryFileError.notGzip(file: fileName) }
        func corrupt(_ detail: String) -> TerritoryFileError { .corruptGzip(file: fileName, detail: detail) }
        guard bytes.count >= 18 else { throw corrupt("fichier tronqué") }
        guard bytes[2] == 8 else { throw corrupt("méthode de compression inconnue") }
        let flags = bytes[3]
        guard flags & 0xE0 == 0 else { throw corrupt("en-tête invalide") }
        let trailerStart = bytes.count - 8
        var index = 10
        if flags & 0x04 != 0 { // FEXTRA
            guard index + 2 <= trailerStart else { throw corrupt("en-tête tronqué") }
            index += 2 + (Int(bytes[index]) | (Int(bytes[index + 1]) << 8))
        }
        for flag in [UInt8(0x08), 0x10] where flags & flag != 0 { // FNAME, FCOMMENT: zero-terminated
            while index < trailerStart, bytes[index] != 0 { index += 1 }
            index += 1
        }
        if flags & 0x02 != 0 { // FHCRC: the low 16 bits of the header's CRC-32
            guard index + 2 <= trailerStart else { throw corrupt("en-tête tronqué") }
            let expected = UInt32(bytes[index]) | UInt32(bytes[index + 1]) << 8
            guard Data(bytes[0..<index]).crc32(checksum: 0) & 0xFFFF == expected else {
                throw corrupt("somme de contrôle de l'en-tête inexacte")
            }
            index += 2
        }
        guard index < trailerStart else { throw corrupt("en-tête tronqué") }

        let compressed = bytes[index..<trailerStart]
        var output = Data()
        var consumed = 0
        let checksum: CRC32
        do {
            checksum = try Data.decompress(
                size: Int64(compressed.count), bufferSize: chunkSize, skipCRC32: false,
                provider: { _, requested in
                    guard requested > 0 else { return Data() }
                    guard consumed < compressed.count else { throw corrupt("flux compressé tronqué") }
                    let count = min(requested, compressed.count - consumed)
                    let start = compressed.startIndex + consumed
                    var chunk = Data(compressed[start..<(start + count)])
                    consumed += count
                    // On Linux the inflater takes every chunk as `requested` bytes long: pad a shorter
                    // last one with zeros, which a complete stream never reads and a truncated one
                    // turns into a refusal below (trailer check or the guard above).
                    if count < requested { chunk.append(Data(count: requested - count)) }
                    return chunk
                },
                consumer: { chunk in
                    guard output.count + chunk.count <= maxBytes else {
                        throw TerritoryFileError.decompressedTooLarge(file: fileName, limitBytes: maxBytes)
                    }
                    output.append(chunk)
                })
        } catch let error as TerritoryFileError {
            throw error
        } catch {
            throw corrupt("flux compressé invalide")
        }
        let trailer = bytes[trailerStart...]
        let storedCRC = trailer.prefix(4).enumerated().reduce(UInt32(0)) { $0 | UInt32($1.element) << (8 * UInt32($1.offset)) }
        let storedSize = trailer.suffix(4).enumerated().reduce(UInt32(0)) { $0 | UInt32($1.element) << (8 * UInt32($1.offset)) }
        guard checksum == storedCRC else { throw corrupt("somme de contrôle inexacte") }
        guard UInt32(truncatingIfNeeded: output.count) == storedSize else { throw corrupt("taille annoncée inexacte") }
        return output
    }

    /// A one-member gzip file of `data` (tests build their fixtures with it).
    static func compress(_ data: Data) throws -> Data {
        var result = Data([0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF])
        let crc = try Data.compress(size: Int64(data.count), bufferSize: chunkSize, provider: { position, size in
            let start = data.startIndex + Int(position)
            return data.subdata(in: start..<(start + size))
        }, consumer: { result.append($0) })
        for value in [crc, UInt32(truncatingIfNeeded: data.count)] {
            for shift in stride(from: 0, to: 32, by: 8) { result.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
        }
        return result
    }
}
