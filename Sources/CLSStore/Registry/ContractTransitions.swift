import CLSCore
import FluentKit
import Foundation

/// Moves a contract through its lifecycle: checks the rules, records the dated step and audits it.
public enum ContractTransitions {
    public enum Failure: Error, Sendable {
        case lifecycle(LifecycleError)
        case signature(SignatureError)

        public var message: String {
            switch self {
            case .lifecycle(let error): error.message
            case .signature(let error): error.message
            }
        }
    }

    /// The stage a suspended contract returns to: the one it left when it was suspended.
    public static func resumeState(of contract: Contract, on database: any Database) async throws -> ContractState? {
        guard contract.contractState == .suspendu, let id = contract.id else { return nil }
        let suspension = try await ContractStateChange.query(on: database)
            .filter(\.$contract.$id == id)
            .filter(\.$toState == ContractState.suspendu.rawValue)
            .sort(\.$createdAt, .descending)
            .first()
        return suspension?.fromState.flatMap(ContractState.init(rawValue:))
    }

    /// The states the contract may move to now.
    public static func allowedTargets(of contract: Contract, on database: any Database) async throws -> [ContractState] {
        ContractLifecycle.allowedTargets(from: contract.contractState,
                                         resumeState: try await resumeState(of: contract, on: database))
    }

    /// - Parameter freezingSignedVersion: false only when the caller keeps the signed version itself,
    ///   once the contract is complete (the demo builds its contracts' history before their content).
    public static func transition(_ contract: Contract, to target: ContractState, effectiveOn: CalendarDay,
                                  comment: String, freezingSignedVersion: Bool = true, using mutations: Mutations) async throws {
        try AccessPolicy.require(mutations.actor.subject, .changeContractState(contract.accessScope))
        let current = contract.contractState
        do {
            try ContractLifecycle.validate(from: current, to: target,
                                           resumeState: try await resumeState(of: contract, on: mutations.database))
        } catch let error as LifecycleError {
            throw Failure.lifecycle(error)
        }
        if target == .signe {
            let kinds = try await Signatory.query(on: mutations.database)
                .filter(\.$contract.$id == contract.requireID())
                .with(\.$organisation)
                .all()
                .map(\.organisation.organisationKind)
            do { try SignatureReadiness.check(signatoryKinds: kinds) } catch {
                throw Failure.signature(error)
            }
        }
        let contractId = try contract.requireID()
        let permission = Permission.changeContractState(contract.accessScope)
        try await mutations.transaction { tx in
            let step = ContractStateChange(contractId: contractId, from: current, to: target, effectiveOn: effectiveOn,
                                           comment: comment, actorId: tx.actor.userId, actorLabel: tx.actor.label)
            try await step.create(on: tx.database)
            let context = [FieldChange(field: "effective_on", label: "Date d'effet", old: nil, new: FrenchFormat.date(effectiveOn))]
                + (comment.isEmpty ? [] : [FieldChange(field: "comment", label: "Commentaire", old: nil, new: comment)])
            try await tx.update(contract, permission: permission, action: .transition, context: context) { contract in
                contract.state = target.rawValue
                if target == .signe, contract.signedOn == nil { contract.signedOn = effectiveOn.iso }
            }
            // The contract as signed is kept: its programme, parties and texts as they were that day.
            if target == .signe, freezingSignedVersion { try await ContractVersions.freezeSigned(contract, on: effectiveOn, using: tx) }
        }
    }
}
