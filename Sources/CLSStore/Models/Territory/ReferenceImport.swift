import FluentKit
import Foundation

/// An import of reference files started from the administration pages: uploaded and previewed,
/// then confirmed and run in the background while the page shows its progress. Kept in the
/// database so any server instance can confirm it and show where it stands.
public final class ReferenceImport: Model, @unchecked Sendable {
    public static let schema = "reference_imports"

    public enum State: String, Sendable {
        case previewed, running, done, failed, cancelled
    }

    @ID(key: .id) public var id: UUID?
    /// "territoires", "contours", "revenus", "indicateurs".
    @Field(key: "kind") public var kind: String
    /// The options chosen on the form (vintage, level), as JSON.
    @Field(key: "options") public var options: String
    @Field(key: "state") public var state: String
    /// What the preview found, as JSON lines (label, value) for the page.
    @Field(key: "preview") public var preview: String
    @Field(key: "progress") public var progress: Int
    @Field(key: "progress_label") public var progressLabel: String
    @OptionalField(key: "result") public var result: String?
    @Field(key: "user_id") public var userId: UUID
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    public init() {}

    public init(kind: String, options: String, preview: String, userId: UUID) {
        self.kind = kind
        self.options = options
        self.state = State.previewed.rawValue
        self.preview = preview
        self.progress = 0
        self.progressLabel = "En attente de confirmation"
        self.userId = userId
    }

    public var importState: State { State(rawValue: state) ?? .failed }
}

/// A file of a reference import, kept until the import has run.
public final class ReferenceImportFile: Model, @unchecked Sendable {
    public static let schema = "reference_import_files"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "import_id") public var referenceImport: ReferenceImport
    /// What the file is for: "communes", "populations", "epci", "qpv", "departements", "regions", "fichier", "iris".
    @Field(key: "role") public var role: String
    @Field(key: "filename") public var filename: String
    @Field(key: "content") public var content: Data

    public init() {}

    public init(importId: UUID, role: String, filename: String, content: Data) {
        self.$referenceImport.id = importId
        self.role = role
        self.filename = filename
        self.content = content
    }
}

struct CreateReferenceImports: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ReferenceImport.schema)
            .id()
            .field("kind", .string, .required).field("options", .string, .required)
            .field("state", .string, .required).field("preview", .string, .required)
            .field("progress", .int, .required).field("progress_label", .string, .required)
            .field("result", .string)
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("created_at", .datetime).field("updated_at", .datetime)
            .create()
        try await database.schema(ReferenceImportFile.schema)
            .id()
            .field("import_id", .uuid, .required, .references(ReferenceImport.schema, "id", onDelete: .cascade))
            .field("role", .string, .required).field("filename", .string, .required)
            .field("content", .data, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ReferenceImportFile.schema).delete()
        try await database.schema(ReferenceImport.schema).delete()
    }
}
