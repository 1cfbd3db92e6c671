import CLSCore
import FluentKit
import Foundation

/// A fiche action (or a sub-action when `parentAction` is set) of a contract's programme.
/// Multi-valued codings (themes, ISTS determinants and strategies, publics, sectors, life-course
/// stages) are stored as comma-separated codes here, and indexed row by row in `action_codes`
/// for the reports.
public final class Action: Model, @unchecked Sendable {
    public static let schema = "actions"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "contract_id") public var contract: Contract
    @Parent(key: "section_id") public var section: ProgrammeSection
    @OptionalParent(key: "parent_action_id") public var parentAction: Action?
    @Field(key: "position") public var position: Int
    @Field(key: "title") public var title: String
    @Field(key: "description") public var summary: String
    @Field(key: "objectives") public var objectives: String
    @Field(key: "expected_results") public var expectedResults: String
    // Logic model: problem → determinant → strategy → intermediate results (indicators are rows).
    @Field(key: "logic_problem") public var logicProblem: String
    @Field(key: "logic_determinant") public var logicDeterminant: String
    @Field(key: "logic_strategy") public var logicStrategy: String
    @Field(key: "logic_intermediate_results") public var logicIntermediateResults: String
    @Field(key: "status") public var status: String
    @Field(key: "priority") public var priority: String
    @OptionalField(key: "starts_on") public var startsOn: String?
    @OptionalField(key: "ends_on") public var endsOn: String?
    @Field(key: "is_recurring") public var isRecurring: Bool
    @OptionalParent(key: "lead_organisation_id") public var leadOrganisation: Organisation?
    /// The account that pilots the action: with the pilot role, it may follow the action up.
    @OptionalParent(key: "pilot_user_id") public var pilotUser: User?
    /// The lead organisation as written when it is not an organisation of the registry (imports).
    @Field(key: "lead_organisation_name") public var leadOrganisationName: String
    /// The indicators named in the "Indicateurs liés" column of an imported plan, kept as written.
    @Field(key: "linked_indicators") public var linkedIndicators: String
    @Field(key: "lead_people") public var leadPeople: String
    @Field(key: "lead_service") public var leadService: String
    @Field(key: "elected_referent") public var electedReferent: String
    @Field(key: "partners") public var partners: String
    @Field(key: "means") public var means: String
    @Field(key: "governance_body") public var governanceBody: String
    @Field(key: "places") public var places: String
    @Field(key: "territory_scope") public var territoryScope: String
    @Field(key: "themes") public var themeCodes: String
    @Field(key: "determinants") public var determinantCodes: String
    @Field(key: "strategies") public var strategyCodes: String
    @Field(key: "publics") public var publicCodes: String
    @Field(key: "sectors") public var sectorCodes: String
    @Field(key: "life_stages") public var lifeStageCodes: String
    @Field(key: "approach") public var approach: String
    @Field(key: "ists_aim") public var istsAim: String
    @Field(key: "participation") public var participation: String
    @Field(key: "financing_notes") public var financingNotes: String
    @OptionalField(key: "planned_total") public var plannedTotal: Double?
    @Field(key: "is_new") public var isNew: Bool
    @Field(key: "is_confidential") public var isConfidential: Bool
    @Field(key: "is_continuous") public var isContinuous: Bool
    @Field(key: "schedule") public var schedule: String
    @Field(key: "linked_plan_actions") public var linkedPlanActions: String
    @Field(key: "notes") public var notes: String
    @Field(key: "amounts_include_tax") public var amountsIncludeTax: Bool
    @Field(key: "search_text") public var searchText: String
    /// The folded title, weighted above the rest by the full-text search (`ActionLibrary`).
    @Field(key: "search_title") public var searchTitle: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    public init() {}

    public init(contractId: UUID, sectionId: UUID, parentActionId: UUID? = nil, title: String, position: Int) {
        self.$contract.id = contractId
        self.$section.id = sectionId
        self.$parentAction.id = parentActionId
        self.position = position
        self.title = title
        summary = ""; objectives = ""; expectedResults = ""
        logicProblem = ""; logicDeterminant = ""; logicStrategy = ""; logicIntermediateResults = ""
        leadOrganisationName = ""; linkedIndicators = ""
        leadPeople = ""; leadService = ""; electedReferent = ""; partners = ""; means = ""
        governanceBody = ""; places = ""; territoryScope = ""
        themeCodes = ""; determinantCodes = ""; strategyCodes = ""; publicCodes = ""; sectorCodes = ""; lifeStageCodes = ""
        approach = ""; istsAim = ""; participation = ""; financingNotes = ""
        schedule = ""; linkedPlanActions = ""; notes = ""
        isContinuous = false; amountsIncludeTax = false
        self.status = "a_venir"
        self.priority = ""
        self.isRecurring = false
        self.isNew = true
        self.isConfidential = false
        self.searchText = ""
        self.searchTitle = ""
    }


    /// The coded lists, by scheme, as stored in `action_codes`.
    public var codesByScheme: [ActionCode.Scheme: [String]] {
        func split(_ text: String) -> [String] { text.split(separator: ",").map(String.init) }
        return [
            .theme: split(themeCodes), .determinant: split(determinantCodes), .strategy: split(strategyCodes),
            .publicTarget: split(publicCodes), .sector: split(sectorCodes), .lifeStage: split(lifeStageCodes),
        ]
    }

    public static func join(_ codes: [String]) -> String {
        var seen = Set<String>()
        return codes.filter { !$0.isEmpty && seen.insert($0).inserted }.joined(separator: ",")
    }

    /// What access decisions about this action need.
    public func followUpPermission(_ contract: Contract) -> Permission {
        .followUpAction(contract.accessScope, pilotUserId: $pilotUser.id?.uuidString)
    }
}

extension Action {
    /// The text fields of `ActionField` stored as such, by field key: the importer, the
    /// exporter and the journal go over them. `ActionFieldStorageTests` checks that every
    /// described text field with a column is here, on that column.
    public static let textFields: [String: ReferenceWritableKeyPath<Action, String>] = [
        ActionField.title.key: \.title, ActionField.summary.key: \.summary, ActionField.objectives.key: \.objectives,
        ActionField.expectedResults.key: \.expectedResults, ActionField.logicProblem.key: \.logicProblem,
        ActionField.logicDeterminant.key: \.logicDeterminant, ActionField.logicStrategy.key: \.logicStrategy,
        ActionField.logicIntermediateResults.key: \.logicIntermediateResults, ActionField.linkedIndicators.key: \.linkedIndicators,
        ActionField.leadPeople.key: \.leadPeople, ActionField.leadService.key: \.leadService,
        ActionField.electedReferent.key: \.electedReferent, ActionField.partners.key: \.partners, ActionField.means.key: \.means,
        ActionField.governanceBody.key: \.governanceBody, ActionField.places.key: \.places,
        ActionField.territoryScope.key: \.territoryScope, ActionField.financingNotes.key: \.financingNotes,
        ActionField.schedule.key: \.schedule, ActionField.linkedPlanActions.key: \.linkedPlanActions, ActionField.notes.key: \.notes,
    ]

    /// The value of a described field as the journal writes it (`nil` when it has no column).
    func journalValue(of field: ActionField) -> String? {
        if let path = Self.textFields[field.key] { return self[keyPath: path] }
        switch field {
        case .leadOrganisation: return $leadOrganisation.id?.uuidString
        case .pilotUser: return $pilotUser.id?.uuidString
        case .status: return status
        case .priority: return priority
        case .startsOn: return startsOn
        case .endsOn: return endsOn
        case .themes: return themeCodes
        case .determinants: return determinantCodes
        case .strategies: return strategyCodes
        case .publics: return publicCodes
        case .sectors: return sectorCodes
        case .lifeStages: return lifeStageCodes
        case .approach: return approach
        case .istsAim: return istsAim
        case .participation: return participation
        case .plannedTotal: return plannedTotal.map { FrenchFormat.number($0) }
        case .isRecurring: return isRecurring ? "oui" : "non"
        case .isNew: return isNew ? "oui" : "non"
        case .isConfidential: return isConfidential ? "oui" : "non"
        case .isContinuous: return isContinuous ? "oui" : "non"
        case .amountsIncludeTax: return amountsIncludeTax ? "oui" : "non"
        default: return nil
        }
    }
}

extension AuditField {
    /// A field of the fiche action, under its column and history label (`ActionField`).
    init(_ field: ActionField, _ value: String?) {
        self.init(field.storageColumn ?? field.key, field.historyLabel, value)
    }
}

extension Action: Auditable {
    public static let auditEntityType = "action"
    public var auditLabel: String { title }
    public var auditContractId: UUID? { $contract.id }
    /// The place of the action, then every described field stored in a column, with its
    /// history label from `ActionField`.
    public func auditSnapshot() -> [AuditField] {
        var fields: [AuditField] = [
            .init("section_id", "Rattachement", $section.id.uuidString),
            .init("parent_action_id", "Action parente", $parentAction.id?.uuidString),
            .init("position", "Ordre", String(position)),
        ]
        for field in ActionField.all where field.storageColumn != nil {
            fields.append(AuditField(field, journalValue(of: field)))
            if field == .leadOrganisation {
                fields.append(.init("lead_organisation_name", "Structure pilote (texte)", leadOrganisationName))
            }
        }
        return fields
    }
}

extension Action: SearchIndexed {
    public func refreshSearchText() {
        searchTitle = SearchText.fold(title)
        searchText = SearchText.fold([title, summary, objectives, expectedResults].joined(separator: " "))
    }
}
