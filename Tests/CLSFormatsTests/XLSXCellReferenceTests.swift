import XCTest
import CLSCore
@testable import CLSFormats

final class XLSXCellReferenceTests: XCTestCase {
    func testParsesZeroBasedPositions() {
        XCTAssertEqual(XLSXCellReference("A1"), XLSXCellReference(row: 0, column: 0))
        XCTAssertEqual(XLSXCellReference("AB12"), XLSXCellReference(row: 11, column: 27))
        XCTAssertEqual(XLSXCellReference("$c$3"), XLSXCellReference(row: 2, column: 2))
        XCTAssertEqual(XLSXCellReference("XFD1048576"), XLSXCellReference(row: 1_048_575, column: 16_383))
        for invalid in ["", "A", "12", "A0", "1A", "A1B", "XFE1", "A1048577", "ABCD1", "A-1", "É1"] {
            XCTAssertNil(XLSXCellReference(invalid), invalid)
        }
        XCTAssertNil(XLSXCellReference(row: -1, column: 0))
    }

    func testNamesColumnsAndCells() {
        XCTAssertEqual(XLSXCellReference.columnName(0), "A")
        XCTAssertEqual(XLSXCellReference.columnName(25), "Z")
        XCTAssertEqual(XLSXCellReference.columnName(26), "AA")
        XCTAssertEqual(XLSXCellReference.columnName(701), "ZZ")
        XCTAssertEqual(XLSXCellReference.columnName(702), "AAA")
        XCTAssertEqual(XLSXCellReference.columnName(16_383), "XFD")
        XCTAssertEqual(XLSXCellReference.columnIndex("xfd"), 16_383)
        XCTAssertNil(XLSXCellReference.columnIndex("XFE"))
        XCTAssertEqual(XLSXCellReference(row: 11, column: 27)?.a1, "AB12")
        for column in [0, 1, 25, 26, 27, 51, 52, 700, 701, 702, 16_383] {
            XCTAssertEqual(XLSXCellReference.columnIndex(XLSXCellReference.columnName(column)), column)
        }
    }
}

final class ExcelDateTests: XCTestCase {
    func testConvertsSerialsIncludingTheFictitious29February1900() {
        XCTAssertTrue(excelSerialDate(45_292)! == (2024, 1, 1))
        XCTAssertTrue(excelSerialDate(45_292.75)! == (2024, 1, 1), "the time of day is dropped")
        XCTAssertTrue(excelSerialDate(1)! == (1900, 1, 1))
        XCTAssertTrue(excelSerialDate(59)! == (1900, 2, 28))
        XCTAssertNil(excelSerialDate(60), "29/02/1900 never existed")
        XCTAssertTrue(excelSerialDate(61)! == (1900, 3, 1))
        XCTAssertTrue(excelSerialDate(25_569)! == (1970, 1, 1))
        XCTAssertTrue(excelSerialDate(36_526)! == (2000, 1, 1))
        XCTAssertTrue(excelSerialDate(46_022)! == (2025, 12, 31))
        XCTAssertTrue(excelSerialDate(2_958_465)! == (9999, 12, 31))
        XCTAssertNil(excelSerialDate(2_958_466))
        XCTAssertNil(excelSerialDate(0))
        XCTAssertNil(excelSerialDate(-5))
        XCTAssertNil(excelSerialDate(.nan))
        XCTAssertNil(excelSerialDate(.infinity))
    }

    func testThe1904DateSystem() {
        XCTAssertTrue(excelSerialDate(0, date1904: true)! == (1904, 1, 1))
        XCTAssertTrue(excelSerialDate(43_830, date1904: true)! == (2024, 1, 1))
        XCTAssertEqual(CalendarDay(excelSerial: 45_292), CalendarDay(year: 2024, month: 1, day: 1))
        XCTAssertNil(CalendarDay(excelSerial: 60))
    }
}
