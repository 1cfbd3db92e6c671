import CLSCore
import CLSStore
import Foundation

/// The consolidated yearly report, one printable document for all signatories.
struct ReviewReportPage: Encodable, BreadcrumbProviding {
    static func number(_ value: Double?) -> String { value.map { FrenchFormat.number($0) } ?? "—" }
    static func euros(_ value: Double) -> String { FrenchFormat.euros(value) }

    struct IndicatorView: Encodable { let name: String; let unit: String; let previous: String; let target: String; let actual: String; let verdict: String }
    struct ActionView: Encodable { let title: String; let pilot: String; let status: String; let comment: String; let planned: String; let actual: String; let indicators: [IndicatorView] }
    struct AxisView: Encodable { let title: String; let actions: [ActionView] }
    struct MoneyView: Encodable { let funder: String; let planned: String; let actual: String; let rate: String }
    struct BodyView: Encodable { let body: String; let meetings: Int; let minutes: Int; let decisions: Int }


    static func verdict(_ line: ReviewReport.IndicatorLine) -> String {
        TargetVerdict.of(reachesTarget: line.reachesTarget, hasActual: line.actual != nil).label
    }

    let contractName: String
    let contractHref: String
    let year: Int
    let stateLabel: String
    let cotechOn: String
    let copilOn: String
    let consolidationComment: String
    let axes: [AxisView]
    let funders: [MoneyView]
    let plannedTotal: String
    let actualTotal: String
    let coordination: [MoneyView]
    let governance: [BodyView]
    let breadcrumb: [Breadcrumb]

    static func make(_ contract: Contract, _ report: ReviewReport) throws -> ReviewReportPage {
        let id = try contract.requireID()
        return ReviewReportPage(
                contractName: contract.name, contractHref: SitePath.contract(id).href, year: report.year,
                stateLabel: ReviewState(rawValue: report.state)?.label ?? report.state,
                cotechOn: report.cotechOn.map { CodeLabels.day($0) } ?? "", copilOn: report.copilOn.map { CodeLabels.day($0) } ?? "",
                consolidationComment: report.consolidationComment,
                axes: report.axes.map { axis in
                    AxisView(title: axis.title, actions: axis.actions.map { action in
                        ActionView(title: action.title, pilot: action.pilot, status: CodeLabels.status(action.reportedStatus), comment: action.comment,
                                   planned: TerritoryParts.euros(action.planned), actual: TerritoryParts.euros(action.actual),
                                   indicators: action.indicators.map {
                                       IndicatorView(name: $0.name, unit: $0.unit, previous: ReviewReportPage.number($0.previous), target: ReviewReportPage.number($0.target),
                                                     actual: ReviewReportPage.number($0.actual), verdict: ReviewReportPage.verdict($0))
                                   })
                    })
                },
                funders: report.funders.map { MoneyView(funder: $0.funder, planned: TerritoryParts.euros($0.planned), actual: TerritoryParts.euros($0.actual),
                                                        rate: $0.planned > 0 ? FrenchFormat.percent(100 * $0.actual / $0.planned) : "—") },
                plannedTotal: TerritoryParts.euros(report.plannedTotal), actualTotal: TerritoryParts.euros(report.actualTotal),
                coordination: report.coordinationFunding.map { MoneyView(funder: $0.funder, planned: TerritoryParts.euros($0.planned), actual: TerritoryParts.euros($0.actual), rate: "") },
                governance: report.governance.map { BodyView(body: $0.body, meetings: $0.meetingsHeld, minutes: $0.withMinutes, decisions: $0.decisions) },
                breadcrumb: [Breadcrumb(label: "Contrats", href: SitePath.contracts.href), Breadcrumb(label: contract.name, href: SitePath.contract(id).href),
                             Breadcrumb(label: "Bilan \(report.year)", href: SitePath.contract(id, .review(report.year)).href)])
    }
}
