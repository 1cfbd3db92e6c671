import CLSCore
import FluentKit
import Foundation

/// The amendments of a contract: drafted, rewritten, signed or dropped through the audited path,
/// and what each changes, read from the audit trail since the version it amends.
public enum Amendments {
    public enum Refusal: Error, Sendable, Equatable {
        case notSigned
        case ended(String)
        case draftPending(Int)
        case notDraft
        case noSigner
        case signedBeforeBase(String)

        /// The form field the refusal is about, when there is one.
        public var field: String? {
            switch self {
            case .noSigner: "signers"
            case .signedBeforeBase: "signedOn"
            case .draftPending, .notSigned, .ended: "title"
            case .notDraft: nil
            }
        }

        public var message: String {
            switch self {
            case .notSigned: "Un avenant modifie un contrat signé : ce contrat ne l'est pas encore."
            case .ended(let state): "Ce contrat est « \(state) » : il ne se modifie plus par avenant."
            case .draftPending(let number): "L'avenant n° \(number) est encore en projet : signez-le ou abandonnez-le avant d'en préparer un autre."
            case .notDraft: "Cet avenant est signé : il ne change plus."
            case .noSigner: "Cochez les signataires qui ont signé l'avenant."
            case .signedBeforeBase(let day): "Un avenant ne peut être signé avant la version qu'il modifie (\(day))."
            }
        }
    }

    public static func list(contractId: UUID, on database: any Database) async throws -> [Amendment] {
        try await Amendment.query(on: database).filter(\.$contractId == contractId).sort(\.$number).all()
    }

    public static func find(_ number: Int, contractId: UUID, on database: any Database) async throws -> Amendment? {
        try await Amendment.query(on: database).filter(\.$contractId == contractId).filter(\.$number == number).first()
    }

    /// What an amendment changes: frozen once signed; while a draft, the changes made since the
    /// version it amends.
    public static func changes(of amendment: Amendment, contract: Contract, on database: any Database) async throws -> [AmendmentChange] {
        if let frozen = amendment.frozenChanges { return frozen }
        guard let base = try await ContractVersions.find(amendment.baseVersion, contractId: amendment.contractId, on: database) else { return [] }
        return try await pendingChanges(contract, since: base, on: database)
    }

    /// The changes made to the contract since `version` was frozen, from the audit trail: its
    /// signatories, perimeter, dates and duration, axes and objectives, fiches actions.
    public static func pendingChanges(_ contract: Contract, since version: ContractVersion, on database: any Database) async throws -> [AmendmentChange] {
        let contractId = try contract.requireID()
        let types = [Signatory.auditEntityType, ContractPerimeter.auditEntityType, Contract.auditEntityType,
                     "programme_section", Action.auditEntityType]
        let entries = try await AuditEntry.query(on: database)
            .filter(\.$contractId == contractId)
            .filter(\.$entityType ~~ types)
            .filter(\.$occurredAt > version.frozenAt)
            .sort(\.$occurredAt).all()
        guard !entries.isEmpty else { return [] }
        let words = try await AuditWords.load(for: entries, on: database)
        var events: [AmendmentEvent] = []
        var perimeterChanged = false
        for entry in entries {
            let action: AmendmentEvent.Action
            switch entry.auditAction {
            case .create: action = .create
            case .delete: action = .delete
            case .update, .transition: action = .update
            default: continue
            }
            func fields(_ codes: Set<String>? = nil, skipping skipped: Set<String> = []) -> [AmendmentEvent.Field] {
                entry.changes.filter { (codes?.contains($0.field) ?? true) && !skipped.contains($0.field) }.map { change in
                    AmendmentEvent.Field(code: change.field, label: change.label,
                                         old: change.old.map { words.value($0, field: change.field, entityType: entry.entityType) },
                                         new: change.new.map { words.value($0, field: change.field, entityType: entry.entityType) })
                }
            }
            switch entry.entityType {
            case Contract.auditEntityType:
                let dates = fields(["starts_on", "ends_on", "duration_years"])
                if !dates.isEmpty {
                    events.append(.init(subject: .duration, objectId: entry.entityId, name: "", action: .update, fields: dates))
                }
            case Signatory.auditEntityType:
                // Named by its organisation, not by the person who signs for it.
                let organisation = entry.changes.first { $0.field == "organisation_id" }.flatMap { $0.new ?? $0.old }
                let name = organisation.map { words.value($0, field: "organisation_id", entityType: entry.entityType) } ?? words.label(of: entry)
                events.append(.init(subject: .signatory, objectId: entry.entityId, name: name, action: action,
                                    fields: action == .update ? fields(skipping: ["organisation_id"]) : []))
            case ContractPerimeter.auditEntityType:
                perimeterChanged = true
            case "programme_section":
                events.append(.init(subject: .section, objectId: entry.entityId, name: words.label(of: entry), action: action,
                                    fields: action == .update ? fields(skipping: ["position"]) : []))
            default:
                events.append(.init(subject: .action, objectId: entry.entityId, name: words.label(of: entry), action: action,
                                    fields: action == .update ? fields(skipping: ["position", "search_text"]) : []))
            }
        }
        var changes = AmendmentChanges.fold(events)
        if perimeterChanged, let perimeter = try await perimeterChange(contractId: contractId, since: version, on: database) {
            changes.append(perimeter)
            changes = changes.enumerated().sorted { ($0.element.subject, $0.offset) < ($1.element.subject, $1.offset) }.map(\.element)
        }
        return changes
    }

    /// The perimeter is versioned by its own history: what counts is the communes it covers now
    /// against those the signed version named.
    static func perimeterChange(contractId: UUID, since version: ContractVersion, on database: any Database) async throws -> AmendmentChange? {
        let before = try version.content()
        let current = try await Perimeters.current(contractId: contractId, on: database)
        var coverage: Perimeters.Coverage?
        if let current { coverage = try await Perimeters.coverage(of: current, on: database) }
        let now = coverage?.communes.map { "\($0.name) (\($0.code))" } ?? []
        let added = now.filter { !before.communes.contains($0) }
        let removed = before.communes.filter { !now.contains($0) }
        var details: [String] = []
        if !added.isEmpty { details.append("\(added.count > 1 ? "Communes ajoutées" : "Commune ajoutée") : \(added.joined(separator: ", "))") }
        if !removed.isEmpty { details.append("\(removed.count > 1 ? "Communes retirées" : "Commune retirée") : \(removed.joined(separator: ", "))") }
        guard !details.isEmpty else { return nil }
        return AmendmentChange(subject: .perimeter, kind: .changed, name: current?.label ?? "", details: details)
    }

    /// Drafts the next amendment. A signed contract without a signed version (signed before
    /// versions were kept) gets one first, frozen as it stands: the amendment records the
    /// changes made from then on.
    public static func draft(_ contract: Contract, title: String, text: String, on day: CalendarDay,
                             using mutations: Mutations) async throws -> Amendment {
        let contractId = try contract.requireID()
        let permission = Permission.editContract(contract.accessScope)
        try AccessPolicy.require(mutations.actor.subject, permission)
        guard ContractVersions.isSigned(contract) else { throw Refusal.notSigned }
        guard ContractVersions.isAmendable(contract) else { throw Refusal.ended(contract.contractState.label) }
        return try await mutations.transaction { tx in
            let existing = try await list(contractId: contractId, on: tx.database)
            if let pending = existing.first(where: { $0.amendmentState == .draft }) { throw Refusal.draftPending(pending.number) }
            var base = try await ContractVersions.latest(contractId: contractId, on: tx.database)
            if base == nil {
                let signed = contract.signedOn.flatMap(CalendarDay.init(parsing:)) ?? day
                base = try await ContractVersions.freeze(contract, number: 0, label: "Contrat tel qu'enregistré le \(FrenchFormat.date(day))",
                                                         effectiveOn: signed, at: Date(), permission: permission, using: tx)
            }
            let amendment = Amendment(contractId: contractId, number: (existing.map(\.number).max() ?? 0) + 1,
                                      title: title, text: text, draftedOn: day, baseVersion: base?.number ?? 0)
            try await tx.create(amendment, permission: permission)
            return amendment
        }
    }

    public static func rewrite(_ amendment: Amendment, of contract: Contract, title: String, text: String,
                               using mutations: Mutations) async throws -> Bool {
        guard amendment.amendmentState == .draft else { throw Refusal.notDraft }
        return try await mutations.update(amendment, permission: .editContract(contract.accessScope)) {
            $0.title = title
            $0.text = text
        }
    }

    public static func drop(_ amendment: Amendment, of contract: Contract, using mutations: Mutations) async throws {
        guard amendment.amendmentState == .draft else { throw Refusal.notDraft }
        try await mutations.delete(amendment, permission: .editContract(contract.accessScope))
    }

    /// Signs the amendment: its changes are frozen, and the contract as it now stands becomes
    /// the version the amendment makes (the base of the next one).
    public static func sign(_ amendment: Amendment, of contract: Contract, on day: CalendarDay, signers: [String],
                            using mutations: Mutations) async throws {
        let permission = Permission.changeContractState(contract.accessScope)
        try AccessPolicy.require(mutations.actor.subject, permission)
        guard amendment.amendmentState == .draft else { throw Refusal.notDraft }
        guard !signers.isEmpty else { throw Refusal.noSigner }
        let contractId = try contract.requireID()
        try await mutations.transaction { tx in
            guard let base = try await ContractVersions.find(amendment.baseVersion, contractId: contractId, on: tx.database) else {
                throw Refusal.notSigned
            }
            if let baseDay = base.effectiveDay, day < baseDay { throw Refusal.signedBeforeBase(FrenchFormat.date(baseDay)) }
            let changes = try await pendingChanges(contract, since: base, on: tx.database)
            let frozen = String(decoding: try JSONEncoder().encode(changes), as: UTF8.self)
            try await tx.update(amendment, permission: permission, action: .transition) {
                $0.state = AmendmentState.signed.rawValue
                $0.signedOn = day.iso
                $0.signedBy = signers.joined(separator: "\n")
                $0.changesJSON = frozen
            }
            try await ContractVersions.freeze(contract, number: amendment.number, label: "Contrat modifié par l'avenant n° \(amendment.number)",
                                              effectiveOn: day, at: Date(), permission: permission, using: tx)
        }
    }
}
