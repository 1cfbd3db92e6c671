import CLSCore
import CLSStore
import Fluent
import Foundation

/// A contract as the pages show it: every value already formatted in French.
struct ContractSummaryView: Encodable {
    let id: String
    let href: String
    /// The contract's public page (shown only for a published contract).
    let publicHref: String
    let name: String
    let generation: Int
    let stateCode: String
    let stateLabel: String
    let regionName: String
    let departmentCode: String
    let departmentName: String
    let territory: String
    let signedOn: String
    let isConfidential: Bool
    let isPublished: Bool

    init(_ contract: Contract) {
        self.init(id: contract.id, name: contract.name, generation: contract.generation, state: contract.contractState,
                  regionCode: contract.regionCode, departmentCode: contract.departmentCode, territory: contract.territoryLabel,
                  signedOn: contract.signedOn, isConfidential: contract.isConfidential, isPublished: contract.isPublished)
    }

    init(_ contract: ContractListing) {
        self.init(id: contract.id, name: contract.name, generation: contract.generation, state: contract.contractState,
                  regionCode: contract.regionCode, departmentCode: contract.departmentCode, territory: contract.territoryLabel,
                  signedOn: contract.signedOn, isConfidential: contract.isConfidential, isPublished: contract.isPublished)
    }

    private init(id: UUID?, name: String, generation: Int, state: ContractState, regionCode: String, departmentCode: String,
                 territory: String, signedOn: String?, isConfidential: Bool, isPublished: Bool) {
        self.id = id?.uuidString ?? ""
        href = id.map { SitePath.contract($0).href } ?? ""
        publicHref = id.map { SitePath.publicContract($0).href } ?? ""
        self.name = name
        self.generation = generation
        stateCode = state.rawValue
        stateLabel = state.label
        regionName = AdministrativeAreas.region(regionCode)?.name ?? regionCode
        self.departmentCode = departmentCode
        departmentName = AdministrativeAreas.department(departmentCode)?.name ?? departmentCode
        self.territory = territory
        self.signedOn = FrenchFormat.date(signedOn.flatMap(CalendarDay.init(parsing:)))
        self.isConfidential = isConfidential
        self.isPublished = isPublished
    }
}

struct ContractDetailView: Encodable {
    let summary: ContractSummaryView
    let stateExplanation: String
    let initiative: String
    let isARSPriority: Bool
    let description: String
    let prsReferences: String
    let linkedSchemes: [String]
    let firstContactOn: String
    let diagnosticOn: String
    let startsOn: String
    let endsOn: String
    let duration: String

    init(_ contract: Contract) {
        summary = ContractSummaryView(contract)
        stateExplanation = contract.contractState.explanation
        initiative = contract.contractInitiative?.label ?? "Non renseignée"
        isARSPriority = contract.isARSPriority
        description = contract.summary
        prsReferences = contract.prsReferences
        linkedSchemes = contract.linkedSchemes.map(\.label)
        func day(_ text: String?) -> String { FrenchFormat.date(text.flatMap(CalendarDay.init(parsing:))) }
        firstContactOn = day(contract.firstContactOn)
        diagnosticOn = day(contract.diagnosticOn)
        startsOn = day(contract.startsOn)
        endsOn = day(contract.endsOn)
        duration = contract.durationYears.map { FrenchFormat.count($0, singular: "an", plural: "ans") } ?? "—"
    }
}

struct StateStepView: Encodable {
    let fromLabel: String?
    let toLabel: String
    let toCode: String
    let effectiveOn: String
    let comment: String
    let actor: String
    let recordedAt: String

    init(_ step: ContractStateChange) {
        fromLabel = step.fromState.flatMap(ContractState.init(rawValue:))?.label
        toLabel = ContractState(rawValue: step.toState)?.label ?? step.toState
        toCode = step.toState
        effectiveOn = FrenchFormat.date(CalendarDay(parsing: step.effectiveOn))
        comment = step.comment
        actor = step.actorLabel
        recordedAt = step.createdAt.map { FrenchFormat.dateTime($0) } ?? ""
    }
}

struct SignatoryView: Encodable {
    let id: String
    let organisationHref: String
    let organisationName: String
    let organisationKind: String
    let remove: String
    let representative: String
    let representativeRole: String
    let deliberationOn: String
    let signedOn: String

    init(_ signatory: Signatory) {
        id = signatory.id?.uuidString ?? ""
        organisationHref = SitePath.organisation(signatory.$organisation.id).href
        remove = SitePath.contract(signatory.$contract.id, .removeSignatory(signatory.id ?? UUID())).href
        organisationName = signatory.organisation.name
        organisationKind = signatory.organisation.organisationKind.label
        representative = signatory.representative
        representativeRole = signatory.representativeRole
        deliberationOn = FrenchFormat.date(signatory.deliberationOn.flatMap(CalendarDay.init(parsing:)))
        signedOn = FrenchFormat.date(signatory.signedOn.flatMap(CalendarDay.init(parsing:)))
    }
}

struct PartnerView: Encodable {
    let id: String
    let organisationHref: String
    let organisationName: String
    let organisationKind: String
    let remove: String
    let contribution: String

    init(_ partner: Partner) {
        id = partner.id?.uuidString ?? ""
        organisationHref = SitePath.organisation(partner.$organisation.id).href
        remove = SitePath.contract(partner.$contract.id, .removePartner(partner.id ?? UUID())).href
        organisationName = partner.organisation.name
        organisationKind = partner.organisation.organisationKind.label
        contribution = partner.contribution
    }
}

/// One line of an object's history or of the journal.
struct AuditEntryView: Encodable {
    struct Change: Encodable {
        let label: String
        let old: String
        let new: String
        /// A code kept for machines (a theme's code, beside its label): shown as code.
        let isCode: Bool
    }

    let occurredAt: String
    let actor: String
    let action: String
    let entityType: String
    let entityLabel: String
    let changes: [Change]

    /// - Parameter words: names for the ids and labels for the codes the entry holds.
    init(_ entry: AuditEntry, words: AuditWords) {
        occurredAt = FrenchFormat.dateTime(entry.occurredAt)
        actor = words.author(of: entry)
        action = entry.auditAction?.label ?? entry.action
        entityType = AuditEntityLabels.label(entry.entityType)
        entityLabel = words.label(of: entry)
        changes = entry.changes.map { change in
            Change(label: change.label, old: words.value(change.old, field: change.field, entityType: entry.entityType),
                   new: words.value(change.new, field: change.field, entityType: entry.entityType), isCode: change.field == "code")
        }
    }

    /// The entries as a person reads them, their ids and codes put into words.
    static func all(_ entries: some Collection<AuditEntry>, on database: any Database) async throws -> [AuditEntryView] {
        let words = try await AuditWords.load(for: Array(entries), on: database)
        return entries.map { AuditEntryView($0, words: words) }
    }
}
