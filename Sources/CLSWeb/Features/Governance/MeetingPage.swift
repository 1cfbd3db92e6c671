import CLSCore
import CLSStore
import Fluent
import Vapor

/// A meeting of a governance body: its details, attendance, minutes and decisions. Its printable
/// relevé de décisions uses the same model.
struct MeetingPage: Encodable, ContractPageContent {
    struct AttendanceView: Encodable {
        let id: String
        let person: String
        let organisation: String
        let isInhabitant: Bool
        let invited: Bool
        let present: Bool
    }

    let shell: ContractShell
    let id: String
    let links: Links
    let bodyName: String
    let bodyKind: String
    let date: String
    let heldOn: String
    let startsAt: String
    let endsAt: String
    let place: String
    let agenda: String
    let status: String
    let statusLabel: String
    let statusOptions: [SelectOption]
    let minutes: String
    let minutesFilename: String?
    let attendance: [AttendanceView]
    let invitedCount: Int
    let presentCount: Int
    let inhabitantsPresent: Int
    let organisationsPresent: Int
    let decisions: [DecisionView]
    let actionOptions: [SelectOption]
    let axisOptions: [SelectOption]
    let decisionStatusOptions: [SelectOption]
    let canEdit: Bool

    /// The ready links of a meeting's page and forms.
    struct Links: Encodable {
        let page: String
        let record: String
        let attendance: String
        let participants: String
        let minutes: String
        let decisions: String

        init(contractId: UUID, meetingId: UUID) {
            func link(_ page: MeetingPath) -> String { SitePath.contract(contractId, .governance(.meeting(meetingId, page))).href }
            page = link(.page)
            record = link(.record)
            attendance = link(.attendance)
            participants = link(.participants)
            minutes = link(.minutes)
            decisions = link(.decisions)
        }
    }

    var title: String { "\(bodyName) du \(date)" }

    static func load(_ contract: Contract, meeting: Meeting, _ context: PageContext) async throws -> MeetingPage {
        let id = try contract.requireID()
        let meetingId = try meeting.requireID()
        let today = context.today
        let attendance = try await MeetingAttendance.query(on: context.db).filter(\.$meeting.$id == meetingId).sort(\.$organisationName).sort(\.$personName).all()
        let decisions = try await Decision.query(on: context.db).filter(\.$meeting.$id == meetingId).all()
        let canEdit = context.allows(.editContract(contract.accessScope))
        let actions = try await Action.query(on: context.db).filter(\.$contract.$id == id).sort(\.$title).all()
        let axes = try await ProgrammeSection.query(on: context.db).filter(\.$contract.$id == id).filter(\.$parent.$id == nil).sort(\.$position).all()
        let actionTitles = Dictionary(uniqueKeysWithValues: actions.compactMap { action in action.id.map { ($0, action.title) } })
        let axisTitles = Dictionary(uniqueKeysWithValues: axes.compactMap { axis in axis.id.map { ($0, axis.title) } })
        let present = attendance.filter(\.present)
        return MeetingPage(
            shell: ContractShell(contract, tab: .governance,
                                 trail: [Breadcrumb(label: "Gouvernance", href: SitePath.contract(id, .governance(.overview)).href)]),
            id: meetingId.uuidString, links: Links(contractId: id, meetingId: meetingId),
            bodyName: meeting.body.name, bodyKind: GovernanceBodyKind(rawValue: meeting.body.kind)?.label ?? meeting.body.kind,
            date: CodeLabels.day(meeting.heldOn), heldOn: meeting.heldOn, startsAt: meeting.startsAt, endsAt: meeting.endsAt,
            place: meeting.place, agenda: meeting.agenda, status: meeting.status, statusLabel: meeting.meetingStatus.label,
            statusOptions: GovernanceOptions.meetingStatuses(selected: meeting.status),
            minutes: meeting.minutes, minutesFilename: meeting.minutesFilename,
            attendance: attendance.map { AttendanceView(id: $0.id?.uuidString ?? "", person: $0.personName, organisation: $0.organisationName,
                                                        isInhabitant: $0.isInhabitant, invited: $0.invited, present: $0.present) },
            invitedCount: attendance.filter(\.invited).count, presentCount: present.count,
            inhabitantsPresent: present.filter(\.isInhabitant).count,
            organisationsPresent: Set(present.map(\.organisationName).filter { !$0.isEmpty }).count,
            decisions: decisions.map { decision in
                let link = decision.actionId.flatMap { actionTitles[$0].map { "Fiche action : \($0)" } }
                    ?? decision.sectionId.flatMap { axisTitles[$0].map { "Axe : \($0)" } } ?? ""
                return DecisionView(decision, today: today, link: link)
            },
            actionOptions: actions.map { SelectOption(value: $0.id?.uuidString ?? "", label: $0.title) },
            axisOptions: axes.map { SelectOption(value: $0.id?.uuidString ?? "", label: $0.title) },
            decisionStatusOptions: GovernanceOptions.decisionStatuses(selected: Decision.Status.open.rawValue),
            canEdit: canEdit)
    }
}
