import Foundation

/// How a delimited text file is written.
public struct DelimitedTextOptions: Sendable, Equatable {
    /// `,` or `;` (any ASCII character other than a quote or a line break).
    public var separator: Character
    public var encoding: DelimitedTextEncoding
    /// Lines before the header to skip whatever they hold (the "CartoSanté" title lines).
    public var titleLines: Int
    /// Files above this size are refused before being read.
    public var maxBytes: Int

    public init(separator: Character = ",", encoding: DelimitedTextEncoding = .automatic,
                titleLines: Int = 0, maxBytes: Int = DelimitedTextOptions.defaultMaxBytes) {
        precondition(separator.isASCII && separator != "\"" && !separator.isNewline, "separator must be plain ASCII")
        self.separator = separator
        self.encoding = encoding
        self.titleLines = titleLines
        self.maxBytes = maxBytes
    }

    /// 64 MB: sixteen times the largest official file (the EPCI composition, 3.6 MB).
    public static let defaultMaxBytes = 64 * 1024 * 1024
}

/// One record of a delimited file: its fields, decoded but not trimmed, and the line where it starts.
public struct DelimitedRecord: Sendable, Equatable {
    /// One-based line of the file where the record starts (title lines count).
    public let line: Int
    public let fields: [String]

    public init(line: Int, fields: [String]) {
        self.line = line
        self.fields = fields
    }

    /// An empty line, or a row of separators only (the EPCI file's final `;;;;`).
    public var isBlank: Bool {
        fields.allSatisfy { $0.isEmpty || $0.allSatisfy(\.isWhitespace) }
    }
}

/// Reads CSV-like files as the official producers publish them: comma or semicolon, UTF-8 (with
/// or without a byte-order mark) or Windows-1252, CRLF or LF line ends, RFC 4180 quotes (quoted
/// separators and line breaks, doubled quotes), title lines before the header.
///
/// The file is held as one `Data` (memory-mapped when read from disk) and scanned byte by byte;
/// each field is decoded on its own and handed over record by record, so reading never builds
/// the whole text as a `String` nor an array of all lines. Errors name the file, the line and
/// the column (by its header name).
///
/// Quotes: a field that starts with `"` ends at the next lone `"`, which must be followed by
/// the separator or a line end; a `"` inside an unquoted field is kept as a character (Excel
/// writes such fields).
public struct DelimitedTextReader: Sendable {
    public let fileName: String
    public let data: Data
    public let options: DelimitedTextOptions

    /// Reads from memory; `fileName` is only used in messages.
    public init(data: Data, fileName: String, options: DelimitedTextOptions = DelimitedTextOptions()) throws {
        guard data.count <= options.maxBytes else {
            throw TerritoryFileError.fileTooLarge(file: fileName, limitBytes: options.maxBytes)
        }
        self.fileName = fileName
        self.data = data
        self.options = options
    }

    public init(contentsOf url: URL, options: DelimitedTextOptions = DelimitedTextOptions()) throws {
        let data = try TerritoryFileLoader.load(url, maxBytes: options.maxBytes)
        try self.init(data: data, fileName: url.lastPathComponent, options: options)
    }

    /// The encoding the bytes are decoded with: `.automatic` resolved, and UTF-8 whenever the file
    /// starts with a byte-order mark (which only UTF-8 files carry), whatever was asked.
    public var effectiveEncoding: DelimitedTextEncoding {
        data.withUnsafeBytes { raw in resolveEncoding(raw).encoding }
    }

    /// Calls `body` with every record in order, the header first (title lines skipped). Blank
    /// records are passed too (see `DelimitedRecord.isBlank`).
    public func forEachRecord(_ body: (DelimitedRecord) throws -> Void) throws {
        try data.withUnsafeBytes { raw in
            var scanner = Scanner(reader: self, raw: raw)
            try scanner.run(body)
        }
    }

    /// Every record (for small files and tests).
    public func records() throws -> [DelimitedRecord] {
        var all: [DelimitedRecord] = []
        try forEachRecord { all.append($0) }
        return all
    }

    /// Reads the file as a table: the first non-blank record is the header, which must hold every
    /// column of `columns` (in any order, case and surrounding spaces ignored; other columns are
    /// allowed), then `body` gets each non-blank data row. A row with fewer fields than the header,
    /// or more non-empty ones, is refused. A header holding one of `excluding` is refused too: it
    /// tells another file that has all the expected columns and more (the departments' list has
    /// every column of the regions' one, and `DEP`). `kind` completes "Le fichier X ne ressemble
    /// pas à …".
    public func readTable(kind: String, columns: [String], excluding: [String] = [],
                          _ body: (DelimitedRow) throws -> Void) throws {
        var table: DelimitedColumns?
        try forEachRecord { record in
            guard !record.isBlank else { return }
            guard let table else {
                table = try DelimitedColumns(fileName: fileName, kind: kind, header: record.fields, expected: columns,
                                             excluded: excluding)
                return
            }
            if record.fields.count != table.header.count {
                let extraAreEmpty = record.fields.count > table.header.count
                    && record.fields[table.header.count...].allSatisfy { $0.allSatisfy(\.isWhitespace) }
                guard extraAreEmpty else {
                    let column = record.fields.count < table.header.count ? table.header[record.fields.count] : table.header[table.header.count - 1]
                    throw TerritoryFileError.wrongFieldCount(file: fileName, line: record.line, expected: table.header.count,
                                                             found: record.fields.count, column: column)
                }
            }
            try body(DelimitedRow(line: record.line, fields: record.fields, table: table))
        }
        guard table != nil else { throw TerritoryFileError.emptyFile(file: fileName) }
    }

    fileprivate func resolveEncoding(_ raw: UnsafeRawBufferPointer) -> (encoding: DelimitedTextEncoding, firstInvalid: Int?, hasBOM: Bool) {
        let hasBOM = TextBytes.hasByteOrderMark(raw)
        let start = hasBOM ? 3 : 0
        if hasBOM || options.encoding == .utf8 {
            return (.utf8, TextBytes.firstInvalidUTF8(raw, in: start..<raw.count), hasBOM)
        }
        if options.encoding == .windows1252 { return (.windows1252, nil, false) }
        let invalid = TextBytes.firstInvalidUTF8(raw, in: 0..<raw.count)
        return (invalid == nil ? .utf8 : .windows1252, nil, false)
    }
}

/// The byte scanner behind `DelimitedTextReader`. Line numbers count CRLF, LF and lone CR.
private struct Scanner {
    let reader: DelimitedTextReader
    let raw: UnsafeRawBufferPointer
    let separator: UInt8
    let isUTF8: Bool
    let firstInvalid: Int?
    var index: Int
    var line = 1
    var header: [String]?

    private static let quote = UInt8(ascii: "\"")
    private static let cr = UInt8(ascii: "\r")
    private static let lf = UInt8(ascii: "\n")

    init(reader: DelimitedTextReader, raw: UnsafeRawBufferPointer) {
        self.reader = reader
        self.raw = raw
        self.separator = reader.options.separator.asciiValue!
        let resolved = reader.resolveEncoding(raw)
        self.isUTF8 = resolved.encoding == .utf8
        self.firstInvalid = resolved.firstInvalid
        self.index = resolved.hasBOM ? 3 : 0
    }

    mutating func run(_ body: (DelimitedRecord) throws -> Void) throws {
        guard index < raw.count else { throw TerritoryFileError.emptyFile(file: reader.fileName) }
        for _ in 0..<reader.options.titleLines where index < raw.count {
            while index < raw.count, raw[index] != Self.cr, raw[index] != Self.lf { index += 1 }
            try checkEncoding(upTo: index, line: line, column: nil)
            consumeLineEnd()
        }
        var fields: [String] = []
        var buffer: [UInt8] = []
        while index < raw.count {
            let recordLine = line
            fields.removeAll(keepingCapacity: true)
            fieldLoop: while true {
                let column = header.flatMap { fields.count < $0.count ? $0[fields.count] : nil }
                if index < raw.count, raw[index] == Self.quote {
                    index += 1
                    buffer.removeAll(keepingCapacity: true)
                    while true {
                        guard index < raw.count else {
                            throw TerritoryFileError.unterminatedQuote(file: reader.fileName, line: recordLine, column: column)
                        }
                        let byte = raw[index]
                        if byte == Self.quote {
                            if index + 1 < raw.count, raw[index + 1] == Self.quote {
                                buffer.append(Self.quote)
                                index += 2
                                continue
                            }
                            index += 1
                            break
                        }
                        if byte == Self.lf || (byte == Self.cr && !(index + 1 < raw.count && raw[index + 1] == Self.lf)) {
                            line += 1
                        }
                        buffer.append(byte)
                        index += 1
                    }
                    try checkEncoding(upTo: index, line: recordLine, column: column)
                    fields.append(buffer.withUnsafeBytes { decode($0) })
                    guard index < raw.count else { break fieldLoop }
                    let next = raw[index]
                    if next == separator { index += 1; continue fieldLoop }
                    if next == Self.cr || next == Self.lf { consumeLineEnd(); break fieldLoop }
                    throw TerritoryFileError.unexpectedCharacterAfterQuote(file: reader.fileName, line: line, column: column)
                } else {
                    let start = index
                    while index < raw.count {
                        let byte = raw[index]
                        if byte == separator || byte == Self.cr || byte == Self.lf { break }
                        index += 1
                    }
                    try checkEncoding(upTo: index, line: recordLine, column: column)
                    fields.append(decode(UnsafeRawBufferPointer(rebasing: raw[start..<index])))
                    guard index < raw.count else { break fieldLoop }
                    if raw[index] == separator { index += 1; continue fieldLoop }
                    consumeLineEnd()
                    break fieldLoop
                }
            }
            let record = DelimitedRecord(line: recordLine, fields: fields)
            if header == nil, !record.isBlank {
                header = fields.map { $0.trimmingCharacters(in: .whitespaces) }
            }
            try body(record)
        }
    }

    private mutating func consumeLineEnd() {
        guard index < raw.count else { return }
        if raw[index] == Self.cr, index + 1 < raw.count, raw[index + 1] == Self.lf {
            index += 2
        } else {
            index += 1
        }
        line += 1
    }

    /// Refuses the field just read when it holds the file's first invalid UTF-8 byte.
    private func checkEncoding(upTo end: Int, line: Int, column: String?) throws {
        guard let bad = firstInvalid, bad < end else { return }
        throw TerritoryFileError.invalidEncoding(
            file: reader.fileName, line: line, column: column,
            bytes: TextBytes.hexExcerpt(raw, at: bad, in: bad..<raw.count), encoding: "UTF-8")
    }

    private func decode(_ bytes: UnsafeRawBufferPointer) -> String {
        isUTF8 ? TextBytes.utf8String(bytes) : TextBytes.windows1252String(bytes)
    }
}

/// Reads a file from disk under a size limit, memory-mapped when the platform allows.
enum TerritoryFileLoader {
    static func load(_ url: URL, maxBytes: Int) throws -> Data {
        let name = url.lastPathComponent
        let size: Int
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
            size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        } catch {
            throw TerritoryFileError.unreadableFile(file: name)
        }
        guard size <= maxBytes else { throw TerritoryFileError.fileTooLarge(file: name, limitBytes: maxBytes) }
        do {
            return try Data(contentsOf: url, options: .mappedIfSafe)
        } catch {
            throw TerritoryFileError.unreadableFile(file: name)
        }
    }
}

extension DelimitedTextReader {
    /// The separator of a file whose producer's choice may have been changed by a spreadsheet
    /// (Excel in French saves CSV with `;`): the candidate found most often on the header line
    /// (the first line after `titleLines`), outside quotes; `fallback` when none is found.
    public static func guessSeparator(in data: Data, titleLines: Int = 0, candidates: [Character] = [",", ";"],
                                      fallback: Character) -> Character {
        let bytes = candidates.compactMap(\.asciiValue)
        return data.withUnsafeBytes { raw -> Character in
            var index = TextBytes.hasByteOrderMark(raw) ? 3 : 0
            var linesToSkip = titleLines
            var counts = [Int](repeating: 0, count: bytes.count)
            var inQuotes = false
            while index < raw.count {
                let byte = raw[index]
                index += 1
                if byte == UInt8(ascii: "\"") { inQuotes.toggle(); continue }
                if !inQuotes, byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                    if linesToSkip == 0 { break }
                    if byte == UInt8(ascii: "\r"), index < raw.count, raw[index] == UInt8(ascii: "\n") { index += 1 }
                    linesToSkip -= 1
                    continue
                }
                if linesToSkip == 0, !inQuotes, let position = bytes.firstIndex(of: byte) { counts[position] += 1 }
            }
            guard let best = counts.indices.max(by: { counts[$0] < counts[$1] }), counts[best] > 0 else { return fallback }
            // On a tie, the producer's separator wins.
            if let own = fallback.asciiValue.flatMap(bytes.firstIndex(of:)), counts[own] == counts[best] { return fallback }
            return Character(Unicode.Scalar(bytes[best]))
        }
    }
}
