import FluentKit
import Foundation
import SQLKit

/// A model written as plain rows: each column with its value. Fluent reads a model's fields by
/// reflection on every instance it saves, which was four fifths of the benchmark generation's
/// time and most of a large plan import's; the benchmark dataset and `Mutations.createAll` skip
/// it. `BenchDatasetTests` checks that every row names exactly the model's columns.
protocol BulkRow: Model {
    var bulkRow: [(column: String, value: any Encodable & Sendable)] { get }
}

enum BulkInsert {
    /// The creation and update time stamps of the rows written by this process.
    static let now = Date()

    /// Multi-row inserts through SQLKit, in chunks that stay under SQLite's limit of bound
    /// parameters (32,766; PostgreSQL allows 65,535).
    static func write<Row: BulkRow>(_ rows: [Row], on database: any Database) async throws {
        guard !rows.isEmpty else { return }
        guard let first = rows.first else { return }
        let sql = try ContractQueries.sqlDatabase(database)
        let columns = first.bulkRow.map(\.column)
        let chunk = max(1, 30_000 / columns.count)
        for start in stride(from: 0, to: rows.count, by: chunk) {
            let insert = sql.insert(into: Row.schema).columns(columns)
            for row in rows[start..<min(start + chunk, rows.count)] {
                insert.values(row.bulkRow.map(\.value))
            }
            try await insert.run()
        }
    }
}

// MARK: - The big tables

extension AuditEntry: BulkRow {
    var bulkRow: [(column: String, value: any Encodable & Sendable)] {
        [("id", id), ("occurred_at", occurredAt), ("actor_id", actorId), ("actor_label", actorLabel), ("action", action),
         ("entity_type", entityType), ("entity_id", entityId), ("entity_label", entityLabel), ("contract_id", contractId),
         ("changes", changesJSON)]
    }
}

extension IndicatorValue: BulkRow {
    var bulkRow: [(column: String, value: any Encodable & Sendable)] {
        [("id", id), ("indicator_id", $indicator.id), ("contract_id", contractId), ("year", year), ("target", target),
         ("actual", actual), ("comment", comment), ("evidence", evidence)]
    }
}

extension BudgetLine: BulkRow {
    var bulkRow: [(column: String, value: any Encodable & Sendable)] {
        [("id", id), ("action_id", $action.id), ("contract_id", contractId), ("funder_organisation_id", $funderOrganisation.id),
         ("funder_name", funderName), ("position", position), ("year", year), ("kind", kind), ("unit", unit), ("planned", planned), ("actual", actual),
         ("channel", channel), ("call_name", callName), ("status", status), ("refusal_reason", refusalReason),
         ("suggested_funder", suggestedFunder)]
    }
}

extension Indicator: BulkRow {
    var bulkRow: [(column: String, value: any Encodable & Sendable)] {
        [("id", id), ("action_id", $action.id), ("contract_id", contractId), ("name", name), ("kind", kind), ("unit", unit),
         ("baseline_value", baselineValue), ("baseline_on", baselineOn), ("source", source), ("polarity", polarity)]
    }
}

extension ActionCode: BulkRow {
    var bulkRow: [(column: String, value: any Encodable & Sendable)] {
        [("id", id), ("action_id", $action.id), ("contract_id", contractId), ("scheme", scheme), ("code", code)]
    }
}

extension PerimeterCommune: BulkRow {
    var bulkRow: [(column: String, value: any Encodable & Sendable)] {
        [("id", id), ("perimeter_id", perimeterId), ("contract_id", contractId), ("commune_code", communeCode)]
    }
}

extension ProgrammeSection: BulkRow {
    var bulkRow: [(column: String, value: any Encodable & Sendable)] {
        [("id", id), ("contract_id", $contract.id), ("parent_id", $parent.id), ("kind", kind), ("objective_kind", objectiveKind),
         ("title", title), ("description", summary), ("position", position),
         ("created_at", createdAt ?? BulkInsert.now), ("updated_at", updatedAt ?? BulkInsert.now)]
    }
}

extension Action: BulkRow {
    var bulkRow: [(column: String, value: any Encodable & Sendable)] {
        [("id", id), ("contract_id", $contract.id), ("section_id", $section.id), ("parent_action_id", $parentAction.id),
         ("position", position), ("title", title), ("description", summary), ("objectives", objectives),
         ("expected_results", expectedResults), ("logic_problem", logicProblem), ("logic_determinant", logicDeterminant),
         ("logic_strategy", logicStrategy), ("logic_intermediate_results", logicIntermediateResults), ("status", status),
         ("priority", priority), ("starts_on", startsOn), ("ends_on", endsOn), ("is_recurring", isRecurring),
         ("lead_organisation_id", $leadOrganisation.id), ("pilot_user_id", $pilotUser.id),
         ("lead_organisation_name", leadOrganisationName), ("linked_indicators", linkedIndicators), ("lead_people", leadPeople),
         ("lead_service", leadService), ("elected_referent", electedReferent), ("partners", partners), ("means", means),
         ("governance_body", governanceBody), ("places", places), ("territory_scope", territoryScope), ("themes", themeCodes),
         ("determinants", determinantCodes), ("strategies", strategyCodes), ("publics", publicCodes), ("sectors", sectorCodes),
         ("life_stages", lifeStageCodes), ("approach", approach), ("ists_aim", istsAim), ("participation", participation),
         ("financing_notes", financingNotes), ("planned_total", plannedTotal), ("is_new", isNew),
         ("is_confidential", isConfidential), ("is_continuous", isContinuous), ("schedule", schedule),
         ("linked_plan_actions", linkedPlanActions), ("notes", notes), ("amounts_include_tax", amountsIncludeTax), ("search_text", searchText), ("search_title", searchTitle),
         ("created_at", createdAt ?? BulkInsert.now), ("updated_at", updatedAt ?? BulkInsert.now)]
    }
}

extension RegionalTheme: BulkRow {
    var bulkRow: [(column: String, value: any Encodable & Sendable)] {
        [("id", id), ("region_code", regionCode), ("code", code), ("label", label), ("created_at", createdAt ?? BulkInsert.now)]
    }
}

extension ActionLink: BulkRow {
    var bulkRow: [(column: String, value: any Encodable & Sendable)] {
        [("id", id), ("action_id", $action.id), ("contract_id", contractId), ("label", label), ("url", url),
         ("related_action_id", $relatedAction.id)]
    }
}

extension Meeting: BulkRow {
    var bulkRow: [(column: String, value: any Encodable & Sendable)] {
        [("id", id), ("contract_id", contractId), ("body_id", $body.id), ("held_on", heldOn), ("starts_at", startsAt),
         ("ends_at", endsAt), ("place", place), ("agenda", agenda), ("status", status), ("minutes", minutes),
         ("minutes_filename", minutesFilename), ("minutes_file", minutesFile), ("updated_at", updatedAt ?? BulkInsert.now)]
    }
}

extension Decision: BulkRow {
    var bulkRow: [(column: String, value: any Encodable & Sendable)] {
        [("id", id), ("contract_id", contractId), ("meeting_id", $meeting.id), ("text", text), ("section_id", sectionId),
         ("action_id", actionId), ("owner", owner), ("due_on", dueOn), ("status", status), ("follow_up", followUp)]
    }
}
