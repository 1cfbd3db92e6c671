import CLSCore
import FluentKit
import Foundation

/// The final evaluation of a contract, through the audited path: its frame (evaluator, method,
/// dates), its questions with findings and recommendations, and its evidence frozen on a day.
public enum FinalEvaluations {
    public enum Refusal: Error, Sendable, Equatable {
        case emptyQuestion
        case endsBeforeStart

        public var field: String? {
            switch self {
            case .emptyQuestion: "question"
            case .endsBeforeStart: "endsOn"
            }
        }

        public var message: String {
            switch self {
            case .emptyQuestion: "Écrivez la question évaluative."
            case .endsBeforeStart: "La fin de l'évaluation ne peut précéder son début."
            }
        }
    }

    public static func find(contractId: UUID, on database: any Database) async throws -> FinalEvaluation? {
        try await FinalEvaluation.query(on: database).filter(\.$contractId == contractId).first()
    }

    /// The questions, by purpose in the order of `EvaluationPurpose`, then in their order.
    public static func questions(contractId: UUID, on database: any Database) async throws -> [EvaluationQuestion] {
        let questions = try await EvaluationQuestion.query(on: database).filter(\.$contractId == contractId).sort(\.$position).all()
        return questions.sorted {
            (EvaluationPurpose.allCases.firstIndex(of: $0.evaluationPurpose)!, $0.position)
                < (EvaluationPurpose.allCases.firstIndex(of: $1.evaluationPurpose)!, $1.position)
        }
    }

    /// Every recommendation written, one per paragraph, prefixed by its question's purpose —
    /// what the renewal shows beside the choice of actions.
    public static func recommendations(contractId: UUID, on database: any Database) async throws -> [String] {
        try await questions(contractId: contractId, on: database).flatMap { question in
            question.recommendations.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                .map { "\(question.evaluationPurpose.label) — \($0)" }
        }
    }

    /// The evaluation's record, created on first use.
    static func record(of contract: Contract, using mutations: Mutations) async throws -> FinalEvaluation {
        let contractId = try contract.requireID()
        if let existing = try await find(contractId: contractId, on: mutations.database) { return existing }
        let evaluation = FinalEvaluation(contractId: contractId)
        try await mutations.create(evaluation, permission: .editContract(contract.accessScope))
        return evaluation
    }

    @discardableResult
    public static func saveFrame(of contract: Contract, evaluator: String, method: String, startsOn: CalendarDay?, endsOn: CalendarDay?,
                                 using mutations: Mutations) async throws -> Bool {
        try AccessPolicy.require(mutations.actor.subject, .editContract(contract.accessScope))
        if let startsOn, let endsOn, endsOn < startsOn { throw Refusal.endsBeforeStart }
        return try await mutations.transaction { tx in
            let evaluation = try await record(of: contract, using: tx)
            return try await tx.update(evaluation, permission: .editContract(contract.accessScope)) {
                $0.evaluator = evaluator
                $0.method = method
                $0.startsOn = startsOn?.iso
                $0.endsOn = endsOn?.iso
            }
        }
    }

    /// Assembles the evidence from the data as it stands on `day` and keeps it.
    public static func freezeEvidence(of contract: Contract, on day: CalendarDay, using mutations: Mutations) async throws {
        try AccessPolicy.require(mutations.actor.subject, .editContract(contract.accessScope))
        try await mutations.transaction { tx in
            let evidence = try await EvaluationEvidenceQueries.load(contract, on: day, database: tx.database)
            let json = String(decoding: try JSONEncoder().encode(evidence), as: UTF8.self)
            let evaluation = try await record(of: contract, using: tx)
            try await tx.update(evaluation, permission: .editContract(contract.accessScope)) {
                $0.evidenceOn = day.iso
                $0.evidenceJSON = json
            }
        }
    }

    @discardableResult
    public static func addQuestion(to contract: Contract, purpose: EvaluationPurpose, question: String,
                                   using mutations: Mutations) async throws -> EvaluationQuestion {
        let text = question.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw Refusal.emptyQuestion }
        let contractId = try contract.requireID()
        let position = try await EvaluationQuestion.query(on: mutations.database).filter(\.$contractId == contractId).count()
        let row = EvaluationQuestion(contractId: contractId, purpose: purpose, question: text, position: position)
        try await mutations.create(row, permission: .editContract(contract.accessScope))
        return row
    }

    @discardableResult
    public static func answer(_ question: EvaluationQuestion, of contract: Contract, question text: String, findings: String,
                              recommendations: String, using mutations: Mutations) async throws -> Bool {
        let asked = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !asked.isEmpty else { throw Refusal.emptyQuestion }
        return try await mutations.update(question, permission: .editContract(contract.accessScope)) {
            $0.question = asked
            $0.findings = findings.trimmingCharacters(in: .whitespacesAndNewlines)
            $0.recommendations = recommendations.trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    public static func remove(_ question: EvaluationQuestion, of contract: Contract, using mutations: Mutations) async throws {
        try await mutations.delete(question, permission: .editContract(contract.accessScope))
    }
}

extension FinalEvaluations {
    /// The evaluation as a report: its frame, its questions, and its evidence — frozen, or as the
    /// data stands on `today` while it is not.
    public static func report(of contract: Contract, today: CalendarDay, on database: any Database) async throws -> EvaluationReport {
        let contractId = try contract.requireID()
        let evaluation = try await find(contractId: contractId, on: database)
        let questions = try await questions(contractId: contractId, on: database)
        let frozen = evaluation?.evidence
        let evidence: EvaluationEvidence
        if let frozen { evidence = frozen } else { evidence = try await EvaluationEvidenceQueries.load(contract, on: today, database: database) }
        let day = { (text: String?) in text.flatMap(CalendarDay.init(parsing:)).map { FrenchFormat.date($0) } }
        var period = ""
        switch (day(evaluation?.startsOn), day(evaluation?.endsOn)) {
        case let (start?, end?): period = "du \(start) au \(end)"
        case let (start?, nil): period = "depuis le \(start)"
        case let (nil, end?): period = "jusqu'au \(end)"
        default: break
        }
        let place = [AdministrativeAreas.department(contract.departmentCode)?.name, AdministrativeAreas.region(contract.regionCode)?.name]
            .compactMap { $0 }.joined(separator: ", ")
        return EvaluationReport(
            contractName: contract.name, subtitle: "Contrat local de santé" + (place.isEmpty ? "" : " — \(place)"),
            evaluator: evaluation?.evaluator ?? "", method: evaluation?.method ?? "", period: period,
            questions: questions.map { .init(purpose: $0.evaluationPurpose, question: $0.question, findings: $0.findings, recommendations: $0.recommendations) },
            evidence: evidence, evidenceIsFrozen: frozen != nil)
    }
}
