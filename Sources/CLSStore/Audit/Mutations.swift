import CLSCore
import FluentKit
import Foundation
import SQLKit

/// The one path through which data changes: each call checks the actor's permission with
/// `AccessPolicy`, writes the change and its audit entry in one transaction, or changes nothing.
public struct Mutations: Sendable {
    public let database: any Database
    public let actor: Actor

    public init(database: any Database, actor: Actor) {
        self.database = database
        self.actor = actor
    }

    /// Runs several mutations atomically: all of them land, or none.
    public func transaction<T: Sendable>(_ body: @escaping @Sendable (Mutations) async throws -> T) async throws -> T {
        if database.inTransaction { return try await body(self) }
        let actor = self.actor
        return try await database.transaction { transactional in
            try await Self.takeWriteLock(on: transactional)
            return try await body(Mutations(database: transactional, actor: actor))
        }
    }

    /// SQLite starts a transaction as a reader and upgrades it at its first write; if another
    /// connection wrote in between, the upgrade fails at once (SQLITE_BUSY_SNAPSHOT), busy handler or
    /// not. A write statement first (touching no row) takes the write lock before anything is read, so
    /// concurrent transactions wait their turn instead of failing. PostgreSQL needs nothing of the sort.
    static func takeWriteLock(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase, sql.dialect.name == "sqlite" else { return }
        try await sql.raw("DELETE FROM \(ident: AuditEntry.schema) WHERE 1 = 0").run()
    }

    /// Runs `body` in a transaction that is always rolled back, and returns what it computed: the
    /// preview of an import is the import itself, rehearsed, so it reports exactly what would change.
    public func rehearse<T: Sendable>(_ body: @escaping @Sendable (Mutations) async throws -> T) async throws -> T {
        let box = RehearsalBox<T>()
        do {
            _ = try await transaction { tx -> Bool in
                box.value = try await body(tx)
                throw Rehearsal.rollBack
            }
        } catch Rehearsal.rollBack {}
        guard let value = box.value else { throw Rehearsal.rollBack }
        return value
    }

    public func create<M: Auditable>(_ model: M, permission: Permission) async throws {
        try AccessPolicy.require(actor.subject, permission)
        try Self.refuseOverlongText(model.auditSnapshot())
        (model as? any SearchIndexed)?.refreshSearchText()
        try await transaction { tx in
            try await YearLock.refuseIfLocked(model, years: [(model as? any YearLocked)?.lockYear], on: tx.database)
            try await model.create(on: tx.database)
            try await (model as? any DerivedRows)?.refreshDerivedRows(on: tx.database)
            let changes = AuditDiff.changes(before: nil, after: model.auditSnapshot())
            try await tx.writeEntry(.create, model: model, changes: changes)
            try await NoticeRules.follow(model, action: .create, changes: changes, by: tx)
        }
    }

    /// Creates many new objects of one kind, all or nothing, as `create` would one by one (the
    /// permission, text limits, year locks, search text, derived rows and one audit entry each),
    /// but written as multi-row inserts: a large import holds the write lock for a moment instead
    /// of the time Fluent takes to reflect on each object. Ids are given here when missing.
    func createAll<M: Auditable & BulkRow>(_ models: [M], permission: Permission, at now: Date = Date()) async throws {
        guard !models.isEmpty else { return }
        try AccessPolicy.require(actor.subject, permission)
        var entries: [AuditEntry] = []
        var codes: [ActionCode] = []
        entries.reserveCapacity(models.count)
        for model in models {
            if model.id == nil { model.id = UUID() }
            (model as? any SearchIndexed)?.refreshSearchText()
            (model as? any CreationStamped)?.stamp(now)
            let snapshot = model.auditSnapshot()
            try Self.refuseOverlongText(snapshot)
            if let action = model as? Action { codes += try action.codeRows() }
            let entry = AuditEntry(actor: actor, action: .create, entityType: M.auditEntityType,
                                   entityId: model.id?.uuidString ?? "", entityLabel: model.auditLabel,
                                   contractId: model.auditContractId,
                                   changes: AuditDiff.changes(before: nil, after: snapshot), at: now)
            entry.id = UUID()
            entries.append(entry)
        }
        let derived = codes, journal = entries
        try await transaction { tx in
            try await YearLock.refuseIfLocked(models, on: tx.database)
            try await BulkInsert.write(models, on: tx.database)
            try await BulkInsert.write(derived, on: tx.database)
            try await BulkInsert.write(journal, on: tx.database)
        }
    }

    /// Applies `change` to `model` and saves it. Returns false, writing nothing, when no field changed.
    /// `action` names the change in the journal (a lifecycle step is a `.transition`), and `context`
    /// adds lines that are not fields of the model (the comment of a transition).
    @discardableResult
    public func update<M: Auditable>(_ model: M, permission: Permission, action: AuditAction = .update,
                                     context: [FieldChange] = [], _ change: (M) throws -> Void) async throws -> Bool {
        try AccessPolicy.require(actor.subject, permission)
        let before = model.auditSnapshot()
        let yearBefore = (model as? any YearLocked)?.lockYear
        try change(model)
        let yearAfter = (model as? any YearLocked)?.lockYear
        let after = model.auditSnapshot()
        let changes = AuditDiff.changes(before: before, after: after)
        guard !changes.isEmpty else { return false }
        try Self.refuseOverlongText(after)
        (model as? any SearchIndexed)?.refreshSearchText()
        try await transaction { tx in
            try await YearLock.refuseIfLocked(model, years: [yearBefore, yearAfter], on: tx.database)
            try await model.update(on: tx.database)
            try await (model as? any DerivedRows)?.refreshDerivedRows(on: tx.database)
            try await tx.writeEntry(action, model: model, changes: changes + context)
            try await NoticeRules.follow(model, action: action, changes: changes, by: tx)
        }
        return true
    }

    public func delete<M: Auditable>(_ model: M, permission: Permission) async throws {
        try AccessPolicy.require(actor.subject, permission)
        try await transaction { tx in
            try await YearLock.refuseIfLocked(model, years: [(model as? any YearLocked)?.lockYear], on: tx.database)
            try await tx.writeEntry(.delete, model: model, changes: AuditDiff.changes(before: model.auditSnapshot(), after: nil))
            try await model.delete(force: true, on: tx.database)
        }
    }

    /// No field of any model may hold more text than `TextLimits` allows, whoever writes it
    /// (a form, an import, the API). Secrets are hashes, never long.
    static func refuseOverlongText(_ fields: [AuditField]) throws {
        if let excess = TextLimits.firstExcess(in: fields.filter { !$0.masked }.map { ($0.code, $0.label, $0.value) }) {
            throw excess
        }
    }

    /// Records an event that changes no business data (sign-in, sign-out, failed attempt).
    public func recordEvent(_ action: AuditAction, entityType: String, entityId: String, entityLabel: String,
                            contractId: UUID? = nil, changes: [FieldChange] = []) async throws {
        try await AuditEntry(actor: actor, action: action, entityType: entityType, entityId: entityId,
                             entityLabel: entityLabel, contractId: contractId, changes: changes)
            .create(on: database)
    }

    /// Writes the audit entry of an already checked change, inside the caller's transaction.
    func writeEntry<M: Auditable>(_ action: AuditAction, model: M, changes: [FieldChange]) async throws {
        try await AuditEntry(actor: actor, action: action, entityType: M.auditEntityType,
                             entityId: model.id?.uuidString ?? "", entityLabel: model.auditLabel,
                             contractId: model.auditContractId, changes: changes)
            .create(on: database)
    }
}

/// A model that keeps a folded search column derived from its other fields.
public protocol SearchIndexed: AnyObject {
    func refreshSearchText()
}

extension Contract: SearchIndexed {}

/// A model that keeps index rows derived from its fields (the codes of an action), rewritten
/// in the same transaction as every save.
public protocol DerivedRows {
    func refreshDerivedRows(on database: any Database) async throws
}

extension Action: DerivedRows {
    public func refreshDerivedRows(on database: any Database) async throws {
        let actionId = try requireID()
        try await ActionCode.query(on: database).filter(\.$action.$id == actionId).delete()
        let rows = try codeRows()
        if !rows.isEmpty { try await rows.create(on: database) }
    }

    /// One row per code of each scheme, for the ISTS counts.
    func codeRows() throws -> [ActionCode] {
        let actionId = try requireID()
        return codesByScheme.flatMap { scheme, codes in
            codes.map { code in
                let row = ActionCode(actionId: actionId, contractId: $contract.id, scheme: scheme, code: code)
                row.id = UUID()
                return row
            }
        }
    }
}

/// A model with creation and update time stamps, which a multi-row insert fills itself.
protocol CreationStamped: AnyObject {
    func stamp(_ now: Date)
}

extension Action: CreationStamped {
    func stamp(_ now: Date) { createdAt = createdAt ?? now; updatedAt = updatedAt ?? now }
}

extension ProgrammeSection: CreationStamped {
    func stamp(_ now: Date) { createdAt = createdAt ?? now; updatedAt = updatedAt ?? now }
}

private enum Rehearsal: Error { case rollBack }

private final class RehearsalBox<T>: @unchecked Sendable {
    var value: T?
}
