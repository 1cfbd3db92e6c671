import CLSCore
import Foundation
import XCTest
@testable import CLSFormats

/// INSEE's Comparateur de territoires read from its zip: the columns CLS Pilot needs, numbers or
/// empty, one line per commune; a damaged file refused with its file, line and column.
final class ComparateurReaderTests: XCTestCase {
    static let header = "CODGEO;P18_POP;P13_POP;SUPERF;NAIS1318;DECE1318;P18_MEN;NAISD20;DECESD20;P18_CHOM1564;P18_ACT1564;MED19;TP6019"

    static func zip(_ lines: [String]) throws -> Data {
        try ZipPackageWriter.archive([(ComparateurReader.entry, Data(([header] + lines).joined(separator: "\n").utf8)),
                                      ("meta_base_cc_comparateur.CSV", Data("COD_VAR;LIB_VAR\n".utf8))])
    }

    func testItReadsTheCommunesAndTellsArrondissements() throws {
        let communes = try ComparateurReader.read(zip: try Self.zip([
            "56152;2529;2550;17.8;110;160;1200;20;31;63.5;1000.2;21000;12.5",
            "75056;2175601;2220445;105.4;;;;;;;;;",
            "75101;16252;17100;1.8;800;600;9000;130;95;600;9000;;",
            "2A004;69075;66809;40.2;3500;2700;32000;650;600;3000;31000;;",
            "97411;153001;145209;142.7;11000;4000;60000;2100;900;12000;70000;;",
        ]), fileName: "base_cc_comparateur_csv.zip")
        XCTAssertEqual(communes.count, 5)
        XCTAssertEqual(communes[0], ComparateurCommune(code: "56152", population2018: 2529, deaths2020: 31, births2020: 20,
                                                       unemployed1564: 63.5, active1564: 1000.2))
        XCTAssertNil(communes[1].deaths2020, "an empty cell is no figure")
        XCTAssertEqual(communes.map(\.isArrondissement), [false, false, true, false, false])
        XCTAssertEqual(communes.map(\.departmentCode), ["56", "75", "75", "2A", "974"])
    }

    func testADamagedFileIsRefusedNamingFileLineAndColumn() throws {
        XCTAssertThrowsError(try ComparateurReader.read(zip: try Self.zip(["56152;2529;2550;17.8;110;160;1200;20;trente;63.5;1000.2;;"]),
                                                        fileName: "base.zip")) { error in
            XCTAssertEqual(error as? TerritoryFileError,
                           .invalidValue(file: "base.zip › base_cc_comparateur.CSV", line: 2, column: "DECESD20", value: "trente", expected: "un nombre positif"))
            XCTAssertTrue((error as? TerritoryFileError)?.message.contains("DECESD20") ?? false)
        }
        XCTAssertThrowsError(try ComparateurReader.read(zip: try Self.zip(["56152;1;1;1;1;1;1;1;1;1;1;;", "56152;1;1;1;1;1;1;1;1;1;1;;"]),
                                                        fileName: "base.zip")) { error in
            guard case .duplicateValue(_, 3, "CODGEO", "56152", 2) = error as? TerritoryFileError else { return XCTFail("\(error)") }
        }
        let other = try ZipPackageWriter.archive([("autre.csv", Data("a;b\n".utf8))])
        XCTAssertThrowsError(try ComparateurReader.read(zip: other, fileName: "autre.zip")) { error in
            XCTAssertEqual((error as? TerritoryFileError)?.message,
                           "L'archive « autre.zip » ne contient pas « base_cc_comparateur.CSV » : ce n'est pas la base communale du Comparateur de territoires de l'INSEE.")
        }
        XCTAssertThrowsError(try ComparateurReader.read(zip: Data("pas une archive".utf8), fileName: "faux.zip")) { error in
            XCTAssertEqual(error as? TerritoryFileError, .damagedArchive(file: "faux.zip"))
        }
        let whole = try Self.zip(["56152;2529;2550;17.8;110;160;1200;20;31;63.5;1000.2;;"])
        XCTAssertThrowsError(try ComparateurReader.read(zip: whole.prefix(whole.count / 2), fileName: "tronque.zip"), "a truncated archive") { error in
            XCTAssertEqual(error as? TerritoryFileError, .damagedArchive(file: "tronque.zip"))
        }
    }
}
