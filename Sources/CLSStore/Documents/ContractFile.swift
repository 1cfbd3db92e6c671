import CLSCore
import FluentKit
import Foundation

/// A document deposited on a contract (the signed scan, the diagnosis report, a press release…).
/// Depositing a document of the same kind and title again adds a version: every version is kept.
/// Stored in the database, like the attachments of actions, so that backups hold them.
public final class ContractFile: Model, @unchecked Sendable {
    public static let schema = "contract_files"
    public static let maxBytes = 20 * 1024 * 1024

    @ID(key: .id) public var id: UUID?
    @Field(key: "contract_id") public var contractId: UUID
    /// `ContractFileKind` raw value.
    @Field(key: "kind") public var kind: String
    @Field(key: "title") public var title: String
    @Field(key: "version") public var version: Int
    @Field(key: "filename") public var filename: String
    @Field(key: "size") public var size: Int
    @Field(key: "content") public var content: Data
    @Field(key: "uploaded_by") public var uploadedBy: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public init(contractId: UUID, kind: ContractFileKind, title: String, version: Int, filename: String, content: Data, uploadedBy: String) {
        self.contractId = contractId
        self.kind = kind.rawValue
        self.title = title
        self.version = version
        self.filename = ActionAttachment.safeFilename(filename)
        self.size = content.count
        self.content = content
        self.uploadedBy = uploadedBy
    }
}

extension ContractFile: Auditable {
    public static let auditEntityType = "contract_file"
    public var auditLabel: String { "\(title) (version \(version))" }
    public var auditContractId: UUID? { contractId }
    public func auditSnapshot() -> [AuditField] {
        [
            .init("kind", "Nature", ContractFileKind(rawValue: kind)?.label ?? kind),
            .init("title", "Titre", title),
            .init("version", "Version", String(version)),
            .init("filename", "Fichier", filename),
            .init("size", "Taille (octets)", String(size)),
        ]
    }
}

struct CreateContractFiles: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ContractFile.schema)
            .id()
            .field("contract_id", .uuid, .required, .references(Contract.schema, "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("version", .int, .required)
            .field("filename", .string, .required)
            .field("size", .int, .required)
            .field("content", .data, .required)
            .field("uploaded_by", .string, .required)
            .field("created_at", .datetime)
            .create()
        try await Indexes.create([("contract_files_contract", ContractFile.schema, ["contract_id"])], on: database)
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ContractFile.schema).delete()
    }
}

/// Depositing and listing a contract's documents.
public enum ContractFiles {
    /// The versions of one document (same kind and title), newest first.
    public struct Series: Sendable {
        public let kind: ContractFileKind
        public let title: String
        public let versions: [ContractFile]
    }

    /// Deposits a document: version 1 of a new series, or the next version of the series of the same kind and title.
    @discardableResult
    public static func deposit(kind: ContractFileKind, title: String, filename: String, content: Data, uploadedBy: String,
                               in contract: Contract, using mutations: Mutations) async throws -> ContractFile {
        let contractId = try contract.requireID()
        let permission = Permission.editContract(contract.accessScope)
        return try await mutations.transaction { tx in
            let existing = try await ContractFile.query(on: tx.database).filter(\.$contractId == contractId)
                .filter(\.$kind == kind.rawValue).field(\.$id).field(\.$title).field(\.$version).all()
            let key = SearchText.fold(title)
            let version = (existing.filter { SearchText.fold($0.title) == key }.map(\.version).max() ?? 0) + 1
            let file = ContractFile(contractId: contractId, kind: kind, title: title, version: version, filename: filename,
                                    content: content, uploadedBy: uploadedBy)
            try await tx.create(file, permission: permission)
            return file
        }
    }

    /// Every series of the contract, by kind then title, without the files' contents.
    public static func list(contractId: UUID, on database: any Database) async throws -> [Series] {
        let files = try await ContractFile.query(on: database).filter(\.$contractId == contractId)
            .field(\.$id).field(\.$contractId).field(\.$kind).field(\.$title).field(\.$version).field(\.$filename)
            .field(\.$size).field(\.$uploadedBy).field(\.$createdAt).all()
        let groups = Dictionary(grouping: files) { "\($0.kind)|\(SearchText.fold($0.title))" }
        return groups.values.compactMap { versions -> Series? in
            let sorted = versions.sorted { $0.version > $1.version }
            guard let latest = sorted.first else { return nil }
            return Series(kind: ContractFileKind(rawValue: latest.kind) ?? .other, title: latest.title, versions: sorted)
        }.sorted {
            let order = ContractFileKind.allCases
            return (order.firstIndex(of: $0.kind) ?? 0, SearchText.fold($0.title)) < (order.firstIndex(of: $1.kind) ?? 0, SearchText.fold($1.title))
        }
    }
}
