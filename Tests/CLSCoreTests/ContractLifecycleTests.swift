import XCTest
@testable import CLSCore

final class ContractLifecycleTests: XCTestCase {
    func testContractsMoveForwardOneStageAtATime() throws {
        try ContractLifecycle.validate(from: .emergence, to: .prefiguration)
        try ContractLifecycle.validate(from: .emergence, to: .diagnostic) // préfiguration is optional
        try ContractLifecycle.validate(from: .elaboration, to: .signe)
        try ContractLifecycle.validate(from: .evaluation, to: .renouvele)
        try ContractLifecycle.validate(from: .miseEnOeuvre, to: .clos)
    }

    func testIllegalTransitionsAreRefusedWithTheWayOut() {
        XCTAssertThrowsError(try ContractLifecycle.validate(from: .emergence, to: .clos)) { error in
            let error = error as! LifecycleError
            XCTAssertEqual(error, .notAllowed(from: .emergence, to: .clos, allowed: [.prefiguration, .diagnostic, .suspendu, .abandonne]))
            XCTAssertEqual(error.message, "Passage de « Émergence » à « Clos » impossible. Depuis « Émergence », le contrat peut passer à : « Préfiguration », « Diagnostic », « Suspendu », « Abandonné ».")
        }
        XCTAssertThrowsError(try ContractLifecycle.validate(from: .miseEnOeuvre, to: .diagnostic), "no going back")
        XCTAssertThrowsError(try ContractLifecycle.validate(from: .signe, to: .signe)) { error in
            XCTAssertEqual(error as? LifecycleError, .unchanged(.signe))
        }
    }

    func testTerminalStatesAllowNothing() {
        for state in [ContractState.clos, .renouvele, .abandonne] {
            XCTAssertTrue(ContractLifecycle.allowedTargets(from: state).isEmpty)
            XCTAssertThrowsError(try ContractLifecycle.validate(from: state, to: .emergence)) { error in
                XCTAssertEqual(error as? LifecycleError, .terminal(state))
                XCTAssertTrue((error as! LifecycleError).message.contains("nouvelle génération"))
            }
        }
    }

    func testEveryActiveStageCanBeSuspendedOrAbandonedAndResumesWhereItStopped() throws {
        for stage in ContractState.stages {
            XCTAssertTrue(ContractLifecycle.allowedTargets(from: stage).contains(.suspendu), stage.rawValue)
            XCTAssertTrue(ContractLifecycle.allowedTargets(from: stage).contains(.abandonne), stage.rawValue)
        }
        XCTAssertEqual(ContractLifecycle.allowedTargets(from: .suspendu, resumeState: .diagnostic), [.diagnostic, .abandonne])
        XCTAssertEqual(ContractLifecycle.allowedTargets(from: .suspendu, resumeState: nil), [.abandonne])
        try ContractLifecycle.validate(from: .suspendu, to: .miseEnOeuvre, resumeState: .miseEnOeuvre)
        XCTAssertThrowsError(try ContractLifecycle.validate(from: .suspendu, to: .evaluation, resumeState: .miseEnOeuvre))
    }

    func testSignatureNeedsTheARSAndAnotherParty() throws {
        try SignatureReadiness.check(signatoryKinds: [.ars, .epci])
        try SignatureReadiness.check(signatoryKinds: [.arsDelegation, .commune, .departement])
        XCTAssertThrowsError(try SignatureReadiness.check(signatoryKinds: [.commune, .epci])) {
            XCTAssertEqual($0 as? SignatureError, .missingARS)
        }
        XCTAssertThrowsError(try SignatureReadiness.check(signatoryKinds: [.ars])) {
            XCTAssertEqual($0 as? SignatureError, .tooFewSignatories(1))
        }
    }

    func testStateCodesAreStable() {
        XCTAssertEqual(ContractState.allCases.map(\.rawValue), [
            "emergence", "prefiguration", "diagnostic", "elaboration", "signe", "mise_en_oeuvre",
            "evaluation", "renouvele", "clos", "suspendu", "abandonne",
        ])
    }
}
