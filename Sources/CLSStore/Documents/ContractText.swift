import CLSCore
import FluentKit
import Foundation

/// The coordinator's own text for a free part of the contract document (préambule, an article),
/// replacing its default (`ContractDocumentPart.defaultText`). Audited like any change.
public final class ContractText: Model, @unchecked Sendable {
    public static let schema = "contract_texts"

    @ID(key: .id) public var id: UUID?
    @Field(key: "contract_id") public var contractId: UUID
    /// `ContractDocumentPart` raw value.
    @Field(key: "part") public var part: String
    @Field(key: "text") public var text: String
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    public init() {}

    public init(contractId: UUID, part: ContractDocumentPart, text: String) {
        self.contractId = contractId
        self.part = part.rawValue
        self.text = text
    }
}

extension ContractText: Auditable {
    public static let auditEntityType = "contract_text"
    public var auditLabel: String { ContractDocumentPart(rawValue: part)?.heading ?? part }
    public var auditContractId: UUID? { contractId }
    public func auditSnapshot() -> [AuditField] {
        [.init("part", "Partie du contrat", ContractDocumentPart(rawValue: part)?.heading ?? part), .init("text", "Texte", text)]
    }
}

struct CreateContractTexts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ContractText.schema)
            .id()
            .field("contract_id", .uuid, .required, .references(Contract.schema, "id", onDelete: .cascade))
            .field("part", .string, .required)
            .field("text", .string, .required)
            .field("updated_at", .datetime)
            .unique(on: "contract_id", "part")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ContractText.schema).delete()
    }
}
