import FluentKit
import Foundation

/// A value that belongs to a year of a contract (an indicator's target or actual for the year, a
/// budget line of the year): once that year's review is approved, it cannot change until the ARS
/// unlocks the year, giving a reason.
public protocol YearLocked {
    var lockContractId: UUID { get }
    /// Nil when the value belongs to no particular year.
    var lockYear: Int? { get }
}

/// Refused: the year of the value is approved and locked.
public struct YearLockedError: Error, Equatable, Sendable {
    public let year: Int
    public var message: String {
        "L'année \(year) est approuvée et verrouillée : une modification demande un déverrouillage motivé par l'ARS."
    }
}

public enum YearLock {
    /// The approved review state, as `ReviewState.approved` writes it.
    public static let approvedState = "approuve"

    public static func lockedYears(contractId: UUID, on database: any Database) async throws -> Set<Int> {
        Set(try await AnnualReview.query(on: database).filter(\.$contractId == contractId)
            .filter(\.$state == approvedState).all().map(\.year))
    }

    /// The same check for many new values at once: one query per contract concerned.
    static func refuseIfLocked(_ models: [Any], on database: any Database) async throws {
        var years: [UUID: Set<Int>] = [:]
        for case let locked as any YearLocked in models {
            if let year = locked.lockYear { years[locked.lockContractId, default: []].insert(year) }
        }
        for (contractId, candidates) in years {
            let approved = try await AnnualReview.query(on: database).filter(\.$contractId == contractId)
                .filter(\.$state == approvedState).filter(\.$year ~~ Array(candidates)).first()
            if let approved { throw YearLockedError(year: approved.year) }
        }
    }

    /// Checked by `Mutations` on every create, update and delete, inside the transaction.
    static func refuseIfLocked(_ model: Any, years: [Int?], on database: any Database) async throws {
        guard let locked = model as? any YearLocked else { return }
        let candidates = Set(years.compactMap { $0 })
        guard !candidates.isEmpty else { return }
        let approved = try await AnnualReview.query(on: database).filter(\.$contractId == locked.lockContractId)
            .filter(\.$state == approvedState).filter(\.$year ~~ Array(candidates)).first()
        if let approved { throw YearLockedError(year: approved.year) }
    }
}

extension IndicatorValue: YearLocked {
    public var lockContractId: UUID { contractId }
    public var lockYear: Int? { year }
}

extension BudgetLine: YearLocked {
    public var lockContractId: UUID { contractId }
    public var lockYear: Int? { year }
}
