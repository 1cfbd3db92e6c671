import CLSCore
import FluentKit
import Foundation

/// The changes to a programme's structure: axes and objectives created, renamed, moved and
/// deleted, fiches actions and sous-actions created. Each checks the programme's rules and goes
/// through `Mutations` (permission and audit trail).
public enum ProgrammeEditing {
    public enum Failure: Error, Sendable, Equatable {
        /// The section or action named does not belong to the contract.
        case notFound
        /// Refused, with what to do, in French; about the field named (a property of the section or
        /// action) when there is one.
        case refused(String, field: String? = nil)

        public var message: String {
            switch self {
            case .notFound: "L'élément demandé n'existe pas ou plus dans ce programme."
            case .refused(let message, _): message
            }
        }
    }

    static func trimmed(_ text: String?) -> String { (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }

    /// The section `id` of the contract.
    public static func section(_ id: UUID?, of contractId: UUID, on database: any Database) async throws -> ProgrammeSection {
        guard let id, let section = try await ProgrammeSection.query(on: database).filter(\.$id == id)
            .filter(\.$contract.$id == contractId).first() else { throw Failure.notFound }
        return section
    }

    /// Adds an axis (without parent) or an objective under `parentId`, last among its siblings.
    public static func createSection(in contract: Contract, parentId: UUID?, title: String?, summary: String?,
                                     objectiveKind: String?, using mutations: Mutations) async throws -> ProgrammeSection {
        let id = try contract.requireID()
        let database = mutations.database
        let title = trimmed(title)
        guard !title.isEmpty else { throw Failure.refused("Indiquez l'intitulé de l'axe ou de l'objectif.", field: "title") }
        var parent: ProgrammeSection?
        if let parentId { parent = try await section(parentId, of: id, on: database) }
        let kind: ProgrammeNodeKind = parent == nil ? .axis : .objective
        let parentKind: ProgrammeNodeKind? = parent.map { $0.sectionKind == .axis ? .axis : .objective }
        let depth = try await objectiveDepth(of: parent, on: database)
        do {
            try ProgrammeStructure.canAttach(child: kind, to: parentKind, objectiveDepth: depth)
        } catch {
            throw Failure.refused(error.message)
        }
        let siblings = try await ProgrammeSection.query(on: database).filter(\.$contract.$id == id)
            .filter(\.$parent.$id == parent?.id).count()
        let section = ProgrammeSection(contractId: id, parentId: parent?.id, kind: parent == nil ? .axis : .objective, title: title, position: siblings + 1)
        section.summary = trimmed(summary)
        if parent != nil { section.objectiveKind = ObjectiveKind(rawValue: objectiveKind ?? "")?.rawValue ?? "" }
        try await mutations.create(section, permission: .editProgramme(contract.accessScope))
        return section
    }

    /// How many objective levels stand above (and including) `section`.
    static func objectiveDepth(of section: ProgrammeSection?, on database: any Database) async throws -> Int {
        var depth = 0
        var current = section
        while let node = current, node.sectionKind == .objective {
            depth += 1
            current = try await node.$parent.get(on: database)
        }
        return depth
    }

    public static func updateSection(_ section: ProgrammeSection, in contract: Contract, title: String?, summary: String?,
                                     objectiveKind: String?, using mutations: Mutations) async throws {
        let title = trimmed(title)
        guard !title.isEmpty else { throw Failure.refused("L'intitulé ne peut pas être vide.", field: "title") }
        try await mutations.update(section, permission: .editProgramme(contract.accessScope)) {
            $0.title = title
            $0.summary = trimmed(summary)
            if $0.sectionKind == .objective { $0.objectiveKind = ObjectiveKind(rawValue: objectiveKind ?? "")?.rawValue ?? "" }
        }
    }

    /// Swaps the section with its previous (`up`) or next sibling; nothing at either end.
    public static func moveSection(_ section: ProgrammeSection, in contract: Contract, up: Bool, using mutations: Mutations) async throws {
        let siblings = try await ProgrammeSection.query(on: mutations.database).filter(\.$contract.$id == contract.requireID())
            .filter(\.$parent.$id == section.$parent.id).sort(\.$position).sort(\.$createdAt).all()
        guard let index = siblings.firstIndex(where: { $0.id == section.id }) else { throw Failure.notFound }
        let target = up ? index - 1 : index + 1
        guard siblings.indices.contains(target) else { return }
        var reordered = siblings
        reordered.swapAt(index, target)
        let ordered = reordered
        let permission = Permission.editProgramme(contract.accessScope)
        try await mutations.transaction { tx in
            for (position, sibling) in ordered.enumerated() {
                try await tx.update(sibling, permission: permission) { $0.position = position + 1 }
            }
        }
    }

    /// Deletes an empty section; one holding objectives or actions is refused.
    public static func deleteSection(_ section: ProgrammeSection, in contract: Contract, using mutations: Mutations) async throws {
        let sectionId = try section.requireID()
        let children = try await ProgrammeSection.query(on: mutations.database).filter(\.$parent.$id == sectionId).count()
        let actions = try await Action.query(on: mutations.database).filter(\.$section.$id == sectionId).count()
        guard children == 0, actions == 0 else {
            throw Failure.refused("« \(section.title) » contient encore \(FrenchFormat.count(children, singular: "objectif", plural: "objectifs")) et \(FrenchFormat.count(actions, singular: "action", plural: "actions")) : déplacez-les ou supprimez-les d'abord.")
        }
        try await mutations.delete(section, permission: .editProgramme(contract.accessScope))
    }

    /// Creates a fiche action in a section, or a sous-action under `parentActionId` (in its section).
    public static func createAction(in contract: Contract, sectionId: UUID?, parentActionId: UUID?, title: String?,
                                    using mutations: Mutations) async throws -> Action {
        let id = try contract.requireID()
        let database = mutations.database
        let title = trimmed(title)
        guard !title.isEmpty, title.count <= 300 else {
            throw Failure.refused("Indiquez le titre de la fiche action (300 caractères au plus).", field: "title")
        }
        var sectionId = sectionId
        var parentAction: Action?
        if let parentId = parentActionId {
            guard let parent = try await Action.query(on: database).filter(\.$id == parentId).filter(\.$contract.$id == id).first() else {
                throw Failure.notFound
            }
            do {
                try ProgrammeStructure.canAttach(child: .subAction, to: parent.$parentAction.id == nil ? .action : .subAction, objectiveDepth: 0)
            } catch {
                throw Failure.refused(error.message)
            }
            parentAction = parent
            sectionId = parent.$section.id
        }
        guard let sectionId, try await ProgrammeSection.query(on: database).filter(\.$id == sectionId).filter(\.$contract.$id == id).count() == 1 else {
            throw Failure.refused("Choisissez l'axe ou l'objectif auquel rattacher l'action.", field: "sectionId")
        }
        let siblings = try await Action.query(on: database).filter(\.$section.$id == sectionId)
            .filter(\.$parentAction.$id == parentAction?.id).count()
        let action = Action(contractId: id, sectionId: sectionId, parentActionId: parentAction?.id, title: title, position: siblings + 1)
        try await mutations.create(action, permission: .editProgramme(contract.accessScope))
        return action
    }
}

extension ProgrammeEditing {
    /// Sets the status, priority or pilot of several actions at once; returns how many changed.
    /// The pilot must hold a role on the contract.
    public static func bulkEdit(in contract: Contract, actionIds: [UUID], status: String?, priority: String?,
                                pilotUserId: String?, using mutations: Mutations) async throws -> Int {
        let id = try contract.requireID()
        guard !actionIds.isEmpty else { throw Failure.refused("Cochez au moins une fiche action à modifier.", field: "actionIds") }
        let status = status.flatMap { $0.isEmpty ? nil : ActionStatus(rawValue: $0) }
        let priority = priority.flatMap { $0.isEmpty ? nil : ActionPriority(rawValue: $0) }
        var pilot: UUID?
        if let raw = pilotUserId, !raw.isEmpty {
            guard let uuid = UUID(uuidString: raw),
                  try await RoleAssignment.query(on: mutations.database).filter(\.$user.$id == uuid).filter(\.$scope == id.uuidString).count() > 0 else {
                throw Failure.refused("Le pilote choisi n'est pas membre du contrat.", field: "pilotUserId")
            }
            pilot = uuid
        }
        guard status != nil || priority != nil || pilot != nil else {
            throw Failure.refused("Choisissez ce qui change : un statut, une priorité ou un pilote.")
        }
        let newPilot = pilot
        let actions = try await Action.query(on: mutations.database).filter(\.$contract.$id == id).filter(\.$id ~~ actionIds).all()
        let permission = Permission.editProgramme(contract.accessScope)
        return try await mutations.transaction { tx -> Int in
            var count = 0
            for action in actions {
                let didChange = try await tx.update(action, permission: permission) { action in
                    if let status { action.status = status.rawValue }
                    if let priority { action.priority = priority.rawValue }
                    if let newPilot { action.$pilotUser.id = newPilot }
                }
                if didChange { count += 1 }
            }
            return count
        }
    }
}

extension ProgrammeEditing {
    /// Deletes a fiche action without sous-actions, and with it its budget lines, indicators and
    /// their values, notes, attachments and links, one by one through the audited path so that the
    /// journal keeps every value.
    public static func deleteAction(_ action: Action, in contract: Contract, using mutations: Mutations) async throws {
        let database = mutations.database
        let actionId = try action.requireID()
        let subActions = try await Action.query(on: database).filter(\.$parentAction.$id == actionId).count()
        guard subActions == 0 else {
            throw Failure.refused("Cette action a encore \(FrenchFormat.count(subActions, singular: "sous-action", plural: "sous-actions")) : supprimez-les d'abord.")
        }
        let permission = Permission.editProgramme(contract.accessScope)
        let lines = try await BudgetLine.query(on: database).filter(\.$action.$id == actionId).all()
        let indicators = try await Indicator.query(on: database).filter(\.$action.$id == actionId).with(\.$values).all()
        let notes = try await ActionNote.query(on: database).filter(\.$action.$id == actionId).all()
        let attachments = try await ActionAttachment.query(on: database).filter(\.$action.$id == actionId).all()
        let links = try await ActionLink.query(on: database)
            .group(.or) { $0.filter(\.$action.$id == actionId).filter(\.$relatedAction.$id == actionId) }.all()
        try await mutations.transaction { tx in
            for attachment in attachments { try await tx.delete(attachment, permission: permission) }
            for link in links { try await tx.delete(link, permission: permission) }
            for line in lines { try await tx.delete(line, permission: permission) }
            for indicator in indicators {
                for value in indicator.values { try await tx.delete(value, permission: permission) }
                try await tx.delete(indicator, permission: permission)
            }
            for note in notes { try await tx.delete(note, permission: permission) }
            try await tx.delete(action, permission: permission)
        }
    }

    /// The accounts holding a role on the contract, by name: who may pilot its actions.
    public static func members(of contractId: UUID, on database: any Database) async throws -> [User] {
        let assignments = try await RoleAssignment.query(on: database).filter(\.$scope == contractId.uuidString).with(\.$user).all()
        var seen = Set<UUID>()
        return assignments.map(\.user).filter { $0.id.map { seen.insert($0).inserted } ?? false }.sorted { $0.displayName < $1.displayName }
    }

    /// Whether the account holds a role on the contract.
    public static func isMember(_ userId: UUID, of contractId: UUID, on database: any Database) async throws -> Bool {
        try await RoleAssignment.query(on: database).filter(\.$user.$id == userId).filter(\.$scope == contractId.uuidString).count() > 0
    }
}
