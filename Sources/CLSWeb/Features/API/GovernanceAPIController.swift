import CLSCore
import CLSStore
import Fluent
import Vapor

/// JSON API of the governance: `GET /api/v1/contracts/{id}/governance`, `/dashboard` and
/// `/reviews/{year}`. Same access rules as the pages (a contract one cannot see answers 404).
struct GovernanceAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.api(.contract(.key, .governance)), use: governance)
        routes.get(.api(.contract(.key, .dashboard)), use: dashboard)
        routes.get(.api(.contract(.key, .review(.key))), use: review)
    }

    struct MemberJSON: Content {
        let person: String
        let organisation: String
        let role: String
        let representsSignatory: Bool
        let isInhabitant: Bool
        let joinedOn: String
        let leftOn: String?
    }

    struct BodyJSON: Content {
        let id: UUID
        let kind: String
        let kindLabel: String
        let name: String
        let chairs: String
        let coLeadSector: String
        let axisId: UUID?
        let members: [MemberJSON]
    }

    struct DecisionJSON: Content {
        let id: UUID
        let text: String
        let owner: String
        let dueOn: String?
        let status: String
        let actionId: UUID?
        let axisId: UUID?
    }

    struct MeetingJSON: Content {
        let id: UUID
        let bodyId: UUID
        let date: String
        let startsAt: String
        let endsAt: String
        let place: String
        let status: String
        let invited: Int
        let present: Int
        let inhabitantsPresent: Int
        let hasMinutes: Bool
        let decisions: [DecisionJSON]
    }

    struct FundingJSON: Content { let funder: String; let year: Int; let amount: Double }

    struct PostJSON: Content {
        let id: UUID
        let person: String
        let fte: Double
        let employer: String
        let reportingLine: String
        let startsOn: String
        let endsOn: String?
        let fundings: [FundingJSON]
    }

    struct GovernanceJSON: Content {
        let bodies: [BodyJSON]
        let meetings: [MeetingJSON]
        let posts: [PostJSON]
    }

    func governance(req: Request) async throws -> GovernanceJSON {
        let contract = try await req.contract(requiring: Permission.viewContract)
        let id = try contract.requireID()
        let data = try await GovernanceQueries.overview(contractId: id, on: req.db)
        let allMembers = try await GovernanceQueries.members(contractId: id, on: req.db)
        let decisions = Dictionary(grouping: data.decisions, by: { $0.$meeting.id })
        return GovernanceJSON(
            bodies: data.bodies.map { body in
                BodyJSON(id: body.id ?? UUID(), kind: body.kind, kindLabel: GovernanceBodyKind(rawValue: body.kind)?.label ?? body.kind,
                         name: body.name, chairs: body.chairs, coLeadSector: body.coLeadSector, axisId: body.sectionId,
                         members: allMembers.filter { $0.$body.id == body.id }.map {
                             MemberJSON(person: $0.personName, organisation: $0.organisationName, role: $0.role,
                                        representsSignatory: $0.representsSignatory, isInhabitant: $0.isInhabitant,
                                        joinedOn: $0.joinedOn, leftOn: $0.leftOn)
                         })
            },
            meetings: data.meetings.map { summary in
                let meeting = summary.meeting
                return MeetingJSON(id: meeting.id ?? UUID(), bodyId: meeting.$body.id, date: meeting.heldOn, startsAt: meeting.startsAt,
                                   endsAt: meeting.endsAt, place: meeting.place, status: meeting.status, invited: summary.invited,
                                   present: summary.present, inhabitantsPresent: summary.inhabitantsPresent, hasMinutes: meeting.hasMinutes,
                                   decisions: (decisions[meeting.id ?? UUID()] ?? []).map {
                                       DecisionJSON(id: $0.id ?? UUID(), text: $0.text, owner: $0.owner, dueOn: $0.dueOn, status: $0.status,
                                                    actionId: $0.actionId, axisId: $0.sectionId)
                                   })
            },
            posts: data.posts.map { post in
                PostJSON(id: post.id ?? UUID(), person: post.personName, fte: post.fte, employer: post.employer, reportingLine: post.reportingLine,
                         startsOn: post.startsOn, endsOn: post.endsOn,
                         fundings: (data.fundings[post.id ?? UUID()] ?? []).map { FundingJSON(funder: $0.funder, year: $0.year, amount: $0.amount) })
            })
    }

    struct AmountsJSON: Content { let label: String; let planned: Double; let actual: Double }
    struct AxisJSON: Content { let title: String; let total: Int; let done: Int; let late: Int; let percentDone: Double? }
    struct IndicatorJSON: Content { let name: String; let action: String; let target: Double?; let actual: Double?; let reachesTarget: Bool? }
    struct AlertJSON: Content { let kind: String; let severity: String; let title: String; let detail: String }
    struct MeetingActivityJSON: Content { let year: Int; let bodyKind: String; let held: Int; let withMinutes: Int }

    struct DashboardJSON: Content {
        let date: String
        let actionCount: Int
        let doneCount: Int
        let lateCount: Int
        let statuses: [String: Int]
        let axes: [AxisJSON]
        let lateActions: [String]
        let indicatorYear: Int
        let indicators: [IndicatorJSON]
        let budgetByFunder: [AmountsJSON]
        let budgetByYear: [AmountsJSON]
        let meetings: [MeetingActivityJSON]
        let openDecisions: Int
        let overdueDecisions: Int
        let alerts: [AlertJSON]
    }

    func dashboard(req: Request) async throws -> DashboardJSON {
        let contract = try await req.contract(requiring: Permission.viewContract)
        let data = try await ContractDashboard.load(contract: contract, today: req.today, on: req.db)
        var statuses: [String: Int] = [:]
        for status in ActionStatus.allCases where data.progress.count(status) > 0 { statuses[status.rawValue] = data.progress.count(status) }
        return DashboardJSON(
            date: data.today.iso, actionCount: data.progress.total, doneCount: data.progress.doneCount, lateCount: data.progress.lateCount,
            statuses: statuses,
            axes: data.axes.map { AxisJSON(title: $0.title, total: $0.total, done: $0.done, late: $0.late, percentDone: $0.percentDone) },
            lateActions: data.lateActions.map(\.title), indicatorYear: data.indicatorYear,
            indicators: data.indicators.map { IndicatorJSON(name: $0.name, action: $0.action, target: $0.target, actual: $0.actual, reachesTarget: $0.reachesTarget) },
            budgetByFunder: data.budgetByFunder.map { AmountsJSON(label: $0.funder, planned: $0.planned, actual: $0.actual) },
            budgetByYear: data.budgetByYear.map { AmountsJSON(label: $0.year.map(String.init) ?? "", planned: $0.planned, actual: $0.actual) },
            meetings: data.meetings.map { MeetingActivityJSON(year: $0.year, bodyKind: $0.bodyKind, held: $0.held, withMinutes: $0.withMinutes) },
            openDecisions: data.openDecisions, overdueDecisions: data.overdueDecisions,
            alerts: data.alerts.map { AlertJSON(kind: $0.kind.rawValue, severity: $0.severity.rawValue, title: $0.title, detail: $0.detail) })
    }

    struct EntryJSON: Content {
        let actionId: UUID
        let action: String
        let state: String
        let reportedStatus: String
        let comment: String
        let submittedBy: String?
    }

    struct EventJSON: Content { let transition: String; let from: String; let to: String; let reason: String; let author: String; let at: Date? }

    struct ReviewJSON: Content {
        let year: Int
        let state: String
        let stateLabel: String
        let isLocked: Bool
        let consolidationComment: String
        let cotechOn: String?
        let copilOn: String?
        let entries: [EntryJSON]
        let history: [EventJSON]
    }

    func review(req: Request) async throws -> ReviewJSON {
        let contract = try await req.contract(requiring: Permission.viewContract)
        guard let year = req.parameters.get("year", as: Int.self),
              let review = try await AnnualReviews.find(contractId: contract.requireID(), year: year, on: req.db) else {
            throw WebError.notFound
        }
        let (entries, titles, events) = try await ReviewEntries.all(of: review, on: req.db)
        let state = ReviewState(rawValue: review.state) ?? .open
        return ReviewJSON(
            year: review.year, state: review.state, stateLabel: state.label, isLocked: ReviewWorkflow.isLocked(state: state),
            consolidationComment: review.consolidationComment, cotechOn: review.cotechOn, copilOn: review.copilOn,
            entries: entries.map { EntryJSON(actionId: $0.actionId, action: titles[$0.actionId] ?? "", state: $0.state,
                                             reportedStatus: $0.reportedStatus, comment: $0.comment, submittedBy: $0.submittedBy) }
                .sorted { $0.action < $1.action },
            history: events.map { EventJSON(transition: $0.transition, from: $0.fromState, to: $0.toState, reason: $0.reason,
                                            author: $0.author, at: $0.createdAt) })
    }
}
