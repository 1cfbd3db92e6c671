import CLSCore
import CLSStore
import Foundation

/// What the governance pages show of an alert.
struct AlertView: Encodable {
    let severity: String
    let severityLabel: String
    let title: String
    let detail: String

    init(_ alert: GovernanceAlert) {
        severity = alert.severity == .critical ? "error" : "warning"
        severityLabel = alert.severity.label
        title = alert.title
        detail = alert.detail
    }
}

struct MeetingRowView: Encodable {
    let id: String
    let href: String
    let date: String
    let isoDate: String
    let time: String
    let body: String
    let bodyKind: String
    let place: String
    let status: String
    let statusLabel: String
    let invited: Int
    let present: Int
    let inhabitants: Int
    let decisions: Int
    let hasMinutes: Bool
    let isPast: Bool

    init(_ summary: GovernanceQueries.MeetingSummary, contractId: UUID, today: CalendarDay) {
        let meeting = summary.meeting
        id = meeting.id?.uuidString ?? ""
        href = SitePath.contract(contractId, .governance(.meeting(summary.meeting.id ?? UUID()))).href
        date = CodeLabels.day(meeting.heldOn)
        isoDate = meeting.heldOn
        time = [meeting.startsAt, meeting.endsAt].filter { !$0.isEmpty }.joined(separator: " – ")
        body = summary.bodyName
        bodyKind = GovernanceBodyKind(rawValue: summary.bodyKind)?.shortLabel ?? summary.bodyKind
        place = meeting.place
        status = meeting.status
        statusLabel = meeting.meetingStatus.label
        invited = summary.invited
        present = summary.present
        inhabitants = summary.inhabitantsPresent
        decisions = summary.decisions
        hasMinutes = meeting.hasMinutes
        isPast = meeting.heldOn < today.iso
    }
}

struct DecisionView: Encodable {
    let id: String
    let update: String
    let text: String
    let owner: String
    let dueOn: String
    let dueOnISO: String
    let status: String
    let statusLabel: String
    let followUp: String
    let isOverdue: Bool
    let link: String
    let meetingDate: String

    init(_ decision: Decision, today: CalendarDay, link: String = "", meetingDate: String = "") {
        id = decision.id?.uuidString ?? ""
        update = SitePath.contract(decision.contractId, .governance(.decision(decision.id ?? UUID()))).href
        text = decision.text
        owner = decision.owner
        dueOn = decision.dueOn.map { CodeLabels.day($0) } ?? "—"
        dueOnISO = decision.dueOn ?? ""
        status = decision.status
        statusLabel = decision.decisionStatus.label
        followUp = decision.followUp
        isOverdue = decision.decisionStatus.isOpen && (decision.dueOn.map { $0 < today.iso } ?? false)
        self.link = link
        self.meetingDate = meetingDate
    }
}

enum GovernanceOptions {
    static func bodyKinds(selected: String? = nil) -> [SelectOption] {
        GovernanceBodyKind.allCases.map { SelectOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == selected) }
    }

    static func decisionStatuses(selected: String) -> [SelectOption] {
        Decision.Status.allCases.map { SelectOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == selected) }
    }

    static func meetingStatuses(selected: String) -> [SelectOption] {
        Meeting.Status.allCases.map { SelectOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == selected) }
    }
}

/// How a page says whether an indicator reached its target, with a code for its badge.
enum TargetVerdict {
    static func of(reachesTarget: Bool?, hasActual: Bool) -> (label: String, code: String) {
        switch reachesTarget {
        case true?: ("cible atteinte", "ok")
        case false?: ("cible non atteinte", "ko")
        case nil: (hasActual ? "sans cible" : "valeur manquante", "na")
        }
    }
}
