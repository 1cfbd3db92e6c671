import CLSCore
import FluentKit
import Foundation

/// What a person has to do, by the roles they hold: a pilot's review entries still to send and
/// late actions; the coordination's reviews waiting for entries, decisions due or overdue and
/// next meetings; the ARS's reviews to approve; the administrator's imports to confirm. A fixed
/// number of queries whatever the number of contracts.
public enum ToDoList {
    public struct Item: Sendable {
        /// Where the thing is done.
        public typealias Place = WorkPlace

        public let contractName: String
        public let text: String
        public let due: CalendarDay?
        public let isLate: Bool
        public let place: Place
    }

    public struct Lists: Sendable {
        public var pilot: [Item] = []
        public var coordination: [Item] = []
        public var ars: [Item] = []
        public var admin: [Item] = []
    }

    /// How far ahead a decision's due date and a meeting count as coming.
    public static let decisionHorizonDays = 7
    public static let meetingHorizonDays = 30

    public static func load(subject: AccessSubject, userId: UUID, today: CalendarDay, on database: any Database) async throws -> Lists {
        var lists = Lists()
        lists.pilot = try await pilotItems(userId: userId, today: today, on: database)
        let coordinated = subject.contractIds.filter { subject.contractRoles($0).contains(.coordinator) }.compactMap(UUID.init(uuidString:))
        if !coordinated.isEmpty {
            lists.coordination = try await coordinationItems(Array(coordinated), today: today, on: database)
        }
        if subject.isARS || subject.isAdmin {
            lists.ars = try await reviewsToApprove(subject, on: database)
        }
        if subject.isAdmin {
            lists.admin = try await ReferenceImport.query(on: database)
                .filter(\.$state == ReferenceImport.State.previewed.rawValue).sort(\.$createdAt).limit(20).all()
                .compactMap { upload in
                    upload.id.map {
                        Item(contractName: "", text: "Import du référentiel « \(upload.kind) » prévisualisé : à confirmer ou annuler",
                             due: nil, isLate: false, place: .referenceImport($0))
                    }
                }
        }
        return lists
    }

    /// The entries of open reviews the user pilots and has not sent, then their late actions.
    static func pilotItems(userId: UUID, today: CalendarDay, on database: any Database) async throws -> [Item] {
        let pending = [ReviewEntryState.draft, .returned].map(\.rawValue)
        let entries = try await ReviewEntry.query(on: database)
            .join(AnnualReview.self, on: \ReviewEntry.$review.$id == \AnnualReview.$id)
            .join(Action.self, on: \ReviewEntry.$actionId == \Action.$id)
            .join(Contract.self, on: \Action.$contract.$id == \Contract.$id)
            .filter(AnnualReview.self, \.$state == ReviewState.open.rawValue)
            .filter(Action.self, \.$pilotUser.$id == userId)
            .filter(\.$state ~~ pending)
            .limit(100).all()
        var items = try entries.map { entry in
            let review = try entry.joined(AnnualReview.self)
            let action = try entry.joined(Action.self)
            let returned = entry.state == ReviewEntryState.returned.rawValue
            return Item(contractName: try entry.joined(Contract.self).name,
                        text: returned ? "Bilan \(review.year) de « \(action.title) » renvoyé : \(entry.returnComment)"
                                       : "Bilan \(review.year) de « \(action.title) » à renseigner et transmettre",
                        due: nil, isLate: returned, place: .reviewEntry(contract: entry.contractId, year: review.year, action: entry.actionId))
        }
        let running = [ActionStatus.upcoming, .inProgress, .late].map(\.rawValue)
        let actions = try await Action.query(on: database)
            .join(Contract.self, on: \Action.$contract.$id == \Contract.$id)
            .filter(\.$pilotUser.$id == userId).filter(\.$status ~~ running)
            .sort(\.$endsOn).limit(200).all()
        for action in actions {
            let end = action.endsOn.flatMap(CalendarDay.init(parsing:))
            guard action.status == ActionStatus.late.rawValue || end.map({ $0 < today }) == true, let id = action.id else { continue }
            items.append(Item(contractName: try action.joined(Contract.self).name,
                              text: "« \(action.title) » en retard : mettez à jour son suivi",
                              due: end, isLate: true, place: .action(contract: action.$contract.id, action: id)))
        }
        return items
    }

    /// Reviews waiting for entries, decisions due within a week or overdue, meetings within a month.
    static func coordinationItems(_ contracts: [UUID], today: CalendarDay, on database: any Database) async throws -> [Item] {
        let names = Dictionary(try await Contract.query(on: database).filter(\.$id ~~ contracts).all()
            .compactMap { contract in contract.id.map { ($0, contract.name) } }, uniquingKeysWith: { first, _ in first })
        var items: [Item] = []

        let reviews = try await AnnualReview.query(on: database).filter(\.$contractId ~~ contracts)
            .filter(\.$state == ReviewState.open.rawValue).all()
        if !reviews.isEmpty {
            let pending = [ReviewEntryState.draft, .returned].map(\.rawValue)
            let entries = try await ReviewEntry.query(on: database).filter(\.$review.$id ~~ reviews.compactMap(\.id))
                .filter(\.$state ~~ pending).all()
            let counts = Dictionary(grouping: entries, by: { $0.$review.id }).mapValues(\.count)
            for review in reviews.sorted(by: { $0.year < $1.year }) {
                guard let id = review.id else { continue }
                let missing = counts[id] ?? 0
                let text = missing == 0
                    ? "Bilan \(review.year) : tous les bilans des fiches actions sont transmis, à consolider"
                    : "Bilan \(review.year) : \(FrenchFormat.count(missing, singular: "fiche action", plural: "fiches actions")) sans bilan transmis"
                items.append(Item(contractName: names[review.contractId] ?? "", text: text, due: nil, isLate: false,
                                  place: .review(contract: review.contractId, year: review.year)))
            }
        }

        let horizon = CalendarArithmetic.adding(days: decisionHorizonDays, to: today) ?? today
        let open = Decision.Status.allCases.filter(\.isOpen).map(\.rawValue)
        let decisions = try await Decision.query(on: database).filter(\.$contractId ~~ contracts)
            .filter(\.$status ~~ open).filter(\.$dueOn <= horizon.iso).sort(\.$dueOn).limit(100).all()
        for decision in decisions {
            guard let due = decision.dueOn.flatMap(CalendarDay.init(parsing:)) else { continue }
            let late = due < today
            items.append(Item(contractName: names[decision.contractId] ?? "",
                              text: (late ? "Décision en retard : " : "Décision à échéance proche : ") + decision.text,
                              due: due, isLate: late, place: .meeting(contract: decision.contractId, meeting: decision.$meeting.id)))
        }

        let until = CalendarArithmetic.adding(days: meetingHorizonDays, to: today) ?? today
        let meetings = try await Meeting.query(on: database)
            .join(GovernanceBody.self, on: \Meeting.$body.$id == \GovernanceBody.$id)
            .filter(\.$contractId ~~ contracts).filter(\.$status == Meeting.Status.planned.rawValue)
            .filter(\.$heldOn >= today.iso).filter(\.$heldOn <= until.iso).sort(\.$heldOn).limit(50).all()
        for meeting in meetings {
            guard let id = meeting.id, let day = CalendarDay(parsing: meeting.heldOn) else { continue }
            items.append(Item(contractName: names[meeting.contractId] ?? "",
                              text: "Préparer la réunion : \(try meeting.joined(GovernanceBody.self).name) du \(FrenchFormat.date(day))",
                              due: day, isLate: false, place: .meeting(contract: meeting.contractId, meeting: id)))
        }
        return items
    }

    /// Reviews checked in COTECH that the subject may approve.
    static func reviewsToApprove(_ subject: AccessSubject, on database: any Database) async throws -> [Item] {
        let reviews = try await AnnualReview.query(on: database)
            .join(Contract.self, on: \AnnualReview.$contractId == \Contract.$id)
            .filter(\.$state == ReviewState.checked.rawValue).sort(\.$year).limit(500).all()
        return try reviews.compactMap { review in
            let contract = try review.joined(Contract.self)
            guard AccessPolicy.allows(subject, .takeReviewTransition(contract.accessScope, .approve)) else { return nil }
            let checked = review.cotechOn.flatMap(CalendarDay.init(parsing:)).map { " (vérifié en COTECH le \(FrenchFormat.date($0)))" } ?? ""
            return Item(contractName: contract.name, text: "Bilan \(review.year) à approuver en COPIL\(checked)",
                        due: nil, isLate: false, place: .review(contract: review.contractId, year: review.year))
        }
    }
}
