import CLSCore
import Foundation

/// The final evaluation's evidence as a workbook: a sheet per part, numbers as numbers.
public enum EvaluationWorkbook {
    public static func write(_ report: EvaluationReport) throws -> Data {
        let evidence = report.evidence
        func cell(_ value: EvaluationEvidence.Cell) -> XLSXCell? {
            if let number = value.number { return .number(number) }
            return value.text.isEmpty || value.text == "—" ? nil : .text(value.text)
        }
        var summary = XLSXWriter.Sheet(name: "Synthèse", headerRowCount: 1, columnWidths: [0: 45, 1: 25])
        summary.append(texts: ["Évaluation finale", report.contractName])
        summary.append(texts: [report.evidenceIsFrozen ? "Données arrêtées au" : "Données au", evidence.day])
        for (title, lines) in [("Réalisation du programme", evidence.actions), ("Inégalités sociales et territoriales de santé", evidence.ists),
                               ("Activité de la gouvernance", evidence.governance)] {
            summary.append([])
            summary.append(texts: [title])
            for line in lines { summary.append([.text(line.label), cell(line.value)]) }
        }
        var actions = XLSXWriter.Sheet(name: "Actions en retard", headerRowCount: 1, columnWidths: [0: 60, 1: 20])
        actions.append(texts: ["Fiche action", "Situation"])
        for title in evidence.lateActions { actions.append(texts: [title, "En retard"]) }
        for title in evidence.abandonedActions { actions.append(texts: [title, "Abandonnée"]) }
        var sheets = [summary, actions]
        for (name, table) in [("RÉFLEX-ISS", evidence.reflex), ("Indicateurs", evidence.indicators), ("Budgets", evidence.budgets)] {
            var sheet = XLSXWriter.Sheet(name: name, headerRowCount: 1, frozenRowCount: 1, columnWidths: [0: 40, 1: 40])
            sheet.append(texts: table.header)
            for row in table.rows { sheet.append(row.map(cell)) }
            sheets.append(sheet)
        }
        var questions = XLSXWriter.Sheet(name: "Questions", headerRowCount: 1, frozenRowCount: 1, columnWidths: [0: 18, 1: 50, 2: 60, 3: 60])
        questions.append(texts: ["Finalité", "Question évaluative", "Constats", "Recommandations"])
        for question in report.questions {
            questions.append(texts: [question.purpose.label, question.question, question.findings, question.recommendations])
        }
        sheets.append(questions)
        return try XLSXWriter(sheets: sheets).data()
    }
}
