import FluentKit
import Foundation

/// A dated, authored follow-up note on an action.
public final class ActionNote: Model, @unchecked Sendable {
    public static let schema = "action_notes"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "action_id") public var action: Action
    @Field(key: "contract_id") public var contractId: UUID
    @Field(key: "written_on") public var writtenOn: String
    @Field(key: "author") public var author: String
    @Field(key: "text") public var text: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public init(actionId: UUID, contractId: UUID, writtenOn: String, author: String, text: String) {
        self.$action.id = actionId
        self.contractId = contractId
        self.writtenOn = writtenOn
        self.author = author
        self.text = text
    }
}

extension ActionNote: Auditable {
    public static let auditEntityType = "action_note"
    public var auditLabel: String { String(text.prefix(60)) }
    public var auditContractId: UUID? { contractId }
    public func auditSnapshot() -> [AuditField] {
        [
            .init("action_id", "Action", $action.id.uuidString),
            .init("written_on", "Date", writtenOn),
            .init("author", "Auteur", author),
            .init("text", "Note", text),
        ]
    }
}
