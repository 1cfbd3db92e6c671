import CLSCore
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest
@testable import CLSFormats

/// The Word documents CLS Pilot writes: a valid package (the parts and relationships Word
/// requires, every part well-formed XML), the text where it was put, and LibreOffice's reading.
final class DOCXWriterTests: XCTestCase {
    static func sample() -> DOCXDocument {
        DOCXDocument(title: "Contrat « test » & essai", blocks: [
            .title("CLS de Lorient"), .subtitle("Morbihan, Bretagne"), .heading(1, "Préambule"),
            .paragraph([DOCXRun("Vu le code ", bold: true), DOCXRun("de la santé publique\nligne deux <et> & fin", italic: true)], alignment: .both),
            .bullets(["Premier point", "Second point"]), .field(label: "Durée", value: "5 ans"),
            .table(header: ["Financeur", "Montant"], rows: [["ARS Bretagne", "12 000 €"], ["Commune"]], widths: [3, 1]),
            .pageBreak, .heading(2, "Fiche action 1.1 – Maison de santé"), .heading(3, "Indicateurs"),
        ])
    }

    func testTheWordPackageHasWhatWordRequiresAndTheTextWhereItWasPut() throws {
        let data = try DOCXWriter.write(Self.sample())
        let parts = try DOCXText.partNames(of: data)
        XCTAssertEqual(parts.first, "[Content_Types].xml", "content types first, as Word writes them")
        for required in ["_rels/.rels", "word/document.xml", "word/_rels/document.xml.rels", "word/styles.xml", "word/numbering.xml",
                         "word/settings.xml", "word/footer1.xml", "docProps/core.xml", "docProps/app.xml"] {
            XCTAssertTrue(parts.contains(required), required)
        }
        let files = try XLSXFixture.parts(of: data)
        for (path, xml) in files {
            let parser = XMLParser(data: xml)
            XCTAssertTrue(parser.parse(), "\(path) is well-formed XML: \(String(describing: parser.parserError))")
        }
        let types = String(decoding: try XCTUnwrap(files["[Content_Types].xml"]), as: UTF8.self)
        XCTAssertTrue(types.contains("wordprocessingml.document.main+xml"))
        let relationships = String(decoding: try XCTUnwrap(files["word/_rels/document.xml.rels"]), as: UTF8.self)
        for target in ["styles.xml", "numbering.xml", "settings.xml", "footer1.xml"] { XCTAssertTrue(relationships.contains("Target=\"\(target)\"")) }
        let core = String(decoding: try XCTUnwrap(files["docProps/core.xml"]), as: UTF8.self)
        XCTAssertTrue(core.contains("<dc:title>Contrat « test » &amp; essai</dc:title>"))

        let paragraphs = try DOCXText.paragraphs(of: data)
        XCTAssertEqual(Array(paragraphs.prefix(4)), ["CLS de Lorient", "Morbihan, Bretagne", "Préambule",
                                                    "Vu le code de la santé publique\nligne deux <et> & fin"])
        XCTAssertTrue(paragraphs.contains("Premier point"))
        XCTAssertTrue(paragraphs.contains("Durée : 5 ans"))
        XCTAssertTrue(paragraphs.contains("ARS Bretagne"))
        XCTAssertTrue(paragraphs.contains("Fiche action 1.1 – Maison de santé"))
        XCTAssertEqual(try DOCXWriter.write(Self.sample()), data, "the same document gives the same bytes")
    }

    /// LibreOffice opens the document and prints it as PDF; the PDF's text holds what was written.
    func testLibreOfficeTurnsItIntoAPDFWithTheSameText() throws {
        let pdf = try LibreOffice.convert(try DOCXWriter.write(Self.sample()), name: "contrat.docx", to: "pdf")
        XCTAssertTrue(pdf.starts(with: Data("%PDF".utf8)))
        let text = try PDFText.text(of: pdf)
        for expected in ["CLS de Lorient", "Préambule", "Premier point", "ARS Bretagne", "12 000 €", "Fiche action 1.1 – Maison de santé", "Page 1 sur 2"] {
            XCTAssertTrue(text.contains(expected), "« \(expected) » in the PDF:\n\(text)")
        }
    }
}

/// `pdftotext` (poppler-utils), for the text of a PDF LibreOffice printed.
enum PDFText {
    static func text(of pdf: Data) throws -> String {
        let path = ["/usr/bin/pdftotext", "/usr/local/bin/pdftotext"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let path else { throw XCTSkip("pdftotext (poppler-utils) is not installed: the PDF's text is not checked here (CI installs it).") }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("document.pdf"), output = folder.appendingPathComponent("document.txt")
        try pdf.write(to: input)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["-enc", "UTF-8", input.path, output.path]
        try process.run()
        process.waitUntilExit()
        // Normalise the no-break spaces French typography puts before « € », « : »…
        return try String(contentsOf: output, encoding: .utf8)
            .replacingOccurrences(of: "\u{00A0}", with: " ").replacingOccurrences(of: "\u{202F}", with: " ")
    }
}
