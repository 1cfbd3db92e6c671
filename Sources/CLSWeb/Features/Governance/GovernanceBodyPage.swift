import CLSCore
import CLSStore
import Fluent
import Vapor

/// A governance body: its purpose, current and former members, and meetings.
struct GovernanceBodyPage: Encodable, ContractPageContent {
    struct MemberView: Encodable {
        let id: String
        let leave: String
        let person: String
        let organisation: String
        let role: String
        let representsSignatory: Bool
        let isInhabitant: Bool
        let joinedOn: String
        let leftOn: String
    }

    let shell: ContractShell
    let body: GovernanceOverviewPage.BodyView
    let purpose: String
    let current: [MemberView]
    let former: [MemberView]
    let meetings: [MeetingRowView]
    let canEdit: Bool
    let organisationOptions: OptionList
    let today: String
    let addMember: String

    static func load(_ contract: Contract, body: GovernanceBody, _ context: PageContext) async throws -> GovernanceBodyPage {
        let id = try contract.requireID()
        let bodyId = try body.requireID()
        let today = context.today
        let members = try await BodyMember.query(on: context.db).filter(\.$body.$id == bodyId).sort(\.$joinedOn).all()
        let meetings = try await GovernanceQueries.meetings(of: body, on: context.db)
        let canEdit = context.allows(.editContract(contract.accessScope))
        let organisations = canEdit ? try await OrganisationChoice.forContract(regionCode: contract.regionCode, on: context.db) : []
        func view(_ member: BodyMember) -> MemberView {
            MemberView(id: member.id?.uuidString ?? "",
                       leave: SitePath.contract(id, .governance(.memberLeaves(body: bodyId, member: member.id ?? UUID()))).href, person: member.personName, organisation: member.organisationName, role: member.role,
                       representsSignatory: member.representsSignatory, isInhabitant: member.isInhabitant,
                       joinedOn: CodeLabels.day(member.joinedOn), leftOn: member.leftOn.map { CodeLabels.day($0) } ?? "")
        }
        let current = members.filter { $0.leftOn == nil }
        return GovernanceBodyPage(
            shell: ContractShell(contract, tab: .governance,
                                 trail: [Breadcrumb(label: "Gouvernance", href: SitePath.contract(id, .governance(.overview)).href)]),
            body: GovernanceOverviewPage.BodyView(id: bodyId.uuidString, href: "", kindLabel: GovernanceBodyKind(rawValue: body.kind)?.label ?? body.kind,
                           name: body.name, chairs: body.chairs, coLeadSector: body.coLeadSector, axis: "",
                           memberCount: current.count, inhabitantCount: current.filter(\.isInhabitant).count),
            purpose: body.purpose,
            current: current.map(view), former: members.filter { $0.leftOn != nil }.map(view),
            meetings: meetings.map { MeetingRowView($0, contractId: id, today: today) },
            canEdit: canEdit,
            organisationOptions: OptionList(organisations.map { SelectOption(value: $0.id.uuidString, label: $0.name) }),
            today: today.iso, addMember: SitePath.contract(id, .governance(.bodyMembers(bodyId))).href)
    }
}
