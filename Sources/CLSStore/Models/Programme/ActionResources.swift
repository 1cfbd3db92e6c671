import FluentKit
import Foundation

/// A file attached to an action (a report, a photo, an attendance sheet). Stored in the database,
/// so backups and every server instance have it; served back as a download, never inline.
public final class ActionAttachment: Model, @unchecked Sendable {
    public static let schema = "action_attachments"
    /// Large enough for a scanned report, small enough to keep the database lean.
    public static let maxBytes = 10 * 1024 * 1024

    @ID(key: .id) public var id: UUID?
    @Parent(key: "action_id") public var action: Action
    @Field(key: "contract_id") public var contractId: UUID
    @Field(key: "filename") public var filename: String
    @Field(key: "size") public var size: Int
    @Field(key: "content") public var content: Data
    @Field(key: "uploaded_by") public var uploadedBy: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public init(actionId: UUID, contractId: UUID, filename: String, content: Data, uploadedBy: String) {
        self.$action.id = actionId
        self.contractId = contractId
        self.filename = ActionAttachment.safeFilename(filename)
        self.size = content.count
        self.content = content
        self.uploadedBy = uploadedBy
    }

    /// Keeps a readable name without path separators or control characters.
    public static func safeFilename(_ name: String) -> String {
        let base = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let cleaned = String(base.unicodeScalars.filter { !CharacterSet.controlCharacters.contains($0) && $0 != "\"" })
            .trimmingCharacters(in: .whitespaces)
        return String((cleaned.isEmpty ? "piece-jointe" : cleaned).prefix(200))
    }
}

extension ActionAttachment: Auditable {
    public static let auditEntityType = "action_attachment"
    public var auditLabel: String { filename }
    public var auditContractId: UUID? { contractId }
    public func auditSnapshot() -> [AuditField] {
        [
            .init("action_id", "Action", $action.id.uuidString),
            .init("filename", "Fichier", filename),
            .init("size", "Taille (octets)", String(size)),
        ]
    }
}

/// A web link of an action (a page, a shared folder, a press article).
public final class ActionLink: Model, @unchecked Sendable {
    public static let schema = "action_links"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "action_id") public var action: Action
    @Field(key: "contract_id") public var contractId: UUID
    @Field(key: "label") public var label: String
    @Field(key: "url") public var url: String
    /// Another action of the same contract this one is linked to, when the link is internal.
    @OptionalParent(key: "related_action_id") public var relatedAction: Action?

    public init() {}

    public init(actionId: UUID, contractId: UUID, label: String, url: String, relatedActionId: UUID? = nil) {
        self.$action.id = actionId
        self.contractId = contractId
        self.label = label
        self.url = url
        self.$relatedAction.id = relatedActionId
    }
}

extension ActionLink: Auditable {
    public static let auditEntityType = "action_link"
    public var auditLabel: String { label }
    public var auditContractId: UUID? { contractId }
    public func auditSnapshot() -> [AuditField] {
        [
            .init("action_id", "Action", $action.id.uuidString),
            .init("label", "Libellé", label),
            .init("url", "Adresse", url),
            .init("related_action_id", "Action liée", $relatedAction.id?.uuidString),
        ]
    }
}

struct CreateActionResources: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ActionAttachment.schema)
            .id()
            .field("action_id", .uuid, .required, .references(Action.schema, "id", onDelete: .cascade))
            .field("contract_id", .uuid, .required)
            .field("filename", .string, .required)
            .field("size", .int, .required)
            .field("content", .data, .required)
            .field("uploaded_by", .string, .required)
            .field("created_at", .datetime)
            .create()
        try await database.schema(ActionLink.schema)
            .id()
            .field("action_id", .uuid, .required, .references(Action.schema, "id", onDelete: .cascade))
            .field("contract_id", .uuid, .required)
            .field("label", .string, .required)
            .field("url", .string, .required)
            .field("related_action_id", .uuid, .references(Action.schema, "id", onDelete: .cascade))
            .create()
        try await Indexes.create([
            ("action_attachments_action", ActionAttachment.schema, ["action_id"]),
            ("action_links_action", ActionLink.schema, ["action_id"]),
            ("action_links_related", ActionLink.schema, ["related_action_id"]),
        ], on: database)
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ActionLink.schema).delete()
        try await database.schema(ActionAttachment.schema).delete()
    }
}
