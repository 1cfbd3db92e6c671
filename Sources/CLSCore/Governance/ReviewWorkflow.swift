/// Who may move a contract's yearly review from one state to another, and on what conditions
/// (DOMAIN.md §4 "Annual review"):
///
///     saisie ──consolider──▶ consolidé ──vérifier──▶ vérifié ──approuver──▶ approuvé (verrouillé)
///        ◀──rouvrir──────        ◀──renvoyer──────          ◀───────déverrouiller───────┘ (vers consolidé)
///
/// - The coordination steps (consolidate, reopen, check, return to coordination) belong to the
///   contract's coordinator, the ARS of the contract's region or department, and the administrator.
/// - The approval and the unlock belong to the ARS of the contract's area (and the administrator)
///   only: the ARS, as signatory, records the COPIL's approval; the coordinator cannot approve their
///   own review.
/// - Roles are checked first (`ReviewRefusal.notAllowed`), then the state and the inputs
///   (`ReviewRefusal.invalid`). Pure: the caller reads the facts and records the history.
public enum ReviewWorkflow {
    /// The least number of characters (after trimming) of the reason given to unlock an approved year.
    public static let minimumUnlockReasonLength = 10

    /// An approved year is locked: its values may not change until the ARS unlocks it.
    public static func isLocked(state: ReviewState) -> Bool { state == .approved }

    // MARK: - Review transitions

    /// The steps `subject` may take from `state` (buttons to show), in workflow order. The inputs
    /// (pending entries, dates, reason) are checked by `apply`.
    public static func allowedTransitions(from state: ReviewState, subject: AccessSubject, scope: ContractScope) -> [ReviewTransition] {
        ReviewTransition.allCases.filter { $0.source == state && mayTake($0, subject: subject, scope: scope) }
    }

    /// Whether `subject`'s roles allow `transition` on this contract, whatever the review's state.
    public static func mayTake(_ transition: ReviewTransition, subject: AccessSubject, scope: ContractScope) -> Bool {
        transition.isReservedToARS ? actsForARS(subject, scope) : steers(subject, scope)
    }

    /// The state after `transition`, or why it is refused.
    public static func apply(
        _ transition: ReviewTransition, from state: ReviewState, subject: AccessSubject, scope: ContractScope,
        context: ReviewTransitionContext = .init()
    ) -> Result<ReviewState, ReviewRefusal> {
        guard mayTake(transition, subject: subject, scope: scope) else {
            return .failure(.notAllowed(notAllowedMessage(transition)))
        }
        guard state == transition.source else {
            if state == transition.target {
                return .failure(.invalid("Le bilan est déjà à l'état « \(state.label) »."))
            }
            return .failure(.invalid("Le bilan est à l'état « \(state.label) » : « \(transition.label) » n'est possible qu'à l'état « \(transition.source.label) »."))
        }
        if transition == .consolidate, context.pendingEntries > 0, !context.force {
            return .failure(.invalid(pendingEntriesMessage(context.pendingEntries)))
        }
        if transition == .approve, context.pendingEntries > 0, !context.force {
            return .failure(.invalid(pendingApprovalMessage(context.pendingEntries)))
        }
        if transition.meetingKind != nil, context.meetingDate == nil {
            return .failure(.invalid(transition == .check
                ? "Indiquez la date de la réunion du COTECH qui a vérifié le bilan."
                : "Indiquez la date du COPIL qui a approuvé le bilan."))
        }
        if transition == .approve, let copil = context.meetingDate, let cotech = context.checkedOn, copil < cotech {
            return .failure(.invalid("La date du COPIL (\(FrenchFormat.date(copil))) précède celle du COTECH qui a vérifié le bilan (\(FrenchFormat.date(cotech))) : le COPIL approuve un bilan déjà vérifié, corrigez sa date."))
        }
        if transition.requiresReason, (context.trimmedReason?.count ?? 0) < transition.minimumReasonLength {
            return .failure(.invalid(missingReasonMessage(transition)))
        }
        return .success(transition.target)
    }

    /// "2 fiches actions sont encore en brouillon. …": approving then needs an explicit confirmation.
    static func pendingApprovalMessage(_ count: Int) -> String {
        let facts = count == 1
            ? "1 fiche action est encore en brouillon : son bilan n'a pas été transmis par son pilote."
            : "\(FrenchFormat.integer(count)) fiches actions sont encore en brouillon : leur bilan n'a pas été transmis par leur pilote."
        return facts + " Pour approuver le bilan tel quel, cochez « Approuver malgré les fiches en brouillon »."
    }

    /// "3 fiches actions n'ont pas été transmises par leur pilote. …"
    static func pendingEntriesMessage(_ count: Int) -> String {
        let facts = count == 1
            ? "1 fiche action n'a pas été transmise par son pilote."
            : "\(FrenchFormat.integer(count)) fiches actions n'ont pas été transmises par leur pilote."
        return facts + " Relancez les pilotes, ou forcez la consolidation."
    }

    static func notAllowedMessage(_ transition: ReviewTransition) -> String {
        switch transition {
        case .approve:
            return "Seule l'ARS, signataire du contrat, enregistre l'approbation du bilan par le COPIL."
        case .unlock:
            return "Seule l'ARS peut déverrouiller une année approuvée."
        case .consolidate, .reopen, .check, .returnToCoordination:
            return "« \(transition.label) » est réservé à la coordination du contrat et à l'ARS."
        }
    }

    static func missingReasonMessage(_ transition: ReviewTransition) -> String {
        switch transition {
        case .reopen:
            return "Indiquez pourquoi la saisie est rouverte."
        case .returnToCoordination:
            return "Indiquez pourquoi le bilan est renvoyé à la coordination."
        default:
            return "Le déverrouillage d'une année approuvée doit être motivé : indiquez un motif d'au moins \(minimumUnlockReasonLength) caractères."
        }
    }

    // MARK: - Action entries

    /// Whether `subject` may change an action's entry (status, comment, indicator values, spending).
    /// See `checkEntryEdit`.
    public static func mayEditEntry(
        state: ReviewState, entryState: ReviewEntryState, subject: AccessSubject, scope: ContractScope, pilotUserId: String?
    ) -> Bool {
        checkEntryEdit(state: state, entryState: entryState, subject: subject, scope: scope, pilotUserId: pilotUserId) == nil
    }

    /// Whether `subject` may send an action's entry to the coordination. See `submitEntry`.
    public static func maySubmitEntry(
        state: ReviewState, entryState: ReviewEntryState, subject: AccessSubject, scope: ContractScope, pilotUserId: String?
    ) -> Bool {
        if case .success = submitEntry(state: state, entryState: entryState, subject: subject, scope: scope, pilotUserId: pilotUserId) {
            return true
        }
        return false
    }

    /// Whether `subject` may send a submitted entry back to its pilot (a comment will be needed).
    /// See `returnEntry`.
    public static func mayReturnEntry(state: ReviewState, entryState: ReviewEntryState, subject: AccessSubject, scope: ContractScope) -> Bool {
        returnRefusal(state: state, entryState: entryState, subject: subject, scope: scope) == nil
    }

    /// Why `subject` may not change an action's entry, nil when allowed. The entry may be changed
    /// only while the review is open, by the action's pilot (contract role pilot, named pilot of the
    /// action) as long as the entry is not submitted, or by the contract's coordinator or editors,
    /// the ARS of its area and the administrator, whatever the entry's state.
    public static func checkEntryEdit(
        state: ReviewState, entryState: ReviewEntryState, subject: AccessSubject, scope: ContractScope, pilotUserId: String?
    ) -> ReviewRefusal? {
        let coordination = editsProgramme(subject, scope)
        guard coordination || isPilot(subject, scope, of: pilotUserId) else {
            return .notAllowed("Seuls le pilote de l'action, la coordination du contrat et l'ARS peuvent renseigner ce bilan.")
        }
        if let refusal = closedReviewRefusal(state) { return refusal }
        if !coordination, entryState == .submitted {
            return .invalid("Vous avez transmis ce bilan : pour le modifier, demandez à la coordination de vous le renvoyer.")
        }
        return nil
    }

    /// Draft or returned → submitted, by whoever may edit the entry, while the review is open.
    public static func submitEntry(
        state: ReviewState, entryState: ReviewEntryState, subject: AccessSubject, scope: ContractScope, pilotUserId: String?
    ) -> Result<ReviewEntryState, ReviewRefusal> {
        guard editsProgramme(subject, scope) || isPilot(subject, scope, of: pilotUserId) else {
            return .failure(.notAllowed("Seuls le pilote de l'action, la coordination du contrat et l'ARS peuvent transmettre ce bilan."))
        }
        if let refusal = closedReviewRefusal(state) { return .failure(refusal) }
        guard entryState != .submitted else { return .failure(.invalid("Ce bilan a déjà été transmis.")) }
        return .success(.submitted)
    }

    /// Submitted → returned to the pilot with a comment, by the coordinator, the ARS of the area or
    /// the administrator, while the review is open.
    public static func returnEntry(
        state: ReviewState, entryState: ReviewEntryState, subject: AccessSubject, scope: ContractScope, comment: String?
    ) -> Result<ReviewEntryState, ReviewRefusal> {
        if let refusal = returnRefusal(state: state, entryState: entryState, subject: subject, scope: scope) {
            return .failure(refusal)
        }
        guard !(comment ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            return .failure(.invalid("Indiquez au pilote ce qu'il doit reprendre."))
        }
        return .success(.returned)
    }

    /// Why `subject` may not return this entry, whatever the comment.
    static func returnRefusal(state: ReviewState, entryState: ReviewEntryState, subject: AccessSubject, scope: ContractScope) -> ReviewRefusal? {
        guard steers(subject, scope) else {
            return .notAllowed("Seuls la coordination du contrat et l'ARS peuvent renvoyer un bilan à son pilote.")
        }
        if let refusal = closedReviewRefusal(state) { return refusal }
        guard entryState == .submitted else {
            return .invalid("Seul un bilan transmis peut être renvoyé au pilote ; celui-ci est à l'état « \(entryState.label) ».")
        }
        return nil
    }

    // MARK: - Consolidation comment

    /// Whether `subject` may write the coordination's consolidated comment. See `checkConsolidationEdit`.
    public static func mayEditConsolidation(state: ReviewState, subject: AccessSubject, scope: ContractScope) -> Bool {
        checkConsolidationEdit(state: state, subject: subject, scope: scope) == nil
    }

    /// Why `subject` may not write the consolidated comment, nil when allowed: the coordinator, the
    /// ARS of the area or the administrator, while the review is open or consolidated — the only
    /// thing that may still change once the entries are consolidated.
    public static func checkConsolidationEdit(state: ReviewState, subject: AccessSubject, scope: ContractScope) -> ReviewRefusal? {
        guard steers(subject, scope) else {
            return .notAllowed("Seuls la coordination du contrat et l'ARS peuvent rédiger le commentaire de consolidation.")
        }
        switch state {
        case .open, .consolidated: return nil
        case .checked: return .invalid("Le bilan a été vérifié en COTECH : pour modifier le commentaire de consolidation, renvoyez-le d'abord à la coordination.")
        case .approved: return lockedRefusal
        }
    }

    // MARK: - Who is who

    static let lockedRefusal = ReviewRefusal.invalid("Le bilan est approuvé et l'année verrouillée : une modification demande un déverrouillage motivé par l'ARS.")

    /// The refusal for an entry change while the review is not open.
    static func closedReviewRefusal(_ state: ReviewState) -> ReviewRefusal? {
        switch state {
        case .open: nil
        case .consolidated, .checked: .invalid("Le bilan est à l'état « \(state.label) » : la saisie des fiches actions est close. Pour corriger une fiche, la coordination doit rouvrir la saisie.")
        case .approved: lockedRefusal
        }
    }

    /// The ARS of the contract's region or department, or the administrator.
    static func actsForARS(_ subject: AccessSubject, _ scope: ContractScope) -> Bool {
        subject.isAdmin || AccessPolicy.actsForARS(subject, on: scope)
    }

    /// The coordinator of the contract, the ARS of its area, or the administrator.
    static func steers(_ subject: AccessSubject, _ scope: ContractScope) -> Bool {
        actsForARS(subject, scope) || subject.contractRoles(scope.id).contains(.coordinator)
    }

    /// Those who write the programme: coordinator, editors, ARS of the area, administrator.
    static func editsProgramme(_ subject: AccessSubject, _ scope: ContractScope) -> Bool {
        AccessPolicy.allows(subject, .editProgramme(scope))
    }

    /// A pilot of the contract who is the named pilot of the action.
    static func isPilot(_ subject: AccessSubject, _ scope: ContractScope, of pilotUserId: String?) -> Bool {
        guard let pilotUserId, let userId = subject.userId, pilotUserId == userId else { return false }
        return subject.contractRoles(scope.id).contains(.pilot)
    }
}
