import CLSCore
import CLSStore
import Fluent
import XCTest
@testable import CLSWeb

/// The long select lists are rendered in Swift (`OptionList`) rather than by a template loop: their
/// text must still be escaped, and the organisations of the region offered.
final class OptionListTests: XCTestCase {
    func testOptionsAreEscapedAndKeepTheirSelection() {
        let list = OptionList([SelectOption(value: "a\"b", label: "Ville & <Santé>"),
                               SelectOption(value: "2", label: "L'Autre", selected: true)])
        XCTAssertEqual(list.count, 2)
        XCTAssertEqual(list.html, "<option value=\"a&quot;b\">Ville &amp; &lt;Santé&gt;</option>"
                                  + "<option value=\"2\" selected>L&#39;Autre</option>")
        XCTAssertEqual(OptionList([]).html, "")
    }

    func testTheContractPageOffersTheRegionsOrganisationsEscaped() async throws {
        try await TestApp.run { app, _ in
            let contract = try await TestApp.contract(named: "CLS 2 de Belle-Île-en-Mer", on: app)
            let hostile = Organisation(name: "Centre <script>alert(1)</script> & associés", kind: .association, regionCode: "53")
            try await hostile.create(on: app.db)
            let elsewhere = Organisation(name: "Association d'une autre région", kind: .association, regionCode: "11")
            try await elsewhere.create(on: app.db)
            let client = WebClient(app)
            try await client.login("coordination.belle-ile@demo.cls-pilot.fr")
            let page = try await client.get("/contrats/\(contract.id!.uuidString)").body.string
            XCTAssertTrue(page.contains("<option value=\"\(hostile.id!.uuidString)\">Centre &lt;script&gt;alert(1)&lt;/script&gt; &amp; associés (Association)</option>"))
            XCTAssertFalse(page.contains("<script>alert(1)"))
            XCTAssertFalse(page.contains(elsewhere.id!.uuidString))
        }
    }
}
