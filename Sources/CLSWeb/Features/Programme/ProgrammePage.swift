import CLSCharts
import CLSCore
import CLSStore
import Fluent
import Vapor

/// A contract's programme: its tree of axes, objectives and actions, progress and budget totals.
struct ProgrammePage: Encodable, ContractPageContent {
    let shell: ContractShell
    let axes: [SectionView]
    let hasAxes: Bool
    let canEdit: Bool
    let actionCount: Int
    let progress: Progress
    let statusChartSVG: String
    let budgetByFunder: [AmountRow]
    let budgetByYear: [AmountRow]
    let budgetTotal: AmountRow
    let objectiveKindOptions: [SelectOption]

    struct Progress: Encodable {
        let percentDone: String
        let doneCount: Int
        let lateCount: Int
        let counts: [Count]
    }
    struct Count: Encodable { let label: String; let code: String; let count: Int }
    struct AmountRow: Encodable { let label: String; let planned: String; let actual: String; let rate: String }

    static func load(_ contract: Contract, _ context: PageContext) async throws -> ProgrammePage {
        let id = try contract.requireID()
        let tree = try await ProgrammeOutline.load(contractId: id, on: context.db)
        let totals = try await ProgrammeQueries.budgetTotals(contractId: id, on: context.db)
        let today = context.today
        let themes = try await RegionalTheme.catalogue(regionCode: contract.regionCode, on: context.db)
        let progress = ProgrammeProgress(tree.actions.filter { $0.parentActionId == nil }.map {
            (status: ActionStatus(rawValue: $0.status), plannedEnd: $0.endsOn.flatMap(CalendarDay.init(parsing:)))
        }, today: today)
        func amountRow(_ label: String, _ amounts: ProgrammeQueries.Amounts) -> AmountRow {
            .init(label: label, planned: FrenchFormat.euros(amounts.planned), actual: FrenchFormat.euros(amounts.actual),
                  rate: amounts.planned > 0 ? FrenchFormat.percent(100 * amounts.actual / amounts.planned) : "—")
        }
        let total = totals.byFunder.reduce(ProgrammeQueries.Amounts(planned: 0, actual: 0)) {
            .init(planned: $0.planned + $1.1.planned, actual: $0.actual + $1.1.actual)
        }
        // Every status that occurs, then the actions an imported plan left without one.
        let statusCounts = progress.nonZeroCounts.map { (label: $0.status.label, code: $0.status.rawValue, count: $0.count) }
            + (progress.withoutStatusCount > 0 ? [(label: CodeLabels.noStatus, code: "", count: progress.withoutStatusCount)] : [])
        let chart = HorizontalBarChart(title: "Fiches actions par statut",
                                       bars: statusCounts.map { HorizontalBarChart.Bar(label: $0.label, value: Double($0.count)) })
        return ProgrammePage(
            shell: ContractShell(contract, tab: .programme),
            axes: tree.axes.map { SectionView($0, today: today, themes: themes) }, hasAxes: !tree.axes.isEmpty,
            canEdit: context.allows(.editProgramme(contract.accessScope)),
            actionCount: progress.total,
            progress: .init(percentDone: progress.percentDone.map { FrenchFormat.percent($0) } ?? "—",
                            doneCount: progress.doneCount, lateCount: progress.lateCount,
                            counts: statusCounts.map { .init(label: $0.label, code: $0.code, count: $0.count) }),
            statusChartSVG: progress.total > 0 ? chart.svg() : "",
            budgetByFunder: totals.byFunder.map { amountRow($0.0.isEmpty ? "Financeur non précisé" : $0.0, $0.1) },
            budgetByYear: totals.byYear.map { amountRow($0.0.map(String.init) ?? "Année non précisée", $0.1) },
            budgetTotal: amountRow("Total", total),
            objectiveKindOptions: ObjectiveKind.allCases.map { SelectOption(value: $0.rawValue, label: $0.label) })
    }
}
