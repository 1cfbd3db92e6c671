import CLSCore
import FluentKit
import Foundation

/// The work on the shared diagnosis, through the audited path: its narrative, its findings citing
/// indicators, the priorities proposed from them, decided (retained or set aside with a reason)
/// and turned into axes — and which actions answer which finding.
public enum DiagnosisWork {
    public struct Refusal: Error, Sendable {
        public let message: String
        public let field: String?
    }

    public struct Narrative: Sendable {
        public var author = "", funders = "", sources = "", portrait = "", healthStatus = "", resources = "", voices = ""
        public var startedOn: CalendarDay?
        public var finishedOn: CalendarDay?
        public var cost: Double?
        public init() {}
    }

    public static func narrative(contractId: UUID, on database: any Database) async throws -> SharedDiagnosis? {
        try await SharedDiagnosis.query(on: database).filter(\.$contractId == contractId).first()
    }

    public static func findings(contractId: UUID, on database: any Database) async throws -> [DiagnosisFinding] {
        try await DiagnosisFinding.query(on: database).filter(\.$contractId == contractId).sort(\.$position).all()
    }

    public static func priorities(contractId: UUID, on database: any Database) async throws -> [ContractPriority] {
        try await ContractPriority.query(on: database).filter(\.$contractId == contractId).sort(\.$position).all()
    }

    @discardableResult
    public static func save(_ narrative: Narrative, of contract: Contract, using mutations: Mutations) async throws -> Bool {
        let permission = Permission.editContract(contract.accessScope)
        try AccessPolicy.require(mutations.actor.subject, permission)
        if let start = narrative.startedOn, let end = narrative.finishedOn, end < start {
            throw Refusal(message: "La fin du diagnostic ne peut précéder son début.", field: "finishedOn")
        }
        let contractId = try contract.requireID()
        return try await mutations.transaction { tx in
            let record = try await Self.narrative(contractId: contractId, on: tx.database)
            func apply(_ row: SharedDiagnosis) {
                row.author = narrative.author; row.funders = narrative.funders; row.sources = narrative.sources
                row.portrait = narrative.portrait; row.healthStatus = narrative.healthStatus; row.resources = narrative.resources
                row.voices = narrative.voices; row.startedOn = narrative.startedOn?.iso; row.finishedOn = narrative.finishedOn?.iso
                row.cost = narrative.cost
            }
            guard let record else {
                let row = SharedDiagnosis(contractId: contractId)
                apply(row)
                try await tx.create(row, permission: permission)
                return true
            }
            return try await tx.update(record, permission: permission, apply)
        }
    }

    @discardableResult
    public static func addFinding(to contract: Contract, text: String, indicatorCodes: [String], using mutations: Mutations) async throws -> DiagnosisFinding {
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw Refusal(message: "Écrivez le constat.", field: "text") }
        let contractId = try contract.requireID()
        let known = Set(try await DiagnosticIndicator.query(on: mutations.database).all().map(\.code))
        let position = try await DiagnosisFinding.query(on: mutations.database).filter(\.$contractId == contractId).count()
        let finding = DiagnosisFinding(contractId: contractId, text: text, indicatorCodes: indicatorCodes.filter(known.contains), position: position)
        try await mutations.create(finding, permission: .editContract(contract.accessScope))
        return finding
    }

    public static func removeFinding(_ finding: DiagnosisFinding, of contract: Contract, using mutations: Mutations) async throws {
        try await mutations.delete(finding, permission: .editContract(contract.accessScope))
    }

    @discardableResult
    public static func propose(in contract: Contract, findingId: UUID?, title: String, prsReference: String, domain: CompetenceDomain?,
                               using mutations: Mutations) async throws -> ContractPriority {
        let title = title.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !title.isEmpty else { throw Refusal(message: "Donnez l'intitulé de la priorité.", field: "title") }
        let contractId = try contract.requireID()
        if let findingId, try await DiagnosisFinding.find(findingId, on: mutations.database)?.contractId != contractId {
            throw Refusal(message: "Choisissez un constat de ce diagnostic.", field: "findingId")
        }
        let position = try await ContractPriority.query(on: mutations.database).filter(\.$contractId == contractId).count()
        let priority = ContractPriority(contractId: contractId, findingId: findingId, title: title,
                                        prsReference: prsReference.trimmingCharacters(in: .whitespacesAndNewlines), domain: domain, position: position)
        try await mutations.create(priority, permission: .editContract(contract.accessScope))
        return priority
    }

    /// Retains or sets aside a priority; setting aside needs its reason.
    @discardableResult
    public static func decide(_ priority: ContractPriority, of contract: Contract, status: PriorityStatus, reason: String, forLocalPlan: Bool,
                              using mutations: Mutations) async throws -> Bool {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        if status == .rejected, reason.isEmpty {
            throw Refusal(message: "Donnez le motif pour lequel la priorité est écartée (par exemple : hors du champ que l'ARS finance).", field: "reason")
        }
        return try await mutations.update(priority, permission: .editContract(contract.accessScope)) {
            $0.status = status.rawValue
            $0.reason = reason
            $0.forLocalPlan = status == .rejected && forLocalPlan
        }
    }

    /// A retained priority becomes an axis of the programme, in one step.
    @discardableResult
    public static func makeAxis(of priority: ContractPriority, in contract: Contract, using mutations: Mutations) async throws -> ProgrammeSection {
        guard priority.priorityStatus == .retained else {
            throw Refusal(message: "Seule une priorité retenue devient un axe du programme.", field: nil)
        }
        guard priority.sectionId == nil else { throw Refusal(message: "Cette priorité est déjà un axe du programme.", field: nil) }
        var finding: DiagnosisFinding?
        if let findingId = priority.findingId { finding = try await DiagnosisFinding.find(findingId, on: mutations.database) }
        return try await mutations.transaction { tx in
            let axis = try await ProgrammeEditing.createSection(
                in: contract, parentId: nil, title: priority.title,
                summary: finding.map { "Priorité issue du diagnostic local partagé. Constat : \($0.text)" } ?? "Priorité issue du diagnostic local partagé.",
                objectiveKind: nil, using: tx)
            try await tx.update(priority, permission: .editContract(contract.accessScope)) { $0.sectionId = axis.id }
            return axis
        }
    }

    /// The fiches actions under each axis a priority became, by finding: what answers each finding.
    public static func actionsByFinding(contractId: UUID, on database: any Database) async throws -> [UUID: [Action]] {
        let priorities = try await ContractPriority.query(on: database).filter(\.$contractId == contractId).filter(\.$sectionId != nil).all()
        guard !priorities.isEmpty else { return [:] }
        let sections = try await ProgrammeSection.query(on: database).filter(\.$contract.$id == contractId).all()
        let parents = Dictionary(uniqueKeysWithValues: sections.map { ($0.id!, $0.$parent.id) })
        func axis(of sectionId: UUID) -> UUID {
            var current = sectionId
            while let parent = parents[current] ?? nil { current = parent }
            return current
        }
        let actions = try await Action.query(on: database).filter(\.$contract.$id == contractId).filter(\.$parentAction.$id == nil)
            .sort(\.$position).all()
        var byAxis: [UUID: [Action]] = [:]
        for action in actions { byAxis[axis(of: action.$section.id), default: []].append(action) }
        var result: [UUID: [Action]] = [:]
        for priority in priorities {
            guard let finding = priority.findingId, let section = priority.sectionId else { continue }
            result[finding, default: []] += byAxis[section] ?? []
        }
        return result
    }

    /// DOMAIN.md §3 step 4: every priority within the competences of at least two signatories —
    /// a warning, not a block. Nil when the rule holds or the priority names no competence.
    public static func competenceWarning(_ priority: ContractPriority, signatories: [Organisation]) -> String? {
        guard let domain = priority.competence else { return nil }
        let competent = signatories.filter { $0.competences.contains(domain) }.map(\.name)
        guard competent.count < 2 else { return nil }
        if signatories.isEmpty {
            return "Les signataires ne sont pas encore désignés : la règle veut au moins deux signataires compétents en « \(domain.label) »."
        }
        return competent.isEmpty
            ? "Aucun signataire n'a la compétence « \(domain.label) » : la règle veut au moins deux signataires compétents."
            : "Seul \(competent[0]) a la compétence « \(domain.label) » parmi les signataires : la règle veut au moins deux signataires compétents."
    }

    /// The priority a fiche action answers (through the axis the priority became) and the finding
    /// behind it, for the fiche's page.
    public static func priorityAnswered(by action: Action, on database: any Database) async throws -> (priority: ContractPriority, finding: DiagnosisFinding?)? {
        let contractId = action.$contract.id
        let priorities = try await ContractPriority.query(on: database).filter(\.$contractId == contractId).filter(\.$sectionId != nil).all()
        guard !priorities.isEmpty else { return nil }
        let sections = try await ProgrammeSection.query(on: database).filter(\.$contract.$id == contractId).all()
        let parents = Dictionary(uniqueKeysWithValues: sections.map { ($0.id!, $0.$parent.id) })
        var axis = action.$section.id
        while let parent = parents[axis] ?? nil { axis = parent }
        guard let priority = priorities.first(where: { $0.sectionId == axis }) else { return nil }
        var finding: DiagnosisFinding?
        if let findingId = priority.findingId { finding = try await DiagnosisFinding.find(findingId, on: database) }
        return (priority, finding)
    }
}
