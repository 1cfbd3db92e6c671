import CLSCore
import FluentKit
import Foundation

/// The shared local diagnosis itself (DOMAIN.md §4): who made it, when, at what cost and with
/// whose money, from which sources, and what it says — the portrait of the territory, the health
/// status, the resources and existing answers, what inhabitants and partners said.
public final class SharedDiagnosis: Model, @unchecked Sendable {
    public static let schema = "shared_diagnoses"

    @ID(key: .id) public var id: UUID?
    @Field(key: "contract_id") public var contractId: UUID
    @Field(key: "author") public var author: String
    @OptionalField(key: "started_on") public var startedOn: String?
    @OptionalField(key: "finished_on") public var finishedOn: String?
    @OptionalField(key: "cost") public var cost: Double?
    @Field(key: "funders") public var funders: String
    @Field(key: "sources") public var sources: String
    @Field(key: "portrait") public var portrait: String
    @Field(key: "health_status") public var healthStatus: String
    @Field(key: "resources") public var resources: String
    @Field(key: "voices") public var voices: String

    public init() {}

    public init(contractId: UUID) {
        self.contractId = contractId
        author = ""; funders = ""; sources = ""; portrait = ""; healthStatus = ""; resources = ""; voices = ""
    }
}

extension SharedDiagnosis: Auditable {
    public static let auditEntityType = "shared_diagnosis"
    public var auditLabel: String { "Diagnostic local partagé" }
    public var auditContractId: UUID? { contractId }
    public func auditSnapshot() -> [AuditField] {
        [
            .init("author", "Réalisé par", author), .init("started_on", "Début", startedOn), .init("finished_on", "Fin", finishedOn),
            .init("cost", "Coût", cost.map { FrenchFormat.euros($0) }), .init("funders", "Financeurs", funders), .init("sources", "Sources", sources),
            .init("portrait", "Portrait du territoire", portrait), .init("health_status", "État de santé", healthStatus),
            .init("resources", "Ressources et réponses existantes", resources), .init("voices", "Paroles d'habitants et de partenaires", voices),
        ]
    }
}

/// A finding (*constat*) of the diagnosis, citing the indicators behind it.
public final class DiagnosisFinding: Model, @unchecked Sendable {
    public static let schema = "diagnosis_findings"

    @ID(key: .id) public var id: UUID?
    @Field(key: "contract_id") public var contractId: UUID
    @Field(key: "text") public var text: String
    /// Codes of `DiagnosticIndicator`, comma-separated.
    @Field(key: "indicator_codes") public var indicatorCodes: String
    @Field(key: "position") public var position: Int

    public init() {}

    public init(contractId: UUID, text: String, indicatorCodes: [String], position: Int) {
        self.contractId = contractId
        self.text = text
        self.indicatorCodes = indicatorCodes.joined(separator: ",")
        self.position = position
    }

    public var indicators: [String] { indicatorCodes.split(separator: ",").map(String.init) }
}

extension DiagnosisFinding: Auditable {
    public static let auditEntityType = "diagnosis_finding"
    public var auditLabel: String { String(text.prefix(80)) }
    public var auditContractId: UUID? { contractId }
    public func auditSnapshot() -> [AuditField] {
        [.init("text", "Constat", text), .init("indicator_codes", "Indicateurs cités", indicatorCodes.replacingOccurrences(of: ",", with: ", "))]
    }
}

/// A priority negotiated from a finding: its PRS reference and the competence it calls on,
/// proposed, then retained (it becomes an axis) or set aside with its reason.
public final class ContractPriority: Model, @unchecked Sendable {
    public static let schema = "contract_priorities"

    @ID(key: .id) public var id: UUID?
    @Field(key: "contract_id") public var contractId: UUID
    @OptionalField(key: "finding_id") public var findingId: UUID?
    @Field(key: "title") public var title: String
    @Field(key: "prs_reference") public var prsReference: String
    /// `CompetenceDomain` raw value, or empty.
    @Field(key: "domain") public var domain: String
    /// `PriorityStatus` raw value.
    @Field(key: "status") public var status: String
    @Field(key: "reason") public var reason: String
    /// Set aside from the CLS, kept for the local authority's own health plan.
    @Field(key: "for_local_plan") public var forLocalPlan: Bool
    /// The axis the retained priority became.
    @OptionalField(key: "section_id") public var sectionId: UUID?
    @Field(key: "position") public var position: Int

    public init() {}

    public init(contractId: UUID, findingId: UUID?, title: String, prsReference: String, domain: CompetenceDomain?, position: Int) {
        self.contractId = contractId
        self.findingId = findingId
        self.title = title
        self.prsReference = prsReference
        self.domain = domain?.rawValue ?? ""
        self.status = PriorityStatus.proposed.rawValue
        self.reason = ""
        self.forLocalPlan = false
        self.position = position
    }

    public var priorityStatus: PriorityStatus { PriorityStatus(rawValue: status) ?? .proposed }
    public var competence: CompetenceDomain? { CompetenceDomain(rawValue: domain) }
}

extension ContractPriority: Auditable {
    public static let auditEntityType = "contract_priority"
    public var auditLabel: String { title }
    public var auditContractId: UUID? { contractId }
    public func auditSnapshot() -> [AuditField] {
        [
            .init("title", "Priorité", title), .init("finding_id", "Constat", findingId?.uuidString),
            .init("prs_reference", "Référence au PRS", prsReference), .init("domain", "Compétence", competence?.label),
            .init("status", "Décision", priorityStatus.label), .init("reason", "Motif", reason),
            .init("for_local_plan", "Gardée pour le plan local de santé", forLocalPlan ? "oui" : "non"),
            .init("section_id", "Axe", sectionId?.uuidString),
        ]
    }
}

struct CreateSharedDiagnosis: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(SharedDiagnosis.schema)
            .id()
            .field("contract_id", .uuid, .required, .references(Contract.schema, "id", onDelete: .cascade))
            .field("author", .string, .required).field("started_on", .string).field("finished_on", .string).field("cost", .double)
            .field("funders", .string, .required).field("sources", .string, .required).field("portrait", .string, .required)
            .field("health_status", .string, .required).field("resources", .string, .required).field("voices", .string, .required)
            .unique(on: "contract_id")
            .create()
        try await database.schema(DiagnosisFinding.schema)
            .id()
            .field("contract_id", .uuid, .required, .references(Contract.schema, "id", onDelete: .cascade))
            .field("text", .string, .required).field("indicator_codes", .string, .required).field("position", .int, .required)
            .create()
        try await database.schema(ContractPriority.schema)
            .id()
            .field("contract_id", .uuid, .required, .references(Contract.schema, "id", onDelete: .cascade))
            .field("finding_id", .uuid, .references(DiagnosisFinding.schema, "id", onDelete: .setNull))
            .field("title", .string, .required).field("prs_reference", .string, .required).field("domain", .string, .required)
            .field("status", .string, .required).field("reason", .string, .required).field("for_local_plan", .bool, .required)
            .field("section_id", .uuid, .references(ProgrammeSection.schema, "id", onDelete: .setNull))
            .field("position", .int, .required)
            .create()
        try await Indexes.create([("diagnosis_findings_contract", DiagnosisFinding.schema, ["contract_id", "position"]),
                                  ("contract_priorities_contract", ContractPriority.schema, ["contract_id", "position"])], on: database)
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ContractPriority.schema).delete()
        try await database.schema(DiagnosisFinding.schema).delete()
        try await database.schema(SharedDiagnosis.schema).delete()
    }
}
