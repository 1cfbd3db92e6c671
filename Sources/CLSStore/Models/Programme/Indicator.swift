import CLSCore
import FluentKit
import Foundation

/// An indicator of an action: what is measured, how, from which baseline.
public final class Indicator: Model, @unchecked Sendable {
    public static let schema = "indicators"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "action_id") public var action: Action
    @Field(key: "contract_id") public var contractId: UUID
    @Field(key: "name") public var name: String
    @Field(key: "kind") public var kind: String
    @Field(key: "unit") public var unit: String
    @OptionalField(key: "baseline_value") public var baselineValue: Double?
    @OptionalField(key: "baseline_on") public var baselineOn: String?
    @Field(key: "source") public var source: String
    @Field(key: "polarity") public var polarity: String
    @Children(for: \.$indicator) public var values: [IndicatorValue]

    public init() {}

    public init(actionId: UUID, contractId: UUID, name: String) {
        self.$action.id = actionId
        self.contractId = contractId
        self.name = name
        self.kind = "processus"
        self.unit = ""
        self.source = ""
        self.polarity = "higher_is_better"
    }
}

extension Indicator: Auditable {
    public static let auditEntityType = "indicator"
    public var auditLabel: String { name }
    public var auditContractId: UUID? { contractId }
    public func auditSnapshot() -> [AuditField] {
        [
            .init("action_id", "Action", $action.id.uuidString),
            .init("name", "Indicateur", name),
            .init("kind", "Type", kind),
            .init("unit", "Unité", unit),
            .init("baseline_value", "Valeur de référence", baselineValue.map { FrenchFormat.number($0) }),
            .init("baseline_on", "Date de référence", baselineOn),
            .init("source", "Source", source),
            .init("polarity", "Sens", polarity),
        ]
    }
}

/// Target and actual value of an indicator for one year.
public final class IndicatorValue: Model, @unchecked Sendable {
    public static let schema = "indicator_values"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "indicator_id") public var indicator: Indicator
    @Field(key: "contract_id") public var contractId: UUID
    @Field(key: "year") public var year: Int
    @OptionalField(key: "target") public var target: Double?
    @OptionalField(key: "actual") public var actual: Double?
    @Field(key: "comment") public var comment: String
    @Field(key: "evidence") public var evidence: String

    public init() {}

    public init(indicatorId: UUID, contractId: UUID, year: Int) {
        self.$indicator.id = indicatorId
        self.contractId = contractId
        self.year = year
        self.comment = ""
        self.evidence = ""
    }
}

extension IndicatorValue: Auditable {
    public static let auditEntityType = "indicator_value"
    public var auditLabel: String { String(year) }
    public var auditContractId: UUID? { contractId }
    public func auditSnapshot() -> [AuditField] {
        [
            .init("indicator_id", "Indicateur", $indicator.id.uuidString),
            .init("year", "Année", String(year)),
            .init("target", "Cible", target.map { FrenchFormat.number($0) }),
            .init("actual", "Réalisé", actual.map { FrenchFormat.number($0) }),
            .init("comment", "Commentaire", comment),
            .init("evidence", "Justificatif", evidence),
        ]
    }
}

extension IndicatorValue {
    /// The value of `year` for the indicator, if one was recorded.
    public static func find(year: Int, of indicatorId: UUID, on database: any Database) async throws -> IndicatorValue? {
        try await IndicatorValue.query(on: database).filter(\.$indicator.$id == indicatorId).filter(\.$year == year).first()
    }
}
