import CLSCore
import FluentKit
import Foundation

/// The notifications the calendar raises rather than a change: a decision due within a week, a
/// decision overdue, a critical alert on a contract. The mail worker runs this pass regularly;
/// each notification carries a key (the decision and its due date, the alert and its figures) so
/// that a later pass raises it again only when its facts changed.
public enum ScheduledNotices {
    public struct Outcome: Sendable, Equatable {
        public var decisions = 0
        public var alerts = 0
    }

    @discardableResult
    public static func run(today: CalendarDay, at moment: Date, on database: any Database) async throws -> Outcome {
        var outcome = Outcome()
        outcome.decisions = try await decisions(today: today, at: moment, on: database)
        outcome.alerts = try await alerts(today: today, at: moment, on: database)
        return outcome
    }

    /// Open decisions due within `ToDoList.decisionHorizonDays` or overdue, to the coordination.
    static func decisions(today: CalendarDay, at moment: Date, on database: any Database) async throws -> Int {
        let horizon = CalendarArithmetic.adding(days: ToDoList.decisionHorizonDays, to: today) ?? today
        let open = Decision.Status.allCases.filter(\.isOpen).map(\.rawValue)
        let decisions = try await Decision.query(on: database).filter(\.$status ~~ open)
            .filter(\.$dueOn != nil).filter(\.$dueOn <= horizon.iso).sort(\.$dueOn).limit(2_000).all()
        guard !decisions.isEmpty else { return 0 }
        let contracts = try await Contract.query(on: database).filter(\.$id ~~ Array(Set(decisions.map(\.contractId)))).all()
        let names = Dictionary(contracts.compactMap { contract in contract.id.map { ($0, contract.name) } }, uniquingKeysWith: { first, _ in first })
        let coordination = try await NoticeRecipients.coordinationAndARS(of: contracts, on: database).coordination
        var written = 0
        for decision in decisions {
            guard let id = decision.id, let due = decision.dueOn.flatMap(CalendarDay.init(parsing:)) else { continue }
            let contractId = decision.contractId
            let overdue = due < today
            let owner = decision.owner.isEmpty ? "" : " Responsable : \(decision.owner)."
            let text = decision.text.trimmingCharacters(in: .whitespacesAndNewlines)
            let sentence = text.last.map { ".!?…".contains($0) } == true ? text : text + "."
            let draft = NoticeDraft(
                kind: overdue ? .decisionOverdue : .decisionDueSoon,
                title: overdue ? "Décision en retard depuis le \(FrenchFormat.date(due))" : "Décision à échéance le \(FrenchFormat.date(due))",
                body: "Contrat « \(names[contractId] ?? "") » : \(sentence)\(owner)",
                place: .meeting(contract: contractId, meeting: decision.$meeting.id),
                dedupKey: "\(overdue ? "decision-overdue" : "decision-due"):\(id.uuidString):\(due.iso)")
            let recipients = coordination[contractId] ?? []
            written += try await database.transaction { tx in
                try await NoticeWriter.raise(draft, for: recipients, at: moment, on: tx)
            }
        }
        return written
    }

    /// The critical alerts of running contracts, to their coordination and their ARS officers.
    static func alerts(today: CalendarDay, at moment: Date, on database: any Database) async throws -> Int {
        let running = [ContractState.signe, .miseEnOeuvre, .evaluation].map(\.rawValue)
        let contracts = try await Contract.query(on: database).filter(\.$state ~~ running).all()
        let facts = try await AlertFactsLoader.facts(for: contracts, today: today, on: database)
        let raised = contracts.compactMap { contract -> (Contract, UUID, [GovernanceAlert])? in
            guard let id = contract.id, let fact = facts[id] else { return nil }
            let critical = GovernanceAlertRules.alerts(fact, today: today).filter { $0.severity == .critical }
            return critical.isEmpty ? nil : (contract, id, critical)
        }
        let people = try await NoticeRecipients.coordinationAndARS(of: raised.map(\.0), on: database)
        var written = 0
        for (contract, id, critical) in raised {
            let recipients = (people.coordination[id] ?? []).union(people.ars[id] ?? [])
            for alert in critical {
                let draft = NoticeDraft(kind: .alertRaised, title: "\(alert.title) : « \(contract.name) »", body: alert.detail,
                                        place: .governance(contract: id),
                                        dedupKey: "alert:\(id.uuidString):\(alert.kind.rawValue):\(alert.title)")
                written += try await database.transaction { tx in
                    try await NoticeWriter.raise(draft, for: recipients, at: moment, on: tx)
                }
            }
        }
        return written
    }
}
