/// The legal transitions between contract states (DOMAIN.md §3).
///
/// A contract moves forward one stage at a time; the préfiguration stage may be skipped
/// (not every region signs a CLS de préfiguration). It may be suspended or abandoned at any
/// active stage, resumes from suspension to the stage it left, and ends renewed or closed.
public enum ContractLifecycle {
    /// The states a contract may move to from `state`. `resumeState` is the stage a
    /// suspended contract was in before its suspension (read from its history).
    public static func allowedTargets(from state: ContractState, resumeState: ContractState? = nil) -> [ContractState] {
        switch state {
        case .emergence: return [.prefiguration, .diagnostic, .suspendu, .abandonne]
        case .prefiguration: return [.diagnostic, .suspendu, .abandonne]
        case .diagnostic: return [.elaboration, .suspendu, .abandonne]
        case .elaboration: return [.signe, .suspendu, .abandonne]
        case .signe: return [.miseEnOeuvre, .suspendu, .abandonne]
        case .miseEnOeuvre: return [.evaluation, .clos, .suspendu, .abandonne]
        case .evaluation: return [.renouvele, .clos, .suspendu, .abandonne]
        case .suspendu:
            let resume = resumeState.flatMap { ContractState.stages.contains($0) ? $0 : nil }
            return (resume.map { [$0] } ?? []) + [.abandonne]
        case .renouvele, .clos, .abandonne: return []
        }
    }

    /// Checks a transition and explains in French why it is refused.
    public static func validate(
        from state: ContractState, to target: ContractState, resumeState: ContractState? = nil
    ) throws(LifecycleError) {
        if state == target { throw .unchanged(state) }
        if state.isTerminal { throw .terminal(state) }
        let allowed = allowedTargets(from: state, resumeState: resumeState)
        guard allowed.contains(target) else { throw .notAllowed(from: state, to: target, allowed: allowed) }
    }
}

public enum LifecycleError: Error, Equatable, Sendable {
    case unchanged(ContractState)
    case terminal(ContractState)
    case notAllowed(from: ContractState, to: ContractState, allowed: [ContractState])

    /// What a user reads, with the way out.
    public var message: String {
        switch self {
        case .unchanged(let state):
            return "Le contrat est déjà à l'état « \(state.label) »."
        case .terminal(let state):
            return "Le contrat est à l'état « \(state.label) », qui est définitif : aucun changement d'état n'est possible. Pour poursuivre la démarche, créez un contrat de nouvelle génération."
        case .notAllowed(let from, let to, let allowed):
            let options = allowed.map { "« \($0.label) »" }.joined(separator: ", ")
            return "Passage de « \(from.label) » à « \(to.label) » impossible. Depuis « \(from.label) », le contrat peut passer à : \(options)."
        }
    }
}
