import CLSCore
import FluentKit
import Foundation
import SQLKit
import XCTest
@testable import CLSStore

/// Contract lists and lifecycle transitions, on the store alone.
final class ContractQueriesTests: XCTestCase {
    func testARSDelegationSeesOnlyItsDepartment() async throws {
        try await StoreTestDatabase.run { database, _ in
            let page = try await ContractQueries.list(
                ContractFilter(), visibleTo: AccessSubject(userId: "x", grants: [RoleGrant(role: .arsDelegation, scope: "93")]), on: database)
            XCTAssertEqual(Set(page.contracts.map(\.name)), ["CLS de Bobigny", "CLS de Stains", "CLS de Saint-Ouen-sur-Seine"])
            XCTAssertEqual(page.total, 3)
            let none = try await ContractQueries.list(ContractFilter(), visibleTo: AccessSubject(userId: "x", grants: []), on: database)
            XCTAssertEqual(none.total, 0)
        }
    }

    func testSignatureNeedsTheARSAmongTwoSignatories() async throws {
        try await StoreTestDatabase.run { database, _ in
            let contract = try await StoreTestDatabase.contract(named: "CLS 2 de Belle-Île-en-Mer", on: database)
            // Remove the ARS from the signatories, then try to sign.
            let arsSignatory = try await Signatory.query(on: database).filter(\.$contract.$id == contract.id!).with(\.$organisation).all()
                .first { $0.organisation.organisationKind == .ars }
            try await Mutations(database: database, actor: .system).delete(try XCTUnwrap(arsSignatory), permission: .editContract(contract.accessScope))
            do {
                try await ContractTransitions.transition(contract, to: .signe, effectiveOn: CalendarDay(year: 2026, month: 12, day: 1)!,
                                                         comment: "", using: Mutations(database: database, actor: .system))
                XCTFail("signature without the ARS must be refused")
            } catch let failure as ContractTransitions.Failure {
                XCTAssertEqual(failure.message, SignatureError.missingARS.message)
            }
            let value3 = try await Contract.find(contract.id, on: database)?.state
            XCTAssertEqual(value3, ContractState.elaboration.rawValue)
        }
    }
}
