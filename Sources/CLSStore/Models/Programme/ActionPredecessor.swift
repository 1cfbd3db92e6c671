import FluentKit
import Foundation

/// A fiche action carried forward from the previous contract: the link to the action it
/// continues, kept with its title and contract so that it reads even once the old one changes.
public final class ActionPredecessor: Model, @unchecked Sendable {
    public static let schema = "action_predecessors"

    @ID(key: .id) public var id: UUID?
    @Field(key: "action_id") public var actionId: UUID
    @Field(key: "contract_id") public var contractId: UUID
    @Field(key: "predecessor_action_id") public var predecessorActionId: UUID
    @Field(key: "predecessor_contract_id") public var predecessorContractId: UUID
    @Field(key: "predecessor_title") public var predecessorTitle: String

    public init() {}

    public init(actionId: UUID, contractId: UUID, predecessor: Action, predecessorContractId: UUID) throws {
        self.actionId = actionId
        self.contractId = contractId
        self.predecessorActionId = try predecessor.requireID()
        self.predecessorContractId = predecessorContractId
        self.predecessorTitle = predecessor.title
    }
}

extension ActionPredecessor: Auditable {
    public static let auditEntityType = "action_predecessor"
    public var auditLabel: String { predecessorTitle }
    public var auditContractId: UUID? { contractId }
    public func auditSnapshot() -> [AuditField] {
        [
            .init("action_id", "Fiche action", actionId.uuidString),
            .init("predecessor_action_id", "Action du contrat précédent", predecessorActionId.uuidString),
            .init("predecessor_contract_id", "Contrat précédent", predecessorContractId.uuidString),
        ]
    }
}

struct CreateActionPredecessors: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ActionPredecessor.schema)
            .id()
            .field("action_id", .uuid, .required, .references(Action.schema, "id", onDelete: .cascade))
            .field("contract_id", .uuid, .required, .references(Contract.schema, "id", onDelete: .cascade))
            .field("predecessor_action_id", .uuid, .required)
            .field("predecessor_contract_id", .uuid, .required)
            .field("predecessor_title", .string, .required)
            .unique(on: "action_id")
            .create()
        try await Indexes.create([("action_predecessors_predecessor", ActionPredecessor.schema, ["predecessor_action_id"])], on: database)
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ActionPredecessor.schema).delete()
    }
}
