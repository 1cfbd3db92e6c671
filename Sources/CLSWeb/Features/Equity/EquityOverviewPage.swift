import CLSCharts
import CLSCore
import CLSStore
import Fluent
import Vapor

/// A contract's RÉFLEX-ISS self-assessment: its sessions and how the scores evolved.
struct EquityOverviewPage: Encodable, ContractPageContent {
    struct SessionLine: Encodable {
        let id: String
        let href: String
        let date: String
        let participants: String
        let overall: String
        let stageMeans: [String]
    }

    struct EvolutionRow: Encodable {
        let code: String
        let label: String
        let isStage: Bool
        let values: [String]
    }

    let shell: ContractShell
    let canEdit: Bool
    let stages: [String]
    let sessions: [SessionLine]
    let sessionDates: [String]
    let evolution: [EvolutionRow]
    let chart: String
    let latestDate: String
    let scale: [SelectOption]

    static func mean(_ value: Double?) -> String { value.map { FrenchFormat.number($0, fractionDigits: 1) } ?? "—" }

    static func load(_ contract: Contract, _ context: PageContext) async throws -> EquityOverviewPage {
        let id = try contract.requireID()
        let loaded = try await EquitySessions.load(contractId: id, on: context.db)
        let summaries = loaded.sessions.map { session in
            ReflexISSSummary(scores: loaded.scores(session), previous: loaded.previous(of: session).map(loaded.scores))
        }
        let sessions = zip(loaded.sessions, summaries).reversed().map { session, summary in
            SessionLine(id: session.id!.uuidString, href: SitePath.contract(id, .equitySession(session.id!)).href, date: CodeLabels.day(session.heldOn), participants: session.participants,
                        overall: EquityOverviewPage.mean(summary.overallMean), stageMeans: summary.stages.map { EquityOverviewPage.mean($0.mean) })
        }
        // Evolution: one column per session, oldest first; a line per stage (its mean) then its elements.
        var evolution: [EvolutionRow] = []
        for (index, stage) in ReflexISSGrid.Stage.allCases.enumerated() {
            evolution.append(EvolutionRow(code: "", label: stage.label, isStage: true,
                                          values: summaries.map { EquityOverviewPage.mean($0.stages[index].mean) }))
            for element in ReflexISSGrid.elements(of: stage) {
                evolution.append(EvolutionRow(code: element.code, label: element.label, isStage: false,
                                              values: loaded.sessions.map { loaded.scores($0)[element.code].map(String.init) ?? "—" }))
            }
        }
        var chart = ""
        if let latest = summaries.last {
            chart = HorizontalBarChart(title: "Moyenne par étape à la dernière séance (0 à 4)",
                                       bars: latest.stages.map { .init(label: $0.stage.label, value: $0.mean ?? 0) }).svg()
        }
        return EquityOverviewPage(
            shell: ContractShell(contract, tab: .equity),
            canEdit: context.allows(.editContract(contract.accessScope)),
            stages: ReflexISSGrid.Stage.allCases.map(\.label), sessions: Array(sessions),
            sessionDates: loaded.sessions.map { CodeLabels.day($0.heldOn) }, evolution: evolution, chart: chart,
            latestDate: loaded.sessions.last.map { CodeLabels.day($0.heldOn) } ?? "",
            scale: ReflexISSGrid.scale.map { SelectOption(value: String($0.score), label: $0.label) })
    }
}
