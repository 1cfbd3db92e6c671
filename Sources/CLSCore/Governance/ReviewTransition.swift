/// A step of the yearly review workflow (`ReviewWorkflow`). Raw values are stable codes kept in
/// the review's history.
public enum ReviewTransition: String, CaseIterable, Codable, Sendable {
    /// Saisie → consolidé: the coordination gathers the pilots' entries.
    case consolidate = "consolider"
    /// Consolidé → saisie: the coordination gives the entries back to the pilots.
    case reopen = "rouvrir"
    /// Consolidé → vérifié: the COTECH has checked the consolidated review.
    case check = "verifier"
    /// Vérifié → consolidé: the COTECH (or the ARS) sends the review back to the coordination.
    case returnToCoordination = "renvoyer_coordination"
    /// Vérifié → approuvé: the ARS, as signatory, records the COPIL's approval; the year locks.
    case approve = "approuver"
    /// Approuvé → consolidé: the ARS unlocks an approved year, with a reason, for the audit trail.
    case unlock = "deverrouiller"

    /// The state the transition leaves.
    public var source: ReviewState {
        switch self {
        case .consolidate: .open
        case .reopen, .check: .consolidated
        case .returnToCoordination, .approve: .checked
        case .unlock: .approved
        }
    }

    /// The state the transition leads to.
    public var target: ReviewState {
        switch self {
        case .consolidate, .returnToCoordination, .unlock: .consolidated
        case .reopen: .open
        case .check: .checked
        case .approve: .approved
        }
    }

    /// The button text.
    public var label: String {
        switch self {
        case .consolidate: "Consolider le bilan"
        case .reopen: "Rouvrir la saisie"
        case .check: "Marquer vérifié en COTECH"
        case .returnToCoordination: "Renvoyer à la coordination"
        case .approve: "Approuver en COPIL"
        case .unlock: "Déverrouiller"
        }
    }

    /// The line of the review's history, in the past tense.
    public var pastLabel: String {
        switch self {
        case .consolidate: "Bilan consolidé"
        case .reopen: "Saisie rouverte"
        case .check: "Bilan vérifié en COTECH"
        case .returnToCoordination: "Bilan renvoyé à la coordination"
        case .approve: "Bilan approuvé en COPIL"
        case .unlock: "Année déverrouillée"
        }
    }

    /// Whether the transition needs a written reason (`ReviewTransitionContext.reason`).
    public var requiresReason: Bool { minimumReasonLength > 0 }

    /// The least number of characters of the reason (after trimming); 0 when none is needed.
    public var minimumReasonLength: Int {
        switch self {
        case .reopen, .returnToCoordination: 1
        case .unlock: ReviewWorkflow.minimumUnlockReasonLength
        case .consolidate, .check, .approve: 0
        }
    }

    /// The meeting whose date the transition records (`ReviewTransitionContext.meetingDate`):
    /// the COTECH for `check`, the COPIL for `approve`.
    public var meetingKind: GovernanceBodyKind? {
        switch self {
        case .check: .cotech
        case .approve: .copil
        case .consolidate, .reopen, .returnToCoordination, .unlock: nil
        }
    }

    /// Whether only the ARS (or the platform administrator) may take this step: the approval,
    /// which the ARS records as signatory, and the unlock of an approved year.
    public var isReservedToARS: Bool { self == .approve || self == .unlock }
}
