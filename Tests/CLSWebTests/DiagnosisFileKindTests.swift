import Foundation
import XCTest
@testable import CLSWeb

/// A diagnosis file is told by its header line, whatever the encoding a spreadsheet saved it in.
final class DiagnosisFileKindTests: XCTestCase {
    func testAHeaderSavedAgainInWindows1252IsRecognised() throws {
        let header = "Année;Département Code;Département;Classe d'âge;Sexe;Nombre de décès;Taux brut;Taux standardisé\n2023;56;Morbihan;Tous"
        let latin = try XCTUnwrap(header.data(using: .windowsCP1252))
        let line = DiagnosisFileKind.headerLine(latin)
        XCTAssertTrue(line.hasPrefix("Année;"), line)
        XCTAssertEqual(DiagnosisFileKind.recognise(fileName: "suicides.csv", header: line), .suicides)
        let bom = Data([0xEF, 0xBB, 0xBF]) + Data("Année,Région Code,Région,HPV filles 1 dose à 15 ans\r\n2011,84".utf8)
        XCTAssertEqual(DiagnosisFileKind.recognise(fileName: "couvertures.csv", header: DiagnosisFileKind.headerLine(bom)), .vaccination)
        XCTAssertNil(DiagnosisFileKind.recognise(fileName: "autre.csv", header: DiagnosisFileKind.headerLine(Data("code;nom\n".utf8))))
    }
}
