import CLSStore
import Foundation

/// The page numbers of a long list and the links to the pages around the current one.
struct Pagination: Encodable {
    let page: Int
    let pageCount: Int
    let previous: String?
    let next: String?

    /// A page number asked in a query: at least 1, at most `ContractFilter.maxPage`.
    static func pageNumber(_ asked: Int?) -> Int { min(max(1, asked ?? 1), ContractFilter.maxPage) }

    /// - Parameter link: the list's link for a page number (its filters kept).
    init(page: Int, total: Int, pageSize: Int, link: (Int) -> String) {
        let pageCount = max(1, (total + pageSize - 1) / pageSize)
        self.page = page
        self.pageCount = pageCount
        previous = page > 1 ? link(page - 1) : nil
        next = page < pageCount ? link(page + 1) : nil
    }
}
