import CLSCore
import FluentKit
import Foundation

/// One dated, attributed step of a contract's lifecycle.
public final class ContractStateChange: Model, @unchecked Sendable {
    public static let schema = "contract_state_changes"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "contract_id") public var contract: Contract
    @OptionalField(key: "from_state") public var fromState: String?
    @Field(key: "to_state") public var toState: String
    @Field(key: "effective_on") public var effectiveOn: String
    @Field(key: "comment") public var comment: String
    @OptionalField(key: "actor_id") public var actorId: UUID?
    @Field(key: "actor_label") public var actorLabel: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public init(contractId: UUID, from: ContractState?, to: ContractState, effectiveOn: CalendarDay,
                comment: String, actorId: UUID?, actorLabel: String) {
        self.$contract.id = contractId
        self.fromState = from?.rawValue
        self.toState = to.rawValue
        self.effectiveOn = effectiveOn.iso
        self.comment = comment
        self.actorId = actorId
        self.actorLabel = actorLabel
    }
}

extension ContractStateChange: Auditable {
    public static let auditEntityType = "contract_state_change"
    public var auditLabel: String { ContractState(rawValue: toState)?.label ?? toState }
    public var auditContractId: UUID? { $contract.id }
    public func auditSnapshot() -> [AuditField] {
        [
            .init("from_state", "État précédent", fromState.flatMap(ContractState.init(rawValue:))?.label),
            .init("to_state", "Nouvel état", ContractState(rawValue: toState)?.label ?? toState),
            .init("effective_on", "Date d'effet", effectiveOn),
            .init("comment", "Commentaire", comment),
        ]
    }
}
