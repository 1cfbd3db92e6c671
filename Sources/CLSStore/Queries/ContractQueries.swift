import CLSCore
import FluentKit
import FluentSQL
import Foundation
import SQLKit

/// What the contract list is filtered by.
public struct ContractFilter: Sendable, Equatable {
    public var state: ContractState?
    public var regionCode: String?
    public var departmentCode: String?
    /// Matched, without case, against the name and the territory.
    public var text: String?
    public var page: Int
    public var pageSize: Int

    public init(state: ContractState? = nil, regionCode: String? = nil, departmentCode: String? = nil,
                text: String? = nil, page: Int = 1, pageSize: Int = 50) {
        self.state = state
        self.regionCode = regionCode
        self.departmentCode = departmentCode
        self.text = text.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        // Bounded so that (page - 1) × pageSize cannot overflow, whatever the query string says:
        // a page past the data is empty anyway.
        self.page = min(max(1, page), Self.maxPage)
        self.pageSize = min(max(1, pageSize), 10_000)
    }

    public static let maxPage = 1_000_000
}

/// Read queries over the contract registry. Each is one SQL statement, scoped in SQL to what the
/// subject may see, so a page costs the same number of queries whatever the number of contracts.
public enum ContractQueries {
    public struct Page: Sendable {
        public let contracts: [Contract]
        public let total: Int
    }

    public static func list(_ filter: ContractFilter, visibleTo subject: AccessSubject, on database: any Database) async throws -> Page {
        let page = try await visiblePage(filter, visibleTo: subject, columns: [SQLLiteral.all], on: database)
        return Page(contracts: try page.rows.map { try $0.decode(fluentModel: Contract.self) }, total: page.total)
    }

    /// The same page as `list`, read as the columns lists show (`ContractListing`) rather than as
    /// models: decoding a contract model (its fields and relations, by reflection) cost a quarter of
    /// a millisecond, and a region lists over a hundred.
    public static func listings(_ filter: ContractFilter, visibleTo subject: AccessSubject, on database: any Database) async throws -> (contracts: [ContractListing], total: Int) {
        let page = try await visiblePage(filter, visibleTo: subject, columns: ContractListing.columns.map { SQLColumn($0) }, on: database)
        return (try page.rows.map(ContractListing.init(row:)), page.total)
    }

    /// One page of the contracts the subject may see, by name, with the number of all of them as a
    /// window count (one query); past the last page, the count is asked alone.
    private static func visiblePage(_ filter: ContractFilter, visibleTo subject: AccessSubject, columns: [any SQLExpression],
                                    on database: any Database) async throws -> (rows: [any SQLRow], total: Int) {
        let sql = try sqlDatabase(database)
        guard let scope = visibilityPredicate(subject) else { return ([], 0) }
        let predicates = scope + filterPredicates(filter, includingState: true)
        let rows = try await sql.select()
            .columns(columns)
            .column(SQLRaw("COUNT(*) OVER ()"), as: "contracts_total")
            .from(Contract.schema)
            .where(conjunction(predicates))
            .orderBy(SQLFunction("LOWER", args: SQLColumn("name")))
            .limit(filter.pageSize)
            .offset((filter.page - 1) * filter.pageSize)
            .all()
        var total = try rows.first?.decode(column: "contracts_total", as: Int.self) ?? 0
        if rows.isEmpty, filter.page > 1 {
            total = try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "total").from(Contract.schema)
                .where(conjunction(predicates)).first()?.decode(column: "total", as: Int.self) ?? 0
        }
        return (rows, total)
    }

    /// Number of visible contracts in each state, for the filters' counts (the state filter itself is ignored).
    public static func countsByState(_ filter: ContractFilter, visibleTo subject: AccessSubject, on database: any Database) async throws -> [ContractState: Int] {
        let sql = try sqlDatabase(database)
        guard let scope = visibilityPredicate(subject) else { return [:] }
        let rows = try await sql.select()
            .column("state")
            .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "total")
            .from(Contract.schema)
            .where(conjunction(scope + filterPredicates(filter, includingState: false)))
            .groupBy("state")
            .all()
        var counts: [ContractState: Int] = [:]
        for row in rows {
            if let state = ContractState(rawValue: try row.decode(column: "state", as: String.self)) {
                counts[state] = try row.decode(column: "total", as: Int.self)
            }
        }
        return counts
    }

    /// The contract and whether the subject may see it; nil when it does not exist.
    public static func find(_ id: UUID, on database: any Database) async throws -> Contract? {
        try await Contract.find(id, on: database)
    }

    // MARK: - Predicates

    /// The SQL condition limiting contracts to those the subject may see (`AccessPolicy`'s
    /// `viewContract` in SQL); nil when it sees none. `table`: the contracts' alias in a join.
    static func visibilityPredicate(_ subject: AccessSubject, table: String? = nil) -> [any SQLExpression]? {
        if subject.isAdmin { return [] }
        var alternatives: [any SQLExpression] = []
        if !subject.arsRegions.isEmpty {
            alternatives.append(SQLBinaryExpression(SQLColumn("region_code", table: table), .in, SQLBind.group(subject.arsRegions.sorted())))
        }
        if !subject.arsDepartments.isEmpty {
            alternatives.append(SQLBinaryExpression(SQLColumn("department_code", table: table), .in, SQLBind.group(subject.arsDepartments.sorted())))
        }
        let ids = subject.contractIds.compactMap(UUID.init(uuidString:))
        if !ids.isEmpty {
            alternatives.append(SQLBinaryExpression(SQLColumn("id", table: table), .in, SQLBind.group(ids.sorted { $0.uuidString < $1.uuidString })))
        }
        guard !alternatives.isEmpty else { return nil }
        return [SQLGroupExpression(disjunction(alternatives))]
    }

    static func filterPredicates(_ filter: ContractFilter, includingState: Bool) -> [any SQLExpression] {
        var predicates: [any SQLExpression] = []
        if includingState, let state = filter.state {
            predicates.append(SQLBinaryExpression(SQLColumn("state"), .equal, SQLBind(state.rawValue)))
        }
        if let region = filter.regionCode {
            predicates.append(SQLBinaryExpression(SQLColumn("region_code"), .equal, SQLBind(region)))
        }
        if let department = filter.departmentCode {
            predicates.append(SQLBinaryExpression(SQLColumn("department_code"), .equal, SQLBind(department)))
        }
        if let text = filter.text {
            predicates.append(SQLLikeExpression(column: "search_text", pattern: SQLBind("%" + escapeLike(SearchText.fold(text)) + "%")))
        }
        return predicates
    }

    static func conjunction(_ predicates: [any SQLExpression]) -> any SQLExpression {
        guard let first = predicates.first else { return SQLLiteral.boolean(true) }
        return predicates.dropFirst().reduce(first) { SQLBinaryExpression($0, .and, $1) }
    }

    static func disjunction(_ predicates: [any SQLExpression]) -> any SQLExpression {
        predicates.dropFirst().reduce(predicates[0]) { SQLBinaryExpression($0, .or, $1) }
    }

    /// `%` and `_` typed by a user are searched for literally.
    static func escapeLike(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
    }

    static func sqlDatabase(_ database: any Database) throws -> any SQLDatabase {
        guard let sql = database as? any SQLDatabase else { throw StoreError.sqlUnavailable }
        return sql
    }
}

/// `column LIKE pattern ESCAPE '\'`, on a column already folded by `SearchText`.
struct SQLLikeExpression: SQLExpression {
    let column: String
    let pattern: SQLBind

    func serialize(to serializer: inout SQLSerializer) {
        SQLColumn(column).serialize(to: &serializer)
        serializer.write(" LIKE ")
        pattern.serialize(to: &serializer)
        serializer.write(" ESCAPE '\\'")
    }
}

public enum StoreError: Error, Sendable {
    case sqlUnavailable
}
