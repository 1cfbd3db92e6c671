import CLSCore
import CLSStore
import Fluent
import Foundation
import Vapor
import XCTest
@testable import CLSWeb

/// Pages loaded as page models, without HTTP, on the demo database: what they hold for a given
/// subject and day, and that every link they hand to their template reaches a registered route.
final class PageModelTests: XCTestCase {
    static let belleIle = "CLS 2 de Belle-Île-en-Mer"

    /// The page context of a demo account, on a fixed day.
    func context(_ email: String?, on app: Application, today: CalendarDay = CalendarDay(year: 2026, month: 6, day: 15)!) async throws -> PageContext {
        guard let email else { return PageContext(db: app.db, subject: .anonymous, today: today) }
        let found = try await User.query(on: app.db).filter(\.$email == email).first()
        let user = try XCTUnwrap(found, "demo account \(email) missing")
        return PageContext(db: app.db, subject: try await AuthenticatedUser.make(user, on: app.db).subject, today: today)
    }

    /// The registered routes as patterns of segments ("contrats", ":contractID"…), by method.
    func routePatterns(_ app: Application) -> [[String]] {
        app.routes.all.map { route in route.path.map(\.description) }
    }

    /// Whether a link's path (query and fragment left out) matches a registered route.
    func reachesARoute(_ link: String, patterns: [[String]]) -> Bool {
        let path = link.split(separator: "#", maxSplits: 1).first.map(String.init) ?? link
        let segments = (path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? path)
            .split(separator: "/").map(String.init)
        return patterns.contains { pattern in
            if pattern.last == "**" { return segments.starts(with: pattern.dropLast()) }
            guard pattern.count == segments.count else { return false }
            return zip(pattern, segments).allSatisfy { expected, actual in expected.hasPrefix(":") || expected == actual }
        }
    }

    /// Every string of an encoded page model that is a site link ("/…").
    func links<Page: Encodable>(in page: Page) throws -> [String] {
        let object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(page))
        var found: [String] = []
        func walk(_ value: Any) {
            switch value {
            case let text as String where text.hasPrefix("/") && !text.hasPrefix("//"): found.append(text)
            case let array as [Any]: array.forEach(walk)
            case let dictionary as [String: Any]: dictionary.values.forEach(walk)
            default: break
            }
        }
        walk(object)
        return found
    }

    func assertLinksReachRoutes<Page: Encodable>(_ page: Page, _ name: String, app: Application,
                                                 file: StaticString = #filePath, line: UInt = #line) throws {
        let patterns = routePatterns(app)
        let found = try links(in: page)
        XCTAssertFalse(found.isEmpty, "\(name) hands its template no link", file: file, line: line)
        for link in found {
            XCTAssertTrue(reachesARoute(link, patterns: patterns), "\(name): \(link) reaches no route", file: file, line: line)
        }
    }

    func testTheContractShellIsBuiltOnceForEveryContractPage() async throws {
        try await TestApp.run { app, _ in
            let contract = try await TestApp.contract(named: Self.belleIle, on: app)
            let id = try contract.requireID()
            let coordinator = try await context("coordination.belle-ile@demo.cls-pilot.fr", on: app)

            let overview = try await ContractOverviewPage.load(contract, coordinator)
            XCTAssertEqual(overview.shell.breadcrumb.map(\.label), ["Contrats"], "the contract's own page ends the breadcrumb")
            XCTAssertFalse(overview.shell.showsSummary)
            XCTAssertEqual(overview.shell.tabs.filter(\.current).map(\.label), ["Aperçu"])
            XCTAssertEqual(overview.shell.tabs.count, ContractTab.allCases.count)

            let programme = try await ProgrammePage.load(contract, coordinator)
            XCTAssertEqual(programme.shell.breadcrumb.map(\.label), ["Contrats", contract.name])
            XCTAssertEqual(programme.shell.breadcrumb.last?.href, "/contrats/\(id.uuidString)")
            XCTAssertTrue(programme.shell.showsSummary)
            XCTAssertEqual(programme.shell.tabs.filter(\.current).map(\.label), ["Programme"])
            XCTAssertEqual(programme.shell.links.programmeTable, "/contrats/\(id.uuidString)/programme/tableau")
            // Every name a template reads from the shell's links is one the shell hands it.
            let handed = try XCTUnwrap(JSONSerialization.jsonObject(with: JSONEncoder().encode(programme.shell.links)) as? [String: Any])
            let views = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("Resources/Views")
            let read = try NSRegularExpression(pattern: #"content\.shell\.links\.([A-Za-z]+)"#)
            for file in FileManager.default.enumerator(atPath: views.path)?.compactMap({ $0 as? String }).filter({ $0.hasSuffix(".leaf") }) ?? [] {
                let text = try String(contentsOf: views.appendingPathComponent(file), encoding: .utf8)
                for match in read.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                    let name = (text as NSString).substring(with: match.range(at: 1))
                    XCTAssertNotNil(handed[name], "\(file) reads content.shell.links.\(name), which the shell does not hand")
                }
            }

            let governance = try await GovernanceOverviewPage.load(contract, coordinator)
            XCTAssertEqual(governance.shell.tabs.filter(\.current).map(\.label), ["Gouvernance"])
            let reviews = try await ReviewListPage.load(contract, coordinator)
            XCTAssertEqual(reviews.shell.tabs.filter(\.current).map(\.label), ["Bilans annuels"])
        }
    }

    func testPagesSayWhatTheSubjectMayDo() async throws {
        try await TestApp.run { app, _ in
            let contract = try await TestApp.contract(named: Self.belleIle, on: app)
            let editor = try await context("redaction.belle-ile@demo.cls-pilot.fr", on: app)
            let reader = try await context("lecture.belle-ile@demo.cls-pilot.fr", on: app)

            let forEditor = try await ProgrammePage.load(contract, editor)
            let forReader = try await ProgrammePage.load(contract, reader)
            XCTAssertTrue(forEditor.canEdit)
            XCTAssertFalse(forReader.canEdit)
            XCTAssertEqual(forEditor.actionCount, forReader.actionCount, "both read the same programme")
            let axes = try await ProgrammeSection.query(on: app.db).filter(\.$contract.$id == contract.requireID())
                .filter(\.$parent.$id == nil).count()
            XCTAssertEqual(forReader.axes.count, axes)

            let members = try await ContractMembersPage.load(contract, reader)
            XCTAssertFalse(members.canManage)
            XCTAssertFalse(members.members.isEmpty)
        }
    }

    func testTheDayComesFromTheContextNotTheClock() async throws {
        try await TestApp.run { app, _ in
            let contract = try await TestApp.contract(named: Self.belleIle, on: app)
            let early = try await context("coordination.belle-ile@demo.cls-pilot.fr", on: app, today: CalendarDay(year: 2020, month: 1, day: 2)!)
            let late = try await context("coordination.belle-ile@demo.cls-pilot.fr", on: app, today: CalendarDay(year: 2031, month: 12, day: 30)!)
            let before = try await ContractOverviewPage.load(contract, early)
            let after = try await ContractOverviewPage.load(contract, late)
            XCTAssertEqual(before.today, "2020-01-02")
            XCTAssertEqual(after.today, "2031-12-30")
            let lateBefore = try await ProgrammePage.load(contract, early).progress.lateCount
            let lateAfter = try await ProgrammePage.load(contract, late).progress.lateCount
            XCTAssertLessThanOrEqual(lateBefore, lateAfter, "more actions are late the later the day")
            XCTAssertGreaterThan(lateAfter, 0, "in 2031 the demo's planned ends have passed")
        }
    }

    func testEveryLinkAPageModelHandsItsTemplateReachesARoute() async throws {
        try await TestApp.run { app, _ in
            let contract = try await TestApp.contract(named: Self.belleIle, on: app)
            let id = try contract.requireID()
            let admin = try await context("admin@demo.cls-pilot.fr", on: app)
            let ars = try await context("ars.bretagne@demo.cls-pilot.fr", on: app)
            let patterns = routePatterns(app)
            XCTAssertTrue(reachesARoute("/contrats/\(id.uuidString)/programme?statut=en_cours#axe", patterns: patterns))
            XCTAssertFalse(reachesARoute("/contrats/\(id.uuidString)/programmes", patterns: patterns), "the check can fail")

            try assertLinksReachRoutes(try await ContractListPage.load(.init(), admin), "contract list", app: app)
            try assertLinksReachRoutes(try await ContractOverviewPage.load(contract, admin), "contract", app: app)
            try assertLinksReachRoutes(try await ContractHistoryPage.load(contract, .init(), admin), "history", app: app)
            try assertLinksReachRoutes(try await ContractMembersPage.load(contract, admin), "members", app: app)
            try assertLinksReachRoutes(try await PerimeterPage.load(contract, admin), "perimeter", app: app)
            try assertLinksReachRoutes(try await ProgrammePage.load(contract, admin), "programme", app: app)
            try assertLinksReachRoutes(try await ProgrammeTablePage.load(contract, filters: .init(), admin), "programme table", app: app)
            try assertLinksReachRoutes(try await PlanImportPage.load(contract, admin), "plan import", app: app)
            try assertLinksReachRoutes(try await GovernanceOverviewPage.load(contract, admin), "governance", app: app)
            try assertLinksReachRoutes(try await ContractDashboardPage.load(contract, admin), "dashboard", app: app)
            try assertLinksReachRoutes(try await ReviewListPage.load(contract, admin), "reviews", app: app)
            try assertLinksReachRoutes(try await EquityOverviewPage.load(contract, admin), "RÉFLEX-ISS", app: app)
            try assertLinksReachRoutes(UpcomingTabPage(contract, tab: .documents), "documents tab", app: app)
            try assertLinksReachRoutes(try await ContractIndicatorsPage.load(contract, admin), "indicators tab", app: app)

            let action = try await Action.query(on: app.db).filter(\.$contract.$id == id).filter(\.$parentAction.$id == nil).first()
            let sheet = try await ActionSheetPage.load(contract, try XCTUnwrap(action), admin)
            try assertLinksReachRoutes(sheet, "fiche action", app: app)
            XCTAssertTrue(sheet.links.edit.hasSuffix("/actions/\(try XCTUnwrap(action).requireID().uuidString)/modifier"))

            if let body = try await GovernanceBody.query(on: app.db).filter(\.$contractId == id).first() {
                try assertLinksReachRoutes(try await GovernanceBodyPage.load(contract, body: body, admin), "governance body", app: app)
            }
            if let meeting = try await Meeting.query(on: app.db).filter(\.$contractId == id).with(\.$body).first() {
                try assertLinksReachRoutes(try await MeetingPage.load(contract, meeting: meeting, admin), "meeting", app: app)
            }
            if let review = try await AnnualReview.query(on: app.db).filter(\.$contractId == id).first() {
                try assertLinksReachRoutes(try await ReviewPage.load(contract, review: review, admin), "review", app: app)
            }

            try assertLinksReachRoutes(try await HomePage.load(nil, context(nil, on: app)), "home (visitor)", app: app)
            try assertLinksReachRoutes(try await AlertsPage.load(admin), "alerts", app: app)
            try assertLinksReachRoutes(try await LibraryPage.load(.init(q: "santé"), admin), "library", app: app)
            try assertLinksReachRoutes(try await PortfolioPage.load(region: "53", department: nil, ars).content, "portfolio", app: app)
            try assertLinksReachRoutes(try await ISTSReportPage.load(.init(region: "53"), ars).content, "ISTS report", app: app)
            try assertLinksReachRoutes(try await PrioritiesPage.load(.init(region: "53"), ars), "priorities", app: app)
            try assertLinksReachRoutes(try await TerritoryOverviewPage.france(indicator: nil, admin).page, "territories", app: app)
            try assertLinksReachRoutes(try await OrganisationListPage.load(.init(), admin), "organisations", app: app)
            try assertLinksReachRoutes(try await UsersPage.load(admin), "accounts", app: app)
            try assertLinksReachRoutes(try await JournalPage.load(.init(), admin), "journal", app: app)
            try assertLinksReachRoutes(try await ThemesPage.load(region: "53", ars), "themes", app: app)
        }
    }

    func testAccountsNameTheContractOfTheirRoleInWords() async throws {
        try await TestApp.run { app, _ in
            let admin = try await context("admin@demo.cls-pilot.fr", on: app)
            let page = try await UsersPage.load(admin)
            let coordinator = try XCTUnwrap(page.users.first { $0.email == "coordination.belle-ile@demo.cls-pilot.fr" })
            XCTAssertTrue(coordinator.roles.contains { $0.hasSuffix(Self.belleIle) }, "\(coordinator.roles)")
            let uuid = try NSRegularExpression(pattern: "[0-9a-fA-F]{8}")
            for role in page.users.flatMap(\.roles) {
                XCTAssertNil(uuid.firstMatch(in: role, range: NSRange(role.startIndex..., in: role)), "a role reads as an id: \(role)")
            }
        }
    }

    func testThePrioritiesKeepTheAreaRankedWhenTheWeightsChange() async throws {
        try await TestApp.run { app, _ in
            let ars = try await context("ars.bretagne@demo.cls-pilot.fr", on: app)
            // Re-ranked with other weights, no region in the query: the subject's own region stays chosen.
            let reranked = try await PrioritiesPage.load(.init(revenu: 2), ars)
            XCTAssertTrue(reranked.regionOptions.html.contains(#"<option value="53" selected>"#), "Bretagne stays the region ranked")
            XCTAssertTrue(reranked.csvHref.contains("region=53"), reranked.csvHref)
            let department = try await PrioritiesPage.load(.init(departement: "56"), ars)
            XCTAssertFalse(department.regionOptions.html.contains(" selected>"), "a department ranked leaves the region list unset")
            XCTAssertTrue(department.departmentOptions.html.contains(#"<option value="56" selected>"#))
        }
    }

    func testTheLibraryAndThePortfolioShowWordsNotCodes() async throws {
        try await TestApp.run { app, _ in
            let ars = try await context("ars.bretagne@demo.cls-pilot.fr", on: app)
            let library = try await LibraryPage.load(.init(), ars)
            let coded = library.results.filter { !$0.codes.isEmpty }
            XCTAssertFalse(coded.isEmpty, "the demo codes some actions")
            let labelled = try NSRegularExpression(pattern: #"^(NS|[DS][0-9.]+) \p{L}"#)
            for result in coded {
                for code in result.codes.components(separatedBy: " ; ") {
                    XCTAssertNotNil(labelled.firstMatch(in: code, range: NSRange(code.startIndex..., in: code)),
                                    "an ISTS code without its label: \(code)")
                }
            }
            let portfolio = try await PortfolioPage.load(region: "53", department: nil, ars).content
            let snake = try NSRegularExpression(pattern: "^[a-z]+(_[a-z]+)+$")
            for line in portfolio.funding + portfolio.postFunding {
                XCTAssertNil(snake.firstMatch(in: line.channel, range: NSRange(line.channel.startIndex..., in: line.channel)),
                             "a funding channel reads as a code: \(line.channel)")
            }
        }
    }

    func testTheIndicatorsTabListsEveryIndicatorOfTheContractWithItsLatestValues() async throws {
        try await TestApp.run { app, _ in
            let contract = try await TestApp.contract(named: Self.belleIle, on: app)
            let id = try contract.requireID()
            let reader = try await context("lecture.belle-ile@demo.cls-pilot.fr", on: app)
            let page = try await ContractIndicatorsPage.load(contract, reader)
            let indicators = try await Indicator.query(on: app.db).filter(\.$contractId == id).with(\.$values).all()
            XCTAssertFalse(indicators.isEmpty, "the demo contract follows indicators")
            XCTAssertEqual(page.rows.count, indicators.count)
            XCTAssertEqual(page.shell.tabs.filter(\.current).map(\.label), ["Indicateurs"])
            // Each row's last value is the indicator's value of its latest year with one.
            for indicator in indicators {
                let row = try XCTUnwrap(page.rows.first { $0.name == indicator.name })
                if let latest = indicator.values.filter({ $0.actual != nil }).max(by: { $0.year < $1.year }) {
                    XCTAssertTrue(row.actual.hasSuffix("en \(latest.year)"), "\(indicator.name): \(row.actual)")
                } else {
                    XCTAssertEqual(row.actual, "—")
                }
            }
            XCTAssertEqual(page.measuredCount, indicators.filter { $0.values.contains { $0.actual != nil } }.count)
        }
    }
}
