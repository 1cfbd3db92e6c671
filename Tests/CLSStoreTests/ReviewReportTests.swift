import CLSCore
import CLSStore
import FluentKit
import XCTest

/// The consolidated yearly report covers exactly the review's actions.
final class ReviewReportTests: XCTestCase {
    func testTheReportCoversExactlyTheActionsOfTheReview() async throws {
        try await StoreTestDatabase.run { database, _ in
            let contract = try await StoreTestDatabase.contract(named: "CLS 2 de Belle-Île-en-Mer", on: database)
            let mutations = Mutations(database: database, actor: .system)
            let year = 2019
            let review = try await AnnualReviews.open(contract: contract, year: year, using: mutations)
            let entries = try await ReviewEntry.query(on: database).filter(\.$review.$id == review.requireID()).count()
            XCTAssertGreaterThan(entries, 0)

            // An action created after the review opened, with a budget line of the year.
            let section = try await ProgrammeSection.query(on: database).filter(\.$contract.$id == contract.requireID()).first()
            let late = try await ProgrammeEditing.createAction(in: contract, sectionId: try XCTUnwrap(section).id, parentActionId: nil,
                                                               title: "Action créée après l'ouverture du bilan", using: mutations)
            let line = BudgetLine(actionId: try late.requireID(), contractId: try contract.requireID(), funderName: "Financeur tardif",
                                  year: year, planned: 12_345)
            try await mutations.create(line, permission: .editProgramme(contract.accessScope))

            let report = try await ReviewReport.load(review: review, on: database)
            let titles = report.axes.flatMap(\.actions).map(\.title)
            XCTAssertFalse(titles.contains(late.title), "an action without an entry is not in the report")
            let parts = report.axes.flatMap(\.actions).count
            let rootEntries = try await ReviewEntry.query(on: database).filter(\.$review.$id == review.requireID()).all()
            let roots = try await Action.query(on: database).filter(\.$id ~~ rootEntries.map(\.actionId)).filter(\.$parentAction.$id == nil).count()
            XCTAssertEqual(parts, roots, "one part per fiche action of the review")
            XCTAssertFalse(report.funders.contains { $0.funder == "Financeur tardif" }, "nor is its budget")
            XCTAssertFalse(report.axes.contains { $0.actions.isEmpty }, "no empty axis")
        }
    }
}
