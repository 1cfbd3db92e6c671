import CLSCore
import FluentKit
import Foundation

/// A dated version of the shared diagnosis: what it said on that day — its frame, its four
/// sections, its findings with the indicators they cite, its priorities and their decisions, and
/// the perimeter's figures — kept as written, so that updating the diagnosis never erases the
/// previous one.
public final class DiagnosisVersion: Model, @unchecked Sendable {
    public static let schema = "diagnosis_versions"

    @ID(key: .id) public var id: UUID?
    @Field(key: "contract_id") public var contractId: UUID
    @Field(key: "number") public var number: Int
    @Field(key: "dated_on") public var datedOn: String
    @Field(key: "label") public var label: String
    @Field(key: "content") public var contentJSON: String

    public init() {}

    public init(contractId: UUID, number: Int, datedOn: CalendarDay, label: String, content: DiagnosisSnapshot) throws {
        self.contractId = contractId
        self.number = number
        self.datedOn = datedOn.iso
        self.label = label
        self.contentJSON = String(decoding: try JSONEncoder().encode(content), as: UTF8.self)
    }

    public var content: DiagnosisSnapshot? { try? JSONDecoder().decode(DiagnosisSnapshot.self, from: Data(contentJSON.utf8)) }
}

extension DiagnosisVersion: Auditable {
    public static let auditEntityType = "diagnosis_version"
    public var auditLabel: String { "Version \(number) du diagnostic : \(label)" }
    public var auditContractId: UUID? { contractId }
    public func auditSnapshot() -> [AuditField] {
        [.init("number", "Numéro", String(number)), .init("dated_on", "Datée du", datedOn), .init("label", "Intitulé", label)]
    }
}

/// What a dated version of the diagnosis holds, in words and figures as they were on its day.
public struct DiagnosisSnapshot: Codable, Sendable, Equatable {
    public struct Section: Codable, Sendable, Equatable {
        public let label: String
        public let text: String
    }

    public struct Finding: Codable, Sendable, Equatable {
        public let text: String
        public let indicators: [String]
    }

    public struct Priority: Codable, Sendable, Equatable {
        public let title: String
        public let finding: String
        public let prsReference: String
        public let status: String
        public let reason: String
        public let axis: String
    }

    public struct Figure: Codable, Sendable, Equatable {
        public let indicator: String
        public let unit: String
        public let period: String
        public let area: String
        public let value: Double?
        public let lower: Double?
        public let upper: Double?
        public let suppressed: Bool
        /// "Morbihan : Comparable", in words.
        public let comparisons: [String]
    }

    public let author: String
    public let startedOn: String?
    public let finishedOn: String?
    public let cost: Double?
    public let funders: String
    public let sources: String
    public let sections: [Section]
    public let findings: [Finding]
    public let priorities: [Priority]
    public let figures: [Figure]
}

/// Dating the diagnosis as it stands (`freeze`) and reading its dated versions back.
public enum DiagnosisVersions {
    public static func list(contractId: UUID, on database: any Database) async throws -> [DiagnosisVersion] {
        try await DiagnosisVersion.query(on: database).filter(\.$contractId == contractId).sort(\.$number, .descending).all()
    }

    public static func find(contractId: UUID, number: Int, on database: any Database) async throws -> DiagnosisVersion? {
        try await DiagnosisVersion.query(on: database).filter(\.$contractId == contractId).filter(\.$number == number).first()
    }

    /// Dates the diagnosis as it stands today under `label` (« Version du 8 décembre 2026 » when empty).
    @discardableResult
    public static func freeze(_ contract: Contract, label: String, on day: CalendarDay, using mutations: Mutations) async throws -> DiagnosisVersion {
        try AccessPolicy.require(mutations.actor.subject, .editContract(contract.accessScope))
        let contractId = try contract.requireID()
        let snapshot = try await snapshot(of: contract, on: mutations.database)
        let trimmed = label.trimmingCharacters(in: .whitespacesAndNewlines)
        return try await mutations.transaction { tx in
            let last = try await DiagnosisVersion.query(on: tx.database).filter(\.$contractId == contractId).sort(\.$number, .descending).first()
            let version = try DiagnosisVersion(contractId: contractId, number: (last?.number ?? 0) + 1, datedOn: day,
                                               label: trimmed.isEmpty ? "Version du \(FrenchFormat.date(day))" : String(trimmed.prefix(TextLimits.line)),
                                               content: snapshot)
            try await tx.create(version, permission: .editContract(contract.accessScope))
            return version
        }
    }

    static func snapshot(of contract: Contract, on database: any Database) async throws -> DiagnosisSnapshot {
        let contractId = try contract.requireID()
        let narrative = try await DiagnosisWork.narrative(contractId: contractId, on: database)
        let findings = try await DiagnosisWork.findings(contractId: contractId, on: database)
        let priorities = try await DiagnosisWork.priorities(contractId: contractId, on: database)
        let labels = Dictionary(uniqueKeysWithValues: try await DiagnosticIndicator.query(on: database).all().map { ($0.code, $0.label) })
        let sectionIds = priorities.compactMap(\.sectionId)
        let axes = sectionIds.isEmpty ? [:] : Dictionary(uniqueKeysWithValues: try await ProgrammeSection.query(on: database)
            .filter(\.$id ~~ sectionIds).all().map { ($0.id!, $0.title) })
        let findingTexts = Dictionary(uniqueKeysWithValues: findings.map { ($0.id!, $0.text) })
        let diagnosis = try await PerimeterDiagnosis.load(contract, on: database)
        let lines = (diagnosis?.perimeter.latest ?? []) + (diagnosis?.department.latest ?? [])
        return DiagnosisSnapshot(
            author: narrative?.author ?? "", startedOn: narrative?.startedOn, finishedOn: narrative?.finishedOn, cost: narrative?.cost,
            funders: narrative?.funders ?? "", sources: narrative?.sources ?? "",
            sections: [("Portrait du territoire", narrative?.portrait), ("État de santé de la population", narrative?.healthStatus),
                       ("Ressources et réponses existantes", narrative?.resources),
                       ("Ce qu'ont dit les habitants et les partenaires", narrative?.voices)]
                .map { DiagnosisSnapshot.Section(label: $0.0, text: $0.1 ?? "") },
            findings: findings.map { DiagnosisSnapshot.Finding(text: $0.text, indicators: $0.indicators.map { labels[$0] ?? $0 }) },
            priorities: priorities.map { priority in
                DiagnosisSnapshot.Priority(title: priority.title, finding: priority.findingId.flatMap { findingTexts[$0] } ?? "",
                                           prsReference: priority.prsReference,
                                           status: priority.priorityStatus.label + (priority.forLocalPlan ? ", gardée pour le plan local de santé" : ""),
                                           reason: priority.reason, axis: priority.sectionId.flatMap { axes[$0] } ?? "")
            },
            figures: lines.map { line in
                let estimate = line.area.isSuppressed ? nil : line.area.estimate
                return DiagnosisSnapshot.Figure(
                    indicator: line.indicator.label, unit: line.indicator.unit, period: line.period, area: line.area.areaName,
                    value: estimate?.value, lower: estimate?.lower, upper: estimate?.upper, suppressed: line.area.isSuppressed,
                    comparisons: line.benchmarks.map { "\($0.figure.areaName) : \((line.area.isSuppressed ? BenchmarkVerdict.notCompared : $0.verdict).label)" })
            })
    }
}

struct CreateDiagnosisVersions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(DiagnosisVersion.schema)
            .id()
            .field("contract_id", .uuid, .required, .references(Contract.schema, "id", onDelete: .cascade))
            .field("number", .int, .required)
            .field("dated_on", .string, .required)
            .field("label", .string, .required)
            .field("content", .string, .required)
            .unique(on: "contract_id", "number")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(DiagnosisVersion.schema).delete()
    }
}
