import FluentKit

/// Governance bodies and their members, meetings, attendance, decisions, coordinator posts and
/// their funding, yearly reviews with their entries and history.
struct CreateGovernance: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let contract = { (builder: SchemaBuilder) in
            builder.field("contract_id", .uuid, .required, .references(Contract.schema, "id", onDelete: .cascade))
        }
        try await contract(database.schema(GovernanceBody.schema).id())
            .field("kind", .string, .required).field("name", .string, .required)
            .field("section_id", .uuid).field("co_lead_sector", .string, .required)
            .field("chairs", .string, .required).field("purpose", .string, .required)
            .field("created_at", .datetime)
            .create()
        try await contract(database.schema(BodyMember.schema).id())
            .field("body_id", .uuid, .required, .references(GovernanceBody.schema, "id", onDelete: .cascade))
            .field("organisation_id", .uuid).field("organisation_name", .string, .required)
            .field("person_name", .string, .required).field("role", .string, .required)
            .field("represents_signatory", .bool, .required).field("is_inhabitant", .bool, .required)
            .field("joined_on", .string, .required).field("left_on", .string)
            .create()
        try await contract(database.schema(Meeting.schema).id())
            .field("body_id", .uuid, .required, .references(GovernanceBody.schema, "id", onDelete: .cascade))
            .field("held_on", .string, .required).field("starts_at", .string, .required).field("ends_at", .string, .required)
            .field("place", .string, .required).field("agenda", .string, .required).field("status", .string, .required)
            .field("minutes", .string, .required).field("minutes_filename", .string).field("minutes_file", .data)
            .field("updated_at", .datetime)
            .create()
        try await contract(database.schema(MeetingAttendance.schema).id())
            .field("meeting_id", .uuid, .required, .references(Meeting.schema, "id", onDelete: .cascade))
            .field("member_id", .uuid).field("organisation_name", .string, .required).field("person_name", .string, .required)
            .field("is_inhabitant", .bool, .required).field("invited", .bool, .required).field("present", .bool, .required)
            .create()
        try await contract(database.schema(Decision.schema).id())
            .field("meeting_id", .uuid, .required, .references(Meeting.schema, "id", onDelete: .cascade))
            .field("text", .string, .required).field("section_id", .uuid).field("action_id", .uuid)
            .field("owner", .string, .required).field("due_on", .string).field("status", .string, .required)
            .field("follow_up", .string, .required)
            .create()
        try await contract(database.schema(CoordinatorPost.schema).id())
            .field("person_name", .string, .required).field("fte", .double, .required).field("employer", .string, .required)
            .field("reporting_line", .string, .required).field("starts_on", .string, .required).field("ends_on", .string)
            .create()
        try await contract(database.schema(PostFunding.schema).id())
            .field("post_id", .uuid, .required, .references(CoordinatorPost.schema, "id", onDelete: .cascade))
            .field("funder", .string, .required).field("year", .int, .required).field("amount", .double, .required)
            .create()
        try await contract(database.schema(AnnualReview.schema).id())
            .field("year", .int, .required).field("state", .string, .required)
            .field("consolidation_comment", .string, .required).field("cotech_on", .string).field("copil_on", .string)
            .field("created_at", .datetime)
            .unique(on: "contract_id", "year")
            .create()
        try await contract(database.schema(ReviewEntry.schema).id())
            .field("review_id", .uuid, .required, .references(AnnualReview.schema, "id", onDelete: .cascade))
            .field("action_id", .uuid, .required, .references(Action.schema, "id", onDelete: .cascade))
            .field("state", .string, .required).field("reported_status", .string, .required)
            .field("comment", .string, .required).field("return_comment", .string, .required)
            .field("submitted_by", .string).field("submitted_at", .datetime)
            .unique(on: "review_id", "action_id")
            .create()
        try await contract(database.schema(ReviewEvent.schema).id())
            .field("review_id", .uuid, .required, .references(AnnualReview.schema, "id", onDelete: .cascade))
            .field("transition", .string, .required).field("from_state", .string, .required).field("to_state", .string, .required)
            .field("reason", .string, .required).field("author", .string, .required).field("created_at", .datetime)
            .create()
        try await Indexes.create([
            ("governance_bodies_contract", GovernanceBody.schema, ["contract_id"]),
            ("body_members_body", BodyMember.schema, ["body_id"]),
            ("meetings_contract_date", Meeting.schema, ["contract_id", "held_on"]),
            ("meeting_attendance_meeting", MeetingAttendance.schema, ["meeting_id"]),
            ("decisions_contract", Decision.schema, ["contract_id", "status"]),
            ("coordinator_posts_contract", CoordinatorPost.schema, ["contract_id"]),
            ("review_entries_review", ReviewEntry.schema, ["review_id"]),
        ], on: database)
    }

    func revert(on database: any Database) async throws {
        for schema in [ReviewEvent.schema, ReviewEntry.schema, AnnualReview.schema, PostFunding.schema, CoordinatorPost.schema,
                       Decision.schema, MeetingAttendance.schema, Meeting.schema, BodyMember.schema, GovernanceBody.schema] {
            try await database.schema(schema).delete()
        }
    }
}
