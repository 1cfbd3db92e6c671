import CLSCore
import FluentKit
import Foundation
import SQLKit

/// The regional portfolio of an ARS (DOMAIN.md §6): the contracts of a region or department the
/// subject may see, with their state, generation, dates, perimeter, signatories and coordinator;
/// the pipeline by state, counts by department, funding by funder and channel, coordinator
/// vacancies and late actions. A fixed number of queries whatever the number of contracts:
/// contracts, signatories, current perimeters, coordinator posts, two funding aggregates, and the
/// alert facts (`AlertFactsLoader`).
public struct RegionalPortfolio: Sendable {
    public struct ContractLine: Sendable {
        public let contract: ContractListing
        public let signatories: [String]
        public let perimeterLabel: String?
        public let communeCount: Int
        /// The person in the post covering today; nil when no post covers today or its person is not named.
        public let coordinator: String?
        /// A coordinator post covers today.
        public let hasCurrentPost: Bool
        /// The coordinator's post is vacant (or missing while the contract runs), or ends soon.
        public let hasVacancy: Bool
        public let lateActions: Int
        public let alerts: [GovernanceAlert]
    }

    public struct FundingLine: Sendable, Equatable {
        public let funder: String
        public let channel: String
        public let planned: Double
        public let actual: Double
    }

    public struct DepartmentLine: Sendable, Equatable {
        public let departmentCode: String
        public let total: Int
        public let running: Int
    }

    public let contracts: [ContractLine]
    public let stateCounts: [ContractState: Int]
    public let departments: [DepartmentLine]
    /// Programme budget lines in euros, summed by funder and channel, largest planned first.
    public let funding: [FundingLine]
    /// Coordination posts' funding, summed by funder (channel "Poste de coordination").
    public let postFunding: [FundingLine]
    /// The communes of the contracts' current perimeters.
    public let coveredCommunes: Set<String>

    public var lateActions: Int { contracts.reduce(0) { $0 + $1.lateActions } }
    public var vacancies: [ContractLine] { contracts.filter(\.hasVacancy) }

    public static func load(regionCode: String?, departmentCode: String?, visibleTo subject: AccessSubject, today: CalendarDay,
                            on database: any Database) async throws -> RegionalPortfolio {
        guard let sql = database as? any SQLDatabase else { throw StoreError.sqlUnavailable }
        let contracts = try await ContractQueries.listings(ContractFilter(regionCode: departmentCode == nil ? regionCode : nil,
                                                                      departmentCode: departmentCode, pageSize: 10_000),
                                                       visibleTo: subject, on: database).contracts
        let ids = contracts.compactMap(\.id)
        var signatories: [UUID: [String]] = [:]
        var perimeters: [UUID: ContractPerimeter] = [:]
        var coordinators: [UUID: [CoordinatorPost]] = [:]
        var funding: [FundingLine] = []
        var postFunding: [FundingLine] = []
        for chunk in ids.chunked(500) {
            let list = Array(chunk)
            for signatory in try await Signatory.query(on: database).filter(\.$contract.$id ~~ list).with(\.$organisation).all() {
                signatories[signatory.$contract.id, default: []].append(signatory.organisation.name)
            }
            for perimeter in try await ContractPerimeter.query(on: database).filter(\.$contract.$id ~~ list).filter(\.$validTo == nil).all() {
                perimeters[perimeter.$contract.id] = perimeter
            }
            for post in try await CoordinatorPost.query(on: database).filter(\.$contractId ~~ list).sort(\.$startsOn).all() {
                coordinators[post.contractId, default: []].append(post)
            }
            funding += try await sql.select()
                .column("funder_name").column("channel")
                .column(SQLFunction("SUM", args: SQLFunction("COALESCE", args: SQLColumn("planned"), SQLLiteral.numeric("0"))), as: "planned")
                .column(SQLFunction("SUM", args: SQLFunction("COALESCE", args: SQLColumn("actual"), SQLLiteral.numeric("0"))), as: "actual")
                .from(BudgetLine.schema)
                .where("contract_id", .in, SQLBind.group(list))
                .where("unit", .equal, SQLBind("euros"))
                // Grouped by contract too, in the order of the covering index: no sort of the region's
                // lines (about 100,000), and the per-contract sums are merged below.
                .groupBy("contract_id").groupBy("funder_name").groupBy("channel")
                .all().map { row in
                    FundingLine(funder: try row.decode(column: "funder_name", as: String.self), channel: try row.decode(column: "channel", as: String.self),
                                planned: try row.decode(column: "planned", as: Double?.self) ?? 0, actual: try row.decode(column: "actual", as: Double?.self) ?? 0)
                }
            postFunding += try await sql.select()
                .column("funder")
                .column(SQLFunction("SUM", args: SQLColumn("amount")), as: "amount")
                .from(PostFunding.schema)
                .where("contract_id", .in, SQLBind.group(list))
                .groupBy("funder")
                .all().map { row in
                    let amount = try row.decode(column: "amount", as: Double?.self) ?? 0
                    return FundingLine(funder: try row.decode(column: "funder", as: String.self), channel: "Poste de coordination", planned: amount, actual: amount)
                }
        }
        let facts = try await AlertFactsLoader.facts(for: contracts, today: today, on: database)
        let lines = contracts.compactMap { contract -> ContractLine? in
            guard let id = contract.id else { return nil }
            let contractFacts = facts[id]
            let alerts = contractFacts.map { GovernanceAlertRules.alerts($0, today: today) } ?? []
            let current = (coordinators[id] ?? []).last { post in
                guard let start = CalendarDay(parsing: post.startsOn), start <= today else { return false }
                return post.endsOn.flatMap(CalendarDay.init(parsing:)).map { $0 >= today } ?? true
            }
            let name = current.map(\.personName).flatMap { $0.isEmpty ? nil : $0 }
            let perimeter = perimeters[id]
            return ContractLine(contract: contract, signatories: (signatories[id] ?? []).sorted(),
                                perimeterLabel: perimeter?.label, communeCount: perimeter?.communes.count ?? 0,
                                coordinator: name, hasCurrentPost: current != nil, hasVacancy: alerts.contains { $0.kind == .vacantPost },
                                lateActions: contractFacts?.lateActions ?? 0, alerts: alerts)
        }
        var stateCounts: [ContractState: Int] = [:]
        var byDepartment: [String: (total: Int, running: Int)] = [:]
        for contract in contracts {
            stateCounts[contract.contractState, default: 0] += 1
            let running = GovernanceFacts.isRunning(contract.contractState) ? 1 : 0
            byDepartment[contract.departmentCode, default: (0, 0)].total += 1
            byDepartment[contract.departmentCode, default: (0, 0)].running += running
        }
        func merge(_ lines: [FundingLine]) -> [FundingLine] {
            var sums: [String: FundingLine] = [:]
            for line in lines {
                let key = line.funder + "\u{1F}" + line.channel
                let previous = sums[key]
                sums[key] = FundingLine(funder: line.funder, channel: line.channel,
                                        planned: (previous?.planned ?? 0) + line.planned, actual: (previous?.actual ?? 0) + line.actual)
            }
            return sums.values.sorted { ($0.planned, $1.funder) > ($1.planned, $0.funder) }
        }
        return RegionalPortfolio(
            contracts: lines, stateCounts: stateCounts,
            departments: byDepartment.map { DepartmentLine(departmentCode: $0.key, total: $0.value.total, running: $0.value.running) }
                .sorted { $0.departmentCode < $1.departmentCode },
            funding: merge(funding), postFunding: merge(postFunding),
            coveredCommunes: Set(perimeters.values.flatMap(\.communes)))
    }
}
