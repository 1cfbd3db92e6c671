import CLSCore
import CLSStore
import Fluent
import Vapor

/// A contract's yearly reviews, and the form opening the next one.
struct ReviewListPage: Encodable, ContractPageContent {
    struct ReviewRow: Encodable { let year: Int; let href: String; let stateLabel: String; let isLocked: Bool }

    let shell: ContractShell
    let reviews: [ReviewRow]
    let canOpen: Bool
    let suggestedYear: Int

    static func load(_ contract: Contract, _ context: PageContext) async throws -> ReviewListPage {
        let id = try contract.requireID()
        let reviews = try await AnnualReview.query(on: context.db).filter(\.$contractId == id).sort(\.$year, .descending).all()
        return ReviewListPage(
            shell: ContractShell(contract, tab: .reviews),
            reviews: reviews.map { review in
                let state = ReviewState(rawValue: review.state) ?? .open
                return ReviewRow(year: review.year, href: SitePath.contract(id, .review(review.year)).href, stateLabel: state.label,
                                 isLocked: ReviewWorkflow.isLocked(state: state))
            },
            canOpen: context.allows(.manageReview(contract.accessScope)),
            suggestedYear: context.today.year - 1)
    }
}
