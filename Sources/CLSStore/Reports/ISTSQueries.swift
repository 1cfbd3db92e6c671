import CLSCore
import FluentKit
import Foundation
import SQLKit

/// The coded fiches actions of a set of contracts, read for the ISTS reports: two queries (the
/// contracts in scope, scoped in SQL to what the subject may see, then their actions' codings),
/// whatever the number of contracts. The counting itself is `ISTSReport` (CLSCore).
public enum ISTSQueries {
    /// Which contracts a report covers: a list, a department, a region, or every visible contract.
    public struct Scope: Sendable, Equatable {
        public var contractIds: [UUID]
        public var regionCode: String?
        public var departmentCode: String?

        public init(contractIds: [UUID] = [], regionCode: String? = nil, departmentCode: String? = nil) {
            self.contractIds = contractIds
            self.regionCode = regionCode
            self.departmentCode = departmentCode
        }
    }

    public struct ContractLine: Sendable, Equatable {
        public let id: UUID
        public let name: String
        public let regionCode: String
        public let departmentCode: String
    }

    public static func contracts(in scope: Scope, visibleTo subject: AccessSubject, on database: any Database) async throws -> [ContractLine] {
        guard let sql = database as? any SQLDatabase else { throw StoreError.sqlUnavailable }
        guard let visibility = ContractQueries.visibilityPredicate(subject) else { return [] }
        var predicates = visibility + ContractQueries.filterPredicates(
            ContractFilter(regionCode: scope.regionCode, departmentCode: scope.departmentCode), includingState: false)
        if !scope.contractIds.isEmpty {
            predicates.append(SQLBinaryExpression(SQLColumn("id"), .in, SQLBind.group(scope.contractIds)))
        }
        var query = sql.select().column("id").column("name").column("region_code").column("department_code").from(Contract.schema)
        for predicate in predicates { query = query.where(predicate) }
        return try await query.orderBy("name").all().map {
            ContractLine(id: try $0.decode(column: "id", as: UUID.self), name: try $0.decode(column: "name", as: String.self),
                         regionCode: try $0.decode(column: "region_code", as: String.self),
                         departmentCode: try $0.decode(column: "department_code", as: String.self))
        }
    }

    /// The fiches actions (not their sub-actions) of `contractIds`, with their codings.
    public static func codedActions(contractIds: [UUID], on database: any Database) async throws -> [CodedAction] {
        guard let sql = database as? any SQLDatabase else { throw StoreError.sqlUnavailable }
        guard !contractIds.isEmpty else { return [] }
        func list(_ text: String) -> [String] { text.split(separator: ",").map(String.init).filter { !$0.isEmpty } }
        func single(_ text: String) -> String? { text.isEmpty ? nil : text }
        var result: [CodedAction] = []
        for chunk in contractIds.chunked(500) {
            // The codings come as one text per action (fields joined by a separator no code holds):
            // decoding a row column by column costs more than the counting itself at regional scale.
            let separator = "|"
            let codings = ["themes", "determinants", "strategies", "publics", "sectors", "approach", "ists_aim", "participation"]
            let joined = codings.map { "COALESCE(\($0), '')" }.joined(separator: " || '\(separator)' || ")
            let rows = try await sql.select()
                .column("id").column("contract_id").column(SQLRaw(joined), as: "codings")
                .from(Action.schema)
                .where("contract_id", .in, SQLBind.group(Array(chunk)))
                .where("parent_action_id", .is, SQLLiteral.null)
                .all()
            for row in rows {
                let fields = try row.decode(column: "codings", as: String.self)
                    .split(separator: Character(separator), omittingEmptySubsequences: false).map(String.init)
                guard fields.count == codings.count else { continue }
                result.append(CodedAction(
                    id: try row.decode(column: "id", as: UUID.self).uuidString,
                    contractId: try row.decode(column: "contract_id", as: UUID.self).uuidString,
                    themes: list(fields[0]), determinants: list(fields[1]), strategies: list(fields[2]),
                    publics: list(fields[3]), sectors: list(fields[4]),
                    approach: single(fields[5]), istsAim: single(fields[6]), participation: single(fields[7])))
            }
        }
        return result.sorted { $0.id < $1.id }
    }
}
