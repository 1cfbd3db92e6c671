import CLSCore
import CLSStore
import Foundation

/// The final evaluation of a contract: its frame (evaluator, method, dates), its evaluative
/// questions by purpose with findings and recommendations, and the evidence assembled from the
/// data — frozen on a day, or as it stands while it is not — with its Word report and workbook.
struct EvaluationPage: Encodable, ContractPageContent {
    struct QuestionView: Encodable {
        let id: String
        let question: String
        let findings: String
        let recommendations: String
        let save: String
        let delete: String
    }

    struct PurposeView: Encodable {
        let code: String
        let label: String
        let heading: String
        let explanation: String
        let suggestion: String
        let questions: [QuestionView]
    }

    struct LineView: Encodable { let label: String; let value: String }
    struct TableView: Encodable { let title: String; let header: [String]; let rows: [[String]] }

    let shell: ContractShell
    let canEdit: Bool
    let evaluator: String
    let method: String
    let startsOn: String
    let endsOn: String
    let period: String
    let purposes: [PurposeView]
    let purposeOptions: [SelectOption]
    let questionCount: Int
    let suggestion: String
    let evidenceDay: String
    let evidenceIsFrozen: Bool
    let actions: [LineView]
    let lateActions: [String]
    let abandonedActions: [String]
    let ists: [LineView]
    let tables: [TableView]
    let governance: [LineView]
    let today: String
    let saveFrame: String
    let freeze: String
    let addQuestion: String
    let document: String
    let workbook: String

    static func load(_ contract: Contract, _ context: PageContext) async throws -> EvaluationPage {
        let id = try contract.requireID()
        let evaluation = try await FinalEvaluations.find(contractId: id, on: context.db)
        let questions = try await FinalEvaluations.questions(contractId: id, on: context.db)
        let report = try await FinalEvaluations.report(of: contract, today: context.today, on: context.db)
        let evidence = report.evidence
        func lines(_ lines: [EvaluationEvidence.Line]) -> [LineView] { lines.map { LineView(label: $0.label, value: $0.value.text) } }
        return EvaluationPage(
            shell: ContractShell(contract, tab: .evaluation),
            canEdit: context.allows(.editContract(contract.accessScope)),
            evaluator: evaluation?.evaluator ?? "", method: evaluation?.method ?? "",
            startsOn: evaluation?.startsOn ?? "", endsOn: evaluation?.endsOn ?? "", period: report.period,
            purposes: EvaluationPurpose.allCases.map { purpose in
                PurposeView(code: purpose.rawValue, label: purpose.label, heading: purpose.heading, explanation: purpose.explanation, suggestion: purpose.suggestedQuestion,
                            questions: questions.filter { $0.evaluationPurpose == purpose }.map { question in
                                let questionId = question.id!
                                return QuestionView(id: questionId.uuidString, question: question.question, findings: question.findings,
                                                    recommendations: question.recommendations,
                                                    save: SitePath.contract(id, .evaluation(.question(questionId))).href,
                                                    delete: SitePath.contract(id, .evaluation(.deleteQuestion(questionId))).href)
                            })
            },
            purposeOptions: EvaluationPurpose.allCases.map { SelectOption(value: $0.rawValue, label: $0.label) },
            questionCount: questions.count, suggestion: EvaluationPurpose.strategic.suggestedQuestion,
            evidenceDay: evidence.day, evidenceIsFrozen: report.evidenceIsFrozen,
            actions: lines(evidence.actions), lateActions: evidence.lateActions, abandonedActions: evidence.abandonedActions,
            ists: lines(evidence.ists),
            tables: evidence.tables.map { TableView(title: $0.title, header: $0.header, rows: $0.rows.map { $0.map(\.text) }) },
            governance: lines(evidence.governance),
            today: (evaluation?.endsOn).flatMap(CalendarDay.init(parsing:)).map { min($0, context.today) }?.iso ?? context.today.iso,
            saveFrame: SitePath.contract(id, .evaluation(.frame)).href,
            freeze: SitePath.contract(id, .evaluation(.evidence)).href,
            addQuestion: SitePath.contract(id, .evaluation(.questions)).href,
            document: SitePath.contract(id, .evaluation(.document)).href,
            workbook: SitePath.contract(id, .evaluation(.workbook)).href)
    }
}
