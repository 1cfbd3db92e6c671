import CLSCore
import FluentKit
import Foundation
import SQLKit
import XCTest
@testable import CLSStore

/// `PlanImporter` and `PlanExporter` between a `PlanDocument` and the database.
final class PlanImporterTests: XCTestCase {
    // MARK: - Large plans: written in bulk, still audited, still all or nothing

    /// The same plan as `PlanImportTests.largePlan` (CLSWebTests).
    static func largePlan(axes: Int, actionsPerAxis: Int, startsIn year: Int = 2026) -> PlanDocument {
        var document = PlanDocument()
        for a in 0..<axes {
            var axis = PlanSection(title: "Axe \(a + 1)")
            for i in 0..<actionsPerAxis {
                var action = PlanAction(title: "Action \(a + 1).\(i + 1)")
                action.summary = a == 1 && i == 56 ? "Ateliers zygomatiques du rire" : "Description de l'action \(a + 1).\(i + 1)"
                action.themes = ["nutrition", "sante_mentale"]
                action.startsOn = CalendarDay(parsing: "\(year)-03-01")
                action.fundings = [PlanFunding(funder: "ARS", amount: 1_000), PlanFunding(funder: "Commune", amount: 500)]
                var sub = PlanAction(title: "Sous-action \(a + 1).\(i + 1)")
                sub.themes = ["nutrition"]
                action.subActions = [sub]
                axis.actions.append(action)
            }
            document.axes.append(axis)
        }
        return document
    }

    func testALargePlanIsWrittenWholeWithItsJournalAndCodes() async throws {
        try await StoreTestDatabase.run { database, _ in
            let contract = try await StoreTestDatabase.contract(named: "CLS de Stains", on: database)
            let contractId = try contract.requireID()
            let before = try await Action.query(on: database).filter(\.$contract.$id == contractId).count()
            let codesBefore = try await ActionCode.query(on: database).filter(\.$contractId == contractId).count()
            let summary = try await PlanImporter.apply(Self.largePlan(axes: 3, actionsPerAxis: 100), to: contract,
                                                       using: Mutations(database: database, actor: .system))
            XCTAssertEqual(summary.actions, 300)
            XCTAssertEqual(summary.subActions, 300)
            XCTAssertEqual(summary.budgetLines, 600)
            let after = try await Action.query(on: database).filter(\.$contract.$id == contractId).count()
            XCTAssertEqual(after - before, 600)
            let subActions = try await Action.query(on: database).filter(\.$contract.$id == contractId)
                .filter(\.$parentAction.$id != nil).filter(\.$title =~ "Sous-action").count()
            XCTAssertEqual(subActions, 300, "each sub-action under its action")
            let codes = try await ActionCode.query(on: database).filter(\.$contractId == contractId).count()
            XCTAssertEqual(codes - codesBefore, 300 * 2 + 300, "one code row per theme of each action")
            // One journal entry per object, each with its own id (Fluent counts by id).
            let journaled = try await AuditEntry.query(on: database).filter(\.$contractId == contractId)
                .filter(\.$action == AuditAction.create.rawValue)
                .filter(\.$entityType ~~ [Action.auditEntityType, BudgetLine.auditEntityType, ProgrammeSection.auditEntityType]).count()
            XCTAssertGreaterThanOrEqual(journaled, 600 + 600 + 3)
            // The search index and the programme page see the new actions.
            let admin = AccessSubject(userId: UUID().uuidString, grants: [RoleGrant(role: .admin, scope: nil)])
            let results = try await ActionLibrary.search(FullTextQuery("zygomatiques"), visibleTo: admin, on: database)
            XCTAssertEqual(results.hits.map(\.title), ["Action 2.57"])
        }
    }

    func testAPlanTouchingALockedYearOrTooLongATextChangesNothing() async throws {
        try await StoreTestDatabase.run { database, _ in
            let contract = try await StoreTestDatabase.contract(named: "CLS de Stains", on: database)
            let contractId = try contract.requireID()
            try await AnnualReview(contractId: contractId, year: 2024, state: YearLock.approvedState).create(on: database)
            let actionsBefore = try await Action.query(on: database).filter(\.$contract.$id == contractId).count()
            let journalBefore = try await AuditEntry.query(on: database).count()
            do {
                _ = try await PlanImporter.apply(Self.largePlan(axes: 2, actionsPerAxis: 20, startsIn: 2024), to: contract,
                                                 using: Mutations(database: database, actor: .system))
                XCTFail("a budget line of an approved year must be refused")
            } catch let locked as YearLockedError {
                XCTAssertEqual(locked.year, 2024)
            }
            var overlong = Self.largePlan(axes: 1, actionsPerAxis: 30)
            overlong.axes[0].actions[29].title = String(repeating: "t", count: TextLimits.line + 1)
            do {
                _ = try await PlanImporter.apply(overlong, to: contract, using: Mutations(database: database, actor: .system))
                XCTFail("an overlong title must be refused")
            } catch is TextTooLong {}
            let actionsAfter = try await Action.query(on: database).filter(\.$contract.$id == contractId).count()
            let journalAfter = try await AuditEntry.query(on: database).count()
            let sections = try await ProgrammeSection.query(on: database).filter(\.$contract.$id == contractId).filter(\.$title == "Axe 1").count()
            XCTAssertEqual(actionsAfter, actionsBefore)
            XCTAssertEqual(journalAfter, journalBefore)
            XCTAssertEqual(sections, 0, "no axis of a refused import remains")
        }
    }
}
