import FluentKit

/// The contract registry: contracts, their lifecycle history, signatories and partners.
struct CreateContracts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Contract.schema)
            .id()
            .field("name", .string, .required)
            .field("generation", .int, .required)
            .field("previous_contract_id", .uuid, .references(Contract.schema, "id", onDelete: .setNull))
            .field("state", .string, .required)
            .field("initiative", .string)
            .field("is_ars_priority", .bool, .required)
            .field("region_code", .string, .required)
            .field("department_code", .string, .required)
            .field("territory_label", .string, .required)
            .field("description", .string, .required)
            .field("prs_references", .string, .required)
            .field("linked_schemes", .string, .required)
            .field("first_contact_on", .string)
            .field("diagnostic_on", .string)
            .field("signed_on", .string)
            .field("starts_on", .string)
            .field("ends_on", .string)
            .field("duration_years", .int)
            .field("is_confidential", .bool, .required)
            .field("is_published", .bool, .required)
            .field("search_text", .string, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()

        try await database.schema(ContractStateChange.schema)
            .id()
            .field("contract_id", .uuid, .required, .references(Contract.schema, "id", onDelete: .cascade))
            .field("from_state", .string)
            .field("to_state", .string, .required)
            .field("effective_on", .string, .required)
            .field("comment", .string, .required)
            .field("actor_id", .uuid)
            .field("actor_label", .string, .required)
            .field("created_at", .datetime)
            .create()

        try await database.schema(Signatory.schema)
            .id()
            .field("contract_id", .uuid, .required, .references(Contract.schema, "id", onDelete: .cascade))
            .field("organisation_id", .uuid, .required, .references(Organisation.schema, "id", onDelete: .restrict))
            .field("representative", .string, .required)
            .field("representative_role", .string, .required)
            .field("deliberation_on", .string)
            .field("signed_on", .string)
            .create()

        try await database.schema(Partner.schema)
            .id()
            .field("contract_id", .uuid, .required, .references(Contract.schema, "id", onDelete: .cascade))
            .field("organisation_id", .uuid, .required, .references(Organisation.schema, "id", onDelete: .restrict))
            .field("contribution", .string, .required)
            .create()

        try await Indexes.create([
            ("contracts_state", Contract.schema, ["state"]),
            ("contracts_department", Contract.schema, ["department_code"]),
            ("contracts_region", Contract.schema, ["region_code"]),
            ("contracts_name", Contract.schema, ["name"]),
            ("contract_state_changes_contract", ContractStateChange.schema, ["contract_id", "created_at"]),
            ("contract_signatories_contract", Signatory.schema, ["contract_id"]),
            ("contract_signatories_organisation", Signatory.schema, ["organisation_id"]),
            ("contract_partners_contract", Partner.schema, ["contract_id"]),
            ("contract_partners_organisation", Partner.schema, ["organisation_id"]),
        ], on: database)
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Partner.schema).delete()
        try await database.schema(Signatory.schema).delete()
        try await database.schema(ContractStateChange.schema).delete()
        try await database.schema(Contract.schema).delete()
    }
}
