import CLSCore
import FluentKit
import Foundation

/// Which changes raise notifications, and to whom. `Mutations` calls `follow` after writing each
/// change and its audit entry, in the same transaction: whatever path made the change (a form,
/// the API, an import), the people concerned hear of it, and a change rolled back tells nobody.
enum NoticeRules {
    static func follow(_ model: some Auditable, action: AuditAction, changes: [FieldChange], by tx: Mutations) async throws {
        let changed = Set(changes.map(\.field))
        switch model {
        case let fiche as Action where changed.contains(ActionField.pilotUser.storageColumn ?? ""):
            try await pilotAssigned(fiche, by: tx)
        case let review as AnnualReview where action == .create:
            try await reviewOpened(review, by: tx)
        case let event as ReviewEvent where action == .create:
            try await reviewMoved(event, by: tx)
        case let entry as ReviewEntry where changed.contains("state") && entry.state == ReviewEntryState.returned.rawValue:
            try await entryReturned(entry, by: tx)
        case let meeting as Meeting where action == .create && meeting.meetingStatus == .planned:
            try await meetingScheduled(meeting, by: tx)
        case let meeting as Meeting where action != .create && minutesAppeared(changes):
            try await minutesPublished(meeting, by: tx)
        default:
            break
        }
    }

    /// The minutes were empty (no text, no file) and are not any more.
    static func minutesAppeared(_ changes: [FieldChange]) -> Bool {
        changes.contains { change in
            (change.field == "minutes" || change.field == "minutes_filename")
                && (change.old ?? "").isEmpty && !(change.new ?? "").isEmpty
        }
    }

    // MARK: - The rules

    static func pilotAssigned(_ fiche: Action, by tx: Mutations) async throws {
        guard let pilot = fiche.$pilotUser.id, let actionId = fiche.id,
              let contract = try await Contract.find(fiche.$contract.id, on: tx.database) else { return }
        let draft = NoticeDraft(
            kind: .pilotAssigned, title: "Vous pilotez « \(fiche.title) »",
            body: "Vous êtes désormais pilote de la fiche action « \(fiche.title) » du contrat « \(contract.name) » : "
                + "vous suivez son avancement et renseignez son bilan annuel.",
            place: .action(contract: fiche.$contract.id, action: actionId))
        try await NoticeWriter.raise(draft, for: [pilot], except: tx.actor.userId, on: tx.database)
    }

    static func reviewOpened(_ review: AnnualReview, by tx: Mutations) async throws {
        guard let contract = try await Contract.find(review.contractId, on: tx.database) else { return }
        let draft = NoticeDraft(
            kind: .reviewOpened, title: "Bilan \(review.year) ouvert : « \(contract.name) »",
            body: "Le bilan \(review.year) du contrat « \(contract.name) » est ouvert : chaque pilote renseigne "
                + "et transmet le bilan de ses fiches actions.",
            place: .review(contract: review.contractId, year: review.year))
        let recipients = try await NoticeRecipients.team(of: review.contractId, on: tx.database)
            .union(NoticeRecipients.pilots(of: review.contractId, on: tx.database))
        try await NoticeWriter.raise(draft, for: recipients, except: tx.actor.userId, on: tx.database)
    }

    static func reviewMoved(_ event: ReviewEvent, by tx: Mutations) async throws {
        guard let transition = ReviewTransition(rawValue: event.transition),
              let review = try await AnnualReview.find(event.$review.id, on: tx.database),
              let contract = try await Contract.find(event.contractId, on: tx.database) else { return }
        let year = review.year, name = contract.name, id = event.contractId
        let reason = event.reason.isEmpty ? "" : " Motif : \(event.reason)"
        let place = WorkPlace.review(contract: id, year: year)
        let draft: NoticeDraft
        let recipients: Set<UUID>
        switch transition {
        case .consolidate:
            return
        case .check:
            draft = NoticeDraft(kind: .reviewSubmitted, title: "Bilan \(year) à approuver : « \(name) »",
                                body: "Le COTECH a vérifié le bilan \(year) du contrat « \(name) » : il attend l'approbation de l'ARS.",
                                place: place)
            recipients = try await NoticeRecipients.arsOfficers(of: contract, on: tx.database)
        case .returnToCoordination:
            draft = NoticeDraft(kind: .reviewReturned, title: "Bilan \(year) renvoyé à la coordination : « \(name) »",
                                body: "Le bilan \(year) du contrat « \(name) » est renvoyé à la coordination.\(reason)", place: place)
            recipients = try await NoticeRecipients.coordinators(of: id, on: tx.database)
        case .reopen:
            draft = NoticeDraft(kind: .reviewReturned, title: "Bilan \(year) rouvert aux pilotes : « \(name) »",
                                body: "La coordination rouvre le bilan \(year) du contrat « \(name) » : les pilotes peuvent "
                                    + "reprendre leurs saisies.\(reason)", place: place)
            recipients = try await NoticeRecipients.pilots(of: id, on: tx.database)
        case .approve:
            draft = NoticeDraft(kind: .reviewApproved, title: "Bilan \(year) approuvé : « \(name) »",
                                body: "L'ARS a approuvé le bilan \(year) du contrat « \(name) » : l'année est close.", place: place)
            recipients = try await NoticeRecipients.team(of: id, on: tx.database).union(NoticeRecipients.pilots(of: id, on: tx.database))
        case .unlock:
            draft = NoticeDraft(kind: .reviewReturned, title: "Bilan \(year) déverrouillé : « \(name) »",
                                body: "L'ARS a déverrouillé le bilan \(year) du contrat « \(name) », rendu à la coordination.\(reason)",
                                place: place)
            recipients = try await NoticeRecipients.coordinators(of: id, on: tx.database)
        }
        try await NoticeWriter.raise(draft, for: recipients, except: tx.actor.userId, on: tx.database)
    }

    static func entryReturned(_ entry: ReviewEntry, by tx: Mutations) async throws {
        guard let fiche = try await Action.find(entry.actionId, on: tx.database), let pilot = fiche.$pilotUser.id,
              let review = try await AnnualReview.find(entry.$review.id, on: tx.database) else { return }
        let comment = entry.returnComment.isEmpty ? "" : " Commentaire de la coordination : \(entry.returnComment)"
        let draft = NoticeDraft(
            kind: .entryReturned, title: "Bilan \(review.year) de « \(fiche.title) » à reprendre",
            body: "La coordination vous renvoie le bilan \(review.year) de la fiche action « \(fiche.title) ».\(comment)",
            place: .reviewEntry(contract: entry.contractId, year: review.year, action: entry.actionId))
        try await NoticeWriter.raise(draft, for: [pilot], except: tx.actor.userId, on: tx.database)
    }

    static func meetingScheduled(_ meeting: Meeting, by tx: Mutations) async throws {
        guard let about = try await MeetingNotice(meeting, on: tx.database) else { return }
        let place = meeting.place.isEmpty ? "" : ", \(meeting.place)"
        let agenda = meeting.agenda.isEmpty ? "" : " Ordre du jour : \(meeting.agenda)"
        try await about.raise(.meetingScheduled, title: "\(about.body) \(about.when) : « \(about.contract) »",
                              body: "Réunion « \(about.body) » du contrat « \(about.contract) » \(about.when)\(place).\(agenda)", by: tx)
    }

    static func minutesPublished(_ meeting: Meeting, by tx: Mutations) async throws {
        guard let about = try await MeetingNotice(meeting, on: tx.database) else { return }
        try await about.raise(.minutesPublished, title: "Compte rendu publié : \(about.body) \(about.when)",
                              body: "Le compte rendu de la réunion « \(about.body) » du contrat « \(about.contract) » \(about.when) est publié.",
                              by: tx)
    }
}

/// What a notification about a meeting says and where it leads; it goes to the contract's team.
struct MeetingNotice {
    let meetingId: UUID
    let contractId: UUID
    let contract: String
    let body: String
    let when: String

    init?(_ meeting: Meeting, on database: any Database) async throws {
        guard let meetingId = meeting.id, let contract = try await Contract.find(meeting.contractId, on: database) else { return nil }
        self.meetingId = meetingId
        self.contractId = meeting.contractId
        self.contract = contract.name
        self.body = try await GovernanceBody.find(meeting.$body.id, on: database)?.name ?? "Réunion"
        self.when = MeetingWords.when(meeting)
    }

    func raise(_ kind: NoticeKind, title: String, body text: String, by tx: Mutations) async throws {
        let draft = NoticeDraft(kind: kind, title: title, body: text, place: .meeting(contract: contractId, meeting: meetingId))
        let recipients = try await NoticeRecipients.team(of: contractId, on: tx.database)
        try await NoticeWriter.raise(draft, for: recipients, except: tx.actor.userId, on: tx.database)
    }
}

/// A meeting's moment in words: "le 14 mars 2026 à 14 h 00".
enum MeetingWords {
    static func when(_ meeting: Meeting) -> String {
        let day = CalendarDay(parsing: meeting.heldOn).map { "le \(FrenchFormat.date($0))" } ?? ""
        let time = meeting.startsAt.isEmpty ? "" : " à \(meeting.startsAt.replacingOccurrences(of: ":", with: " h "))"
        return day + time
    }
}
