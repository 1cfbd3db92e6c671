import CLSCore
import CLSStore
import Fluent
import Vapor

/// A contract's governance: its bodies, meetings, open decisions and coordination post.
struct GovernanceOverviewPage: Encodable, ContractPageContent {
    struct BodyView: Encodable {
        let id: String
        let href: String
        let kindLabel: String
        let name: String
        let chairs: String
        let coLeadSector: String
        let axis: String
        let memberCount: Int
        let inhabitantCount: Int
    }

    struct PostView: Encodable {
        let id: String
        let addFunding: String
        let end: String
        let person: String
        let fte: String
        let employer: String
        let reportingLine: String
        let period: String
        let isCurrent: Bool
        let fundings: [FundingView]
        struct FundingView: Encodable { let funder: String; let year: Int; let amount: String }
    }

    let shell: ContractShell
    let alerts: [AlertView]
    let bodies: [BodyView]
    let upcoming: [MeetingRowView]
    let past: [MeetingRowView]
    let openDecisions: [DecisionView]
    let posts: [PostView]
    let isVacant: Bool
    let canEdit: Bool
    let bodyKinds: [SelectOption]
    let bodyOptions: [SelectOption]
    let axisOptions: [SelectOption]
    let today: String

    static func load(_ contract: Contract, _ context: PageContext) async throws -> GovernanceOverviewPage {
        let id = try contract.requireID()
        let today = context.today
        let data = try await GovernanceQueries.overview(contractId: id, on: context.db)
        let facts = try await AlertFactsLoader.facts(for: [contract], today: today, on: context.db)[id]
        let alerts = facts.map { GovernanceAlertRules.alerts($0, today: today) } ?? []
        let axes = try await ProgrammeSection.query(on: context.db).filter(\.$contract.$id == id).filter(\.$parent.$id == nil).sort(\.$position).all()
        let axisNames = Dictionary(uniqueKeysWithValues: axes.compactMap { axis in axis.id.map { ($0, axis.title) } })
        let meetings = data.meetings.map { MeetingRowView($0, contractId: id, today: today) }
        let meetingDates = Dictionary(uniqueKeysWithValues: data.meetings.compactMap { summary in summary.meeting.id.map { ($0, summary.meeting.heldOn) } })
        return GovernanceOverviewPage(
            shell: ContractShell(contract, tab: .governance),
            alerts: alerts.map(AlertView.init),
            bodies: data.bodies.map { body in
                let members = data.members[body.id ?? UUID()] ?? []
                return BodyView(id: body.id?.uuidString ?? "", href: SitePath.contract(id, .governance(.body(body.id ?? UUID()))).href,
                                kindLabel: GovernanceBodyKind(rawValue: body.kind)?.label ?? body.kind, name: body.name,
                                chairs: body.chairs, coLeadSector: body.coLeadSector,
                                axis: body.sectionId.flatMap { axisNames[$0] } ?? "",
                                memberCount: members.count, inhabitantCount: members.filter(\.isInhabitant).count)
            },
            upcoming: meetings.filter { !$0.isPast }.reversed(),
            past: meetings.filter(\.isPast),
            openDecisions: data.decisions.filter { $0.decisionStatus.isOpen }
                .sorted { ($0.dueOn ?? "9999") < ($1.dueOn ?? "9999") }
                .map { DecisionView($0, today: today, link: SitePath.contract(id, .governance(.meeting($0.$meeting.id))).href,
                                    meetingDate: CodeLabels.day(meetingDates[$0.$meeting.id])) },
            posts: data.posts.map { post in
                PostView(id: post.id?.uuidString ?? "",
                         addFunding: SitePath.contract(id, .governance(.postFundings(post.id ?? UUID()))).href,
                         end: SitePath.contract(id, .governance(.endPost(post.id ?? UUID()))).href,
                         person: post.personName.isEmpty ? "Poste à pourvoir" : post.personName,
                         fte: FrenchFormat.number(post.fte), employer: post.employer, reportingLine: post.reportingLine,
                         period: "du \(CodeLabels.day(post.startsOn))" + (post.endsOn.map { " au \(CodeLabels.day($0))" } ?? ""),
                         isCurrent: post.startsOn <= today.iso && (post.endsOn.map { $0 >= today.iso } ?? true),
                         fundings: (data.fundings[post.id ?? UUID()] ?? []).map { .init(funder: $0.funder, year: $0.year, amount: FrenchFormat.euros($0.amount)) })
            },
            isVacant: !data.posts.contains { $0.startsOn <= today.iso && ($0.endsOn.map { $0 >= today.iso } ?? true) },
            canEdit: context.allows(.editContract(contract.accessScope)),
            bodyKinds: GovernanceOptions.bodyKinds(),
            bodyOptions: data.bodies.map { SelectOption(value: $0.id?.uuidString ?? "", label: $0.name) },
            axisOptions: axes.map { SelectOption(value: $0.id?.uuidString ?? "", label: $0.title) },
            today: today.iso)
    }
}
