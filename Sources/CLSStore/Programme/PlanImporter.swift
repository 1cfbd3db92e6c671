import CLSCore
import FluentKit
import Foundation

/// Writes a plan read from a spreadsheet into a contract's programme, all or nothing: added after
/// the existing sections (a section with the same title at the same place is reused, so importing
/// a plan twice does not duplicate its axes; its actions are added again), or replacing the whole
/// programme (`ProgrammeReplacement`, refused once a year is locked).
///
/// The whole programme is built in memory first (`PlanImportContext`), then written in one
/// transaction through `Mutations.createAll` (multi-row inserts, an audit entry per object): a
/// plan of thousands of actions holds the database's write lock for a moment, not for the time
/// of its import.
public enum PlanImporter {
    /// What to do with the programme already there.
    public enum Mode: String, Sendable, CaseIterable {
        /// Add the plan's sections and actions after those of the programme.
        case add = "ajouter"
        /// Replace the programme by the plan.
        case replace = "remplacer"
    }

    public struct Summary: Sendable, Equatable {
        public var sectionsCreated = 0
        public var sectionsReused = 0
        public var actions = 0
        public var subActions = 0
        public var budgetLines = 0
        /// Links to other actions and web links created.
        public var links = 0
        /// Actions of the programme removed before the import (replacement).
        public var actionsReplaced = 0
        /// Lead organisations not found in the registry: kept as text on the action.
        public var unmatchedOrganisations: [String] = []
        /// Themes added to the region's catalogue.
        public var themesAdded: [String] = []
        /// Themes and targets outside the catalogues, kept in the notes of their fiches.
        public var keptInNotes: [String] = []
        /// "Actions liées" naming no action of the programme: kept as fiches of other plans.
        public var unresolvedLinks: [String] = []
    }

    public static func apply(_ document: PlanDocument, to contract: Contract, mode: Mode = .add, using mutations: Mutations,
                             now: Date = Date()) async throws -> Summary {
        let contractId = try contract.requireID()
        let permission = Permission.editProgramme(contract.accessScope)
        try AccessPolicy.require(mutations.actor.subject, permission)
        let themePermission = Permission.manageRegionalThemes(regionCode: contract.regionCode)
        let mayAddThemes = AccessPolicy.allows(mutations.actor.subject, themePermission)
        return try await mutations.transaction { tx in
            var replaced = 0
            if mode == .replace {
                replaced = try await ProgrammeReplacement.clear(contractId: contractId, permission: permission, using: tx).actions
            }
            let existing = try await ProgrammeSection.query(on: tx.database).filter(\.$contract.$id == contractId).all()
            let organisations = try await Organisation.query(on: tx.database).all()
            let themes = try await RegionalTheme.catalogue(regionCode: contract.regionCode, on: tx.database)
            let existingActions = try await Action.query(on: tx.database).filter(\.$contract.$id == contractId).all()
            var context = PlanImportContext(contractId: contractId, tx: tx, sections: existing, organisations: organisations,
                                            themes: themes, regionCode: contract.regionCode, mayAddThemes: mayAddThemes,
                                            existingActions: existingActions)
            for axis in document.axes {
                try await context.importSection(axis, parent: nil, depth: 0)
            }
            context.resolveLinks()
            if !context.newThemes.isEmpty { try await tx.createAll(context.newThemes, permission: themePermission, at: now) }
            for depth in context.newSections.keys.sorted() {
                try await tx.createAll(context.newSections[depth] ?? [], permission: permission, at: now)
            }
            try await tx.createAll(context.actions, permission: permission, at: now)
            try await tx.createAll(context.subActions, permission: permission, at: now)
            try await tx.createAll(context.budgetLines, permission: permission, at: now)
            try await tx.createAll(context.links, permission: permission, at: now)
            var summary = context.summary
            summary.actionsReplaced = replaced
            summary.unmatchedOrganisations = Array(Set(summary.unmatchedOrganisations)).sorted()
            return summary
        }
    }
}
