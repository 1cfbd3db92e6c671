import CLSCore
import FluentKit
import Foundation

/// The imports of reference files awaiting confirmation: kept with their files, cancelled, found.
public enum ReferenceImports {
    public static func find(_ id: UUID?, on database: any Database) async throws -> ReferenceImport? {
        guard let id else { return nil }
        return try await ReferenceImport.find(id, on: database)
    }

    /// Keeps a previewed import and its files (by role: file name and bytes); previews older than a
    /// day were abandoned: they are cancelled and their files go.
    public static func keep(_ record: ReferenceImport, kindLabel: String, files: [String: (fileName: String, data: Data)],
                            now: Date, using mutations: Mutations) async throws {
        try await mutations.transaction { tx in
            let database = tx.database
            let abandoned = try await ReferenceImport.query(on: database).filter(\.$state == ReferenceImport.State.previewed.rawValue)
                .filter(\.$createdAt < now.addingTimeInterval(-86_400)).all(\.$id)
            if !abandoned.isEmpty {
                try await ReferenceImport.query(on: database).filter(\.$id ~~ abandoned)
                    .set(\.$state, to: ReferenceImport.State.cancelled.rawValue).update()
                try await ReferenceImportFile.query(on: database).filter(\.$referenceImport.$id ~~ abandoned).delete()
            }
            try await record.create(on: database)
            let id = try record.requireID()
            for (role, source) in files {
                try await ReferenceImportFile(importId: id, role: role, filename: source.fileName, content: source.data).create(on: database)
            }
            try await tx.recordEvent(.create, entityType: "reference_import", entityId: id.uuidString,
                                     entityLabel: "Import prévisualisé : \(kindLabel)",
                                     changes: [FieldChange(field: "files", label: "Fichiers", old: nil,
                                                           new: files.values.map(\.fileName).sorted().joined(separator: ", "))])
        }
    }

    /// Cancels an import awaiting confirmation and drops its files.
    public static func cancel(_ record: ReferenceImport, kindLabel: String, using mutations: Mutations) async throws {
        let id = try record.requireID()
        try await mutations.database.transaction { database in
            record.state = ReferenceImport.State.cancelled.rawValue
            record.progressLabel = "Annulé"
            try await record.save(on: database)
            try await ReferenceImportFile.query(on: database).filter(\.$referenceImport.$id == id).delete()
        }
        try await mutations.recordEvent(.delete, entityType: "reference_import", entityId: id.uuidString,
                                        entityLabel: "Import annulé : \(kindLabel)")
    }
}
