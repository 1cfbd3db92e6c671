import CLSCore
import FluentKit
import Foundation

/// The consolidated yearly report of a contract — one document for all signatories: each axis with
/// its fiches actions as their pilots reported them, the indicators of the year against their
/// targets, a global financial part by funder, and the governance of the year. A fixed number of
/// queries whatever the size of the programme.
public struct ReviewReport: Sendable {
    public struct IndicatorLine: Sendable {
        public let name: String
        public let unit: String
        public let target: Double?
        public let actual: Double?
        public let previous: Double?
        /// Whether the actual reaches the target, given the indicator's polarity; nil without both values.
        public let reachesTarget: Bool?
    }

    public struct ActionPart: Sendable {
        public let title: String
        public let pilot: String
        public let reportedStatus: String
        public let entryState: String
        public let comment: String
        public let indicators: [IndicatorLine]
        public let planned: Double
        public let actual: Double
    }

    public struct AxisPart: Sendable {
        public let title: String
        public let actions: [ActionPart]
    }

    public struct FunderLine: Sendable {
        public let funder: String
        public let planned: Double
        public let actual: Double
    }

    public struct BodyActivity: Sendable {
        public let body: String
        public let meetingsHeld: Int
        public let withMinutes: Int
        public let decisions: Int
    }

    public let year: Int
    public let state: String
    public let consolidationComment: String
    public let cotechOn: String?
    public let copilOn: String?
    public let axes: [AxisPart]
    public let funders: [FunderLine]
    public let coordinationFunding: [FunderLine]
    public let governance: [BodyActivity]

    public var plannedTotal: Double { funders.reduce(0) { $0 + $1.planned } }
    public var actualTotal: Double { funders.reduce(0) { $0 + $1.actual } }

    public static func load(review: AnnualReview, on database: any Database) async throws -> ReviewReport {
        let contractId = review.contractId
        let year = review.year
        let tree = try await ProgrammeTree.load(contractId: contractId, on: database)
        let entries = try await ReviewEntry.query(on: database).filter(\.$review.$id == review.requireID()).all()
        let entryByAction = Dictionary(entries.map { ($0.actionId, $0) }, uniquingKeysWith: { first, _ in first })
        let indicators = try await Indicator.query(on: database).filter(\.$contractId == contractId).sort(\.$name).all()
        let values = try await IndicatorValue.query(on: database).filter(\.$contractId == contractId).filter(\.$year ~~ [year, year - 1]).all()
        let contractBudget = try await BudgetLine.query(on: database).filter(\.$contractId == contractId).filter(\.$year == year).all()
        let pilots = try await User.query(on: database).filter(\.$id ~~ tree.actions.compactMap { $0.$pilotUser.id }).all()
        let pilotNames = Dictionary(uniqueKeysWithValues: pilots.compactMap { user in user.id.map { ($0, user.displayName) } })

        let indicatorsByAction = Dictionary(grouping: indicators, by: { $0.$action.id })
        var valueByIndicatorAndYear: [String: IndicatorValue] = [:]
        for value in values { valueByIndicatorAndYear["\(value.$indicator.id)|\(value.year)"] = value }
        func value(_ indicator: Indicator, _ year: Int) -> IndicatorValue? {
            indicator.id.flatMap { valueByIndicatorAndYear["\($0)|\(year)"] }
        }
        // An action's figures include its sub-actions'.
        let parentOf = Dictionary(uniqueKeysWithValues: tree.actions.compactMap { action in action.id.map { ($0, action.$parentAction.id) } })
        func root(_ id: UUID) -> UUID { parentOf[id].flatMap { $0 }.map(root) ?? id }
        var planned: [UUID: Double] = [:]
        var actual: [UUID: Double] = [:]
        // The report covers exactly the review's actions (one entry each, made when the review
        // opened): an action created since, and its budget, wait for next year's review.
        let budget = contractBudget.filter { entryByAction[root($0.$action.id)] != nil }
        for line in budget where line.unit == "euros" {
            let owner = root(line.$action.id)
            planned[owner, default: 0] += line.planned ?? 0
            actual[owner, default: 0] += line.actual ?? 0
        }
        func part(_ node: ProgrammeTree.ActionNode) -> ActionPart {
            let action = node.action
            let id = action.id ?? UUID()
            let entry = entryByAction[id]
            let lines = (([id] + node.subActions.compactMap(\.action.id)).flatMap { indicatorsByAction[$0] ?? [] }).map { indicator in
                let current = value(indicator, year)
                let polarity = IndicatorPolarity(rawValue: indicator.polarity) ?? .higherIsBetter
                var reaches: Bool?
                if let target = current?.target, let actual = current?.actual { reaches = polarity.reaches(actual, target: target) }
                return IndicatorLine(name: indicator.name, unit: indicator.unit, target: current?.target, actual: current?.actual,
                                     previous: value(indicator, year - 1)?.actual, reachesTarget: reaches)
            }
            return ActionPart(title: action.title,
                              pilot: action.$pilotUser.id.flatMap { pilotNames[$0] } ?? action.leadPeople,
                              reportedStatus: entry?.reportedStatus ?? action.status, entryState: entry?.state ?? "",
                              comment: entry?.comment ?? "", indicators: lines, planned: planned[id] ?? 0, actual: actual[id] ?? 0)
        }
        func collect(_ section: ProgrammeTree.SectionNode) -> [ActionPart] {
            section.actions.filter { $0.action.id.map { entryByAction[$0] != nil } ?? false }.map(part) + section.children.flatMap(collect)
        }
        var byFunder: [String: (Double, Double)] = [:]
        for line in budget where line.unit == "euros" {
            let funder = line.funderName.isEmpty ? "Financeur non précisé" : line.funderName
            byFunder[funder, default: (0, 0)].0 += line.planned ?? 0
            byFunder[funder, default: (0, 0)].1 += line.actual ?? 0
        }
        let fundings = try await PostFunding.query(on: database).filter(\.$contractId == contractId).filter(\.$year == year).all()
        var coordination: [String: Double] = [:]
        for funding in fundings { coordination[funding.funder, default: 0] += funding.amount }

        let bodies = try await GovernanceBody.query(on: database).filter(\.$contractId == contractId).sort(\.$createdAt).all()
        let meetings = try await Meeting.query(on: database).filter(\.$contractId == contractId)
            .filter(\.$heldOn >= "\(year)-01-01").filter(\.$heldOn <= "\(year)-12-31").all()
        let held = meetings.filter { $0.meetingStatus != .cancelled }
        let decisions = held.isEmpty ? [] : try await Decision.query(on: database).filter(\.$meeting.$id ~~ held.compactMap(\.id)).all()
        let governance = bodies.map { body -> BodyActivity in
            let mine = held.filter { $0.$body.id == body.id }
            let ids = Set(mine.compactMap(\.id))
            return BodyActivity(body: body.name, meetingsHeld: mine.count, withMinutes: mine.filter(\.hasMinutes).count,
                                decisions: decisions.filter { ids.contains($0.$meeting.id) }.count)
        }
        return ReviewReport(
            year: year, state: review.state, consolidationComment: review.consolidationComment, cotechOn: review.cotechOn, copilOn: review.copilOn,
            axes: tree.axes.map { AxisPart(title: $0.section.title, actions: collect($0)) }.filter { !$0.actions.isEmpty },
            funders: byFunder.map { FunderLine(funder: $0.key, planned: $0.value.0, actual: $0.value.1) }.sorted { $0.funder < $1.funder },
            coordinationFunding: coordination.map { FunderLine(funder: $0.key, planned: $0.value, actual: $0.value) }.sorted { $0.funder < $1.funder },
            governance: governance)
    }
}
