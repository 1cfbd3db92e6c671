import CLSCore
import CLSStore
import Foundation

/// One dated version of the diagnosis, as it stood on its day: frame, sections, findings,
/// priorities and the perimeter's figures, in words.
struct DiagnosisVersionPage: Encodable, ContractPageContent {
    struct Figure: Encodable {
        let indicator: String
        let unit: String
        let period: String
        let area: String
        let value: String
        let interval: String
        let comparisons: String
    }

    struct Finding: Encodable {
        let text: String
        let indicators: String
    }

    struct Priority: Encodable {
        let title: String
        let decision: String
        let details: [String]
    }

    let shell: ContractShell
    let title: String
    let datedOn: String
    let author: String
    let period: String
    let cost: String
    let funders: String
    let sources: String
    let sections: [DiagnosisSnapshot.Section]
    let findings: [Finding]
    let priorities: [Priority]
    let figures: [Figure]
    let current: String

    init(_ contract: Contract, version: DiagnosisVersion, content: DiagnosisSnapshot) {
        let id = contract.id ?? UUID()
        shell = ContractShell(contract, tab: .diagnosis, trail: [Breadcrumb(label: "Diagnostic", href: SitePath.contract(id, .diagnosis(.page)).href)])
        title = "Version \(version.number) du diagnostic : \(version.label)"
        datedOn = FrenchFormat.date(iso: version.datedOn)
        author = content.author
        let start = FrenchFormat.date(iso: content.startedOn), end = FrenchFormat.date(iso: content.finishedOn)
        period = start.isEmpty && end.isEmpty ? "" : [start.isEmpty ? "" : "du \(start)", end.isEmpty ? "" : "au \(end)"].filter { !$0.isEmpty }.joined(separator: " ")
        cost = content.cost.map { FrenchFormat.euros($0) } ?? ""
        funders = content.funders
        sources = content.sources
        sections = content.sections.filter { !$0.text.isEmpty }
        findings = content.findings.map { Finding(text: $0.text, indicators: $0.indicators.joined(separator: ", ")) }
        priorities = content.priorities.map { priority in
            Priority(title: priority.title, decision: priority.status + (priority.reason.isEmpty ? "" : ". Motif : \(priority.reason)"),
                     details: [priority.finding.isEmpty ? "" : "Constat : \(priority.finding)",
                               priority.axis.isEmpty ? "" : "Axe du programme : \(priority.axis)",
                               priority.prsReference.isEmpty ? "" : "Projet régional de santé : \(priority.prsReference)"].filter { !$0.isEmpty })
        }
        figures = content.figures.map { figure in
            Figure(indicator: figure.indicator, unit: figure.unit, period: figure.period, area: figure.area,
                   value: figure.suppressed ? "< \(SmallNumbers.threshold)" : figure.value.map(IndicatorTable.number) ?? "—",
                   interval: figure.lower.flatMap { lower in figure.upper.map { "\(IndicatorTable.number(lower)) – \(IndicatorTable.number($0))" } } ?? "—",
                   comparisons: figure.comparisons.joined(separator: " ; "))
        }
        current = SitePath.contract(id, .diagnosis(.page)).href
    }
}
