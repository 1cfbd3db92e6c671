import CLSCore
import Foundation

/// Lays out the final evaluation report: its frame, the evaluative questions by purpose with
/// their findings and recommendations, then the evidence assembled from the data.
public enum EvaluationDocumentWriter {
    public static func document(_ report: EvaluationReport) -> DOCXDocument {
        var document = DOCXDocument(title: "Évaluation finale – \(report.contractName)")
        document.append(.title("Évaluation finale"))
        document.append(.subtitle(report.contractName))
        document.append(.paragraph([DOCXRun(report.subtitle, italic: true)], alignment: .center))
        for (label, value) in [("Évaluateur", report.evaluator), ("Période", report.period)] where !value.isEmpty {
            document.append(.paragraph([DOCXRun(label + " : ", bold: true), DOCXRun(value)], alignment: .center))
        }
        document.append(.pageBreak)

        document.append(.heading(1, "Méthode"))
        if report.method.isEmpty {
            document.append(.paragraph([DOCXRun("La méthode de l'évaluation n'est pas décrite.", italic: true)]))
        }
        for paragraph in report.method.split(separator: "\n", omittingEmptySubsequences: true) {
            document.append(.text(String(paragraph), alignment: .both))
        }

        document.append(.heading(1, "Questions évaluatives"))
        if report.questions.isEmpty {
            document.append(.paragraph([DOCXRun("Aucune question évaluative n'a été posée.", italic: true)]))
        }
        for purpose in EvaluationPurpose.allCases {
            let questions = report.questions.filter { $0.purpose == purpose }
            guard !questions.isEmpty else { continue }
            document.append(.heading(2, purpose.heading))
            document.append(.paragraph([DOCXRun(purpose.explanation, italic: true)]))
            for (index, question) in questions.enumerated() {
                document.append(.heading(3, "\(index + 1). \(question.question)"))
                document.append(.paragraph([DOCXRun("Constats", bold: true)]))
                document.append(contentsOf: paragraphs(question.findings, empty: "Pas encore de constat."))
                document.append(.paragraph([DOCXRun("Recommandations", bold: true)]))
                let recommendations = question.recommendations.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
                if recommendations.isEmpty {
                    document.append(.paragraph([DOCXRun("Pas encore de recommandation.", italic: true)]))
                } else {
                    document.append(.bullets(recommendations))
                }
            }
        }

        let evidence = report.evidence
        document.append(.pageBreak)
        document.append(.heading(1, "Éléments de preuve"))
        document.append(.text(report.evidenceIsFrozen
                              ? "Données de la plateforme arrêtées au \(evidence.day)."
                              : "Données de la plateforme au \(evidence.day), non encore arrêtées : elles suivent les modifications du contrat."))
        section(&document, "Réalisation du programme", evidence.actions)
        if !evidence.lateActions.isEmpty {
            document.append(.paragraph([DOCXRun("Fiches actions en retard", bold: true)]))
            document.append(.bullets(evidence.lateActions))
        }
        if !evidence.abandonedActions.isEmpty {
            document.append(.paragraph([DOCXRun("Fiches actions abandonnées", bold: true)]))
            document.append(.bullets(evidence.abandonedActions))
        }
        section(&document, "Inégalités sociales et territoriales de santé", evidence.ists)
        for table in evidence.tables {
            document.append(.heading(2, table.title))
            if table.rows.isEmpty {
                document.append(.paragraph([DOCXRun("Aucune donnée.", italic: true)]))
            } else {
                document.append(.table(header: table.header, rows: table.rows.map { $0.map(\.text) }))
            }
        }
        section(&document, "Activité de la gouvernance", evidence.governance)
        return document
    }

    private static func section(_ document: inout DOCXDocument, _ heading: String, _ lines: [EvaluationEvidence.Line]) {
        document.append(.heading(2, heading))
        for line in lines { document.append(.field(label: line.label, value: line.value.text)) }
    }

    private static func paragraphs(_ text: String, empty: String) -> [DOCXBlock] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        guard !lines.isEmpty else { return [.paragraph([DOCXRun(empty, italic: true)])] }
        return lines.map { .text(String($0), alignment: .both) }
    }

    public static func write(_ report: EvaluationReport) throws -> Data {
        try DOCXWriter.write(document(report))
    }
}
