import FluentKit
import Foundation

/// A meeting of a governance body: when and where, its agenda, who was invited and who came, its
/// minutes and its decisions.
public final class Meeting: Model, @unchecked Sendable {
    public static let schema = "meetings"

    public enum Status: String, CaseIterable, Sendable {
        case planned = "prevue"
        case held = "tenue"
        case cancelled = "annulee"

        public var label: String {
            switch self {
            case .planned: "Prévue"
            case .held: "Tenue"
            case .cancelled: "Annulée"
            }
        }
    }

    @ID(key: .id) public var id: UUID?
    @Field(key: "contract_id") public var contractId: UUID
    @Parent(key: "body_id") public var body: GovernanceBody
    @Field(key: "held_on") public var heldOn: String
    /// "14:00", empty when unknown.
    @Field(key: "starts_at") public var startsAt: String
    @Field(key: "ends_at") public var endsAt: String
    @Field(key: "place") public var place: String
    @Field(key: "agenda") public var agenda: String
    @Field(key: "status") public var status: String
    @Field(key: "minutes") public var minutes: String
    @OptionalField(key: "minutes_filename") public var minutesFilename: String?
    @OptionalField(key: "minutes_file") public var minutesFile: Data?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    public init() {}

    public init(contractId: UUID, bodyId: UUID, heldOn: String, startsAt: String = "", endsAt: String = "", place: String = "", agenda: String = "") {
        self.contractId = contractId
        self.$body.id = bodyId
        self.heldOn = heldOn
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.place = place
        self.agenda = agenda
        self.status = Status.planned.rawValue
        self.minutes = ""
    }

    public var meetingStatus: Status { Status(rawValue: status) ?? .planned }
    public var hasMinutes: Bool { !minutes.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty || minutesFilename != nil }
}

extension Meeting: Auditable {
    public static let auditEntityType = "meeting"
    public var auditLabel: String { "Réunion du \(heldOn)" }
    public var auditContractId: UUID? { contractId }
    public func auditSnapshot() -> [AuditField] {
        [.init("body_id", "Instance", $body.id.uuidString), .init("held_on", "Date", heldOn),
         .init("starts_at", "Début", startsAt), .init("ends_at", "Fin", endsAt), .init("place", "Lieu", place),
         .init("agenda", "Ordre du jour", agenda), .init("status", "Statut", meetingStatus.label),
         .init("minutes", "Compte rendu", minutes), .init("minutes_filename", "Compte rendu (fichier)", minutesFilename)]
    }
}

/// Someone invited to a meeting, and whether they came.
public final class MeetingAttendance: Model, @unchecked Sendable {
    public static let schema = "meeting_attendance"

    @ID(key: .id) public var id: UUID?
    @Field(key: "contract_id") public var contractId: UUID
    @Parent(key: "meeting_id") public var meeting: Meeting
    @OptionalField(key: "member_id") public var memberId: UUID?
    @Field(key: "organisation_name") public var organisationName: String
    @Field(key: "person_name") public var personName: String
    @Field(key: "is_inhabitant") public var isInhabitant: Bool
    @Field(key: "invited") public var invited: Bool
    @Field(key: "present") public var present: Bool

    public init() {}

    public init(contractId: UUID, meetingId: UUID, memberId: UUID?, organisationName: String, personName: String,
                isInhabitant: Bool, invited: Bool, present: Bool) {
        self.contractId = contractId
        self.$meeting.id = meetingId
        self.memberId = memberId
        self.organisationName = organisationName
        self.personName = personName
        self.isInhabitant = isInhabitant
        self.invited = invited
        self.present = present
    }
}

extension MeetingAttendance: Auditable {
    public static let auditEntityType = "meeting_attendance"
    public var auditLabel: String { [personName, organisationName].filter { !$0.isEmpty }.joined(separator: " — ") }
    public var auditContractId: UUID? { contractId }
    public func auditSnapshot() -> [AuditField] {
        [.init("meeting_id", "Réunion", $meeting.id.uuidString), .init("organisation_name", "Organisation", organisationName),
         .init("person_name", "Personne", personName), .init("is_inhabitant", "Habitant", isInhabitant ? "oui" : "non"),
         .init("invited", "Invité", invited ? "oui" : "non"), .init("present", "Présent", present ? "oui" : "non")]
    }
}

/// A decision recorded at a meeting, with its owner, due date and follow-up.
public final class Decision: Model, @unchecked Sendable {
    public static let schema = "decisions"

    public enum Status: String, CaseIterable, Sendable {
        case open = "a_faire"
        case inProgress = "en_cours"
        case done = "faite"
        case dropped = "abandonnee"

        public var label: String {
            switch self {
            case .open: "À faire"
            case .inProgress: "En cours"
            case .done: "Faite"
            case .dropped: "Abandonnée"
            }
        }

        public var isOpen: Bool { self == .open || self == .inProgress }
    }

    @ID(key: .id) public var id: UUID?
    @Field(key: "contract_id") public var contractId: UUID
    @Parent(key: "meeting_id") public var meeting: Meeting
    @Field(key: "text") public var text: String
    @OptionalField(key: "section_id") public var sectionId: UUID?
    @OptionalField(key: "action_id") public var actionId: UUID?
    @Field(key: "owner") public var owner: String
    @OptionalField(key: "due_on") public var dueOn: String?
    @Field(key: "status") public var status: String
    @Field(key: "follow_up") public var followUp: String

    public init() {}

    public init(contractId: UUID, meetingId: UUID, text: String, sectionId: UUID?, actionId: UUID?, owner: String, dueOn: String?) {
        self.contractId = contractId
        self.$meeting.id = meetingId
        self.text = text
        self.sectionId = sectionId
        self.actionId = actionId
        self.owner = owner
        self.dueOn = dueOn
        self.status = Status.open.rawValue
        self.followUp = ""
    }

    public var decisionStatus: Status { Status(rawValue: status) ?? .open }
}

extension Decision: Auditable {
    public static let auditEntityType = "decision"
    public var auditLabel: String { String(text.prefix(60)) }
    public var auditContractId: UUID? { contractId }
    public func auditSnapshot() -> [AuditField] {
        [.init("meeting_id", "Réunion", $meeting.id.uuidString), .init("text", "Décision", text),
         .init("section_id", "Axe", sectionId?.uuidString), .init("action_id", "Fiche action", actionId?.uuidString),
         .init("owner", "Responsable", owner), .init("due_on", "Échéance", dueOn),
         .init("status", "Suivi", decisionStatus.label), .init("follow_up", "Commentaire de suivi", followUp)]
    }
}
