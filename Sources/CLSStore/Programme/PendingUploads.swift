import FluentKit
import Foundation
import SQLKit

/// Workbooks kept between an import's preview and its confirmation (`ImportUpload`), bounded
/// so that nobody can fill the database with them: each lives `lifetime` at most, a user keeps
/// their `perUser` latest, and all of them together weigh at most `totalBytes` (the oldest go
/// first). Storing one clears what is past those bounds.
public enum PendingUploads {
    public struct Bounds: Sendable {
        public var lifetime: TimeInterval = 6 * 3600
        public var perUser = 3
        public var totalBytes = 100 * 1024 * 1024
        public init() {}
    }

    public static func store(_ upload: ImportUpload, on database: any Database, now: Date, bounds: Bounds = Bounds()) async throws {
        try await purge(on: database, now: now, keepingRoomFor: upload, bounds: bounds)
        try await upload.create(on: database)
    }

    /// Deletes the expired uploads, the user's oldest beyond `perUser - 1`, and the oldest of
    /// all until `upload` fits under `totalBytes`.
    static func purge(on database: any Database, now: Date, keepingRoomFor upload: ImportUpload, bounds: Bounds) async throws {
        let (lifetime, maxPerUser, maxTotalBytes) = (bounds.lifetime, bounds.perUser, bounds.totalBytes)
        // A running import keeps its row (the page follows it); finished ones go with the others.
        try await ImportUpload.query(on: database).filter(\.$createdAt < now.addingTimeInterval(-lifetime))
            .filter(\.$state != ImportUpload.State.running.rawValue).delete()
        let mine = try await ImportUpload.query(on: database).filter(\.$userId == upload.userId)
            .filter(\.$state != ImportUpload.State.running.rawValue)
            .sort(\.$createdAt, .descending).field(\.$id).all()
        let surplus = mine.dropFirst(maxPerUser - 1).compactMap(\.id)
        if !surplus.isEmpty { try await ImportUpload.query(on: database).filter(\.$id ~~ surplus).delete() }

        guard let sql = database as? any SQLDatabase else { return }
        let rows = try await sql.raw("""
            SELECT id, length(content) AS size FROM \(ident: ImportUpload.schema)
            WHERE state <> \(bind: ImportUpload.State.running.rawValue) ORDER BY created_at DESC
            """).all()
        var total = upload.content.count
        var evicted: [UUID] = []
        for row in rows {
            let size = try row.decode(column: "size", as: Int.self)
            if total + size > maxTotalBytes { evicted.append(try row.decode(column: "id", as: UUID.self)) } else { total += size }
        }
        if !evicted.isEmpty { try await ImportUpload.query(on: database).filter(\.$id ~~ evicted).delete() }
    }

    /// The upload `id` of this contract by this user: an import is only ever confirmed or followed by
    /// the person who sent it.
    public static func find(_ id: UUID?, contractId: UUID, userId: UUID, on database: any Database) async throws -> ImportUpload? {
        guard let id else { return nil }
        return try await ImportUpload.query(on: database).filter(\.$id == id)
            .filter(\.$contractId == contractId).filter(\.$userId == userId).first()
    }
}
