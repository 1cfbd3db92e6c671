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
    /// Where the import stands (`State`); its workbook is emptied once it has run.
    @Field(key: "state") public var state: String
    /// What the import is doing, or what it did, in French.
    @Field(key: "progress_label") public var progressLabel: String
    @Field(key: "progress") public var progress: Int
    /// When the run last recorded its progress (its start, then each step): a run silent for
    /// long was interrupted.
    @OptionalField(key: "progress_at") public var progressAt: Date?
    @OptionalField(key: "finished_at") public var finishedAt: Date?

    public enum State: String, Sendable {
        /// Previewed, waiting for the confirmation.
        case previewed
        case running
        case done
        case failed
    }

    public var importState: State { State(rawValue: state) ?? .previewed }

    public init() {}

    public init(contractId: UUID, userId: UUID, filename: String, content: Data) {
        self.contractId = contractId
        self.userId = userId
        self.filename = filename
        self.content = content
        self.state = State.previewed.rawValue
        self.progressLabel = ""
        self.progress = 0
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

/// The state of a plan import once confirmed, so that it runs in the background and its page
/// follows it.
struct AddImportUploadProgress: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds a single column per ALTER TABLE.
        try await database.schema(ImportUpload.schema)
            .field("state", .string, .required, .sql(.default(ImportUpload.State.previewed.rawValue))).update()
        try await database.schema(ImportUpload.schema).field("progress_label", .string, .required, .sql(.default(""))).update()
        try await database.schema(ImportUpload.schema).field("progress", .int, .required, .sql(.default(0))).update()
        try await database.schema(ImportUpload.schema).field("progress_at", .datetime).update()
        try await database.schema(ImportUpload.schema).field("finished_at", .datetime).update()
    }

    func revert(on database: any Database) async throws {}
}
