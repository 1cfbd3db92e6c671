/// The final evaluation as a report: its frame, its questions by purpose with findings and
/// recommendations, and its evidence — what the page shows and the Word and Excel files hold.
public struct EvaluationReport: Equatable, Sendable {
    public struct Question: Equatable, Sendable {
        public let purpose: EvaluationPurpose
        public let question: String
        public let findings: String
        public let recommendations: String
        public init(purpose: EvaluationPurpose, question: String, findings: String, recommendations: String) {
            self.purpose = purpose
            self.question = question
            self.findings = findings
            self.recommendations = recommendations
        }
    }

    public let contractName: String
    public let subtitle: String
    public let evaluator: String
    public let method: String
    /// "du 1er septembre 2021 au 15 janvier 2022".
    public let period: String
    public let questions: [Question]
    public let evidence: EvaluationEvidence
    /// False while the evidence is the data as it stands today, not yet frozen.
    public let evidenceIsFrozen: Bool

    public init(contractName: String, subtitle: String, evaluator: String, method: String, period: String, questions: [Question],
                evidence: EvaluationEvidence, evidenceIsFrozen: Bool) {
        self.contractName = contractName
        self.subtitle = subtitle
        self.evaluator = evaluator
        self.method = method
        self.period = period
        self.questions = questions
        self.evidence = evidence
        self.evidenceIsFrozen = evidenceIsFrozen
    }
}
