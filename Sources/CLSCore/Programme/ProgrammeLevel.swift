/// The levels of a contract's programme (DOMAIN.md §4): axe stratégique → objectif
/// (nested up to 3 levels) → fiche action → sous-action.
public enum ProgrammeNodeKind: String, CaseIterable, Codable, Sendable {
    case axis
    case objective
    case action
    case subAction = "sub_action"

    public var label: String {
        switch self {
        case .axis: "Axe stratégique"
        case .objective: "Objectif"
        case .action: "Fiche action"
        case .subAction: "Sous-action"
        }
    }

    /// The label after "un" / "une", in lower case: "un axe stratégique", "une fiche action".
    public var withArticle: String {
        switch self {
        case .axis: "un axe stratégique"
        case .objective: "un objectif"
        case .action: "une fiche action"
        case .subAction: "une sous-action"
        }
    }
}

/// Whether an objective is strategic or operational. Stored in `programme_sections.objective_kind`.
public enum ObjectiveKind: String, CaseIterable, Codable, Sendable, CodedVocabulary {
    case strategic = "strategique"
    case operational = "operationnel"

    public var label: String {
        switch self {
        case .strategic: "Objectif stratégique"
        case .operational: "Objectif opérationnel"
        }
    }

    public var variants: [String] {
        switch self {
        case .strategic: ["Stratégique", "Objectif général"]
        case .operational: ["Opérationnel", "Objectif spécifique"]
        }
    }
}

/// The tree rule of the programme.
public enum ProgrammeStructure {
    /// Objectives nest at most this deep (an objective of an objective of an objective).
    public static let maxObjectiveDepth = 3

    /// Checks that a node of kind `child` may be placed under `parent` (`nil`: the root of the
    /// programme). `objectiveDepth` is the number of objectives on the way from the root down to
    /// the parent, the parent included: 0 under an axis, 1 under a first-level objective…
    /// (a parent objective counts at least 1 whatever the value given).
    ///
    /// - axes only at the root;
    /// - objectives under an axis or an objective, 3 levels at most;
    /// - fiches actions under an axis or an objective;
    /// - sous-actions only under a fiche action (no sub-sub-actions).
    public static func canAttach(
        child: ProgrammeNodeKind, to parent: ProgrammeNodeKind?, objectiveDepth: Int
    ) throws(ProgrammeStructureError) {
        switch child {
        case .axis:
            guard parent == nil else { throw .misplaced(child: child, parent: parent) }
        case .objective:
            switch parent {
            case .axis: return
            case .objective:
                if max(objectiveDepth, 1) >= maxObjectiveDepth { throw .objectiveTooDeep(maxDepth: maxObjectiveDepth) }
            case nil, .action, .subAction:
                throw .misplaced(child: child, parent: parent)
            }
        case .action:
            guard parent == .axis || parent == .objective else { throw .misplaced(child: child, parent: parent) }
        case .subAction:
            guard parent == .action else { throw .misplaced(child: child, parent: parent) }
        }
    }

    /// Whether `canAttach` accepts the placement.
    public static func allows(child: ProgrammeNodeKind, under parent: ProgrammeNodeKind?, objectiveDepth: Int) -> Bool {
        do {
            try canAttach(child: child, to: parent, objectiveDepth: objectiveDepth)
            return true
        } catch {
            return false
        }
    }

    /// The kinds that may be placed under `parent`, in the order of the levels (for a menu).
    public static func allowedChildren(of parent: ProgrammeNodeKind?, objectiveDepth: Int) -> [ProgrammeNodeKind] {
        ProgrammeNodeKind.allCases.filter { allows(child: $0, under: parent, objectiveDepth: objectiveDepth) }
    }
}

public enum ProgrammeStructureError: Error, Equatable, Sendable {
    /// `child` cannot go under `parent` (`nil`: at the root of the programme).
    case misplaced(child: ProgrammeNodeKind, parent: ProgrammeNodeKind?)
    /// A fourth level of objective.
    case objectiveTooDeep(maxDepth: Int)

    /// What a user reads, with the way out.
    public var message: String {
        switch self {
        case .objectiveTooDeep(let maxDepth):
            return "Les objectifs s'emboîtent sur \(maxDepth) niveaux au plus. Rattachez ce nouvel objectif à un objectif de niveau supérieur, ou créez plutôt une fiche action."
        case .misplaced(let child, let parent):
            let place = parent.map { "sous \($0.withArticle)" } ?? "à la racine du programme"
            switch child {
            case .axis:
                return "Un axe stratégique se place à la racine du programme, pas \(place)."
            case .objective:
                return "Un objectif ne peut pas se placer \(place) : rattachez-le à un axe stratégique ou à un autre objectif."
            case .action:
                return "Une fiche action ne peut pas se placer \(place) : rattachez-la à un axe stratégique ou à un objectif."
            case .subAction:
                if parent == .subAction {
                    return "Une sous-action ne peut pas avoir de sous-action : rattachez-la à la fiche action."
                }
                return "Une sous-action ne peut pas se placer \(place) : rattachez-la à une fiche action."
            }
        }
    }
}
