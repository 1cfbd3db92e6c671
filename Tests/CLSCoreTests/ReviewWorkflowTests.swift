import XCTest
@testable import CLSCore

final class ReviewWorkflowTests: XCTestCase {
    let belleIle = ContractScope(id: "belle-ile", regionCode: "53", departmentCode: "56", isConfidential: false, isPublished: false)
    let cotechDay = CalendarDay(year: 2026, month: 3, day: 10)!
    let copilDay = CalendarDay(year: 2026, month: 4, day: 2)!

    func subject(_ userId: String = "u", _ grants: RoleGrant...) -> AccessSubject {
        AccessSubject(userId: userId, grants: Set(grants))
    }

    lazy var coordinator = subject("coord", RoleGrant(role: .coordinator, scope: "belle-ile"))
    lazy var editor = subject("redac", RoleGrant(role: .editor, scope: "belle-ile"))
    lazy var pilotA = subject("pilote-a", RoleGrant(role: .pilot, scope: "belle-ile"))
    lazy var reader = subject("lecteur", RoleGrant(role: .reader, scope: "belle-ile"))
    lazy var arsRegional = subject("ars-bzh", RoleGrant(role: .arsRegional, scope: "53"))
    lazy var arsOtherRegion = subject("ars-idf", RoleGrant(role: .arsRegional, scope: "11"))
    lazy var arsDelegation = subject("ars-56", RoleGrant(role: .arsDelegation, scope: "56"))
    lazy var admin = subject("admin", RoleGrant(role: .admin, scope: nil))
    lazy var coordinatorElsewhere = subject("coord2", RoleGrant(role: .coordinator, scope: "bobigny"))

    var everyone: [(String, AccessSubject)] {
        [("coordinator", coordinator), ("editor", editor), ("pilot", pilotA), ("reader", reader),
         ("arsRegional", arsRegional), ("arsOtherRegion", arsOtherRegion), ("arsDelegation", arsDelegation),
         ("admin", admin), ("coordinatorElsewhere", coordinatorElsewhere), ("anonymous", .anonymous)]
    }

    /// A context satisfying every precondition of `transition`.
    func validContext(_ transition: ReviewTransition) -> ReviewTransitionContext {
        switch transition {
        case .consolidate: .init(pendingEntries: 0)
        case .check: .init(meetingDate: cotechDay)
        case .approve: .init(meetingDate: copilDay)
        case .reopen, .returnToCoordination: .init(reason: "Chiffres à revoir")
        case .unlock: .init(reason: "Erreur de saisie sur l'indicateur 2.1")
        }
    }

    // MARK: - Vocabulary

    func testStatesTransitionsAndEntriesHaveFrenchLabelsAndStableCodes() {
        XCTAssertEqual(ReviewState.allCases.map(\.rawValue), ["saisie", "consolide", "verifie", "approuve"])
        XCTAssertEqual(ReviewState.allCases.map(\.label), [
            "Saisie par les pilotes", "Consolidé par la coordination", "Vérifié en COTECH", "Approuvé en COPIL — année verrouillée",
        ])
        XCTAssertEqual(ReviewEntryState.allCases.map(\.label), ["Brouillon", "Transmis", "Renvoyé au pilote"])
        XCTAssertEqual(ReviewEntryState.allCases.map(\.rawValue), ["brouillon", "transmis", "renvoye"])
        XCTAssertEqual(ReviewEntryState.allCases.filter(\.isPending), [.draft, .returned])

        XCTAssertEqual(ReviewTransition.allCases.map(\.label), [
            "Consolider le bilan", "Rouvrir la saisie", "Marquer vérifié en COTECH", "Renvoyer à la coordination",
            "Approuver en COPIL", "Déverrouiller",
        ])
        XCTAssertEqual(ReviewTransition.allCases.map(\.pastLabel), [
            "Bilan consolidé", "Saisie rouverte", "Bilan vérifié en COTECH", "Bilan renvoyé à la coordination",
            "Bilan approuvé en COPIL", "Année déverrouillée",
        ])
        XCTAssertEqual(ReviewTransition.allCases.map(\.rawValue), [
            "consolider", "rouvrir", "verifier", "renvoyer_coordination", "approuver", "deverrouiller",
        ])
        let edges = ReviewTransition.allCases.map { "\($0.source.rawValue)→\($0.target.rawValue)" }
        XCTAssertEqual(edges, ["saisie→consolide", "consolide→saisie", "consolide→verifie", "verifie→consolide",
                               "verifie→approuve", "approuve→consolide"])
        XCTAssertEqual(ReviewTransition.check.meetingKind, .cotech)
        XCTAssertEqual(ReviewTransition.approve.meetingKind, .copil)
        XCTAssertEqual(ReviewTransition.allCases.filter(\.requiresReason), [.reopen, .returnToCoordination, .unlock])
        XCTAssertEqual(ReviewTransition.unlock.minimumReasonLength, 10)
    }

    func testOnlyAnApprovedReviewIsLocked() {
        XCTAssertEqual(ReviewState.allCases.filter { ReviewWorkflow.isLocked(state: $0) }, [.approved])
    }

    // MARK: - Who may take each step

    func testCoordinationStepsBelongToTheCoordinatorTheARSOfTheAreaAndTheAdmin() {
        let allowed: Set<String> = ["coordinator", "arsRegional", "arsDelegation", "admin"]
        for transition in [ReviewTransition.consolidate, .reopen, .check, .returnToCoordination] {
            for (name, who) in everyone {
                let result = ReviewWorkflow.apply(transition, from: transition.source, subject: who, scope: belleIle,
                                                  context: validContext(transition))
                if allowed.contains(name) {
                    XCTAssertEqual(result, .success(transition.target), "\(transition) by \(name)")
                } else {
                    XCTAssertEqual(result, .failure(.notAllowed("« \(transition.label) » est réservé à la coordination du contrat et à l'ARS.")),
                                   "\(transition) by \(name)")
                }
                XCTAssertEqual(ReviewWorkflow.mayTake(transition, subject: who, scope: belleIle), allowed.contains(name))
            }
        }
    }

    func testApprovalAndUnlockBelongToTheARSOfTheAreaAndTheAdminNotTheCoordinator() {
        let allowed: Set<String> = ["arsRegional", "arsDelegation", "admin"]
        for (name, who) in everyone {
            let approve = ReviewWorkflow.apply(.approve, from: .checked, subject: who, scope: belleIle, context: validContext(.approve))
            let unlock = ReviewWorkflow.apply(.unlock, from: .approved, subject: who, scope: belleIle, context: validContext(.unlock))
            if allowed.contains(name) {
                XCTAssertEqual(approve, .success(.approved), name)
                XCTAssertEqual(unlock, .success(.consolidated), name)
            } else {
                XCTAssertEqual(approve, .failure(.notAllowed("Seule l'ARS, signataire du contrat, enregistre l'approbation du bilan par le COPIL.")), name)
                XCTAssertEqual(unlock, .failure(.notAllowed("Seule l'ARS peut déverrouiller une année approuvée.")), name)
            }
        }
        if case .failure(let refusal) = ReviewWorkflow.apply(.approve, from: .checked, subject: coordinator, scope: belleIle, context: validContext(.approve)) {
            XCTAssertEqual(refusal.httpStatus, 403)
        } else { XCTFail("the coordinator may not approve") }
    }

    func testAllowedTransitionsAreTheButtonsToShow() {
        XCTAssertEqual(ReviewWorkflow.allowedTransitions(from: .open, subject: coordinator, scope: belleIle), [.consolidate])
        XCTAssertEqual(ReviewWorkflow.allowedTransitions(from: .consolidated, subject: coordinator, scope: belleIle), [.reopen, .check])
        XCTAssertEqual(ReviewWorkflow.allowedTransitions(from: .checked, subject: coordinator, scope: belleIle), [.returnToCoordination])
        XCTAssertEqual(ReviewWorkflow.allowedTransitions(from: .approved, subject: coordinator, scope: belleIle), [])

        for ars in [arsRegional, arsDelegation, admin] {
            XCTAssertEqual(ReviewWorkflow.allowedTransitions(from: .open, subject: ars, scope: belleIle), [.consolidate])
            XCTAssertEqual(ReviewWorkflow.allowedTransitions(from: .checked, subject: ars, scope: belleIle), [.returnToCoordination, .approve])
            XCTAssertEqual(ReviewWorkflow.allowedTransitions(from: .approved, subject: ars, scope: belleIle), [.unlock])
        }
        for nobody in [editor, pilotA, reader, arsOtherRegion, coordinatorElsewhere, AccessSubject.anonymous] {
            for state in ReviewState.allCases {
                XCTAssertEqual(ReviewWorkflow.allowedTransitions(from: state, subject: nobody, scope: belleIle), [], "\(state)")
            }
        }
    }

    // MARK: - States and preconditions

    func testAFullYearGoesFromEntryToLockAndBackThroughAnAuditedUnlock() {
        var state = ReviewState.open
        for (transition, who) in [(ReviewTransition.consolidate, coordinator), (.check, coordinator), (.approve, arsDelegation),
                                  (.unlock, arsRegional), (.check, coordinator), (.approve, arsRegional)] {
            switch ReviewWorkflow.apply(transition, from: state, subject: who, scope: belleIle, context: validContext(transition)) {
            case .success(let next): state = next
            case .failure(let refusal): XCTFail("\(transition): \(refusal.message)")
            }
        }
        XCTAssertEqual(state, .approved)
        XCTAssertTrue(ReviewWorkflow.isLocked(state: state))
    }

    func testStepsOutOfOrderAreInvalid() {
        XCTAssertEqual(ReviewWorkflow.apply(.approve, from: .open, subject: arsRegional, scope: belleIle, context: validContext(.approve)),
                       .failure(.invalid("Le bilan est à l'état « Saisie par les pilotes » : « Approuver en COPIL » n'est possible qu'à l'état « Vérifié en COTECH ».")))
        XCTAssertEqual(ReviewWorkflow.apply(.consolidate, from: .consolidated, subject: coordinator, scope: belleIle),
                       .failure(.invalid("Le bilan est déjà à l'état « Consolidé par la coordination ».")))
        XCTAssertEqual(ReviewWorkflow.apply(.unlock, from: .checked, subject: admin, scope: belleIle, context: validContext(.unlock)),
                       .failure(.invalid("Le bilan est à l'état « Vérifié en COTECH » : « Déverrouiller » n'est possible qu'à l'état « Approuvé en COPIL — année verrouillée ».")))
        XCTAssertEqual(ReviewWorkflow.apply(.reopen, from: .approved, subject: admin, scope: belleIle, context: validContext(.reopen)).refusal?.httpStatus, 422)
        // Roles come first: a reader learns nothing about the state.
        XCTAssertEqual(ReviewWorkflow.apply(.approve, from: .open, subject: reader, scope: belleIle).refusal?.httpStatus, 403)
    }

    func testConsolidationWaitsForEveryPilotUnlessForced() {
        let three = ReviewWorkflow.apply(.consolidate, from: .open, subject: coordinator, scope: belleIle, context: .init(pendingEntries: 3))
        XCTAssertEqual(three, .failure(.invalid("3 fiches actions n'ont pas été transmises par leur pilote. Relancez les pilotes, ou forcez la consolidation.")))
        XCTAssertEqual(three.refusal?.httpStatus, 422)
        XCTAssertEqual(ReviewWorkflow.apply(.consolidate, from: .open, subject: coordinator, scope: belleIle, context: .init(pendingEntries: 1)).refusal?.message,
                       "1 fiche action n'a pas été transmise par son pilote. Relancez les pilotes, ou forcez la consolidation.")
        XCTAssertEqual(ReviewWorkflow.apply(.consolidate, from: .open, subject: coordinator, scope: belleIle, context: .init(pendingEntries: 3, force: true)),
                       .success(.consolidated))
        XCTAssertEqual(ReviewWorkflow.apply(.consolidate, from: .open, subject: arsDelegation, scope: belleIle, context: .init(pendingEntries: 0)),
                       .success(.consolidated))
        // Refused for the role before the count is even looked at.
        XCTAssertEqual(ReviewWorkflow.apply(.consolidate, from: .open, subject: editor, scope: belleIle, context: .init(pendingEntries: 3)).refusal?.httpStatus, 403)
    }

    func testCheckAndApprovalRecordTheMeetingDate() {
        XCTAssertEqual(ReviewWorkflow.apply(.check, from: .consolidated, subject: coordinator, scope: belleIle),
                       .failure(.invalid("Indiquez la date de la réunion du COTECH qui a vérifié le bilan.")))
        XCTAssertEqual(ReviewWorkflow.apply(.approve, from: .checked, subject: arsRegional, scope: belleIle, context: .init(reason: "COPIL du 2 avril")),
                       .failure(.invalid("Indiquez la date du COPIL qui a approuvé le bilan.")))
        XCTAssertEqual(ReviewWorkflow.apply(.check, from: .consolidated, subject: coordinator, scope: belleIle, context: .init(meetingDate: cotechDay)),
                       .success(.checked))
        XCTAssertEqual(ReviewWorkflow.apply(.approve, from: .checked, subject: admin, scope: belleIle, context: .init(meetingDate: copilDay)),
                       .success(.approved))
    }

    func testReopeningAndReturningNeedAReason() {
        for reason in [nil, "", "   \n "] {
            XCTAssertEqual(ReviewWorkflow.apply(.reopen, from: .consolidated, subject: coordinator, scope: belleIle, context: .init(reason: reason)),
                           .failure(.invalid("Indiquez pourquoi la saisie est rouverte.")))
            XCTAssertEqual(ReviewWorkflow.apply(.returnToCoordination, from: .checked, subject: arsRegional, scope: belleIle, context: .init(reason: reason)),
                           .failure(.invalid("Indiquez pourquoi le bilan est renvoyé à la coordination.")))
        }
        XCTAssertEqual(ReviewWorkflow.apply(.reopen, from: .consolidated, subject: coordinator, scope: belleIle, context: .init(reason: "Oubli")),
                       .success(.open))
        XCTAssertEqual(ReviewWorkflow.apply(.returnToCoordination, from: .checked, subject: coordinator, scope: belleIle, context: .init(reason: "Budget")),
                       .success(.consolidated))
    }

    func testUnlockNeedsAReasonOfAtLeastTenCharacters() {
        let message = "Le déverrouillage d'une année approuvée doit être motivé : indiquez un motif d'au moins 10 caractères."
        for reason in [nil, "", "Erreur", "  123456789  "] {
            XCTAssertEqual(ReviewWorkflow.apply(.unlock, from: .approved, subject: arsRegional, scope: belleIle, context: .init(reason: reason)),
                           .failure(.invalid(message)), String(describing: reason))
        }
        XCTAssertEqual(ReviewWorkflow.apply(.unlock, from: .approved, subject: arsRegional, scope: belleIle, context: .init(reason: " 0123456789 ")),
                       .success(.consolidated), "exactly 10 characters once trimmed")
        XCTAssertEqual(ReviewWorkflow.apply(.unlock, from: .approved, subject: admin, scope: belleIle, context: .init(reason: "Valeur 2025 corrigée par l'ORS")),
                       .success(.consolidated))
        // The coordinator cannot unlock even with a good reason.
        XCTAssertEqual(ReviewWorkflow.apply(.unlock, from: .approved, subject: coordinator, scope: belleIle, context: .init(reason: "Valeur corrigée par l'ORS")).refusal?.httpStatus, 403)
    }

    // MARK: - Action entries

    func testThePilotOfTheActionEditsAndSubmitsItsEntryWhileOpen() {
        for entry in [ReviewEntryState.draft, .returned] {
            XCTAssertTrue(ReviewWorkflow.mayEditEntry(state: .open, entryState: entry, subject: pilotA, scope: belleIle, pilotUserId: "pilote-a"))
            XCTAssertTrue(ReviewWorkflow.maySubmitEntry(state: .open, entryState: entry, subject: pilotA, scope: belleIle, pilotUserId: "pilote-a"))
            XCTAssertEqual(ReviewWorkflow.submitEntry(state: .open, entryState: entry, subject: pilotA, scope: belleIle, pilotUserId: "pilote-a"),
                           .success(.submitted))
        }
        // Once submitted, the pilot waits for a return.
        XCTAssertEqual(ReviewWorkflow.checkEntryEdit(state: .open, entryState: .submitted, subject: pilotA, scope: belleIle, pilotUserId: "pilote-a"),
                       .invalid("Vous avez transmis ce bilan : pour le modifier, demandez à la coordination de vous le renvoyer."))
        XCTAssertEqual(ReviewWorkflow.submitEntry(state: .open, entryState: .submitted, subject: pilotA, scope: belleIle, pilotUserId: "pilote-a"),
                       .failure(.invalid("Ce bilan a déjà été transmis.")))
        XCTAssertFalse(ReviewWorkflow.mayReturnEntry(state: .open, entryState: .submitted, subject: pilotA, scope: belleIle))
    }

    func testAPilotCannotTouchAnotherPilotsAction() {
        let refusal = ReviewRefusal.notAllowed("Seuls le pilote de l'action, la coordination du contrat et l'ARS peuvent renseigner ce bilan.")
        XCTAssertEqual(ReviewWorkflow.checkEntryEdit(state: .open, entryState: .draft, subject: pilotA, scope: belleIle, pilotUserId: "pilote-b"), refusal)
        XCTAssertEqual(ReviewWorkflow.checkEntryEdit(state: .open, entryState: .draft, subject: pilotA, scope: belleIle, pilotUserId: nil), refusal)
        XCTAssertFalse(ReviewWorkflow.maySubmitEntry(state: .open, entryState: .draft, subject: pilotA, scope: belleIle, pilotUserId: "pilote-b"))
        XCTAssertEqual(ReviewWorkflow.submitEntry(state: .open, entryState: .draft, subject: pilotA, scope: belleIle, pilotUserId: "pilote-b").refusal?.httpStatus, 403)
        // Named on the action but a pilot of another contract only.
        let pilotElsewhere = subject("pilote-a", RoleGrant(role: .pilot, scope: "bobigny"))
        XCTAssertFalse(ReviewWorkflow.mayEditEntry(state: .open, entryState: .draft, subject: pilotElsewhere, scope: belleIle, pilotUserId: "pilote-a"))
        // A reader named as pilot has no pilot role.
        let readerNamed = subject("lecteur", RoleGrant(role: .reader, scope: "belle-ile"))
        XCTAssertFalse(ReviewWorkflow.mayEditEntry(state: .open, entryState: .draft, subject: readerNamed, scope: belleIle, pilotUserId: "lecteur"))
        XCTAssertFalse(ReviewWorkflow.mayEditEntry(state: .open, entryState: .draft, subject: .anonymous, scope: belleIle, pilotUserId: nil))
    }

    func testTheCoordinationEditsAndSubmitsAnyEntryWhileOpen() {
        for who in [coordinator, editor, arsRegional, arsDelegation, admin] {
            for entry in ReviewEntryState.allCases {
                XCTAssertTrue(ReviewWorkflow.mayEditEntry(state: .open, entryState: entry, subject: who, scope: belleIle, pilotUserId: "pilote-b"),
                              "\(who.userId!) \(entry)")
            }
            XCTAssertTrue(ReviewWorkflow.maySubmitEntry(state: .open, entryState: .draft, subject: who, scope: belleIle, pilotUserId: "pilote-b"))
        }
        for who in [reader, arsOtherRegion, coordinatorElsewhere] {
            XCTAssertFalse(ReviewWorkflow.mayEditEntry(state: .open, entryState: .draft, subject: who, scope: belleIle, pilotUserId: "pilote-b"))
            XCTAssertFalse(ReviewWorkflow.maySubmitEntry(state: .open, entryState: .draft, subject: who, scope: belleIle, pilotUserId: "pilote-b"))
        }
    }

    func testReturningAnEntryToItsPilotNeedsTheCoordinationASubmittedEntryAndAComment() {
        for who in [coordinator, arsRegional, arsDelegation, admin] {
            XCTAssertTrue(ReviewWorkflow.mayReturnEntry(state: .open, entryState: .submitted, subject: who, scope: belleIle))
            XCTAssertEqual(ReviewWorkflow.returnEntry(state: .open, entryState: .submitted, subject: who, scope: belleIle, comment: "Valeur 2025 manquante"),
                           .success(.returned))
        }
        for who in [editor, pilotA, reader, arsOtherRegion, coordinatorElsewhere] {
            XCTAssertFalse(ReviewWorkflow.mayReturnEntry(state: .open, entryState: .submitted, subject: who, scope: belleIle))
            XCTAssertEqual(ReviewWorkflow.returnEntry(state: .open, entryState: .submitted, subject: who, scope: belleIle, comment: "x"),
                           .failure(.notAllowed("Seuls la coordination du contrat et l'ARS peuvent renvoyer un bilan à son pilote.")))
        }
        XCTAssertEqual(ReviewWorkflow.returnEntry(state: .open, entryState: .submitted, subject: coordinator, scope: belleIle, comment: "  "),
                       .failure(.invalid("Indiquez au pilote ce qu'il doit reprendre.")))
        XCTAssertEqual(ReviewWorkflow.returnEntry(state: .open, entryState: .draft, subject: coordinator, scope: belleIle, comment: "À revoir"),
                       .failure(.invalid("Seul un bilan transmis peut être renvoyé au pilote ; celui-ci est à l'état « Brouillon ».")))
        XCTAssertFalse(ReviewWorkflow.mayReturnEntry(state: .open, entryState: .returned, subject: coordinator, scope: belleIle))
    }

    func testNothingOfAClosedReviewChangesExceptTheConsolidationComment() {
        for state in [ReviewState.consolidated, .checked, .approved] {
            for (name, who) in everyone {
                for entry in ReviewEntryState.allCases {
                    XCTAssertFalse(ReviewWorkflow.mayEditEntry(state: state, entryState: entry, subject: who, scope: belleIle, pilotUserId: "pilote-a"), "\(state) \(name)")
                    XCTAssertFalse(ReviewWorkflow.maySubmitEntry(state: state, entryState: entry, subject: who, scope: belleIle, pilotUserId: "pilote-a"), "\(state) \(name)")
                    XCTAssertFalse(ReviewWorkflow.mayReturnEntry(state: state, entryState: entry, subject: who, scope: belleIle), "\(state) \(name)")
                }
            }
        }
        XCTAssertEqual(ReviewWorkflow.checkEntryEdit(state: .consolidated, entryState: .draft, subject: pilotA, scope: belleIle, pilotUserId: "pilote-a"),
                       .invalid("Le bilan est à l'état « Consolidé par la coordination » : la saisie des fiches actions est close. Pour corriger une fiche, la coordination doit rouvrir la saisie."))
        XCTAssertEqual(ReviewWorkflow.checkEntryEdit(state: .approved, entryState: .submitted, subject: admin, scope: belleIle, pilotUserId: nil)?.message,
                       "Le bilan est approuvé et l'année verrouillée : une modification demande un déverrouillage motivé par l'ARS.")

        for who in [coordinator, arsRegional, arsDelegation, admin] {
            XCTAssertTrue(ReviewWorkflow.mayEditConsolidation(state: .open, subject: who, scope: belleIle))
            XCTAssertTrue(ReviewWorkflow.mayEditConsolidation(state: .consolidated, subject: who, scope: belleIle))
            XCTAssertFalse(ReviewWorkflow.mayEditConsolidation(state: .checked, subject: who, scope: belleIle))
            XCTAssertFalse(ReviewWorkflow.mayEditConsolidation(state: .approved, subject: who, scope: belleIle))
        }
        for who in [editor, pilotA, reader, arsOtherRegion, coordinatorElsewhere] {
            XCTAssertEqual(ReviewWorkflow.checkConsolidationEdit(state: .consolidated, subject: who, scope: belleIle)?.httpStatus, 403)
        }
        XCTAssertEqual(ReviewWorkflow.checkConsolidationEdit(state: .checked, subject: coordinator, scope: belleIle),
                       .invalid("Le bilan a été vérifié en COTECH : pour modifier le commentaire de consolidation, renvoyez-le d'abord à la coordination."))
    }

    // MARK: - Lock of an approved year

    func testValuesOfALockedYearAreRefusedWithTheWayOut() {
        let locked = ReviewLock.lockedYears([2024: .approved, 2025: .approved, 2026: .open, 2023: .checked])
        XCTAssertEqual(locked, [2024, 2025])
        let refusal = ReviewLock.check(year: 2025, lockedYears: locked)
        XCTAssertEqual(refusal, .invalid("L'année 2025 est approuvée et verrouillée : une modification demande un déverrouillage motivé par l'ARS."))
        XCTAssertEqual(refusal?.httpStatus, 422)
        XCTAssertNil(ReviewLock.check(year: 2026, lockedYears: locked))
        XCTAssertNil(ReviewLock.check(year: 2023, lockedYears: locked))
        XCTAssertNil(ReviewLock.check(year: 2025, lockedYears: []))
    }

    func testApprovingWithEntriesStillInDraftAsksForAnExplicitConfirmation() {
        let refused = ReviewWorkflow.apply(.approve, from: .checked, subject: arsRegional, scope: belleIle,
                                           context: .init(pendingEntries: 2, meetingDate: copilDay))
        guard case .failure(.invalid(let message)) = refused else { return XCTFail("approved with drafts: \(refused)") }
        XCTAssertTrue(message.hasPrefix("2 fiches actions sont encore en brouillon"), message)
        XCTAssertEqual(ReviewWorkflow.apply(.approve, from: .checked, subject: arsRegional, scope: belleIle,
                                            context: .init(pendingEntries: 2, force: true, meetingDate: copilDay)), .success(.approved))
        XCTAssertEqual(ReviewWorkflow.apply(.approve, from: .checked, subject: arsRegional, scope: belleIle,
                                            context: .init(pendingEntries: 0, meetingDate: copilDay)), .success(.approved))
    }

    func testTheCOPILCannotPrecedeTheCOTECHThatCheckedTheReview() {
        let dayBefore = CalendarDay(year: 2026, month: 3, day: 9)!
        let refused = ReviewWorkflow.apply(.approve, from: .checked, subject: arsRegional, scope: belleIle,
                                           context: .init(meetingDate: dayBefore, checkedOn: cotechDay))
        guard case .failure(.invalid(let message)) = refused else { return XCTFail("approved with a COPIL before the COTECH: \(refused)") }
        XCTAssertTrue(message.contains("9 mars 2026") && message.contains("10 mars 2026"), message)
        XCTAssertEqual(ReviewWorkflow.apply(.approve, from: .checked, subject: arsRegional, scope: belleIle,
                                            context: .init(meetingDate: cotechDay, checkedOn: cotechDay)), .success(.approved),
                       "the COPIL may sit the same day as the COTECH")
        XCTAssertEqual(ReviewWorkflow.apply(.approve, from: .checked, subject: arsRegional, scope: belleIle,
                                            context: .init(meetingDate: copilDay, checkedOn: cotechDay)), .success(.approved))
    }
}

private extension Result where Failure == ReviewRefusal {
    var refusal: ReviewRefusal? {
        if case .failure(let refusal) = self { return refusal }
        return nil
    }
}
