import CLSCore
import Foundation
import XCTest
@testable import CLSFormats

/// An amendment and an evaluation report as Word documents: read back by our reader, opened and
/// printed by LibreOffice, with their changes, questions and evidence where they were put; the
/// evidence workbook read back with its numbers as numbers.
final class AmendmentAndEvaluationDocumentTests: XCTestCase {
    static let parties = [ContractDocumentContent.Party(organisation: "ARS Bretagne", kind: "ARS", representative: "Le directeur général",
                                                        role: "Directeur général", deliberationOn: "", signedOn: ""),
                          ContractDocumentContent.Party(organisation: "Commune de Lorient", kind: "Commune", representative: "Le maire",
                                                        role: "Maire", deliberationOn: "", signedOn: "")]

    static func amendment() -> AmendmentDocumentContent {
        AmendmentDocumentContent(
            contractName: "CLS de Lorient", contractSubtitle: "Contrat local de santé — Morbihan, Bretagne", number: 2,
            title: "Médiation en santé", state: .signed, draftedOn: "3 mars 2026", signedOn: "12 mai 2026",
            baseVersion: "contrat modifié par l'avenant n° 1, en vigueur depuis le 2 février 2025",
            text: "Le comité de pilotage a décidé d'ajouter une action.",
            changes: [AmendmentChange(subject: .action, kind: .added, name: "Médiation en santé"),
                      AmendmentChange(subject: .duration, kind: .changed, name: "", details: ["Fin : « 31 décembre 2027 » → « 31 décembre 2029 »"])],
            parties: parties, signers: ["ARS Bretagne"])
    }

    static func evaluation() -> EvaluationReport {
        let evidence = EvaluationEvidence(
            day: "15 janvier 2026", actions: [.count("Fiches actions", 12), .count("Réalisé", 7)], lateActions: ["Maison de santé"],
            abandonedActions: [], ists: [.count("Fiches actions codées", 11)],
            reflex: .init(title: "Séances RÉFLEX-ISS", header: ["Séance", "Participants", "Moyenne (0 à 4)", "Évolution"],
                          rows: [[.init("3 mars 2025"), .init("COTECH"), .init("2,1", number: 2.1), .init("—")]]),
            indicators: .init(title: "Indicateurs", header: ["Indicateur", "Fiche action", "Cible", "Réalisé", "Appréciation"], rows: []),
            budgets: .init(title: "Budgets", header: ["Financeur", "Prévu", "Réalisé", "Taux de réalisation"],
                           rows: [[.init("ARS Bretagne"), .init("12 000 €", number: 12_000), .init("9 000 €", number: 9_000), .init("75 %", number: 75)]]),
            governance: [.count("Réunions tenues", 6)])
        return EvaluationReport(contractName: "CLS de Lorient", subtitle: "Contrat local de santé — Morbihan, Bretagne",
                                evaluator: "ORS Bretagne", method: "Entretiens.", period: "du 1er septembre 2025 au 15 janvier 2026",
                                questions: [.init(purpose: .democratic, question: "Les habitants ont-ils pris part ?", findings: "Peu.",
                                                  recommendations: "Un collège d'habitants\nUne réunion publique par an")],
                                evidence: evidence, evidenceIsFrozen: true)
    }

    func testTheAmendmentSaysWhatItChangesAndWhoSigned() throws {
        let text = try DOCXText.paragraphs(of: try AmendmentDocumentWriter.write(Self.amendment()))
        XCTAssertEqual(Array(text.prefix(2)), ["Avenant n° 2", "au CLS de Lorient — Médiation en santé"])
        XCTAssertTrue(text.contains("Ajout de la fiche action « Médiation en santé »."))
        XCTAssertTrue(text.contains("Modification de la durée du contrat :"))
        XCTAssertTrue(text.contains("Fin : « 31 décembre 2027 » → « 31 décembre 2029 »"))
        XCTAssertTrue(text.contains("Article 3 – Autres dispositions"))
        let joined = text.joined(separator: "\n")
        XCTAssertTrue(joined.contains("Signé le 12 mai 2026"), "ARS Bretagne signed")
        XCTAssertTrue(joined.contains("Commune de Lorient"))
    }

    func testTheEvaluationReportHoldsItsQuestionsAndItsEvidence() throws {
        let text = try DOCXText.paragraphs(of: try EvaluationDocumentWriter.write(Self.evaluation()))
        XCTAssertEqual(Array(text.prefix(2)), ["Évaluation finale", "CLS de Lorient"])
        XCTAssertTrue(text.contains("Finalité démocratique"))
        XCTAssertTrue(text.contains("1. Les habitants ont-ils pris part ?"))
        XCTAssertTrue(text.contains("Une réunion publique par an"))
        XCTAssertTrue(text.contains("Fiches actions : 12"))
        XCTAssertTrue(text.contains("Données de la plateforme arrêtées au 15 janvier 2026."))
        let workbook = try XLSXWorkbook(data: try EvaluationWorkbook.write(Self.evaluation()))
        let budgets = try XCTUnwrap(workbook.sheet(named: "Budgets"))
        XCTAssertEqual(budgets.textRow(0), ["Financeur", "Prévu", "Réalisé", "Taux de réalisation"])
        XCTAssertEqual(budgets.cell(row: 1, column: 1), .number(12_000))
        XCTAssertEqual(workbook.sheet(named: "Questions")?.textRow(1).first, "Démocratique")
    }

    func testLibreOfficePrintsBothWithTheirText() throws {
        let amendment = try PDFText.text(of: try LibreOffice.convert(try AmendmentDocumentWriter.write(Self.amendment()), name: "avenant.docx", to: "pdf"))
        for expected in ["Avenant n° 2", "Ajout de la fiche action « Médiation en santé »", "ARS Bretagne", "Commune de Lorient"] {
            XCTAssertTrue(amendment.contains(expected), "« \(expected) » in the PDF:\n\(amendment)")
        }
        let report = try PDFText.text(of: try LibreOffice.convert(try EvaluationDocumentWriter.write(Self.evaluation()), name: "evaluation.docx", to: "pdf"))
        for expected in ["Évaluation finale", "Finalité démocratique", "Une réunion publique par an", "12 000 €"] {
            XCTAssertTrue(report.contains(expected), "« \(expected) » in the PDF:\n\(report)")
        }
        let workbook = try XLSXWorkbook(data: try LibreOffice.convert(try EvaluationWorkbook.write(Self.evaluation()), name: "preuves.xlsx", to: "xlsx"))
        XCTAssertEqual(workbook.sheet(named: "Budgets")?.cell(row: 1, column: 2), .number(9_000))
    }
}
