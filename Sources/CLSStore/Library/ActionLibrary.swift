import CLSCore
import FluentKit
import Foundation
import SQLKit

/// The library of fiches actions across contracts ("pratiques inspirantes", DOMAIN.md §6):
/// full-text search in French over titles, descriptions, objectives and expected results,
/// ranked (title first), with filters on the ISTS codings, the approach and the status.
///
/// Who sees what: the actions of the contracts the subject may view (confidential actions
/// included, as on the programme page), and the non-confidential actions of published,
/// non-confidential contracts (as on their public page). Nothing else, decided in SQL.
///
/// One query per search whatever the data — the page of results with their total as a window
/// count — and a second, alike, when no action holds every word and the search retries with any
/// word (or a count alone past the last page).
/// The index is the database's own (ADR 7): FTS5 on SQLite, a tsvector on PostgreSQL.
public enum ActionLibrary {
    public struct Filters: Sendable, Equatable {
        public var theme: String?
        /// A determinant class or code ("D2", "D2.3"): its descendants match too.
        public var determinant: String?
        /// A strategy class or code ("S4", "S4.1"): its descendants match too.
        public var strategy: String?
        public var publicTarget: String?
        public var approach: String?
        public var status: String?
        public var regionCode: String?
        public var departmentCode: String?

        public init(theme: String? = nil, determinant: String? = nil, strategy: String? = nil, publicTarget: String? = nil,
                    approach: String? = nil, status: String? = nil, regionCode: String? = nil, departmentCode: String? = nil) {
            self.theme = theme; self.determinant = determinant; self.strategy = strategy; self.publicTarget = publicTarget
            self.approach = approach; self.status = status; self.regionCode = regionCode; self.departmentCode = departmentCode
        }
    }

    public struct Hit: Sendable, Equatable {
        public let actionId: UUID
        public let title: String
        public let summary: String
        public let status: String
        public let themes: [String]
        public let determinants: [String]
        public let strategies: [String]
        public let approach: String
        public let isConfidential: Bool
        public let contractId: UUID
        public let contractName: String
        public let contract: ContractScope
    }

    public struct Results: Sendable, Equatable {
        public let hits: [Hit]
        /// All the actions matching, beyond this page.
        public let total: Int
        /// True when no action held every word and the results hold at least one of them.
        public let matchedAnyWord: Bool
    }

    public static func search(_ query: FullTextQuery, filters: Filters = Filters(), visibleTo subject: AccessSubject,
                              limit: Int = 25, offset: Int = 0, on database: any Database) async throws -> Results {
        guard let sql = database as? any SQLDatabase else { throw StoreError.sqlUnavailable }
        let engine = Engine(sql)
        let first = try await page(query, requiringAll: true, filters, subject, limit, offset, engine, sql)
        if first.total == 0, query.terms.count > 1 {
            let any = try await page(query, requiringAll: false, filters, subject, limit, offset, engine, sql)
            return Results(hits: any.hits, total: any.total, matchedAnyWord: any.total > 0)
        }
        return first
    }

    private enum Engine {
        case sqlite, postgres
        init(_ sql: any SQLDatabase) { self = sql.dialect.name == "sqlite" ? .sqlite : .postgres }
    }

    private static func page(_ query: FullTextQuery, requiringAll: Bool, _ filters: Filters, _ subject: AccessSubject,
                             _ limit: Int, _ offset: Int, _ engine: Engine, _ sql: any SQLDatabase) async throws -> Results {
        let (from, rank) = source(query, requiringAll: requiringAll, engine)
        let condition = conditions(filters, subject)
        // Rank and count the matches on three columns, then read the page's rows in full: sorting
        // thousands of matches with their descriptions cost more than ranking them.
        let ranked: SQLQueryString = "SELECT a.id, a.title, c.name AS contract_name, " + (rank ?? "0") + " AS rank" + from + condition
        // The window count is taken outside: SQLite allows bm25() only in the query holding MATCH.
        let order: SQLQueryString = rank == nil ? " ORDER BY contract_name, title" : " ORDER BY rank, title"
        let pageIds: SQLQueryString = "SELECT m.id, m.title, m.contract_name, m.rank, COUNT(*) OVER () AS total FROM (" + ranked + ") m"
            + order + " LIMIT \(literal: max(1, min(limit, 200))) OFFSET \(literal: max(0, offset))"
        let rows = try await sql.raw("""
            SELECT p.total, p.rank, a.id, a.title, a.description, a.status, a.themes, a.determinants, a.strategies, a.approach,
                   a.is_confidential, c.id AS contract_id, c.name AS contract_name, c.region_code, c.department_code,
                   c.is_confidential AS contract_confidential, c.is_published
            FROM (
            """ + pageIds + ") p JOIN actions a ON a.id = p.id JOIN contracts c ON c.id = a.contract_id"
            + (rank == nil ? " ORDER BY p.contract_name, p.title" : " ORDER BY p.rank, p.title")).all()
        // The total comes with the page (a window count); past the last page, ask for it alone.
        var total = try rows.first?.decode(column: "total", as: Int.self) ?? 0
        if rows.isEmpty, offset > 0 {
            total = try await sql.raw("SELECT COUNT(*) AS total" + from + condition).first()?.decode(column: "total", as: Int.self) ?? 0
        }
        func list(_ text: String) -> [String] { text.split(separator: ",").map(String.init) }
        let hits = try rows.map { row in
            Hit(actionId: try row.decode(column: "id", as: UUID.self),
                title: try row.decode(column: "title", as: String.self),
                summary: try row.decode(column: "description", as: String.self),
                status: try row.decode(column: "status", as: String.self),
                themes: list(try row.decode(column: "themes", as: String.self)),
                determinants: list(try row.decode(column: "determinants", as: String.self)),
                strategies: list(try row.decode(column: "strategies", as: String.self)),
                approach: try row.decode(column: "approach", as: String.self),
                isConfidential: try row.decode(column: "is_confidential", as: Bool.self),
                contractId: try row.decode(column: "contract_id", as: UUID.self),
                contractName: try row.decode(column: "contract_name", as: String.self),
                contract: ContractScope(id: try row.decode(column: "contract_id", as: UUID.self).uuidString,
                                        regionCode: try row.decode(column: "region_code", as: String.self),
                                        departmentCode: try row.decode(column: "department_code", as: String.self),
                                        isConfidential: try row.decode(column: "contract_confidential", as: Bool.self),
                                        isPublished: try row.decode(column: "is_published", as: Bool.self)))
        }
        return Results(hits: hits, total: total, matchedAnyWord: false)
    }

    /// The FROM clause (with the text match when there is one) and the ranking expression.
    private static func source(_ query: FullTextQuery, requiringAll: Bool, _ engine: Engine) -> (SQLQueryString, SQLQueryString?) {
        let join: SQLQueryString = " JOIN contracts c ON c.id = a.contract_id WHERE a.parent_action_id IS NULL"
        guard !query.isEmpty else { return (" FROM actions a" + join, nil) }
        switch engine {
        case .sqlite:
            let match = query.ftsMatch(requiringAll: requiringAll)
            return (" FROM action_search s JOIN action_search_keys k ON k.rowid = s.rowid JOIN actions a ON a.id = k.action_id"
                        + join + " AND action_search MATCH \(bind: match)",
                    "bm25(action_search, 10.0, 1.0)")
        case .postgres:
            let tsQuery = query.tsQuery(requiringAll: requiringAll)
            return (" FROM actions a" + join + " AND a.search_vector @@ to_tsquery('simple', \(bind: tsQuery))",
                    "-ts_rank(a.search_vector, to_tsquery('simple', \(bind: tsQuery)))")
        }
    }

    /// Visibility (see the type's documentation) and filters, each starting with " AND".
    private static func conditions(_ filters: Filters, _ subject: AccessSubject) -> SQLQueryString {
        var condition: SQLQueryString = ""
        if !subject.isAdmin {
            // The contracts one may view (the contract list's own rule), or a published contract's public actions.
            var visible: SQLQueryString = "(c.is_published = \(bind: true) AND c.is_confidential = \(bind: false) AND a.is_confidential = \(bind: false))"
            if let member = ContractQueries.visibilityPredicate(subject, table: "c"), !member.isEmpty {
                visible += " OR \(ContractQueries.conjunction(member))"
            }
            condition += " AND (" + visible + ")"
        }
        func coded(_ scheme: ActionCode.Scheme, _ value: String?, descendants: Bool) {
            guard let value, !value.isEmpty else { return }
            let codeMatch: SQLQueryString = descendants
                ? "(ac.code = \(bind: value) OR ac.code LIKE \(bind: value + ".%"))" : "ac.code = \(bind: value)"
            condition += " AND a.id IN (SELECT ac.action_id FROM action_codes ac WHERE ac.scheme = \(bind: scheme.rawValue) AND " + codeMatch + ")"
        }
        coded(.theme, filters.theme, descendants: false)
        coded(.determinant, filters.determinant, descendants: true)
        coded(.strategy, filters.strategy, descendants: true)
        coded(.publicTarget, filters.publicTarget, descendants: false)
        if let approach = filters.approach, !approach.isEmpty { condition += " AND a.approach = \(bind: approach)" }
        if let status = filters.status, !status.isEmpty { condition += " AND a.status = \(bind: status)" }
        if let region = filters.regionCode, !region.isEmpty { condition += " AND c.region_code = \(bind: region)" }
        if let department = filters.departmentCode, !department.isEmpty { condition += " AND c.department_code = \(bind: department)" }
        return condition
    }
}
