import Foundation

/// A workbook as read, sheets in tab order. Read one with `XLSXWorkbook(data:)` or, to read
/// only some sheets, with `XLSXReader`.
public struct XLSXWorkbook: Equatable, Sendable {
    public let sheets: [XLSXSheet]
    /// True for workbooks using the 1904 date system; pass it to `excelSerialDate(_:date1904:)`.
    public let usesDate1904: Bool

    public init(sheets: [XLSXSheet], usesDate1904: Bool = false) {
        self.sheets = sheets
        self.usesDate1904 = usesDate1904
    }

    /// Reads every sheet of an .xlsx file held in memory.
    public init(data: Data, limits: XLSXLimits = XLSXLimits()) throws {
        self = try XLSXReader(data: data, limits: limits).workbook()
    }

    /// Reads every sheet of an .xlsx file on disk.
    public init(contentsOf url: URL, limits: XLSXLimits = XLSXLimits()) throws {
        self = try XLSXReader(contentsOf: url, limits: limits).workbook()
    }

    public var sheetNames: [String] { sheets.map(\.name) }

    /// The sheet with this name, ignoring case and surrounding spaces as Excel does.
    public func sheet(named name: String) -> XLSXSheet? {
        let wanted = XLSXReader.sheetKey(name)
        return sheets.first { XLSXReader.sheetKey($0.name) == wanted }
    }
}
