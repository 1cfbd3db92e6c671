import Foundation

/// One file inside a zip archive, as its central directory describes it.
struct ZipEntry: Equatable {
    let path: String
    let flags: UInt16
    let method: UInt16
    let crc32: UInt32
    let compressedSize: Int
    let uncompressedSize: Int
    let localHeaderOffset: Int

    var isEncrypted: Bool { flags & 1 != 0 }
}

/// Reads a zip archive's central directory straight from memory.
///
/// We parse the directory ourselves rather than through ZIPFoundation's `Archive` because we
/// need each entry's exact data range: ZIPFoundation's Linux inflater keeps reading past an
/// entry's compressed bytes and loops forever on a stream that never ends (a 200-byte hostile
/// file hangs it). Knowing the range lets `ZipExtractor` feed the inflater only those bytes.
/// Every offset is checked against the buffer, so a lying directory is a refusal, not a crash.
struct ZipDirectory {
    let data: Data
    let entries: [ZipEntry]
    /// Where the central directory starts: every entry's data must end before it.
    let directoryOffset: Int
    private let indexByPath: [String: Int]

    init(data: Data, maxEntries: Int) throws {
        self.data = data
        let bytes = ByteView(data)
        guard let end = Self.endOfCentralDirectory(bytes) else {
            throw XLSXError.notAZip
        }
        var entryCount = Int(bytes.uint16(end + 10) ?? 0)
        var directorySize = Int(bytes.uint32(end + 12) ?? 0)
        var directoryOffset = Int(bytes.uint32(end + 16) ?? 0)
        if entryCount == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF {
            // ZIP64: the real values are in the ZIP64 end record, found through its locator.
            guard let locator = bytes.uint32(end - 20), locator == 0x0706_4B50,
                  let record = bytes.uint64(end - 12).flatMap({ Int(exactly: $0) }),
                  bytes.uint32(record) == 0x0606_4B50,
                  let count = bytes.uint64(record + 32).flatMap({ Int(exactly: $0) }),
                  let size = bytes.uint64(record + 40).flatMap({ Int(exactly: $0) }),
                  let offset = bytes.uint64(record + 48).flatMap({ Int(exactly: $0) }) else {
                throw XLSXError.corruptArchive(detail: "répertoire ZIP64 illisible")
            }
            (entryCount, directorySize, directoryOffset) = (count, size, offset)
        }
        guard entryCount <= maxEntries else { throw XLSXError.tooManyEntries(limit: maxEntries) }
        guard directoryOffset >= 0, directorySize >= 0, directoryOffset <= end, directorySize <= end - directoryOffset else {
            throw XLSXError.corruptArchive(detail: "répertoire de l'archive hors du fichier")
        }
        self.directoryOffset = directoryOffset

        var entries: [ZipEntry] = []
        entries.reserveCapacity(entryCount)
        var cursor = directoryOffset
        for _ in 0..<entryCount {
            let entry = try Self.entry(at: &cursor, in: bytes, directoryEnd: directoryOffset + directorySize)
            entries.append(entry)
        }
        self.entries = entries
        var index: [String: Int] = [:]
        for (position, entry) in entries.enumerated() where index[entry.path.lowercased()] == nil {
            index[entry.path.lowercased()] = position
        }
        self.indexByPath = index
    }

    /// Part names are case-insensitive in Open Packaging; some writers also use "\" or a leading "/".
    func entry(_ path: String) -> ZipEntry? {
        indexByPath[Self.normalized(path)].map { entries[$0] }
    }

    /// The start of an entry's data, after checking its local header and that the data lies
    /// wholly before the central directory.
    func dataRange(of entry: ZipEntry) throws -> Range<Int> {
        let bytes = ByteView(data)
        let header = entry.localHeaderOffset
        guard bytes.uint32(header) == 0x0403_4B50,
              let nameLength = bytes.uint16(header + 26), let extraLength = bytes.uint16(header + 28) else {
            throw XLSXError.corruptArchive(detail: "en-tête de « \(entry.path) » illisible")
        }
        let start = header + 30 + Int(nameLength) + Int(extraLength)
        let (end, overflow) = start.addingReportingOverflow(entry.compressedSize)
        guard !overflow, end <= directoryOffset else {
            throw XLSXError.corruptArchive(detail: "contenu de « \(entry.path) » hors de l'archive")
        }
        return start..<end
    }

    static func normalized(_ path: String) -> String {
        var name = path.replacingOccurrences(of: "\\", with: "/")
        while name.hasPrefix("/") { name.removeFirst() }
        return name.lowercased()
    }

    /// The end-of-central-directory record sits in the last 22 + 65,535 (comment) bytes.
    private static func endOfCentralDirectory(_ bytes: ByteView) -> Int? {
        guard bytes.count >= 22 else { return nil }
        let lowest = max(0, bytes.count - 22 - 65_535)
        var position = bytes.count - 22
        while position >= lowest {
            if bytes.uint32(position) == 0x0605_4B50 { return position }
            position -= 1
        }
        return nil
    }

    private static func entry(at cursor: inout Int, in bytes: ByteView, directoryEnd: Int) throws -> ZipEntry {
        let start = cursor
        guard start + 46 <= directoryEnd, bytes.uint32(start) == 0x0201_4B50,
              let flags = bytes.uint16(start + 8), let method = bytes.uint16(start + 10),
              let crc = bytes.uint32(start + 16),
              let compressed32 = bytes.uint32(start + 20), let uncompressed32 = bytes.uint32(start + 24),
              let nameLength = bytes.uint16(start + 28).map(Int.init),
              let extraLength = bytes.uint16(start + 30).map(Int.init),
              let commentLength = bytes.uint16(start + 32).map(Int.init),
              let offset32 = bytes.uint32(start + 42) else {
            throw XLSXError.corruptArchive(detail: "répertoire de l'archive illisible")
        }
        let nameStart = start + 46
        let extraStart = nameStart + nameLength
        cursor = extraStart + extraLength + commentLength
        guard cursor <= directoryEnd, let nameBytes = bytes.slice(nameStart..<extraStart) else {
            throw XLSXError.corruptArchive(detail: "répertoire de l'archive illisible")
        }
        // Open Packaging names are ASCII; a legacy code page name simply will not match a part.
        let path = String(decoding: nameBytes, as: UTF8.self)
        var compressed = Int(compressed32), uncompressed = Int(uncompressed32), offset = Int(offset32)
        // ZIP64 extra field: the saturated 32-bit values follow, in this order.
        if compressed32 == 0xFFFF_FFFF || uncompressed32 == 0xFFFF_FFFF || offset32 == 0xFFFF_FFFF {
            var field = extraStart
            var found = false
            while field + 4 <= extraStart + extraLength, let id = bytes.uint16(field), let size = bytes.uint16(field + 2) {
                if id == 0x0001 {
                    var value = field + 4
                    func next() -> Int? {
                        defer { value += 8 }
                        return value + 8 <= field + 4 + Int(size) ? bytes.uint64(value).flatMap { Int(exactly: $0) } : nil
                    }
                    if uncompressed32 == 0xFFFF_FFFF { uncompressed = next() ?? -1 }
                    if compressed32 == 0xFFFF_FFFF { compressed = next() ?? -1 }
                    if offset32 == 0xFFFF_FFFF { offset = next() ?? -1 }
                    found = true
                    break
                }
                field += 4 + Int(size)
            }
            guard found, compressed >= 0, uncompressed >= 0, offset >= 0 else {
                throw XLSXError.corruptArchive(detail: "répertoire ZIP64 de « \(path) » illisible")
            }
        }
        return ZipEntry(path: path, flags: flags, method: method, crc32: crc,
                        compressedSize: compressed, uncompressedSize: uncompressed, localHeaderOffset: offset)
    }
}

/// Bounds-checked little-endian reads over a `Data` (which may be a slice not starting at 0).
struct ByteView {
    let data: Data
    init(_ data: Data) { self.data = data }
    var count: Int { data.count }

    func slice(_ range: Range<Int>) -> Data? {
        guard range.lowerBound >= 0, range.upperBound <= count else { return nil }
        return data[(data.startIndex + range.lowerBound)..<(data.startIndex + range.upperBound)]
    }

    func uint16(_ offset: Int) -> UInt16? { integer(offset, size: 2).map { UInt16($0) } }
    func uint32(_ offset: Int) -> UInt32? { integer(offset, size: 4).map { UInt32($0) } }
    func uint64(_ offset: Int) -> UInt64? { integer(offset, size: 8) }

    private func integer(_ offset: Int, size: Int) -> UInt64? {
        guard offset >= 0, offset <= count - size else { return nil }
        var value: UInt64 = 0
        let base = data.startIndex + offset
        for index in (0..<size).reversed() {
            value = value << 8 | UInt64(data[base + index])
        }
        return value
    }
}
