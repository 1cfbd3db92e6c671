import CLSCore
import FluentKit
import Foundation

/// The contract as signed, or as amended by a signed amendment: its content (parties, perimeter,
/// duration, axes, fiches actions, financing, texts) frozen at that moment, so that a reader sees
/// the programme as it was signed beside the programme as it stands. Number 0 is the signed
/// contract; number n the contract after amendment n.
public final class ContractVersion: Model, @unchecked Sendable {
    public static let schema = "contract_versions"

    @ID(key: .id) public var id: UUID?
    @Field(key: "contract_id") public var contractId: UUID
    @Field(key: "number") public var number: Int
    @Field(key: "label") public var label: String
    /// The day the version took effect (the signature's).
    @Field(key: "effective_on") public var effectiveOn: String
    /// The moment it was frozen: the audit trail's changes after it are what the next amendment records.
    @Field(key: "frozen_at") public var frozenAt: Date
    /// `ContractDocumentContent` as JSON.
    @Field(key: "content") public var contentJSON: String

    public init() {}

    public init(contractId: UUID, number: Int, label: String, effectiveOn: CalendarDay, frozenAt: Date, content: ContractDocumentContent) throws {
        self.contractId = contractId
        self.number = number
        self.label = label
        self.effectiveOn = effectiveOn.iso
        self.frozenAt = frozenAt
        self.contentJSON = String(decoding: try JSONEncoder().encode(content), as: UTF8.self)
    }

    public func content() throws -> ContractDocumentContent {
        try JSONDecoder().decode(ContractDocumentContent.self, from: Data(contentJSON.utf8))
    }

    public var effectiveDay: CalendarDay? { CalendarDay(parsing: effectiveOn) }
}

extension ContractVersion: Auditable {
    public static let auditEntityType = "contract_version"
    public var auditLabel: String { label }
    public var auditContractId: UUID? { contractId }
    public func auditSnapshot() -> [AuditField] {
        [
            .init("number", "Numéro", String(number)),
            .init("label", "Version", label),
            .init("effective_on", "Date d'effet", effectiveOn),
        ]
    }
}

/// An amendment (*avenant*): numbered, drafted, then signed by the signatories on a date. It
/// records what changed since the version it amends (`AmendmentChange`, frozen at signature;
/// computed from the audit trail while it is a draft) and its own text.
public final class Amendment: Model, @unchecked Sendable {
    public static let schema = "amendments"

    @ID(key: .id) public var id: UUID?
    @Field(key: "contract_id") public var contractId: UUID
    @Field(key: "number") public var number: Int
    @Field(key: "title") public var title: String
    /// The amendment's own text: its reasons and what the parties agree.
    @Field(key: "text") public var text: String
    /// `AmendmentState` raw value.
    @Field(key: "state") public var state: String
    @Field(key: "drafted_on") public var draftedOn: String
    @OptionalField(key: "signed_on") public var signedOn: String?
    /// The signing organisations' names, one per line, as they signed.
    @Field(key: "signed_by") public var signedBy: String
    /// The version it amends (`ContractVersion.number`).
    @Field(key: "base_version") public var baseVersion: Int
    /// `[AmendmentChange]` as JSON, frozen at signature; empty while a draft.
    @Field(key: "changes") public var changesJSON: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public init(contractId: UUID, number: Int, title: String, text: String, draftedOn: CalendarDay, baseVersion: Int) {
        self.contractId = contractId
        self.number = number
        self.title = title
        self.text = text
        self.state = AmendmentState.draft.rawValue
        self.draftedOn = draftedOn.iso
        self.signedBy = ""
        self.baseVersion = baseVersion
        self.changesJSON = ""
    }

    public var amendmentState: AmendmentState { AmendmentState(rawValue: state) ?? .draft }
    public var signers: [String] { signedBy.split(separator: "\n").map(String.init) }
    /// The changes frozen at signature (nil while a draft).
    public var frozenChanges: [AmendmentChange]? {
        guard !changesJSON.isEmpty else { return nil }
        return try? JSONDecoder().decode([AmendmentChange].self, from: Data(changesJSON.utf8))
    }
    public var heading: String { "Avenant n° \(number)" + (title.isEmpty ? "" : " – \(title)") }
}

extension Amendment: Auditable {
    public static let auditEntityType = "amendment"
    public var auditLabel: String { "Avenant n° \(number)" }
    public var auditContractId: UUID? { contractId }
    public func auditSnapshot() -> [AuditField] {
        [
            .init("number", "Numéro", String(number)),
            .init("title", "Intitulé", title),
            .init("text", "Texte", text),
            .init("state", "État", amendmentState.label),
            .init("drafted_on", "Rédigé le", draftedOn),
            .init("signed_on", "Signé le", signedOn),
            .init("signed_by", "Signé par", signedBy.replacingOccurrences(of: "\n", with: ", ")),
        ]
    }
}

struct CreateAmendments: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ContractVersion.schema)
            .id()
            .field("contract_id", .uuid, .required, .references(Contract.schema, "id", onDelete: .cascade))
            .field("number", .int, .required)
            .field("label", .string, .required)
            .field("effective_on", .string, .required)
            .field("frozen_at", .datetime, .required)
            .field("content", .string, .required)
            .unique(on: "contract_id", "number")
            .create()
        try await database.schema(Amendment.schema)
            .id()
            .field("contract_id", .uuid, .required, .references(Contract.schema, "id", onDelete: .cascade))
            .field("number", .int, .required)
            .field("title", .string, .required)
            .field("text", .string, .required)
            .field("state", .string, .required)
            .field("drafted_on", .string, .required)
            .field("signed_on", .string)
            .field("signed_by", .string, .required)
            .field("base_version", .int, .required)
            .field("changes", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "contract_id", "number")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Amendment.schema).delete()
        try await database.schema(ContractVersion.schema).delete()
    }
}
