import XCTest
@testable import CLSCore

final class AccessPolicyTests: XCTestCase {
    let belleIle = ContractScope(id: "belle-ile", regionCode: "53", departmentCode: "56", isConfidential: false, isPublished: false)
    let bobigny = ContractScope(id: "bobigny", regionCode: "11", departmentCode: "93", isConfidential: false, isPublished: true)
    let asnieres = ContractScope(id: "asnieres", regionCode: "11", departmentCode: "92", isConfidential: true, isPublished: true)

    func subject(_ grants: RoleGrant...) -> AccessSubject {
        AccessSubject(userId: "u", grants: Set(grants))
    }

    func testAnonymousVisitorsSeeOnlyPublishedNonConfidentialContracts() {
        XCTAssertTrue(AccessPolicy.allows(.anonymous, .viewPublicContract(bobigny)))
        XCTAssertFalse(AccessPolicy.allows(.anonymous, .viewPublicContract(belleIle)))
        XCTAssertFalse(AccessPolicy.allows(.anonymous, .viewPublicContract(asnieres)), "confidential is never public")
        XCTAssertFalse(AccessPolicy.allows(.anonymous, .viewContract(bobigny)))
        XCTAssertFalse(AccessPolicy.allows(.anonymous, .useWorkspace))
    }

    func testContractRolesAreLimitedToTheirContract() {
        let reader = subject(RoleGrant(role: .reader, scope: "belle-ile"))
        XCTAssertTrue(AccessPolicy.allows(reader, .viewContract(belleIle)))
        XCTAssertFalse(AccessPolicy.allows(reader, .editContract(belleIle)))
        XCTAssertFalse(AccessPolicy.allows(reader, .changeContractState(belleIle)))

        let editor = subject(RoleGrant(role: .editor, scope: "belle-ile"))
        XCTAssertTrue(AccessPolicy.allows(editor, .editContract(belleIle)))
        XCTAssertFalse(AccessPolicy.allows(editor, .changeContractState(belleIle)))

        let pilot = subject(RoleGrant(role: .pilot, scope: "belle-ile"))
        XCTAssertTrue(AccessPolicy.allows(pilot, .viewContract(belleIle)))
        XCTAssertFalse(AccessPolicy.allows(pilot, .editContract(belleIle)))

        let coordinator = subject(RoleGrant(role: .coordinator, scope: "belle-ile"))
        XCTAssertTrue(AccessPolicy.allows(coordinator, .changeContractState(belleIle)))
        XCTAssertTrue(AccessPolicy.allows(coordinator, .manageContractMembers(belleIle)))
        XCTAssertFalse(AccessPolicy.allows(coordinator, .viewContract(bobigny)))
        XCTAssertFalse(AccessPolicy.allows(coordinator, .editContract(bobigny)))
        XCTAssertFalse(AccessPolicy.allows(coordinator, .createContract(regionCode: "53", departmentCode: "56")))
        XCTAssertFalse(AccessPolicy.allows(coordinator, .manageUsers))
    }

    func testARSRolesCoverTheirRegionOrDepartment() {
        let regional = subject(RoleGrant(role: .arsRegional, scope: "11"))
        XCTAssertTrue(AccessPolicy.allows(regional, .editContract(bobigny)))
        XCTAssertTrue(AccessPolicy.allows(regional, .changeContractState(asnieres)))
        XCTAssertFalse(AccessPolicy.allows(regional, .viewContract(belleIle)))
        XCTAssertTrue(AccessPolicy.allows(regional, .createContract(regionCode: "11", departmentCode: "94")))
        XCTAssertFalse(AccessPolicy.allows(regional, .createContract(regionCode: "53", departmentCode: "56")))

        let delegation = subject(RoleGrant(role: .arsDelegation, scope: "93"))
        XCTAssertTrue(AccessPolicy.allows(delegation, .viewContract(bobigny)))
        XCTAssertFalse(AccessPolicy.allows(delegation, .viewContract(asnieres)), "92 is another delegation")
        XCTAssertFalse(AccessPolicy.allows(delegation, .viewAuditJournal))
    }

    func testAdministratorMayDoEverythingAndOthersManageOnlyTheirOwnAccount() {
        let admin = subject(RoleGrant(role: .admin, scope: "ignored"))
        XCTAssertNil(admin.grants.first?.scope, "an admin grant has no scope")
        XCTAssertTrue(AccessPolicy.allows(admin, .manageUsers))
        XCTAssertTrue(AccessPolicy.allows(admin, .editContract(belleIle)))
        let someone = AccessSubject(userId: "me", grants: [])
        XCTAssertTrue(AccessPolicy.allows(someone, .manageOwnAccount(userId: "me")))
        XCTAssertFalse(AccessPolicy.allows(someone, .manageOwnAccount(userId: "other")))
        XCTAssertFalse(AccessPolicy.allows(someone, .editOrganisations))
    }

    func testGrantsNeedTheScopeTheirRoleNames() throws {
        XCTAssertEqual(try RoleGrant.validated(role: .arsRegional, scope: " 53 "), RoleGrant(role: .arsRegional, scope: "53"))
        XCTAssertThrowsError(try RoleGrant.validated(role: .arsDelegation, scope: "  ")) {
            XCTAssertEqual(($0 as? AccessError)?.message, "Le rôle « ARS – délégation départementale » porte sur un département : choisissez le département.")
        }
        XCTAssertThrowsError(try AccessPolicy.require(.anonymous, .manageUsers)) { XCTAssertEqual($0 as? AccessError, .denied) }
    }
}
