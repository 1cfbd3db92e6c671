import XCTest
@testable import CLSFormats

final class CSVWriterTests: XCTestCase {
    func testWritesWhatFrenchSpreadsheetsOpen() {
        var csv = CSVWriter()
        csv.append(["Nom", "Territoire"])
        csv.append(["CLS de Belle-Île", "Bangor; Le Palais"])
        csv.append(["Dit \"le CLS\"", "ligne\nsuivante"])
        XCTAssertEqual(csv.string, "\u{FEFF}Nom;Territoire\r\nCLS de Belle-Île;\"Bangor; Le Palais\"\r\n\"Dit \"\"le CLS\"\"\";\"ligne\nsuivante\"\r\n")
        XCTAssertEqual(csv.data.prefix(3), Data([0xEF, 0xBB, 0xBF]))
    }

    func testNeutralisesFormulas() {
        var csv = CSVWriter(separator: ",", byteOrderMark: false)
        csv.append(["=HYPERLINK(\"http://x\")", "-12.5", "@SUM(A1)", "+33 1 23"])
        XCTAssertEqual(csv.string, "\"'=HYPERLINK(\"\"http://x\"\")\",-12.5,'@SUM(A1),'+33 1 23\r\n")
    }
}
