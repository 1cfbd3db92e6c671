import CLSCore
import FluentKit
import Foundation

/// Renews a contract at the end of its evaluation (DOMAIN.md §3 step 8): the next-generation
/// contract is created, linked to this one, with what the coordinator chose to carry forward —
/// the perimeter, the signatories and partners, the governance bodies and their members, and a
/// chosen set of fiches actions (with their axes and objectives), each keeping a link to its
/// predecessor. The renewed contract moves to « Renouvelé ». All of it lands, or none.
public enum ContractRenewal {
    public enum Refusal: Error, Sendable, Equatable {
        case notInEvaluation(String)
        case emptyName
        case unknownAction

        public var field: String? { self == .emptyName ? "name" : nil }

        public var message: String {
            switch self {
            case .notInEvaluation(let state):
                "Un contrat se renouvelle à l'issue de son évaluation finale ; celui-ci est à l'étape « \(state) » : passez-le d'abord à l'étape « Évaluation »."
            case .emptyName: "Donnez un nom au nouveau contrat."
            case .unknownAction: "Une des fiches actions choisies n'appartient pas à ce contrat."
            }
        }
    }

    /// What the coordinator carries into the next contract.
    public struct Choice: Sendable {
        public var name: String
        public var carriesPerimeter: Bool
        public var carriesParties: Bool
        public var carriesBodies: Bool
        public var actionIds: Set<UUID>

        public init(name: String, carriesPerimeter: Bool = true, carriesParties: Bool = true, carriesBodies: Bool = true, actionIds: Set<UUID>) {
            self.name = name
            self.carriesPerimeter = carriesPerimeter
            self.carriesParties = carriesParties
            self.carriesBodies = carriesBodies
            self.actionIds = actionIds
        }
    }

    /// A fiche action the coordinator may carry forward, and whether it is proposed by default.
    public struct Candidate: Sendable {
        public let action: Action
        /// "Axe 1 – Accès aux soins › Objectif 1.2 – …".
        public let place: String
        public let isProposed: Bool
    }

    /// Ongoing (in progress, late, paused or blocked) and recurring or continuous actions are
    /// proposed; done, abandoned and not started ones are offered but left unticked.
    public static func isProposed(_ action: Action) -> Bool {
        let ongoing: Set<ActionStatus> = [.inProgress, .late, .paused, .blocked]
        return action.isRecurring || action.isContinuous || ActionStatus(rawValue: action.status).map(ongoing.contains) == true
    }

    public static func candidates(of contract: Contract, on database: any Database) async throws -> [Candidate] {
        let tree = try await ProgrammeTree.load(contractId: try contract.requireID(), on: database)
        var candidates: [Candidate] = []
        func walk(_ node: ProgrammeTree.SectionNode, number: String, path: [String]) {
            let kind = node.section.sectionKind == .axis ? "Axe" : "Objectif"
            let place = path + ["\(kind) \(number) – \(node.section.title)"]
            for action in node.actions {
                candidates.append(Candidate(action: action.action, place: place.joined(separator: " › "), isProposed: isProposed(action.action)))
            }
            for (index, child) in node.children.enumerated() { walk(child, number: "\(number).\(index + 1)", path: place) }
        }
        for (index, axis) in tree.axes.enumerated() { walk(axis, number: "\(index + 1)", path: []) }
        return candidates
    }

    /// The next generation's usual name: "CLS de Bobigny" → "CLS 2 de Bobigny", "CLS 2 de Belle-Île" → "CLS 3 de Belle-Île".
    public static func suggestedName(for contract: Contract) -> String {
        let next = contract.generation + 1
        let words = contract.name.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        if words.count > 1, words[0] == "CLS" {
            if Int(words[1]) != nil { return (["CLS", String(next)] + words.dropFirst(2)).joined(separator: " ") }
            return (["CLS", String(next)] + words.dropFirst()).joined(separator: " ")
        }
        return "\(contract.name) (\(next)e génération)"
    }

    @discardableResult
    public static func renew(_ contract: Contract, choice: Choice, on day: CalendarDay, using mutations: Mutations) async throws -> Contract {
        let create = Permission.createContract(regionCode: contract.regionCode, departmentCode: contract.departmentCode)
        try AccessPolicy.require(mutations.actor.subject, create)
        try AccessPolicy.require(mutations.actor.subject, .changeContractState(contract.accessScope))
        guard contract.contractState == .evaluation else { throw Refusal.notInEvaluation(contract.contractState.label) }
        let name = choice.name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw Refusal.emptyName }
        let oldId = try contract.requireID()

        return try await mutations.transaction { tx in
            let database = tx.database
            let next = Contract(name: name, generation: contract.generation + 1, state: .diagnostic,
                                regionCode: contract.regionCode, departmentCode: contract.departmentCode, territoryLabel: contract.territoryLabel)
            next.$previousContract.id = oldId
            next.initiative = contract.initiative
            next.isARSPriority = contract.isARSPriority
            next.summary = contract.summary
            next.prsReferences = contract.prsReferences
            next.linkedSchemeCodes = contract.linkedSchemeCodes
            next.durationYears = contract.durationYears
            next.isConfidential = contract.isConfidential
            next.firstContactOn = day.iso
            try await tx.create(next, permission: create)
            let nextId = try next.requireID()
            let scope = next.accessScope
            let edit = Permission.editContract(scope)
            try await ContractStateChange(contractId: nextId, from: nil, to: .diagnostic, effectiveOn: day,
                                          comment: "Renouvellement du contrat « \(contract.name) » : actualisation du diagnostic.",
                                          actorId: tx.actor.userId, actorLabel: tx.actor.label).create(on: database)

            if choice.carriesPerimeter, let perimeter = try await Perimeters.current(contractId: oldId, on: database) {
                let carried = ContractPerimeter(contractId: nextId, kind: ContractPerimeter.Kind(rawValue: perimeter.kind) ?? .communes,
                                                epciSiren: perimeter.epciSiren, communeCodes: perimeter.communes,
                                                focusQPVCodes: perimeter.focusQPVs, validFrom: day, label: perimeter.label)
                try await tx.create(carried, permission: edit)
            }
            if choice.carriesParties {
                for signatory in try await Signatory.query(on: database).filter(\.$contract.$id == oldId).all() {
                    try await tx.create(Signatory(contractId: nextId, organisationId: signatory.$organisation.id,
                                                  representative: signatory.representative, representativeRole: signatory.representativeRole),
                                        permission: edit)
                }
                for partner in try await Partner.query(on: database).filter(\.$contract.$id == oldId).all() {
                    try await tx.create(Partner(contractId: nextId, organisationId: partner.$organisation.id, contribution: partner.contribution),
                                        permission: edit)
                }
            }
            if choice.carriesBodies {
                let members = try await BodyMember.query(on: database).filter(\.$contractId == oldId).filter(\.$leftOn == nil).all()
                for body in try await GovernanceBody.query(on: database).filter(\.$contractId == oldId).sort(\.$name).all() {
                    let carried = GovernanceBody(contractId: nextId, kind: body.kind, name: body.name, coLeadSector: body.coLeadSector,
                                                 chairs: body.chairs, purpose: body.purpose)
                    try await tx.create(carried, permission: edit)
                    for member in members where member.$body.id == body.id {
                        try await tx.create(BodyMember(contractId: nextId, bodyId: try carried.requireID(), organisationId: member.organisationId,
                                                       organisationName: member.organisationName, personName: member.personName, role: member.role,
                                                       representsSignatory: member.representsSignatory, isInhabitant: member.isInhabitant,
                                                       joinedOn: day.iso),
                                            permission: edit)
                    }
                }
            }
            try await carryActions(choice.actionIds, from: contract, to: next, using: tx)

            try await ContractTransitions.transition(contract, to: .renouvele, effectiveOn: day,
                                                     comment: "Renouvelé par le contrat « \(name) ».", using: tx)
            return next
        }
    }

    /// Copies the chosen fiches actions (every field, their sub-actions) under copies of their
    /// axes and objectives, in their order; each copy records its predecessor.
    static func carryActions(_ ids: Set<UUID>, from contract: Contract, to next: Contract, using tx: Mutations) async throws {
        guard !ids.isEmpty else { return }
        let database = tx.database
        let oldId = try contract.requireID(), nextId = try next.requireID()
        let permission = Permission.editProgramme(next.accessScope)
        let actions = try await Action.query(on: database).filter(\.$contract.$id == oldId).all()
        let chosen = actions.filter { ids.contains($0.id!) && $0.$parentAction.id == nil }
        guard chosen.count == ids.count else { throw Refusal.unknownAction }
        let sections = Dictionary(uniqueKeysWithValues: try await ProgrammeSection.query(on: database).filter(\.$contract.$id == oldId).all().map { ($0.id!, $0) })

        var copiedSections: [UUID: UUID] = [:]
        func section(_ oldSectionId: UUID) async throws -> UUID {
            if let copied = copiedSections[oldSectionId] { return copied }
            guard let old = sections[oldSectionId] else { throw Refusal.unknownAction }
            var parent: UUID?
            if let oldParent = old.$parent.id { parent = try await section(oldParent) }
            let copy = ProgrammeSection(contractId: nextId, parentId: parent, kind: old.sectionKind, title: old.title, position: old.position)
            copy.objectiveKind = old.objectiveKind
            copy.summary = old.summary
            try await tx.create(copy, permission: permission)
            copiedSections[oldSectionId] = try copy.requireID()
            return try copy.requireID()
        }
        func copy(_ old: Action, sectionId: UUID, parentId: UUID?) async throws -> Action {
            // Through its coding, so that every stored field comes along, those added later too.
            let copy = try JSONDecoder().decode(Action.self, from: JSONEncoder().encode(old))
            copy.id = nil
            copy.$contract.id = nextId
            copy.$section.id = sectionId
            copy.$parentAction.id = parentId
            copy.isNew = false
            copy.createdAt = nil
            copy.updatedAt = nil
            try await tx.create(copy, permission: permission)
            try await tx.create(ActionPredecessor(actionId: try copy.requireID(), contractId: nextId, predecessor: old, predecessorContractId: oldId),
                                permission: permission)
            return copy
        }
        let subActions = Dictionary(grouping: actions.filter { $0.$parentAction.id != nil }, by: { $0.$parentAction.id! })
        for old in chosen.sorted(by: { ($0.position, $0.title) < ($1.position, $1.title) }) {
            let sectionId = try await section(old.$section.id)
            let carried = try await copy(old, sectionId: sectionId, parentId: nil)
            for sub in (subActions[old.id!] ?? []).sorted(by: { $0.position < $1.position }) {
                _ = try await copy(sub, sectionId: sectionId, parentId: try carried.requireID())
            }
        }
    }
}
