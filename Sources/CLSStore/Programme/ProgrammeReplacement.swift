import CLSCore
import FluentKit
import Foundation

/// Empties a contract's programme before a plan replaces it: every section, action, sub-action
/// and what hangs on them (budget lines, indicators and their values, notes, attachments, links,
/// entries of yearly reviews), each deleted through the audited path so that the journal keeps
/// every value. Refused once a year of the contract is approved and locked: the programme as
/// reviewed must stay. Runs inside the caller's transaction.
enum ProgrammeReplacement {
    struct Cleared: Sendable, Equatable {
        var sections = 0
        var actions = 0
    }

    static func clear(contractId: UUID, permission: Permission, using tx: Mutations) async throws -> Cleared {
        let database = tx.database
        if let locked = try await YearLock.lockedYears(contractId: contractId, on: database).max() {
            throw YearLockedError(year: locked)
        }
        let actions = try await Action.query(on: database).filter(\.$contract.$id == contractId).all()
        let sections = try await ProgrammeSection.query(on: database).filter(\.$contract.$id == contractId).all()
        let attachments = try await ActionAttachment.query(on: database).filter(\.$contractId == contractId).all()
        let links = try await ActionLink.query(on: database).filter(\.$contractId == contractId).all()
        let lines = try await BudgetLine.query(on: database).filter(\.$contractId == contractId).all()
        let values = try await IndicatorValue.query(on: database).filter(\.$contractId == contractId).all()
        let indicators = try await Indicator.query(on: database).filter(\.$contractId == contractId).all()
        let notes = try await ActionNote.query(on: database).filter(\.$contractId == contractId).all()
        let entries = try await ReviewEntry.query(on: database).filter(\.$contractId == contractId).all()

        for attachment in attachments { try await tx.delete(attachment, permission: permission) }
        for link in links { try await tx.delete(link, permission: permission) }
        for line in lines { try await tx.delete(line, permission: permission) }
        for value in values { try await tx.delete(value, permission: permission) }
        for indicator in indicators { try await tx.delete(indicator, permission: permission) }
        for note in notes { try await tx.delete(note, permission: permission) }
        for entry in entries { try await tx.delete(entry, permission: permission) }
        // Sub-actions before their actions, sub-sections before their sections.
        for action in actions where action.$parentAction.id != nil { try await tx.delete(action, permission: permission) }
        for action in actions where action.$parentAction.id == nil { try await tx.delete(action, permission: permission) }
        for section in deepestFirst(sections) { try await tx.delete(section, permission: permission) }
        return Cleared(sections: sections.count, actions: actions.filter { $0.$parentAction.id == nil }.count)
    }

    /// Sections ordered so that each comes after all of its descendants.
    static func deepestFirst(_ sections: [ProgrammeSection]) -> [ProgrammeSection] {
        let byId = Dictionary(uniqueKeysWithValues: sections.compactMap { section in section.id.map { ($0, section) } })
        func depth(_ section: ProgrammeSection) -> Int {
            var depth = 0, current = section
            while let parentId = current.$parent.id, let parent = byId[parentId], depth < sections.count {
                depth += 1
                current = parent
            }
            return depth
        }
        return sections.map { ($0, depth($0)) }.sorted { $0.1 > $1.1 }.map(\.0)
    }
}
