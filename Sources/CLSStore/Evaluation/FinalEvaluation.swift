import CLSCore
import FluentKit
import Foundation

/// A contract's final evaluation: who evaluates, by what method, between which dates, and the
/// evidence assembled from the data, frozen on a day (`EvaluationEvidence` as JSON).
public final class FinalEvaluation: Model, @unchecked Sendable {
    public static let schema = "final_evaluations"

    @ID(key: .id) public var id: UUID?
    @Field(key: "contract_id") public var contractId: UUID
    /// The organisation that evaluates (an ORS, a consultancy, the ARS…).
    @Field(key: "evaluator") public var evaluator: String
    @Field(key: "method") public var method: String
    @OptionalField(key: "starts_on") public var startsOn: String?
    @OptionalField(key: "ends_on") public var endsOn: String?
    @OptionalField(key: "evidence_on") public var evidenceOn: String?
    @Field(key: "evidence") public var evidenceJSON: String

    public init() {}

    public init(contractId: UUID) {
        self.contractId = contractId
        self.evaluator = ""
        self.method = ""
        self.evidenceJSON = ""
    }

    public var evidence: EvaluationEvidence? {
        guard !evidenceJSON.isEmpty else { return nil }
        return try? JSONDecoder().decode(EvaluationEvidence.self, from: Data(evidenceJSON.utf8))
    }
}

extension FinalEvaluation: Auditable {
    public static let auditEntityType = "final_evaluation"
    public var auditLabel: String { "Évaluation finale" }
    public var auditContractId: UUID? { contractId }
    public func auditSnapshot() -> [AuditField] {
        [
            .init("evaluator", "Évaluateur", evaluator),
            .init("method", "Méthode", method),
            .init("starts_on", "Début", startsOn),
            .init("ends_on", "Fin", endsOn),
            .init("evidence_on", "Éléments de preuve arrêtés au", evidenceOn),
        ]
    }
}

/// One evaluative question, with its purpose, the findings and the recommendations it led to.
public final class EvaluationQuestion: Model, @unchecked Sendable {
    public static let schema = "evaluation_questions"

    @ID(key: .id) public var id: UUID?
    @Field(key: "contract_id") public var contractId: UUID
    /// `EvaluationPurpose` raw value.
    @Field(key: "purpose") public var purpose: String
    @Field(key: "question") public var question: String
    @Field(key: "findings") public var findings: String
    @Field(key: "recommendations") public var recommendations: String
    @Field(key: "position") public var position: Int

    public init() {}

    public init(contractId: UUID, purpose: EvaluationPurpose, question: String, position: Int) {
        self.contractId = contractId
        self.purpose = purpose.rawValue
        self.question = question
        self.findings = ""
        self.recommendations = ""
        self.position = position
    }

    public var evaluationPurpose: EvaluationPurpose { EvaluationPurpose(rawValue: purpose) ?? .strategic }
}

extension EvaluationQuestion: Auditable {
    public static let auditEntityType = "evaluation_question"
    public var auditLabel: String { String(question.prefix(80)) }
    public var auditContractId: UUID? { contractId }
    public func auditSnapshot() -> [AuditField] {
        [
            .init("purpose", "Finalité", evaluationPurpose.label),
            .init("question", "Question évaluative", question),
            .init("findings", "Constats", findings),
            .init("recommendations", "Recommandations", recommendations),
        ]
    }
}

struct CreateFinalEvaluations: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(FinalEvaluation.schema)
            .id()
            .field("contract_id", .uuid, .required, .references(Contract.schema, "id", onDelete: .cascade))
            .field("evaluator", .string, .required)
            .field("method", .string, .required)
            .field("starts_on", .string)
            .field("ends_on", .string)
            .field("evidence_on", .string)
            .field("evidence", .string, .required)
            .unique(on: "contract_id")
            .create()
        try await database.schema(EvaluationQuestion.schema)
            .id()
            .field("contract_id", .uuid, .required, .references(Contract.schema, "id", onDelete: .cascade))
            .field("purpose", .string, .required)
            .field("question", .string, .required)
            .field("findings", .string, .required)
            .field("recommendations", .string, .required)
            .field("position", .int, .required)
            .create()
        try await Indexes.create([("evaluation_questions_contract", EvaluationQuestion.schema, ["contract_id", "position"])], on: database)
    }

    func revert(on database: any Database) async throws {
        try await database.schema(EvaluationQuestion.schema).delete()
        try await database.schema(FinalEvaluation.schema).delete()
    }
}
