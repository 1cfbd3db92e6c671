import Foundation
import Vapor
import XCTest
@testable import CLSWeb

/// One case builds the link and registers the route: values for links, `:names` for routes.
final class SitePathTests: XCTestCase {
    let contract = UUID(uuidString: "11111111-2222-3333-4444-555555555555")!
    let other = UUID(uuidString: "AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE")!

    func testLinksCarryTheValues() {
        XCTAssertEqual(SitePath.home.href, "/")
        XCTAssertEqual(SitePath.contract(contract).href, "/contrats/\(contract.uuidString)")
        XCTAssertEqual(SitePath.contract(contract, .programme(.section(other, .move))).href,
                       "/contrats/\(contract.uuidString)/programme/sections/\(other.uuidString)/deplacer")
        XCTAssertEqual(SitePath.contract(contract, .review(2025, .entry(other, .submit))).href,
                       "/contrats/\(contract.uuidString)/bilans/2025/actions/\(other.uuidString)/transmettre")
        XCTAssertEqual(SitePath.contract(contract, .governance(.memberLeaves(body: other, member: contract))).href,
                       "/contrats/\(contract.uuidString)/gouvernance/instances/\(other.uuidString)/membres/\(contract.uuidString)/sortie")
        XCTAssertEqual(SitePath.api(.contract(.value(contract), .review(.value(2024)))).href,
                       "/api/v1/contracts/\(contract.uuidString)/reviews/2024")
    }

    func testRoutesCarryTheParameterNames() {
        XCTAssertEqual(SitePath.contract(.key, .action(.key, .budgetLine(.key, .actual))).href,
                       "/contrats/:contractID/actions/:actionID/budget/:lineID/realise")
        XCTAssertEqual(SitePath.contract(.key, .action(.key, .page)).pathComponents.map(\.description),
                       ["contrats", ":contractID", "actions", ":actionID"])
        XCTAssertEqual(SitePath.api(.everythingElse).pathComponents.map(\.description), ["api", "v1", "**"])
        XCTAssertEqual(SitePath.apiPrefix, "/api/v1")
    }

    func testQueriesAndTextParametersAreEncoded() {
        XCTAssertEqual(SitePath.library.href(query: [("q", "accès aux soins"), ("theme", nil), ("page", "2")]),
                       "/bibliotheque?q=acc%C3%A8s%20aux%20soins&page=2")
        XCTAssertEqual(SitePath.contracts.href(query: [("etat", nil)]), "/contrats", "no query when every value is absent")
        XCTAssertEqual(SitePath.commune("75/../admin").href, "/territoires/communes/75%2F..%2Fadmin",
                       "a typed code cannot climb out of its segment")
        XCTAssertEqual(SitePath.contract(contract).href(fragment: "signataires"), "/contrats/\(contract.uuidString)#signataires")
    }

    func testEveryTabLinksToARegisteredPage() async throws {
        try await TestApp.run(loadDemo: false) { app, _ in
            let routes = Set(app.routes.all.filter { $0.method == .GET }.map { "/" + $0.path.map(\.description).joined(separator: "/") })
            for tab in ContractTab.allCases {
                XCTAssertTrue(routes.contains(SitePath.contract(.key, tab.path).href), "tab \(tab.label) has no page")
            }
        }
    }
}
