import Foundation

/// Opens an .xlsx workbook and reads its sheets, refusing hostile or oversized files with an
/// `XLSXError` whose `message` tells the user, in French, what to fix.
///
/// Opening reads the zip directory, the workbook's sheet list and the shared strings; each sheet
/// is read when asked for. All parts are decompressed into memory under one byte budget
/// (`XLSXLimits.maxUncompressedBytes`), so reading the same sheet twice counts twice.
///
/// Not thread-safe: use one reader per task.
public final class XLSXReader {
    public struct SheetInfo: Equatable, Sendable {
        public let name: String
        public let isHidden: Bool
        /// The sheet's part inside the zip, e.g. "xl/worksheets/sheet1.xml".
        public let partPath: String
    }

    public let limits: XLSXLimits
    /// Sheets in tab order.
    public let sheetInfos: [SheetInfo]
    public let usesDate1904: Bool
    private let extractor: ZipExtractor
    private let sharedStrings: [String]

    public var sheetNames: [String] { sheetInfos.map(\.name) }

    public convenience init(contentsOf url: URL, limits: XLSXLimits = XLSXLimits()) throws {
        let size = (try? url.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? nil
        if let size, size > limits.maxFileBytes { throw XLSXError.fileTooLarge(limitBytes: limits.maxFileBytes) }
        guard let data = try? Data(contentsOf: url) else { throw XLSXError.unreadableFile(path: url.lastPathComponent) }
        try self.init(data: data, limits: limits)
    }

    public init(data: Data, limits: XLSXLimits = XLSXLimits()) throws {
        self.limits = limits
        guard data.count <= limits.maxFileBytes else { throw XLSXError.fileTooLarge(limitBytes: limits.maxFileBytes) }
        try Self.checkSignature(data)
        let directory = try ZipDirectory(data: data, maxEntries: limits.maxEntries)
        let extractor = ZipExtractor(directory: directory, limits: limits)
        self.extractor = extractor

        let workbookPath = try Self.workbookPath(extractor)
        guard let workbookData = try extractor.contents(of: workbookPath) else {
            throw Self.missingWorkbook(directory, expected: workbookPath)
        }
        let workbook = try WorkbookPart.parse(workbookData, part: workbookPath, maxSheets: limits.maxSheets)
        guard workbook.isWorkbook else { throw XLSXError.missingPart(path: "xl/workbook.xml") }
        let relsPath = PackageRelationships.relsPath(for: workbookPath)
        guard let relsData = try extractor.contents(of: relsPath) else { throw XLSXError.missingPart(path: relsPath) }
        let relationships = try PackageRelationships.parse(relsData, part: relsPath, source: workbookPath)

        var infos: [SheetInfo] = []
        for sheet in workbook.sheets {
            // A chartsheet or dialog sheet has no cells: only worksheets are listed.
            guard let target = relationships.first(where: { $0.id == sheet.relationshipID }) else {
                throw XLSXError.corruptArchive(detail: "la feuille « \(sheet.name) » n'a pas de contenu associé")
            }
            guard target.hasType("worksheet") else { continue }
            infos.append(SheetInfo(name: sheet.name, isHidden: sheet.isHidden, partPath: target.targetPath))
        }
        self.sheetInfos = infos
        self.usesDate1904 = workbook.usesDate1904

        let stringsPath = relationships.first { $0.hasType("sharedStrings") }?.targetPath
        if let stringsPath, let stringsData = try extractor.contents(of: stringsPath) {
            sharedStrings = try SharedStringsPart.parse(stringsData, part: stringsPath)
        } else {
            sharedStrings = []
        }
    }

    /// Reads the sheet at a zero-based position in `sheetInfos`.
    public func sheet(at index: Int) throws -> XLSXSheet {
        guard sheetInfos.indices.contains(index) else { throw XLSXError.sheetNotFound(name: "n° \(index + 1)") }
        let info = sheetInfos[index]
        guard let data = try extractor.contents(of: info.partPath) else {
            throw XLSXError.missingPart(path: info.partPath)
        }
        let part = try WorksheetPart.parse(data, part: info.partPath, sheet: info.name,
                                           sharedStrings: sharedStrings, limits: limits)
        return XLSXSheet(name: info.name, isHidden: info.isHidden, rows: part.rows, mergedRanges: part.mergedRanges)
    }

    /// Reads the sheet with this name (ignoring case and surrounding spaces).
    public func sheet(named name: String) throws -> XLSXSheet {
        let wanted = Self.sheetKey(name)
        guard let index = sheetInfos.firstIndex(where: { Self.sheetKey($0.name) == wanted }) else {
            throw XLSXError.sheetNotFound(name: name)
        }
        return try sheet(at: index)
    }

    /// Reads every sheet.
    public func workbook() throws -> XLSXWorkbook {
        XLSXWorkbook(sheets: try sheetInfos.indices.map(sheet(at:)), usesDate1904: usesDate1904)
    }

    static func sheetKey(_ name: String) -> String {
        name.trimmingCharacters(in: .whitespaces).lowercased()
    }

    /// A zip starts with "PK"; an old .xls and an encrypted .xlsx are both OLE compound files.
    private static func checkSignature(_ data: Data) throws {
        let head = [UInt8](data.prefix(8))
        if head == [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] { throw XLSXError.legacyOrEncrypted }
        guard head.count >= 4, head[0] == 0x50, head[1] == 0x4B,
              [[0x03, 0x04], [0x05, 0x06], [0x07, 0x08]].contains(Array(head[2..<4])) else {
            throw XLSXError.notAZip
        }
    }

    /// The main part named by the package relationships, "xl/workbook.xml" by convention.
    private static func workbookPath(_ extractor: ZipExtractor) throws -> String {
        let conventional = "xl/workbook.xml"
        guard let rels = try extractor.contents(of: "_rels/.rels") else { return conventional }
        let relationships = try PackageRelationships.parse(rels, part: "_rels/.rels", source: "")
        let path = relationships.first { $0.hasType("officeDocument") }?.targetPath ?? conventional
        if path.lowercased().hasSuffix(".bin") { throw XLSXError.unsupportedSpreadsheet(kind: "Excel binaire (.xlsb)") }
        return path
    }

    /// Names the other formats a zip may be, so the message says what to do.
    private static func missingWorkbook(_ directory: ZipDirectory, expected: String) -> XLSXError {
        if directory.entry("xl/workbook.bin") != nil { return .unsupportedSpreadsheet(kind: "Excel binaire (.xlsb)") }
        if directory.entry("content.xml") != nil, directory.entry("mimetype") != nil {
            return .unsupportedSpreadsheet(kind: "OpenDocument (.ods)")
        }
        return .missingPart(path: expected)
    }
}
