import CLSCore
import FluentKit
import Foundation

/// One funding line of an action: funder, year, kind, unit, planned and actual amounts, channel, status.
public final class BudgetLine: Model, @unchecked Sendable {
    public static let schema = "budget_lines"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "action_id") public var action: Action
    /// Denormalised from the action so funding sums by contract need no join.
    @Field(key: "contract_id") public var contractId: UUID
    @OptionalParent(key: "funder_organisation_id") public var funderOrganisation: Organisation?
    /// The funder as written when it is not (yet) an organisation of the registry.
    @Field(key: "funder_name") public var funderName: String
    /// The line's place among its action's lines (0 for lines older than the field: they follow
    /// their creation order).
    @Field(key: "position") public var position: Int
    @OptionalField(key: "year") public var year: Int?
    @Field(key: "kind") public var kind: String
    @Field(key: "unit") public var unit: String
    @OptionalField(key: "planned") public var planned: Double?
    @OptionalField(key: "actual") public var actual: Double?
    @Field(key: "channel") public var channel: String
    @Field(key: "call_name") public var callName: String
    @Field(key: "status") public var status: String
    @Field(key: "refusal_reason") public var refusalReason: String
    @Field(key: "suggested_funder") public var suggestedFunder: String

    public init() {}

    public init(actionId: UUID, contractId: UUID, funderName: String, year: Int?, planned: Double?) {
        self.$action.id = actionId
        self.contractId = contractId
        self.funderName = funderName
        self.position = 0
        self.year = year
        self.kind = "fonctionnement"
        self.unit = "euros"
        self.planned = planned
        self.channel = ""
        self.callName = ""
        self.status = "demande"
        self.refusalReason = ""
        self.suggestedFunder = ""
    }
}

extension BudgetLine: Auditable {
    public static let auditEntityType = "budget_line"
    public var auditLabel: String { "\(funderName) \(year.map(String.init) ?? "")".trimmingCharacters(in: .whitespaces) }
    public var auditContractId: UUID? { contractId }
    public func auditSnapshot() -> [AuditField] {
        [
            .init("action_id", "Action", $action.id.uuidString),
            .init("funder_organisation_id", "Financeur (organisation)", $funderOrganisation.id?.uuidString),
            .init("funder_name", "Financeur", funderName),
            .init("year", "Année", year.map(String.init)),
            .init("kind", "Nature", kind),
            .init("unit", "Unité", unit),
            .init("planned", "Prévu", planned.map { FrenchFormat.number($0) }),
            .init("actual", "Réalisé", actual.map { FrenchFormat.number($0) }),
            .init("channel", "Canal de financement", channel),
            .init("call_name", "Appel à projets", callName),
            .init("status", "Statut", status),
            .init("refusal_reason", "Motif du refus", refusalReason),
            .init("suggested_funder", "Financeur suggéré", suggestedFunder),
        ]
    }
}
