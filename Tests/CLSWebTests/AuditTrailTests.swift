import CLSCore
@testable import CLSStore
import Fluent
import Vapor
import XCTest
import XCTVapor
@testable import CLSWeb

/// Every mutation path of the web layer writes an audit entry with old and new values.
final class AuditTrailTests: XCTestCase {
    func entries(_ app: Application) async throws -> [AuditEntry] {
        try await AuditEntry.query(on: app.db).sort(\.$occurredAt).all()
    }

    /// Runs `action`, then returns the audit entries it added (exactly `expected` of them).
    func added(_ app: Application, expected: Int = 1, file: StaticString = #filePath, line: UInt = #line,
               _ action: () async throws -> Void) async throws -> [AuditEntry] {
        let before = Set(try await entries(app).compactMap(\.id))
        try await action()
        let new = try await entries(app).filter { !before.contains($0.id!) }
        XCTAssertEqual(new.count, expected, "audit entries written", file: file, line: line)
        return new
    }

    func change(_ entry: AuditEntry?, _ field: String) -> FieldChange? {
        entry?.changes.first { $0.field == field }
    }

    func testContractMutationsAreAudited() async throws {
        try await TestApp.run { app, _ in
            let ars = WebClient(app)
            try await ars.login("ars.idf@demo.cls-pilot.fr")
            try await ars.get("/contrats/nouveau")

            // Creation
            var created = try await added(app) {
                let response = try await ars.post("/contrats", [
                    ("name", "CLS de Gennevilliers"), ("generation", "1"), ("regionCode", "11"), ("departmentCode", "92"),
                    ("territoryLabel", "Ville de Gennevilliers"), ("initiative", "ascending"), ("summary", "Premiers contacts."),
                ])
                XCTAssertEqual(response.status, .seeOther)
            }
            XCTAssertEqual(created.first?.auditAction, .create)
            XCTAssertEqual(created.first?.actorLabel, "Nadia Benali", "the name, not the address")
            XCTAssertEqual(change(created.first, "name")?.new, "CLS de Gennevilliers")
            XCTAssertNil(change(created.first, "name")?.old)
            let contract = try await TestApp.contract(named: "CLS de Gennevilliers", on: app)
            let id = contract.id!.uuidString
            XCTAssertEqual(created.first?.contractId, contract.id)

            // Update: old and new values
            var updated = try await added(app) {
                try await ars.get("/contrats/\(id)/modifier")
                let response = try await ars.post("/contrats/\(id)/modifier", [
                    ("name", "CLS de Gennevilliers-Villeneuve"), ("generation", "1"), ("regionCode", "11"), ("departmentCode", "92"),
                    ("territoryLabel", "Ville de Gennevilliers"), ("initiative", "ascending"), ("summary", "Premiers contacts."),
                ])
                XCTAssertEqual(response.status, .seeOther)
            }
            XCTAssertEqual(updated.first?.auditAction, .update)
            XCTAssertEqual(change(updated.first, "name")?.old, "CLS de Gennevilliers")
            XCTAssertEqual(change(updated.first, "name")?.new, "CLS de Gennevilliers-Villeneuve")
            XCTAssertEqual(updated.first?.changes.count, 1, "only the changed field is recorded")

            // An update that changes nothing writes nothing.
            _ = try await added(app, expected: 0) {
                try await ars.post("/contrats/\(id)/modifier", [
                    ("name", "CLS de Gennevilliers-Villeneuve"), ("generation", "1"), ("regionCode", "11"), ("departmentCode", "92"),
                    ("territoryLabel", "Ville de Gennevilliers"), ("initiative", "ascending"), ("summary", "Premiers contacts."),
                ])
            }

            // Transition
            let transition = try await added(app) {
                try await ars.get("/contrats/\(id)")
                let value1 = try await ars.post("/contrats/\(id)/etat", [("toState", "prefiguration"), ("effectiveOn", "2026-10-05"), ("comment", "COPIL de lancement")]).status
                XCTAssertEqual(value1, .seeOther)
            }
            XCTAssertEqual(transition.first?.auditAction, .transition)
            XCTAssertEqual(change(transition.first, "state")?.old, "Émergence")
            XCTAssertEqual(change(transition.first, "state")?.new, "Préfiguration")
            XCTAssertEqual(change(transition.first, "comment")?.new, "COPIL de lancement")

            // Signatory added, then removed
            let value2 = try await Organisation.query(on: app.db).filter(\.$name == "ARS Île-de-France").first()
            let ars93 = try XCTUnwrap(value2)
            created = try await added(app) {
                try await ars.post("/contrats/\(id)/signataires", [
                    ("organisationId", ars93.id!.uuidString), ("representative", "Directrice générale"), ("representativeRole", "DG"),
                    ("signedOn", "2026-12-01"),
                ])
            }
            XCTAssertEqual(created.first?.entityType, Signatory.auditEntityType)
            XCTAssertEqual(change(created.first, "representative")?.new, "Directrice générale")
            let value3 = try await Signatory.query(on: app.db).filter(\.$contract.$id == contract.id!).first()
            let signatory = try XCTUnwrap(value3)
            let removed = try await added(app) {
                try await ars.post("/contrats/\(id)/signataires/\(signatory.id!.uuidString)/supprimer", [])
            }
            XCTAssertEqual(removed.first?.auditAction, .delete)
            XCTAssertEqual(change(removed.first, "representative")?.old, "Directrice générale")
            XCTAssertNil(change(removed.first, "representative")?.new)

            // Partner added, then removed
            created = try await added(app) {
                try await ars.post("/contrats/\(id)/partenaires", [("organisationId", ars93.id!.uuidString), ("contribution", "Appui")])
            }
            XCTAssertEqual(created.first?.entityType, Partner.auditEntityType)
            let value4 = try await Partner.query(on: app.db).filter(\.$contract.$id == contract.id!).first()
            let partner = try XCTUnwrap(value4)
            updated = try await added(app) { try await ars.post("/contrats/\(id)/partenaires/\(partner.id!.uuidString)/supprimer", []) }
            XCTAssertEqual(change(updated.first, "contribution")?.old, "Appui")

            // Member added, then removed
            created = try await added(app) {
                try await ars.post("/contrats/\(id)/membres", [("email", "dt93@demo.cls-pilot.fr"), ("role", "reader")])
            }
            XCTAssertEqual(created.first?.entityType, RoleAssignment.auditEntityType)
            XCTAssertEqual(created.first?.contractId, contract.id)
            let value5 = try await RoleAssignment.query(on: app.db).filter(\.$scope == id).first()
            let assignment = try XCTUnwrap(value5)
            updated = try await added(app) { try await ars.post("/contrats/\(id)/membres/\(assignment.id!.uuidString)/supprimer", []) }
            XCTAssertEqual(updated.first?.auditAction, .delete)

            // The contract's history page lists them.
            let history = try await ars.get("/contrats/\(id)/historique")
            XCTAssertEqual(history.status, .ok)
            XCTAssertTrue(history.body.string.contains("Changement d&#39;état") || history.body.string.contains("Changement d'état"))
            XCTAssertTrue(history.body.string.contains("CLS de Gennevilliers-Villeneuve"))
        }
    }

    func testOrganisationAndAccountMutationsAreAudited() async throws {
        try await TestApp.run { app, _ in
            let admin = WebClient(app)
            try await admin.login("admin@demo.cls-pilot.fr")
            try await admin.get("/organisations/nouvelle")

            var new = try await added(app) {
                let value6 = try await admin.post("/organisations", [("name", "CAF de la Mayenne"), ("kind", "caf"), ("departmentCode", "53"), ("competences[]", "social")]).status
                XCTAssertEqual(value6, .seeOther)
            }
            XCTAssertEqual(change(new.first, "name")?.new, "CAF de la Mayenne")
            let value7 = try await Organisation.query(on: app.db).filter(\.$name == "CAF de la Mayenne").first()
            let caf = try XCTUnwrap(value7)
            XCTAssertEqual(caf.regionCode, "52", "the region follows from the department")
            new = try await added(app) {
                try await admin.post("/organisations/\(caf.id!.uuidString)/modifier", [("name", "CAF de la Mayenne"), ("kind", "caf"), ("departmentCode", "53"), ("siren", "")])
            }
            XCTAssertEqual(change(new.first, "competences")?.old, CompetenceDomain.social.label)
            XCTAssertNil(change(new.first, "competences")?.new)

            // A bad SIREN is refused and changes nothing.
            _ = try await added(app, expected: 0) {
                let refused = try await admin.post("/organisations/\(caf.id!.uuidString)/modifier", [("name", "CAF 53"), ("kind", "caf"), ("siren", "123456789")])
                XCTAssertEqual(refused.status, .unprocessableEntity)
                XCTAssertTrue(refused.body.string.contains("SIREN"))
            }

            // Accounts
            try await admin.get("/admin/utilisateurs/nouveau")
            new = try await added(app) {
                let value8 = try await admin.post("/admin/utilisateurs", [("email", "Pilote.CPAM@exemple.fr"), ("displayName", "Pilote CPAM")]).status
                XCTAssertEqual(value8, .seeOther)
            }
            XCTAssertEqual(change(new.first, "email")?.new, "pilote.cpam@exemple.fr")
            XCTAssertEqual(change(new.first, "password")?.new, "••••••", "the hash never enters the journal")
            let value9 = try await User.query(on: app.db).filter(\.$email == "pilote.cpam@exemple.fr").first()
            let user = try XCTUnwrap(value9)
            let userPath = "/admin/utilisateurs/\(user.id!.uuidString)"
            new = try await added(app) { try await admin.post("\(userPath)/roles", [("role", "ars_delegation"), ("departmentCode", "53")]) }
            XCTAssertEqual(change(new.first, "scope")?.new, "53")
            let value10 = try await RoleAssignment.query(on: app.db).filter(\.$user.$id == user.id!).first()
            let grant = try XCTUnwrap(value10)
            new = try await added(app) { try await admin.post("\(userPath)/roles/\(grant.id!.uuidString)/supprimer", []) }
            XCTAssertEqual(new.first?.auditAction, .delete)
            new = try await added(app) { try await admin.post("\(userPath)/activation", []) }
            XCTAssertEqual(change(new.first, "is_active")?.old, "oui")
            XCTAssertEqual(change(new.first, "is_active")?.new, "non")
            new = try await added(app) { try await admin.post("\(userPath)/mot-de-passe", []) }
            XCTAssertEqual(new.first?.auditAction, .passwordChange)
            XCTAssertEqual(change(new.first, "password")?.old, "••••••")
            // The journal names the author and finds an author's changes by the account's address.
            let byAdmin = try await admin.get("/admin/journal?utilisateur=admin%40demo.cls-pilot.fr&type=user").body.string
            XCTAssertTrue(byAdmin.contains("Camille Admin") && byAdmin.contains("Pilote CPAM"), byAdmin)
            XCTAssertFalse(byAdmin.contains("<td>admin@demo.cls-pilot.fr</td>"), "the author's name, not the address")
            let byOther = try await admin.get("/admin/journal?utilisateur=ars.idf%40demo.cls-pilot.fr&type=user").body.string
            XCTAssertFalse(byOther.contains("Pilote CPAM"), "another author's changes are not listed")

            // One's own password
            try await admin.get("/compte/mot-de-passe")
            new = try await added(app) {
                let response = try await admin.post("/compte/mot-de-passe", [
                    ("currentPassword", DemoDataset.password), ("newPassword", "Nouveau-mot-2026!"), ("confirmation", "Nouveau-mot-2026!"),
                ])
                XCTAssertEqual(response.status, .seeOther)
            }
            XCTAssertEqual(new.first?.auditAction, .passwordChange)
            let relog = WebClient(app)
            try await relog.login("admin@demo.cls-pilot.fr", password: "Nouveau-mot-2026!")
        }
    }
}

/// The history is read by people: names for ids, labels for codes, dates in words.
final class HistoryInWordsTests: XCTestCase {
    func testTheHistoryNamesWhatItsEntriesDesignate() async throws {
        try await TestApp.run { app, _ in
            let contract = try await TestApp.contract(named: "CLS 2 de Belle-Île-en-Mer", on: app)
            let id = try contract.requireID()
            let action = try await XCTUnwrapAsync(try await Action.query(on: app.db).filter(\.$contract.$id == id)
                .filter(\.$parentAction.$id == nil).sort(\.$position).first())
            let actionPath = SitePath.contract(id, .action(try action.requireID(), .page)).href
            let coordinator = WebClient(app)
            try await coordinator.login("coordination.belle-ile@demo.cls-pilot.fr")
            try await coordinator.get(actionPath)
            let organisation = try await XCTUnwrapAsync(try await Organisation.query(on: app.db).filter(\.$name == "ARS Bretagne").first())
            let added = try await coordinator.post("\(actionPath)/budget", [
                ("funderOrganisationId", try organisation.requireID().uuidString), ("year", "2027"), ("planned", "1 200"),
                ("channel", FundingChannel.callForProjects.rawValue), ("status", BudgetStatus.requested.rawValue)])
            XCTAssertEqual(added.status, .seeOther, added.body.string.prefix(500).description)
            try await coordinator.post("\(actionPath)/suivi", [("status", ActionStatus.late.rawValue), ("note", "Recrutement retardé"),
                                                                ("writtenOn", "2026-11-30")])

            for path in [SitePath.contract(id, .history).href, SitePath.contract(id, .action(try action.requireID(), .history)).href] {
                let page = try await coordinator.get(path).body.string
                let table = String(page[page.range(of: "<main")!.lowerBound...])
                XCTAssertTrue(table.contains("Morgane Le Floch"), "\(path): the author's name")
                XCTAssertFalse(table.contains("coordination.belle-ile@demo.cls-pilot.fr"), "\(path): no address in place of a name")
                XCTAssertTrue(table.contains("ARS Bretagne"), "\(path): the funder's name, not its id")
                XCTAssertTrue(table.contains(FundingChannel.callForProjects.label.htmlEscaped()), "\(path): the channel's label")
                XCTAssertFalse(table.contains(">\(FundingChannel.callForProjects.rawValue)<"), "\(path): not its code")
                XCTAssertTrue(table.contains(ActionStatus.late.label.htmlEscaped()), "\(path): the status's label")
                XCTAssertNil(table.range(of: "[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}</td>", options: .regularExpression),
                             "\(path): no id shown as a value")
                let text = table.replacingOccurrences(of: "<[^>]+>", with: " ", options: .regularExpression)
                XCTAssertNil(text.range(of: "[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}", options: .regularExpression),
                             "\(path): no id anywhere a person reads (the roles' labels included)")
                XCTAssertTrue(table.contains("30 novembre 2026"), "\(path): dates in words")
            }
        }
    }

    func testTheContractHistoryIsFilteredByAuthorObjectAndPeriodAndPaged() async throws {
        try await TestApp.run { app, _ in
            let contract = try await TestApp.contract(named: "CLS 2 de Belle-Île-en-Mer", on: app)
            let id = try contract.requireID()
            let coordinator = WebClient(app)
            try await coordinator.login("coordination.belle-ile@demo.cls-pilot.fr")
            try await coordinator.get(SitePath.contract(id, .programme(.tree)).href)
            for index in 1...3 {
                try await coordinator.post(SitePath.contract(id, .programme(.sections)).href, [("title", "Axe filtré \(index)")])
            }
            let history = SitePath.contract(id, .history)
            let all = try await coordinator.get(history.href).body.string
            let author = try await XCTUnwrapAsync(try await User.query(on: app.db).filter(\.$email == "coordination.belle-ile@demo.cls-pilot.fr").first())
            XCTAssertTrue(all.contains("<option value=\"\(try author.requireID().uuidString)\">Morgane Le Floch</option>"),
                          "the authors of this contract's history are offered by name")
            let mine = try await coordinator.get(history.href(query: [("auteur", try author.requireID().uuidString), ("type", "programme_section")])).body.string
            XCTAssertTrue(mine.contains("3 modifications"), "three axes created by her")
            XCTAssertTrue(mine.contains("Axe filtré 3") && mine.contains("Axe filtré 1"))
            XCTAssertFalse(mine.contains("<td>système</td>"), "the demo's loading is another author")
            let before = try await coordinator.get(history.href(query: [("au", "2020-01-01")])).body.string
            XCTAssertTrue(before.contains("Aucune modification ne correspond à ces filtres."))
            // Paged: past a page of entries, the list goes on on a second page.
            let written = try await AuditEntry.query(on: app.db).filter(\.$contractId == id).count()
            if written <= ContractHistoryPage.pageSize {
                for index in 0...(ContractHistoryPage.pageSize - written) {
                    try await coordinator.post(SitePath.contract(id, .programme(.sections)).href, [("title", "Axe de plus \(index)")])
                }
            }
            let first = try await coordinator.get(history.href).body.string
            XCTAssertTrue(first.contains("Page 1 sur"), "paged")
            let second = try await coordinator.get(history.href(query: [("page", "2")])).body.string
            XCTAssertTrue(second.contains("Page 2 sur"))
            let refused = try await coordinator.get(history.href(query: [("du", "hier")]))
            XCTAssertEqual(refused.status, .badRequest, "an unreadable date is said, not ignored")
        }
    }

    func testHistoriesAreFilteredByTheFieldChangedAndTheJournalByAName() async throws {
        try await TestApp.run { app, _ in
            let contract = try await TestApp.contract(named: "CLS 2 de Belle-Île-en-Mer", on: app)
            let id = try contract.requireID()
            let coordinator = WebClient(app)
            try await coordinator.login("coordination.belle-ile@demo.cls-pilot.fr")
            try await coordinator.get(SitePath.contract(id, .programme(.tree)).href)
            try await coordinator.post(SitePath.contract(id, .programme(.sections)).href, [("title", "Axe à renommer")])
            let section = try await XCTUnwrapAsync(try await ProgrammeSection.query(on: app.db).filter(\.$title == "Axe à renommer").first())
            let system = Mutations(database: app.db, actor: .system)
            try await system.update(section, permission: .editProgramme(contract.accessScope)) { $0.title = "Axe renommé" }
            let label = try XCTUnwrap(section.auditSnapshot().first { $0.code == "title" }?.label)
            let history = SitePath.contract(id, .history)
            let renamed = try await coordinator.get(history.href(query: [("champ", label), ("type", "programme_section")])).body.string
            XCTAssertTrue(renamed.contains("1 modification"), "only the change of \(label): \(renamed.components(separatedBy: "<strong>").dropFirst().first?.prefix(60) ?? "")")
            XCTAssertTrue(renamed.contains("Axe renommé"))
            let none = try await coordinator.get(history.href(query: [("champ", "Champ qui n'existe pas")])).body.string
            XCTAssertTrue(none.contains("Aucune modification ne correspond à ces filtres."))

            let admin = WebClient(app)
            try await admin.login("admin@demo.cls-pilot.fr")
            let byName = try await admin.get(SitePath.journal.href(query: [("utilisateur", "le floch"), ("type", "programme_section")])).body.string
            XCTAssertTrue(byName.contains("Axe à renommer"), "found by part of her name, case aside")
            XCTAssertFalse(byName.contains("Axe renommé"), "the rename was the system's")
        }
    }

    func testVocabularyCodesAreReadInWords() {
        let words = AuditWords.vocabularyLabel
        XCTAssertEqual(words(IndicatorPolarity.higherIsBetter.rawValue, "polarity", "indicator", [:]), IndicatorPolarity.higherIsBetter.label)
        XCTAssertEqual(words("D4.2.2", "determinants", "action", [:]), "D4.2.2 Compétences psychosociales")
        XCTAssertEqual(words("53", "region_code", "regional_theme", [:]), "Bretagne")
        XCTAssertEqual(words("logement_local", "themes", "action", ["logement_local": "Logement insalubre"]), "Logement insalubre")
        XCTAssertNil(words("Texte libre", "title", "action", [:]))
    }
}
