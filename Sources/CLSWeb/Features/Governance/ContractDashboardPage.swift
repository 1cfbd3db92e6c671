import CLSCharts
import CLSCore
import CLSStore
import Fluent
import Vapor

/// The contract dashboard, the page a signatory reads: charts with their tables, printable.
struct ContractDashboardPage: Encodable, ContractPageContent {
    struct Row: Encodable { let label: String; let value: String; let detail: String }
    struct AxisRow: Encodable { let title: String; let total: Int; let done: Int; let late: Int; let percent: String }
    struct IndicatorRow: Encodable { let name: String; let action: String; let target: String; let actual: String; let verdict: String; let verdictCode: String }
    struct MoneyRow: Encodable { let label: String; let planned: String; let actual: String }

    let shell: ContractShell
    let alerts: [AlertView]
    let figures: [Row]
    let axes: [AxisRow]
    let axesChart: String
    let statuses: [Row]
    let statusChart: String
    let lateActions: [Row]
    let indicatorYear: Int
    let indicators: [IndicatorRow]
    let byFunder: [MoneyRow]
    let funderChart: String
    let byYear: [MoneyRow]
    let meetings: [Row]
    let today: String

    static func load(_ contract: Contract, _ context: PageContext) async throws -> ContractDashboardPage {
        let id = try contract.requireID()
        let today = context.today
        let data = try await ContractDashboard.load(contract: contract, today: today, on: context.db)
        let euros = { (value: Double) in FrenchFormat.euros(value) }
        let plannedTotal = data.budgetByFunder.reduce(0) { $0 + $1.planned }
        let actualTotal = data.budgetByFunder.reduce(0) { $0 + $1.actual }
        let statusCounts = ActionStatus.allCases.map { ($0, data.progress.count($0)) }.filter { $0.1 > 0 }
        return ContractDashboardPage(
            shell: ContractShell(contract, tab: .dashboard),
            alerts: data.alerts.map(AlertView.init),
            figures: [
                Row(label: "Fiches actions", value: FrenchFormat.integer(data.progress.total), detail: ""),
                Row(label: "Réalisées", value: FrenchFormat.integer(data.progress.doneCount),
                    detail: data.progress.expectedCount > 0 ? FrenchFormat.percent(100 * Double(data.progress.doneCount) / Double(data.progress.expectedCount)) + " des actions attendues" : ""),
                Row(label: "En retard", value: FrenchFormat.integer(data.progress.lateCount), detail: ""),
                Row(label: "Budget prévu", value: euros(plannedTotal), detail: ""),
                Row(label: "Budget réalisé", value: euros(actualTotal), detail: plannedTotal > 0 ? FrenchFormat.percent(100 * actualTotal / plannedTotal) + " du prévu" : ""),
                Row(label: "Décisions en cours", value: FrenchFormat.integer(data.openDecisions),
                    detail: data.overdueDecisions > 0 ? "dont \(data.overdueDecisions) en retard" : ""),
            ],
            axes: data.axes.map { AxisRow(title: $0.title, total: $0.total, done: $0.done, late: $0.late,
                                          percent: $0.percentDone.map { FrenchFormat.percent($0) } ?? "—") },
            axesChart: data.axes.isEmpty ? "" : HorizontalBarChart(title: "Part des fiches actions réalisées par axe (%)",
                                                                   bars: data.axes.map { .init(label: $0.title, value: ($0.percentDone ?? 0).rounded()) }).svg(),
            statuses: statusCounts.map { Row(label: $0.0.label, value: FrenchFormat.integer($0.1), detail: "") },
            statusChart: statusCounts.isEmpty ? "" : HorizontalBarChart(title: "Fiches actions par statut",
                                                                        bars: statusCounts.map { .init(label: $0.0.label, value: Double($0.1)) }).svg(),
            lateActions: data.lateActions.map { Row(label: $0.title, value: CodeLabels.day($0.plannedEnd), detail: SitePath.contract(id, .action($0.id)).href) },
            indicatorYear: data.indicatorYear,
            indicators: data.indicators.map { line in
                let verdict = TargetVerdict.of(reachesTarget: line.reachesTarget, hasActual: line.actual != nil)
                return IndicatorRow(name: line.name, action: line.action, target: line.target.map { FrenchFormat.number($0) } ?? "—",
                                    actual: line.actual.map { FrenchFormat.number($0) } ?? "—", verdict: verdict.label, verdictCode: verdict.code)
            },
            byFunder: data.budgetByFunder.map { MoneyRow(label: $0.funder.isEmpty ? "Non précisé" : $0.funder, planned: euros($0.planned), actual: euros($0.actual)) },
            funderChart: data.budgetByFunder.isEmpty ? "" : HorizontalBarChart(
                title: "Budget réalisé par financeur (€)",
                bars: data.budgetByFunder.map { .init(label: $0.funder.isEmpty ? "Non précisé" : $0.funder, value: $0.actual) }).svg(),
            byYear: data.budgetByYear.map { MoneyRow(label: $0.year.map(String.init) ?? "Sans année", planned: euros($0.planned), actual: euros($0.actual)) },
            meetings: data.meetings.map { Row(label: "\($0.year) — \(GovernanceBodyKind(rawValue: $0.bodyKind)?.shortLabel ?? $0.bodyKind)",
                                              value: FrenchFormat.integer($0.held), detail: "\($0.withMinutes) avec compte rendu") },
            today: FrenchFormat.date(today))
    }
}
