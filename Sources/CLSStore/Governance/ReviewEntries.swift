import CLSCore
import FluentKit
import Foundation

/// One fiche action's entry in a yearly review: finding it, and saving what its pilot reports.
public enum ReviewEntries {
    /// The entry of the action in the review, with the action and its pilot account.
    public static func find(_ actionId: UUID?, in review: AnnualReview, on database: any Database) async throws -> (ReviewEntry, Action)? {
        guard let actionId,
              let entry = try await ReviewEntry.query(on: database).filter(\.$review.$id == review.requireID())
                .filter(\.$actionId == actionId).first(),
              let action = try await Action.query(on: database).filter(\.$id == actionId).with(\.$pilotUser).first() else { return nil }
        return (entry, action)
    }

    /// What the pilot fills in for the year: the action's indicators (by name) and its budget lines of the year.
    public static func reported(_ action: Action, year: Int, on database: any Database) async throws -> (indicators: [Indicator], budget: [BudgetLine]) {
        let actionId = try action.requireID()
        let indicators = try await Indicator.query(on: database).filter(\.$action.$id == actionId).sort(\.$name).all()
        let budget = try await BudgetLine.query(on: database).filter(\.$action.$id == actionId).filter(\.$year == year).all()
        return (indicators, budget)
    }

    /// Saves the entry (status and comment), the indicators' actuals and the actual spending of the
    /// year on the action itself, in one transaction.
    public static func save(_ entry: ReviewEntry, year: Int, status: ActionStatus, comment: String,
                            actuals: [UUID: Double?], spending: [UUID: Double?], budget: [BudgetLine],
                            permission: Permission, using mutations: Mutations) async throws {
        let existingValues = try await IndicatorValue.query(on: mutations.database)
            .filter(\.$indicator.$id ~~ Array(actuals.keys)).filter(\.$year == year).all()
        try await mutations.transaction { tx in
            try await tx.update(entry, permission: permission) {
                $0.reportedStatus = status.rawValue
                $0.comment = comment
            }
            for (indicatorId, actual) in actuals {
                if let value = existingValues.first(where: { $0.$indicator.id == indicatorId }) {
                    try await tx.update(value, permission: permission) { $0.actual = actual }
                } else if let actual {
                    let value = IndicatorValue(indicatorId: indicatorId, contractId: entry.contractId, year: year)
                    value.actual = actual
                    try await tx.create(value, permission: permission)
                }
            }
            for line in budget {
                guard let id = line.id, let actual = spending[id] else { continue }
                try await tx.update(line, permission: permission) { $0.actual = actual }
            }
        }
    }

    /// Every entry of the review with its action's title, and the review's steps, oldest first.
    public static func all(of review: AnnualReview, on database: any Database) async throws
        -> (entries: [ReviewEntry], titles: [UUID: String], events: [ReviewEvent]) {
        let reviewId = try review.requireID()
        let entries = try await ReviewEntry.query(on: database).filter(\.$review.$id == reviewId).all()
        let actions = try await Action.query(on: database).filter(\.$id ~~ entries.map(\.actionId)).all()
        let titles = Dictionary(uniqueKeysWithValues: actions.compactMap { action in action.id.map { ($0, action.title) } })
        let events = try await ReviewEvent.query(on: database).filter(\.$review.$id == reviewId).sort(\.$createdAt).all()
        return (entries, titles, events)
    }
}
