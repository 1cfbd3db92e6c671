import CLSCore
import CLSFormats
import CLSStore
import Foundation

/// The consolidated yearly report as a Word document, the one report for all signatories
/// (DOMAIN.md §4): summary, actions by axis with their pilots' comments and indicators, finances
/// by funder, governance activity.
enum ReviewReportDocument {
    static func document(_ report: ReviewReport, contractName: String) -> DOCXDocument {
        var document = DOCXDocument(title: "Rapport annuel \(report.year) – \(contractName)")
        document.append(.title("Rapport annuel \(report.year)"))
        document.append(.subtitle(contractName))
        document.append(.field(label: "État du bilan", value: ReviewState(rawValue: report.state)?.label ?? report.state))
        if let cotech = report.cotechOn { document.append(.field(label: "Vérifié en comité technique le", value: CodeLabels.day(cotech))) }
        if let copil = report.copilOn { document.append(.field(label: "Approuvé en comité de pilotage le", value: CodeLabels.day(copil))) }
        document.append(.field(label: "Budget prévu", value: FrenchFormat.euros(report.plannedTotal)))
        document.append(.field(label: "Budget réalisé", value: FrenchFormat.euros(report.actualTotal)))
        if !report.consolidationComment.isEmpty {
            document.append(.heading(1, "Synthèse de la coordination"))
            document.append(.text(report.consolidationComment, alignment: .both))
        }
        document.append(.heading(1, "Les actions de l'année"))
        for axis in report.axes {
            document.append(.heading(2, axis.title))
            for action in axis.actions {
                document.append(.heading(3, action.title))
                document.append(.field(label: "Pilote", value: action.pilot.isEmpty ? "—" : action.pilot))
                document.append(.field(label: "Statut déclaré", value: CodeLabels.status(action.reportedStatus)))
                document.append(.field(label: "Budget", value: "\(FrenchFormat.euros(action.actual)) réalisés sur \(FrenchFormat.euros(action.planned)) prévus"))
                if !action.comment.isEmpty { document.append(.text(action.comment, alignment: .both)) }
                if !action.indicators.isEmpty {
                    func number(_ value: Double?) -> String { value.map { FrenchFormat.number($0) } ?? "—" }
                    document.append(.table(header: ["Indicateur", "Réalisé \(report.year - 1)", "Cible \(report.year)", "Réalisé \(report.year)", "Appréciation"],
                                           rows: action.indicators.map { line in
                                               [line.unit.isEmpty ? line.name : "\(line.name) (\(line.unit))", number(line.previous), number(line.target),
                                                number(line.actual), ReviewReportPage.verdict(line)]
                                           }, widths: [4, 2, 2, 2, 3]))
                }
            }
        }
        document.append(.heading(1, "Finances"))
        document.append(.table(header: ["Financeur", "Prévu", "Réalisé"],
                               rows: report.funders.map { [$0.funder, FrenchFormat.euros($0.planned), FrenchFormat.euros($0.actual)] }
                                   + [["Total", FrenchFormat.euros(report.plannedTotal), FrenchFormat.euros(report.actualTotal)]],
                               widths: [4, 2, 2]))
        if !report.coordinationFunding.isEmpty {
            document.append(.heading(2, "Financement de la coordination"))
            document.append(.table(header: ["Financeur", "Montant"], rows: report.coordinationFunding.map { [$0.funder, FrenchFormat.euros($0.actual)] },
                                   widths: [4, 2]))
        }
        document.append(.heading(1, "Gouvernance"))
        document.append(.table(header: ["Instance", "Réunions tenues", "Avec compte rendu", "Décisions"],
                               rows: report.governance.map { [$0.body, String($0.meetingsHeld), String($0.withMinutes), String($0.decisions)] },
                               widths: [4, 2, 2, 2]))
        return document
    }
}
