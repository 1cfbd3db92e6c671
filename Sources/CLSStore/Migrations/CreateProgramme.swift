import FluentKit

/// The programme of a contract: axes and objectives, fiches actions and sub-actions, their codes,
/// budget lines, indicators with yearly values, and follow-up notes.
struct CreateProgramme: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ProgrammeSection.schema)
            .id()
            .field("contract_id", .uuid, .required, .references(Contract.schema, "id", onDelete: .cascade))
            .field("parent_id", .uuid, .references(ProgrammeSection.schema, "id", onDelete: .restrict))
            .field("kind", .string, .required)
            .field("objective_kind", .string, .required)
            .field("title", .string, .required)
            .field("description", .string, .required)
            .field("position", .int, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()

        var actions = database.schema(Action.schema)
            .id()
            .field("contract_id", .uuid, .required, .references(Contract.schema, "id", onDelete: .cascade))
            .field("section_id", .uuid, .required, .references(ProgrammeSection.schema, "id", onDelete: .restrict))
            .field("parent_action_id", .uuid, .references(Action.schema, "id", onDelete: .restrict))
            .field("position", .int, .required)
            .field("title", .string, .required)
        for column in ["description", "objectives", "expected_results", "logic_problem", "logic_determinant",
                       "logic_strategy", "logic_intermediate_results", "status", "priority", "lead_organisation_name", "linked_indicators", "lead_people",
                       "lead_service", "elected_referent", "partners", "means", "governance_body", "places",
                       "territory_scope", "themes", "determinants", "strategies", "publics", "sectors",
                       "life_stages", "approach", "ists_aim", "participation", "financing_notes", "search_text"] {
            actions = actions.field(FieldKey.string(column), .string, .required)
        }
        try await actions
            .field("starts_on", .string)
            .field("ends_on", .string)
            .field("is_recurring", .bool, .required)
            .field("lead_organisation_id", .uuid, .references(Organisation.schema, "id", onDelete: .setNull))
            .field("pilot_user_id", .uuid, .references(User.schema, "id", onDelete: .setNull))
            .field("planned_total", .double)
            .field("is_new", .bool, .required)
            .field("is_confidential", .bool, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()

        try await database.schema(ActionCode.schema)
            .id()
            .field("action_id", .uuid, .required, .references(Action.schema, "id", onDelete: .cascade))
            .field("contract_id", .uuid, .required)
            .field("scheme", .string, .required)
            .field("code", .string, .required)
            .unique(on: "action_id", "scheme", "code")
            .create()

        try await database.schema(BudgetLine.schema)
            .id()
            .field("action_id", .uuid, .required, .references(Action.schema, "id", onDelete: .cascade))
            .field("contract_id", .uuid, .required)
            .field("funder_organisation_id", .uuid, .references(Organisation.schema, "id", onDelete: .setNull))
            .field("funder_name", .string, .required)
            .field("year", .int)
            .field("kind", .string, .required)
            .field("unit", .string, .required)
            .field("planned", .double)
            .field("actual", .double)
            .field("channel", .string, .required)
            .field("call_name", .string, .required)
            .field("status", .string, .required)
            .field("refusal_reason", .string, .required)
            .field("suggested_funder", .string, .required)
            .create()

        try await database.schema(Indicator.schema)
            .id()
            .field("action_id", .uuid, .required, .references(Action.schema, "id", onDelete: .cascade))
            .field("contract_id", .uuid, .required)
            .field("name", .string, .required)
            .field("kind", .string, .required)
            .field("unit", .string, .required)
            .field("baseline_value", .double)
            .field("baseline_on", .string)
            .field("source", .string, .required)
            .field("polarity", .string, .required)
            .create()

        try await database.schema(IndicatorValue.schema)
            .id()
            .field("indicator_id", .uuid, .required, .references(Indicator.schema, "id", onDelete: .cascade))
            .field("contract_id", .uuid, .required)
            .field("year", .int, .required)
            .field("target", .double)
            .field("actual", .double)
            .field("comment", .string, .required)
            .field("evidence", .string, .required)
            .unique(on: "indicator_id", "year")
            .create()

        try await database.schema(ActionNote.schema)
            .id()
            .field("action_id", .uuid, .required, .references(Action.schema, "id", onDelete: .cascade))
            .field("contract_id", .uuid, .required)
            .field("written_on", .string, .required)
            .field("author", .string, .required)
            .field("text", .string, .required)
            .field("created_at", .datetime)
            .create()

        try await Indexes.create([
            ("programme_sections_contract", ProgrammeSection.schema, ["contract_id", "position"]),
            ("programme_sections_parent", ProgrammeSection.schema, ["parent_id"]),
            ("actions_contract", Action.schema, ["contract_id", "position"]),
            ("actions_section", Action.schema, ["section_id"]),
            ("actions_parent", Action.schema, ["parent_action_id"]),
            ("actions_status", Action.schema, ["contract_id", "status"]),
            ("actions_pilot", Action.schema, ["pilot_user_id"]),
            ("actions_lead_organisation", Action.schema, ["lead_organisation_id"]),
            ("action_codes_scheme", ActionCode.schema, ["scheme", "code"]),
            ("action_codes_contract", ActionCode.schema, ["contract_id", "scheme"]),
            ("budget_lines_action", BudgetLine.schema, ["action_id"]),
            ("budget_lines_contract", BudgetLine.schema, ["contract_id", "year"]),
            ("budget_lines_funder", BudgetLine.schema, ["funder_organisation_id"]),
            ("indicators_action", Indicator.schema, ["action_id"]),
            ("indicators_contract", Indicator.schema, ["contract_id"]),
            ("indicator_values_contract", IndicatorValue.schema, ["contract_id", "year"]),
            ("action_notes_action", ActionNote.schema, ["action_id", "created_at"]),
        ], on: database)
    }

    func revert(on database: any Database) async throws {
        for schema in [ActionNote.schema, IndicatorValue.schema, Indicator.schema, BudgetLine.schema,
                       ActionCode.schema, Action.schema, ProgrammeSection.schema] {
            try await database.schema(schema).delete()
        }
    }
}
