import CLSCore
import CLSStore
import Vapor

/// One RÉFLEX-ISS session, to read or to fill in: the grid by stage, scores, comments and changes.
struct EquitySessionPage: Encodable, ContractPageContent {
    struct ElementView: Encodable {
        let code: String
        let label: String
        let question: String
        let score: String
        let scoreLabel: String
        let comment: String
        let change: String
        let options: [SelectOption]
    }

    struct StageView: Encodable {
        let code: String
        let label: String
        let mean: String
        let change: String
        let rated: String
        let elements: [ElementView]
    }

    let shell: ContractShell
    let edit: String
    let canEdit: Bool
    let sessionId: String
    let date: String
    let dateValue: String
    let participants: String
    let conclusions: String
    let previousDate: String
    let overall: String
    let stages: [StageView]
    let action: String
    let isNew: Bool
    let prefillNote: String

    static func signed(_ value: Double?) -> String {
        guard let value else { return "" }
        if abs(value) < 0.05 { return "stable" }
        return (value > 0 ? "+" : "−") + FrenchFormat.number(abs(value), fractionDigits: 1)
    }

    /// - Parameter session: the session shown or edited; nil for a new one.
    static func make(_ contract: Contract, sessions loaded: EquitySessions.Sessions, session: ReflexSession?, isNew: Bool,
                     _ context: PageContext) -> EquitySessionPage {
        let id = contract.id!
        // A new session starts from the last one's scores (not its comments), to discuss what changed.
        let source = session ?? loaded.sessions.last
        let scores = source.map(loaded.scores) ?? [:]
        let comments = session.map { (loaded.ratings[$0.id!] ?? [:]).mapValues(\.comment) } ?? [:]
        let previous = session.flatMap(loaded.previous(of:)) ?? (isNew ? loaded.sessions.last : nil)
        let previousScores = isNew ? nil : previous.map(loaded.scores)
        let summary = ReflexISSSummary(scores: scores, previous: previousScores)
        let stages = ReflexISSGrid.Stage.allCases.enumerated().map { index, stage in
            let line = summary.stages[index]
            return StageView(
                code: stage.rawValue, label: stage.label, mean: EquityOverviewPage.mean(line.mean), change: EquitySessionPage.signed(line.change),
                rated: "\(line.ratedCount) élément\(line.ratedCount > 1 ? "s" : "") noté\(line.ratedCount > 1 ? "s" : "") sur \(line.elementCount)",
                elements: ReflexISSGrid.elements(of: stage).map { element in
                    let score = scores[element.code]
                    let change = ReflexISSSummary.change(of: element.code, scores: scores, previous: previousScores)
                    return ElementView(
                        code: element.code, label: element.label, question: element.question,
                        score: score.map(String.init) ?? "", scoreLabel: score.flatMap(ReflexISSGrid.scaleLabel) ?? "Non noté",
                        comment: comments[element.code] ?? "", change: change.map { EquitySessionPage.signed(Double($0)) } ?? "",
                        options: ReflexISSGrid.scale.map { SelectOption(value: String($0.score), label: "\($0.score) – \($0.label)", selected: $0.score == score) })
                })
        }
        return EquitySessionPage(
            shell: ContractShell(contract, tab: .equity,
                                 trail: isNew || session != nil ? [Breadcrumb(label: "RÉFLEX-ISS", href: SitePath.contract(id, .equity).href)] : []),
            edit: session.map { SitePath.contract(id, .editEquitySession($0.id!)).href } ?? "",
            canEdit: context.allows(.editContract(contract.accessScope)),
            sessionId: session?.id?.uuidString ?? "", date: session.map { CodeLabels.day($0.heldOn) } ?? "",
            dateValue: session?.heldOn ?? context.today.iso, participants: session?.participants ?? "",
            conclusions: session?.conclusions ?? "", previousDate: previous.map { CodeLabels.day($0.heldOn) } ?? "",
            overall: EquityOverviewPage.mean(summary.overallMean), stages: stages,
            action: session.map { SitePath.contract(id, .equitySession($0.id!)).href } ?? SitePath.contract(id, .equity).href, isNew: isNew,
            prefillNote: isNew && source != nil ? "Les notes de la séance du \(CodeLabels.day(source!.heldOn)) sont reprises : modifiez celles qui ont changé." : "")
    }
}
