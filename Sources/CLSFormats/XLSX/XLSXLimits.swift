import Foundation

/// The bounds a workbook must stay within to be read. Each bound turns a hostile or accidental
/// monster (zip bomb, a million rows, thousands of zip entries) into a clear refusal before it
/// costs memory or time. The defaults fit the largest plans and reference tables we import.
public struct XLSXLimits: Equatable, Sendable {
    /// Size of the .xlsx file itself.
    public var maxFileBytes: Int
    /// Sum of the decompressed sizes of every part actually read (workbook, strings, sheets).
    public var maxUncompressedBytes: Int
    /// Largest decompressed/compressed ratio accepted for a part bigger than
    /// `compressionRatioFloorBytes`. Real sheets compress 5–30 times; bombs about 1,000 times.
    public var maxCompressionRatio: Int
    /// Parts smaller than this are never refused for their ratio (small XML compresses well).
    public var compressionRatioFloorBytes: Int
    /// Entries in the zip central directory.
    public var maxEntries: Int
    public var maxSheets: Int
    /// Rows and columns holding a value, per sheet. Empty styled cells beyond them are ignored.
    public var maxRows: Int
    public var maxColumns: Int

    public init(maxFileBytes: Int = 50_000_000,
                maxUncompressedBytes: Int = 100_000_000,
                maxCompressionRatio: Int = 100,
                compressionRatioFloorBytes: Int = 1_000_000,
                maxEntries: Int = 10_000,
                maxSheets: Int = 200,
                maxRows: Int = 100_000,
                maxColumns: Int = 200) {
        self.maxFileBytes = maxFileBytes
        self.maxUncompressedBytes = maxUncompressedBytes
        self.maxCompressionRatio = maxCompressionRatio
        self.compressionRatioFloorBytes = compressionRatioFloorBytes
        self.maxEntries = maxEntries
        self.maxSheets = maxSheets
        self.maxRows = maxRows
        self.maxColumns = maxColumns
    }
}
