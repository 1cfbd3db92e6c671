import FluentKit
import Foundation
import SQLKit

/// A contract's governance loaded in a fixed number of queries: bodies with their current members,
/// meetings with their attendance counted in SQL, decisions, coordinator posts with their funding.
public enum GovernanceQueries {
    public struct MeetingSummary: Sendable {
        public let meeting: Meeting
        public let bodyName: String
        public let bodyKind: String
        public let invited: Int
        public let present: Int
        public let inhabitantsPresent: Int
        public let decisions: Int
    }

    public struct Overview: Sendable {
        public let bodies: [GovernanceBody]
        /// Current members (no leaving date) by body.
        public let members: [UUID: [BodyMember]]
        public let meetings: [MeetingSummary]
        public let decisions: [Decision]
        public let posts: [CoordinatorPost]
        public let fundings: [UUID: [PostFunding]]
    }

    public static func overview(contractId: UUID, on database: any Database) async throws -> Overview {
        let bodies = try await GovernanceBody.query(on: database).filter(\.$contractId == contractId).sort(\.$createdAt).all()
        let members = try await BodyMember.query(on: database).filter(\.$contractId == contractId).filter(\.$leftOn == nil)
            .sort(\.$joinedOn).all()
        let decisions = try await Decision.query(on: database).filter(\.$contractId == contractId).all()
        let meetings = try await summaries(of: Meeting.query(on: database).filter(\.$contractId == contractId).sort(\.$heldOn, .descending).all(),
                                           bodies: bodies, decisions: decisions, contractId: contractId, on: database)
        let posts = try await CoordinatorPost.query(on: database).filter(\.$contractId == contractId).sort(\.$startsOn, .descending).all()
        let fundings = try await PostFunding.query(on: database).filter(\.$contractId == contractId).sort(\.$year).sort(\.$funder).all()
        return Overview(
            bodies: bodies,
            members: Dictionary(grouping: members, by: { $0.$body.id }),
            meetings: meetings,
            decisions: decisions,
            posts: posts,
            fundings: Dictionary(grouping: fundings, by: { $0.$post.id }))
    }

    /// The meetings of one body, newest first, with their attendance and decision counts.
    public static func meetings(of body: GovernanceBody, on database: any Database) async throws -> [MeetingSummary] {
        let bodyId = try body.requireID()
        let meetings = try await Meeting.query(on: database).filter(\.$body.$id == bodyId).sort(\.$heldOn, .descending).all()
        let decisions = meetings.isEmpty ? [] : try await Decision.query(on: database).filter(\.$meeting.$id ~~ meetings.compactMap(\.id)).all()
        return try await summaries(of: meetings, bodies: [body], decisions: decisions, contractId: body.contractId, on: database)
    }

    static func summaries(of meetings: [Meeting], bodies: [GovernanceBody], decisions: [Decision], contractId: UUID,
                          on database: any Database) async throws -> [MeetingSummary] {
        let counts = try await attendanceCounts(contractId: contractId, on: database)
        let bodyById = Dictionary(uniqueKeysWithValues: bodies.compactMap { body in body.id.map { ($0, body) } })
        let decisionsByMeeting = Dictionary(grouping: decisions, by: { $0.$meeting.id })
        return meetings.map { meeting in
            let id = meeting.id ?? UUID()
            let count = counts[id] ?? (0, 0, 0)
            let body = bodyById[meeting.$body.id]
            return MeetingSummary(meeting: meeting, bodyName: body?.name ?? "", bodyKind: body?.kind ?? "",
                                  invited: count.invited, present: count.present, inhabitantsPresent: count.inhabitants,
                                  decisions: decisionsByMeeting[id]?.count ?? 0)
        }
    }

    /// Invited, present and inhabitants present per meeting of a contract, in one grouped query.
    public static func attendanceCounts(contractId: UUID, on database: any Database) async throws -> [UUID: (invited: Int, present: Int, inhabitants: Int)] {
        guard let sql = database as? any SQLDatabase else { throw StoreError.sqlUnavailable }
        let rows = try await sql.select()
            .column("meeting_id")
            .column(SQLRaw("SUM(CASE WHEN invited THEN 1 ELSE 0 END)"), as: "invited")
            .column(SQLRaw("SUM(CASE WHEN present THEN 1 ELSE 0 END)"), as: "present")
            .column(SQLRaw("SUM(CASE WHEN present AND is_inhabitant THEN 1 ELSE 0 END)"), as: "inhabitants")
            .from(MeetingAttendance.schema)
            .where("contract_id", .equal, SQLBind(contractId))
            .groupBy("meeting_id")
            .all()
        var result: [UUID: (Int, Int, Int)] = [:]
        for row in rows {
            result[try row.decode(column: "meeting_id", as: UUID.self)] = (
                try row.decode(column: "invited", as: Int?.self) ?? 0,
                try row.decode(column: "present", as: Int?.self) ?? 0,
                try row.decode(column: "inhabitants", as: Int?.self) ?? 0)
        }
        return result
    }
}

extension GovernanceQueries {
    /// Every member of every body of the contract, current and former, by date of entry.
    public static func members(contractId: UUID, on database: any Database) async throws -> [BodyMember] {
        try await BodyMember.query(on: database).filter(\.$contractId == contractId).sort(\.$joinedOn).all()
    }
}
