import CLSCore
import XCTest
@testable import CLSFormats

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
