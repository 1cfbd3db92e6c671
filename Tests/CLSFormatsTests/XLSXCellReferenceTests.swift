import XCTest
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
