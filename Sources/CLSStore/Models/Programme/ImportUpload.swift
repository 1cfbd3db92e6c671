import FluentKit
import Foundation

/// A workbook uploaded for import, kept between its preview and its confirmation (in the
/// database, so any server instance can confirm it). Removed once imported.
public final class ImportUpload: Model, @unchecked Sendable {
    public static let schema = "import_uploads"

    @ID(key: .id) public var id: UUID?
    @Field(key: "contract_id") public var contractId: UUID
    @Field(key: "user_id") public var userId: UUID
    @Field(key: "filename") public var filename: String
    @Field(key: "content") public var content: Data
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public init(contractId: UUID, userId: UUID, filename: String, content: Data) {
        self.contractId = contractId
        self.userId = userId
        self.filename = filename
        self.content = content
    }
}

struct CreateImportUploads: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ImportUpload.schema)
            .id()
            .field("contract_id", .uuid, .required, .references(Contract.schema, "id", onDelete: .cascade))
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("filename", .string, .required)
            .field("content", .data, .required)
            .field("created_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ImportUpload.schema).delete()
    }
}
