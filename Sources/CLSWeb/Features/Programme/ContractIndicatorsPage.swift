import CLSCore
import CLSStore
import Foundation

/// The Indicators tab: every indicator of the contract's fiches actions, with its baseline, its
/// latest target and its latest value, and whether the target is reached.
struct ContractIndicatorsPage: Encodable, ContractPageContent {
    struct Row: Encodable {
        let action: String
        let actionHref: String
        let name: String
        let kind: String
        let baseline: String
        let direction: String
        let target: String
        let actual: String
        let verdict: String
        let verdictCode: String
    }

    let shell: ContractShell
    let rows: [Row]
    let total: String
    let reachedCount: Int
    let measuredCount: Int

    static func load(_ contract: Contract, _ context: PageContext) async throws -> ContractIndicatorsPage {
        let id = try contract.requireID()
        let (indicators, titles) = try await ProgrammeQueries.indicators(contractId: id, on: context.db)
        func number(_ value: Double, unit: String) -> String { [FrenchFormat.number(value), unit].filter { !$0.isEmpty }.joined(separator: " ") }
        var reached = 0
        var measured = 0
        let rows = indicators.map { indicator -> Row in
            let values = indicator.values.sorted { $0.year < $1.year }
            let target = values.last { $0.target != nil }
            let actual = values.last { $0.actual != nil }
            let polarity = IndicatorPolarity(rawValue: indicator.polarity) ?? .higherIsBetter
            var reaches: Bool?
            // The latest value is judged against the target of its own year, not a later one not yet due.
            if let actual, let actualValue = actual.actual, let targetValue = values.first(where: { $0.year == actual.year })?.target {
                reaches = polarity.reaches(actualValue, target: targetValue)
            }
            if actual != nil { measured += 1 }
            if reaches == true { reached += 1 }
            let verdict = TargetVerdict.of(reachesTarget: reaches, hasActual: actual != nil)
            return Row(
                action: titles[indicator.$action.id] ?? "", actionHref: SitePath.contract(id, .action(indicator.$action.id)).href(fragment: "indicateurs"),
                name: indicator.name, kind: IndicatorType(rawValue: indicator.kind)?.label ?? indicator.kind,
                baseline: indicator.baselineValue.map { number($0, unit: indicator.unit) + (indicator.baselineOn.map { " (\(CodeLabels.day($0)))" } ?? "") } ?? "—",
                direction: IndicatorPolarity(rawValue: indicator.polarity)?.label ?? "",
                target: target.flatMap { value in value.target.map { "\(number($0, unit: indicator.unit)) en \(value.year)" } } ?? "—",
                actual: actual.flatMap { value in value.actual.map { "\(number($0, unit: indicator.unit)) en \(value.year)" } } ?? "—",
                verdict: verdict.label, verdictCode: verdict.code)
        }.sorted { ($0.action, $0.name) < ($1.action, $1.name) }
        return ContractIndicatorsPage(
            shell: ContractShell(contract, tab: .indicators), rows: rows,
            total: FrenchFormat.count(rows.count, singular: "indicateur", plural: "indicateurs"),
            reachedCount: reached, measuredCount: measured)
    }
}
