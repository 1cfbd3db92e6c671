import CLSCore
import CLSStore
import Fluent
import Vapor
import XCTest
import XCTVapor
@testable import CLSWeb

final class ProgrammeTests: XCTestCase {
    /// Builds axis → objective → action on the Belle-Île contract as its coordinator.
    func buildProgramme(_ app: Application, _ coordinator: WebClient) async throws -> (Contract, ProgrammeSection, Action) {
        let contract = try await TestApp.contract(named: "CLS 2 de Belle-Île-en-Mer", on: app)
        let base = "/contrats/\(contract.id!.uuidString)/programme"
        try await coordinator.get(base)
        let axisResponse = try await coordinator.post("\(base)/sections", [("title", "Accès aux soins")])
        XCTAssertEqual(axisResponse.status, .seeOther)
        let result1 = try await ProgrammeSection.query(on: app.db).filter(\.$title == "Accès aux soins").first()
        let axis = try XCTUnwrap(result1)
        XCTAssertEqual(axis.sectionKind, .axis)
        let objectiveResponse = try await coordinator.post("\(base)/sections", [
            ("parentId", axis.id!.uuidString), ("title", "Attirer des médecins sur l'île"), ("objectiveKind", "operationnel"),
        ])
        XCTAssertEqual(objectiveResponse.status, .seeOther)
        let result2 = try await ProgrammeSection.query(on: app.db).filter(\.$title == "Attirer des médecins sur l'île").first()
        let objective = try XCTUnwrap(result2)
        XCTAssertEqual(objective.$parent.id, axis.id)
        let actionResponse = try await coordinator.post("\(base)/actions", [("sectionId", objective.id!.uuidString), ("title", "Maison de santé pluriprofessionnelle")])
        XCTAssertEqual(actionResponse.status, .seeOther)
        let result3 = try await Action.query(on: app.db).filter(\.$title == "Maison de santé pluriprofessionnelle").first()
        let action = try XCTUnwrap(result3)
        return (contract, objective, action)
    }

    func testCoordinatorBuildsAProgrammeAndCodesAnActionWithTheISTSGrid() async throws {
        try await TestApp.run { app, _ in
            let coordinator = WebClient(app)
            try await coordinator.login("coordination.belle-ile@demo.cls-pilot.fr")
            let (contract, _, action) = try await buildProgramme(app, coordinator)
            let actionPath = "/contrats/\(contract.id!.uuidString)/actions/\(action.id!.uuidString)"
            let form = try await coordinator.get("\(actionPath)/modifier")
            XCTAssertEqual(form.status, .ok)
            XCTAssertTrue(form.body.string.contains("D2.2.4"), "the determinant tree is offered")

            let saved = try await coordinator.post("\(actionPath)/modifier", [
                ("title", "Maison de santé pluriprofessionnelle du Palais"), ("status", "en_cours"), ("priority", "elevee"),
                ("startsOn", "2026-01-15"), ("endsOn", "2027-06-30"), ("logicProblem", "Départs en retraite non remplacés"),
                ("themes[]", "acces_aux_soins"), ("themes[]", "amelioration_systeme_soins"),
                ("determinants[]", "D5.1.1"), ("determinants[]", "D5.1.5"),
                ("strategies[]", "S4.1"), ("strategies[]", "S3.3"),
                ("publics[]", "tout_public"), ("approach", "universalisme_proportionne"), ("participation", "consultation"),
                ("plannedTotal", "120 000"),
            ])
            XCTAssertEqual(saved.status, .seeOther, saved.body.string)
            let result4 = try await Action.find(action.id, on: app.db)
            let reloaded = try XCTUnwrap(result4)
            XCTAssertEqual(reloaded.status, "en_cours")
            XCTAssertEqual(reloaded.determinantCodes, "D5.1.1,D5.1.5")
            XCTAssertEqual(reloaded.plannedTotal, 120_000)
            let codes = try await ActionCode.query(on: app.db).filter(\.$action.$id == action.id!).all()
                .map { "\($0.scheme):\($0.code)" }.sorted()
            XCTAssertEqual(codes, ["determinant:D5.1.1", "determinant:D5.1.5", "public:tout_public", "strategy:S3.3", "strategy:S4.1",
                                   "theme:acces_aux_soins", "theme:amelioration_systeme_soins"])

            // An unknown code is refused, with the code named, and nothing changes.
            let refused = try await coordinator.post("\(actionPath)/modifier", [("title", "X"), ("determinants[]", "D9.9")])
            XCTAssertEqual(refused.status, .unprocessableEntity)
            XCTAssertTrue(refused.body.string.contains("D9.9"))
            let result5 = try await Action.find(action.id, on: app.db)?.title
            XCTAssertEqual(result5, "Maison de santé pluriprofessionnelle du Palais")

            // Budget line and indicator with a yearly value (the demo programme has lines of its own).
            let before = try await ProgrammeQueries.budgetTotals(contractId: contract.id!, on: app.db)
            func planned(_ totals: [(Int?, ProgrammeQueries.Amounts)], _ year: Int) -> Double { totals.first { $0.0 == year }?.1.planned ?? 0 }
            let result6 = try await Organisation.query(on: app.db).filter(\.$name == "ARS Bretagne").first()
            let ars = try XCTUnwrap(result6)
            try await coordinator.get(actionPath)
            let result7 = try await coordinator.post("\(actionPath)/budget", [
                ("funderOrganisationId", ars.id!.uuidString), ("year", "2026"), ("kind", "fonctionnement"), ("unit", "euros"),
                ("planned", "30 000"), ("channel", "fir"), ("status", "accorde"),
            ])
            XCTAssertEqual(result7.status, .seeOther)
            let result8 = try await coordinator.post("\(actionPath)/budget", [
                ("funderName", "Communauté de communes"), ("year", "2027"), ("planned", "12 500,50"), ("actual", "10000"),
            ])
            XCTAssertEqual(result8.status, .seeOther)
            let lines = try await BudgetLine.query(on: app.db).filter(\.$action.$id == action.id!).all()
            XCTAssertEqual(lines.count, 2)
            XCTAssertEqual(lines.compactMap(\.planned).reduce(0, +), 42_500.5, accuracy: 0.001)

            // A refused line needs its reason.
            let refusedLine = try await coordinator.post("\(actionPath)/budget", [("funderName", "CAF"), ("planned", "1000"), ("status", "refuse")])
            XCTAssertEqual(refusedLine.status, .unprocessableEntity)
            XCTAssertTrue(refusedLine.body.string.contains("value=\"CAF\""), "the line typed comes back")
            let result9 = try await BudgetLine.query(on: app.db).filter(\.$action.$id == action.id!).count()
            XCTAssertEqual(result9, 2)

            let result10 = try await coordinator.post("\(actionPath)/indicateurs", [
                ("name", "Nombre de médecins installés"), ("kind", "resultat"), ("unit", "médecins"), ("baselineValue", "2"),
                ("baselineOn", "2025-12-31"), ("source", "Ordre des médecins"), ("polarity", "higher_is_better"),
            ])
            XCTAssertEqual(result10.status, .seeOther)
            let result11 = try await Indicator.query(on: app.db).filter(\.$action.$id == action.id!).first()
            let indicator = try XCTUnwrap(result11)
            let result12 = try await coordinator.post("\(actionPath)/indicateurs/\(indicator.id!.uuidString)/valeurs", [
                ("year", "2026"), ("target", "4"), ("actual", "3"), ("comment", "Un départ"),
            ])
            XCTAssertEqual(result12.status, .seeOther)
            let result13 = try await IndicatorValue.query(on: app.db).filter(\.$indicator.$id == indicator.id!).first()
            let value = try XCTUnwrap(result13)
            XCTAssertEqual(value.target, 4)
            XCTAssertEqual(value.actual, 3)

            // The programme page: the tree, the totals by funder, no per-row queries.
            let programme = try await coordinator.get("/contrats/\(contract.id!.uuidString)/programme")
            XCTAssertEqual(programme.status, .ok)
            let html = programme.body.string
            XCTAssertTrue(html.contains("Maison de santé pluriprofessionnelle du Palais"))
            XCTAssertTrue(html.contains("Attirer des médecins"))
            XCTAssertTrue(html.contains("ARS Bretagne"))
            let totals = try await ProgrammeQueries.budgetTotals(contractId: contract.id!, on: app.db)
            XCTAssertEqual(planned(totals.byYear, 2026) - planned(before.byYear, 2026), 30_000, accuracy: 0.001)
            XCTAssertEqual(planned(totals.byYear, 2027) - planned(before.byYear, 2027), 12_500.5, accuracy: 0.001)
            XCTAssertTrue(totals.byFunder.contains { $0.0 == "Communauté de communes" && $0.1 == ProgrammeQueries.Amounts(planned: 12_500.5, actual: 10_000) })

            // The action's own history lists its changes and those of its budget lines and indicators.
            let actionHistory = try await coordinator.get("\(actionPath)/historique")
            XCTAssertEqual(actionHistory.status, .ok)
            XCTAssertTrue(actionHistory.body.string.contains("Ligne budgétaire"))
            XCTAssertTrue(actionHistory.body.string.contains("Valeur d&#39;indicateur") || actionHistory.body.string.contains("Valeur d'indicateur"))
            XCTAssertTrue(actionHistory.body.string.contains("Maison de santé pluriprofessionnelle du Palais"))
            XCTAssertFalse(actionHistory.body.string.contains("Attirer des médecins sur l&#39;île</td>"), "other objects are not listed")

            // Every change is in the contract's history.
            let audited = try await AuditEntry.query(on: app.db).filter(\.$contractId == contract.id!).all().map(\.entityType)
            for type in [ProgrammeSection.auditEntityType, Action.auditEntityType, BudgetLine.auditEntityType,
                         Indicator.auditEntityType, IndicatorValue.auditEntityType] {
                XCTAssertTrue(audited.contains(type), type)
            }
        }
    }

    func testPilotFollowsUpOnlyTheActionsTheyLead() async throws {
        try await TestApp.run { app, _ in
            let coordinator = WebClient(app)
            try await coordinator.login("coordination.belle-ile@demo.cls-pilot.fr")
            let (contract, objective, action) = try await buildProgramme(app, coordinator)
            let result14 = try await User.query(on: app.db).filter(\.$email == "pilote.belle-ile@demo.cls-pilot.fr").first()
            let pilotUser = try XCTUnwrap(result14)
            let contractPath = "/contrats/\(contract.id!.uuidString)"
            let actionPath = "\(contractPath)/actions/\(action.id!.uuidString)"
            let result15 = try await coordinator.post("\(actionPath)/modifier", [
                ("title", action.title), ("status", "a_venir"), ("pilotUserId", pilotUser.id!.uuidString),
            ])
            XCTAssertEqual(result15.status, .seeOther)
            let result16 = try await coordinator.post("\(actionPath)/budget", [("funderName", "ARS"), ("year", "2026"), ("planned", "5000")]).status
            XCTAssertEqual(result16, .seeOther)
            let result17 = try await coordinator.post("\(actionPath)/indicateurs", [("name", "Consultations")]).status
            XCTAssertEqual(result17, .seeOther)
            let result18 = try await coordinator.post("\(contractPath)/programme/actions", [("sectionId", objective.id!.uuidString), ("title", "Autre action")]).status
            XCTAssertEqual(result18, .seeOther)
            let result19 = try await Action.query(on: app.db).filter(\.$title == "Autre action").first()
            let other = try XCTUnwrap(result19)
            let result20 = try await BudgetLine.query(on: app.db).filter(\.$action.$id == action.id!).first()
            let line = try XCTUnwrap(result20)
            let result21 = try await Indicator.query(on: app.db).filter(\.$action.$id == action.id!).first()
            let indicator = try XCTUnwrap(result21)

            let pilot = WebClient(app)
            try await pilot.login("pilote.belle-ile@demo.cls-pilot.fr")
            try await pilot.get(actionPath)
            // Their action: status and note, actual spending, indicator values.
            let result22 = try await pilot.post("\(actionPath)/suivi", [("status", "en_cours"), ("note", "Local trouvé."), ("writtenOn", "2026-11-20")]).status
            XCTAssertEqual(result22, .seeOther)
            let result23 = try await Action.find(action.id, on: app.db)?.status
            XCTAssertEqual(result23, "en_cours")
            let result24 = try await ActionNote.query(on: app.db).filter(\.$action.$id == action.id!).first()?.author
            XCTAssertEqual(result24, "Sophie Tanguy")
            let result25 = try await pilot.post("\(actionPath)/budget/\(line.id!.uuidString)/realise", [("actual", "4 200")]).status
            XCTAssertEqual(result25, .seeOther)
            let result26 = try await BudgetLine.find(line.id, on: app.db)?.actual
            XCTAssertEqual(result26, 4_200)
            let result27 = try await pilot.post("\(actionPath)/indicateurs/\(indicator.id!.uuidString)/valeurs", [("year", "2026"), ("target", "999"), ("actual", "120")]).status
            XCTAssertEqual(result27, .seeOther)
            let result28 = try await IndicatorValue.query(on: app.db).filter(\.$indicator.$id == indicator.id!).first()
            let value = try XCTUnwrap(result28)
            XCTAssertEqual(value.actual, 120)
            XCTAssertNil(value.target, "a pilot records values, not targets")

            // Not the rest of the fiche, nor the programme, nor other actions.
            let result29 = try await pilot.post("\(actionPath)/modifier", [("title", "Renommée par le pilote")]).status
            XCTAssertEqual(result29, .forbidden)
            let result30 = try await pilot.post("\(actionPath)/budget", [("funderName", "X"), ("planned", "1")]).status
            XCTAssertEqual(result30, .forbidden)
            let result31 = try await pilot.post("\(contractPath)/programme/sections", [("title", "Axe du pilote")]).status
            XCTAssertEqual(result31, .forbidden)
            let otherPath = "\(contractPath)/actions/\(other.id!.uuidString)"
            let result32 = try await pilot.post("\(otherPath)/suivi", [("status", "realise")]).status
            XCTAssertEqual(result32, .forbidden)
            let result33 = try await Action.find(other.id, on: app.db)?.status
            XCTAssertEqual(result33, "a_venir")
            let result34 = try await Action.find(action.id, on: app.db)?.title
            XCTAssertEqual(result34, action.title)

            // A reader follows nothing up.
            let reader = WebClient(app)
            try await reader.login("lecture.belle-ile@demo.cls-pilot.fr")
            try await reader.get(actionPath)
            let result35 = try await reader.post("\(actionPath)/suivi", [("status", "realise")]).status
            XCTAssertEqual(result35, .forbidden)
        }
    }

    func testTheTreeRulesAreEnforced() async throws {
        try await TestApp.run { app, _ in
            let coordinator = WebClient(app)
            try await coordinator.login("coordination.belle-ile@demo.cls-pilot.fr")
            let (contract, objective, action) = try await buildProgramme(app, coordinator)
            let base = "/contrats/\(contract.id!.uuidString)/programme"
            var parent = objective
            for level in 2...3 {
                let result36 = try await coordinator.post("\(base)/sections", [("parentId", parent.id!.uuidString), ("title", "Objectif \(level)")]).status
                XCTAssertEqual(result36, .seeOther)
                let result37 = try await ProgrammeSection.query(on: app.db).filter(\.$title == "Objectif \(level)").first()
                parent = try XCTUnwrap(result37)
            }
            let before = try await ProgrammeSection.query(on: app.db).count()
            let page = try await coordinator.post("\(base)/sections", [("parentId", parent.id!.uuidString), ("title", "Objectif 4")])
            let result38 = try await ProgrammeSection.query(on: app.db).count()
            XCTAssertEqual(result38, before, "a fourth objective level is refused")
            XCTAssertEqual(page.status, .unprocessableEntity)
            XCTAssertTrue(page.body.string.contains("niveaux"), "the refusal explains the limit")

            // A sub-action, but no sub-sub-action.
            let actionPath = "/contrats/\(contract.id!.uuidString)/actions/\(action.id!.uuidString)"
            let result39 = try await coordinator.post("\(base)/actions", [("parentActionId", action.id!.uuidString), ("title", "Sous-action")]).status
            XCTAssertEqual(result39, .seeOther)
            let result40 = try await Action.query(on: app.db).filter(\.$title == "Sous-action").first()
            let sub = try XCTUnwrap(result40)
            XCTAssertEqual(sub.$parentAction.id, action.id)
            XCTAssertEqual(sub.$section.id, action.$section.id)
            try await coordinator.post("\(base)/actions", [("parentActionId", sub.id!.uuidString), ("title", "Sous-sous-action")])
            let result41 = try await Action.query(on: app.db).filter(\.$title == "Sous-sous-action").count()
            XCTAssertEqual(result41, 0)

            // A section that still holds something is not deleted; an action with sub-actions neither.
            try await coordinator.post("\(base)/sections/\(objective.id!.uuidString)/supprimer", [])
            let result42 = try await ProgrammeSection.find(objective.id, on: app.db)
            XCTAssertNotNil(result42)
            try await coordinator.post("\(actionPath)/supprimer", [])
            let result43 = try await Action.find(action.id, on: app.db)
            XCTAssertNotNil(result43)
            // Deleting the sub-action then the action works, and is journaled.
            let result44 = try await coordinator.post("/contrats/\(contract.id!.uuidString)/actions/\(sub.id!.uuidString)/supprimer", []).status
            XCTAssertEqual(result44, .seeOther)
            let result45 = try await coordinator.post("\(actionPath)/supprimer", []).status
            XCTAssertEqual(result45, .seeOther)
            let result46 = try await Action.find(action.id, on: app.db)
            XCTAssertNil(result46)
            let deletions = try await AuditEntry.query(on: app.db).filter(\.$entityType == Action.auditEntityType).filter(\.$action == "delete").count()
            XCTAssertEqual(deletions, 2)
        }
    }

    func testTableFiltersBulkEditAndProgrammeAPI() async throws {
        try await TestApp.run { app, _ in
            let contract = try await TestApp.contract(named: "CLS 2 de Belle-Île-en-Mer", on: app)
            let base = "/contrats/\(contract.id!.uuidString)/programme"
            let coordinator = WebClient(app)
            try await coordinator.login("coordination.belle-ile@demo.cls-pilot.fr")

            // The demo programme: 4 fiches actions and 1 sub-action; one late (summer offer, ended 30 June 2026).
            let all = try await coordinator.get("\(base)/tableau")
            XCTAssertEqual(all.status, .ok)
            XCTAssertTrue(all.body.string.contains("5 fiches actions"))
            let late = try await coordinator.get("\(base)/tableau?retard=1")
            XCTAssertTrue(late.body.string.contains("1 fiche action sur 5"), late.body.string)
            XCTAssertTrue(late.body.string.contains("Renforcer l&#39;offre de soins estivale") || late.body.string.contains("Renforcer l'offre de soins estivale"))
            let careSystem = try await coordinator.get("\(base)/tableau?determinant=D5")
            XCTAssertTrue(careSystem.body.string.contains("3 fiches actions sur 5"), "D5 covers its sub-codes")
            let nutrition = try await coordinator.get("\(base)/tableau?theme=nutrition&strategie=S1")
            XCTAssertTrue(nutrition.body.string.contains("1 fiche action sur 5"))
            let pilotUser = try await User.query(on: app.db).filter(\.$email == "pilote.belle-ile@demo.cls-pilot.fr").first()
            let byPilot = try await coordinator.get("\(base)/tableau?pilote=\(try XCTUnwrap(pilotUser).id!.uuidString)")
            XCTAssertTrue(byPilot.body.string.contains("1 fiche action sur 5"), "the demo pilot leads one action")
            let withoutIndicator = try await coordinator.get("\(base)/tableau?sansIndicateur=1")
            XCTAssertTrue(withoutIndicator.body.string.contains("3 fiches actions sur 5"))

            // Bulk edit: two actions set to "en pause", each change audited.
            let targets = try await Action.query(on: app.db).filter(\.$contract.$id == contract.id!).filter(\.$parentAction.$id == nil)
                .sort(\.$title).limit(2).all()
            let before = try await AuditEntry.query(on: app.db).filter(\.$entityType == Action.auditEntityType).count()
            let bulk = try await coordinator.post("\(base)/lot", targets.map { ("actionIds[]", $0.id!.uuidString) } + [("status", "en_pause")])
            XCTAssertEqual(bulk.status, .seeOther)
            for target in targets {
                let reloaded = try await Action.find(target.id, on: app.db)
                XCTAssertEqual(reloaded?.status, "en_pause")
            }
            let after = try await AuditEntry.query(on: app.db).filter(\.$entityType == Action.auditEntityType).count()
            XCTAssertEqual(after - before, targets.filter { $0.status != "en_pause" }.count)

            // The programme as JSON: the tree with its actions at their level.
            let user = try await User.query(on: app.db).filter(\.$email == "lecture.belle-ile@demo.cls-pilot.fr").first()
            let token = try await APITokens.issue(for: try XCTUnwrap(user), label: "t", using: Mutations(database: app.db, actor: .system))
            var headers = HTTPHeaders()
            headers.bearerAuthorization = BearerAuthorization(token: token)
            let json = try await WebClient(app).get("/api/v1/contracts/\(contract.id!.uuidString)/programme", headers: headers)
            XCTAssertEqual(json.status, .ok)
            let programme = try JSONDecoder().decode(ProgrammeJSON.self, from: Data(json.body.string.utf8))
            XCTAssertEqual(programme.axes.count, 3)
            let elderly = try XCTUnwrap(programme.axes.first { $0.title.contains("personnes âgées") })
            let coordination = try XCTUnwrap(elderly.objectives.first?.actions.first)
            XCTAssertEqual(coordination.subActions.map(\.title), ["Former les aides à domicile au repérage de la fragilité"])
            XCTAssertEqual(coordination.determinants, ["D5.4", "D2.3.3"])
            let house = try XCTUnwrap(programme.axes.first?.objectives.first?.actions.first)
            XCTAssertEqual(house.budgetLines.count, 3)
        }
    }

    func testAttachmentsAndLinksOfAnAction() async throws {
        try await TestApp.run { app, _ in
            let contract = try await TestApp.contract(named: "CLS 2 de Belle-Île-en-Mer", on: app)
            let actions = try await Action.query(on: app.db).filter(\.$contract.$id == contract.id!).sort(\.$title).all()
            let coordination = try XCTUnwrap(actions.first { $0.title == "Coordonner le parcours de santé des personnes âgées" })
            let schools = try XCTUnwrap(actions.first { $0.title == "Ateliers nutrition et activité physique dans les écoles" })
            let path = "/contrats/\(contract.id!.uuidString)/actions/\(coordination.id!.uuidString)"

            // The pilot of the action attaches evidence; it comes back byte for byte, as a download.
            let pilot = WebClient(app)
            try await pilot.login("pilote.belle-ile@demo.cls-pilot.fr")
            try await pilot.get(path)
            let evidence = Data("<script>alert(1)</script> émargement".utf8)
            let uploaded = try await pilot.upload("\(path)/pieces-jointes", filename: "../../emargement<1>.html", data: evidence)
            XCTAssertEqual(uploaded.status, .seeOther)
            let stored = try await ActionAttachment.query(on: app.db).filter(\.$action.$id == coordination.id!).first()
            let attachment = try XCTUnwrap(stored)
            XCTAssertEqual(attachment.filename, "emargement<1>.html", "no path kept")
            let download = try await pilot.get("\(path)/pieces-jointes/\(attachment.id!.uuidString)")
            XCTAssertEqual(download.status, .ok)
            XCTAssertEqual(Data(download.body.readableBytesView), evidence)
            XCTAssertEqual(download.headers.contentType, .binary)
            XCTAssertTrue(download.headers.first(name: .contentDisposition)?.hasPrefix("attachment") ?? false)
            XCTAssertEqual(download.headers.first(name: "X-Content-Type-Options"), "nosniff")

            // Not on an action they do not lead, and a reader attaches nothing.
            let otherPath = "/contrats/\(contract.id!.uuidString)/actions/\(schools.id!.uuidString)"
            let value101 = try await pilot.upload("\(otherPath)/pieces-jointes", filename: "x.txt", data: Data("x".utf8)).status
            XCTAssertEqual(value101, .forbidden)
            let reader = WebClient(app)
            try await reader.login("lecture.belle-ile@demo.cls-pilot.fr")
            try await reader.get(path)
            let value102 = try await reader.upload("\(path)/pieces-jointes", filename: "x.txt", data: Data("x".utf8)).status
            XCTAssertEqual(value102, .forbidden)

            // Links: web pages only, and links between actions seen from both ends.
            let coordinator = WebClient(app)
            try await coordinator.login("coordination.belle-ile@demo.cls-pilot.fr")
            try await coordinator.get(path)
            try await coordinator.post("\(path)/liens", [("label", "Piège"), ("url", "javascript:alert(1)")])
            let value103 = try await ActionLink.query(on: app.db).count()
            XCTAssertEqual(value103, 0)
            try await coordinator.post("\(path)/liens", [("label", "Rapport PAERPA"), ("url", "https://www.exemple.fr/rapport.pdf")])
            try await coordinator.post("\(path)/liens", [("relatedActionId", schools.id!.uuidString)])
            let value104 = try await ActionLink.query(on: app.db).count()
            XCTAssertEqual(value104, 2)
            let other = try await coordinator.get(otherPath)
            XCTAssertTrue(other.body.string.contains("Coordonner le parcours de santé des personnes âgées"), "the linked action shows the link back")

            // Deleting the action removes its attachment and links, each journaled.
            let value105 = try await coordinator.post("/contrats/\(contract.id!.uuidString)/actions/\(try XCTUnwrap(actions.first { $0.title.hasPrefix("Former") }).id!.uuidString)/supprimer", []).status
            XCTAssertEqual(value105, .seeOther)
            let value106 = try await coordinator.post("\(path)/supprimer", []).status
            XCTAssertEqual(value106, .seeOther)
            let value107 = try await ActionAttachment.query(on: app.db).count()
            XCTAssertEqual(value107, 0)
            let value108 = try await ActionLink.query(on: app.db).count()
            XCTAssertEqual(value108, 0)
            let journaled = try await AuditEntry.query(on: app.db).filter(\.$action == "delete")
                .filter(\.$entityType ~~ [ActionAttachment.auditEntityType, ActionLink.auditEntityType]).count()
            XCTAssertEqual(journaled, 3)
        }
    }

    /// Every field of the fiche action form is stored and shown on the sheet.
    /// An imported plan may give no status: none is invented, the pages say "Sans statut", and the
    /// pilot's follow-up keeps it so until a status is chosen.
    func testAnActionWithoutStatusStaysWithout() async throws {
        try await TestApp.run { app, _ in
            let contract = try await TestApp.contract(named: "CLS 2 de Belle-Île-en-Mer", on: app)
            let contractId = try contract.requireID()
            var plan = PlanAction(title: "Action importée sans statut")
            plan.endsOn = CalendarDay(year: 2020, month: 1, day: 1)
            _ = try await PlanImporter.apply(PlanDocument(axes: [PlanSection(title: "Axe importé", actions: [plan])]), to: contract,
                                             using: Mutations(database: app.db, actor: .system))
            let found = try await Action.query(on: app.db).filter(\.$title == "Action importée sans statut").first()
            let action = try XCTUnwrap(found)
            XCTAssertEqual(action.status, "")
            let coordinator = WebClient(app)
            try await coordinator.login("coordination.belle-ile@demo.cls-pilot.fr")
            let programme = try await coordinator.get("/contrats/\(contractId.uuidString)/programme")
            XCTAssertTrue(programme.body.string.contains("Sans statut"), "the count of actions without status")
            let path = "/contrats/\(contractId.uuidString)/actions/\(action.id!.uuidString)"
            let sheet = try await coordinator.get(path)
            XCTAssertTrue(sheet.body.string.contains("<option value=\"\" selected>Sans statut</option>"), sheet.body.string)
            let noted = try await coordinator.post("\(path)/suivi", [("status", ""), ("note", "Réunion de lancement."), ("writtenOn", "2026-11-20")])
            XCTAssertEqual(noted.status, .seeOther, noted.body.string)
            let kept = try await Action.find(action.id, on: app.db)
            XCTAssertEqual(kept?.status, "", "a note does not invent a status")
            let chosen = try await coordinator.post("\(path)/suivi", [("status", "en_cours")])
            XCTAssertEqual(chosen.status, .seeOther)
            let changed = try await Action.find(action.id, on: app.db)
            XCTAssertEqual(changed?.status, "en_cours")
            let cleared = try await coordinator.post("\(path)/suivi", [("status", "")])
            XCTAssertEqual(cleared.status, .unprocessableEntity, "a status once given is not removed by the follow-up")
        }
    }

    func testEveryFieldOfTheFicheActionIsPersistedAndShown() async throws {
        try await TestApp.run { app, _ in
            let coordinator = WebClient(app)
            try await coordinator.login("coordination.belle-ile@demo.cls-pilot.fr")
            let (contract, _, action) = try await buildProgramme(app, coordinator)
            let path = "/contrats/\(contract.id!.uuidString)/actions/\(action.id!.uuidString)"
            let value201 = try await Organisation.query(on: app.db).filter(\.$name == "IREPS Bretagne").first()
            let lead = try XCTUnwrap(value201)
            let value202 = try await User.query(on: app.db).filter(\.$email == "pilote.belle-ile@demo.cls-pilot.fr").first()
            let pilot = try XCTUnwrap(value202)
            let texts: [(String, String)] = [
                ("title", "Titre complet"), ("summary", "Description complète"), ("objectives", "Objectifs visés"),
                ("expectedResults", "Résultats escomptés"), ("logicProblem", "Problème identifié"),
                ("logicDeterminant", "Déterminant identifié"), ("logicStrategy", "Stratégie choisie"),
                ("logicIntermediateResults", "Résultats intermédiaires visés"), ("leadPeople", "Mme Pilote"),
                ("leadService", "Service santé"), ("electedReferent", "M. l'Élu"), ("partners", "Partenaire associatif"),
                ("means", "Un mi-temps"), ("governanceBody", "Groupe de travail accès aux soins"), ("places", "Le Palais"),
                ("territoryScope", "Toute l'île"), ("financingNotes", "Cofinancement à confirmer"),
                ("schedule", "Ouverture à l'été"), ("notes", "Note complémentaire"), ("linkedPlanActions", "PCAET, fiche 2.3"),
            ]
            try await coordinator.get("\(path)/modifier")
            let saved = try await coordinator.post("\(path)/modifier", texts + [
                ("status", "en_pause"), ("priority", "basse"), ("startsOn", "2026-02-01"), ("endsOn", "2026-12-31"),
                ("isRecurring", "on"), ("isNew", "on"), ("isConfidential", "on"), ("isContinuous", "on"), ("amountsIncludeTax", "on"),
                ("leadOrganisationId", lead.id!.uuidString), ("pilotUserId", pilot.id!.uuidString),
                ("themes[]", "sante_mentale"), ("determinants[]", "D3.3.1"), ("strategies[]", "S5.2"),
                ("publics[]", "jeunes_en_rupture"), ("sectors[]", "jeunesse"), ("lifeStages[]", "adolescence"),
                ("approach", "ciblee"), ("istsAim", "rattrapage"), ("participation", "co_construction"), ("plannedTotal", "2 500,5"),
            ])
            XCTAssertEqual(saved.status, .seeOther, saved.body.string)
            let value203 = try await Action.find(action.id, on: app.db)
            let stored = try XCTUnwrap(value203)
            XCTAssertEqual(stored.status, "en_pause")
            XCTAssertEqual(stored.priority, "basse")
            XCTAssertEqual(stored.startsOn, "2026-02-01")
            XCTAssertEqual(stored.endsOn, "2026-12-31")
            XCTAssertTrue(stored.isRecurring && stored.isNew && stored.isConfidential && stored.isContinuous && stored.amountsIncludeTax)
            XCTAssertEqual(stored.$leadOrganisation.id, lead.id)
            XCTAssertEqual(stored.$pilotUser.id, pilot.id)
            XCTAssertEqual(stored.plannedTotal, 2_500.5)
            let sheet = try await coordinator.get(path)
            var html = sheet.body.string
            html = html.replacingOccurrences(of: "&#39;", with: "'")
            for (_, value) in texts { XCTAssertTrue(html.contains(value), "\(value) shown") }
            for shown in ["IREPS Bretagne", "Sophie Tanguy", "En pause", "Basse", "1er février 2026", "31 décembre 2026",
                          "Santé mentale", "D3.3.1", "S5.2", "Jeunes en rupture", "Jeunesse", "Adolescence",
                          "Ciblée sur des publics défavorisés", "Co-construction", "Oui, sans durée définie", FrenchFormat.euros(2_500.5) + "\u{00A0}TTC"] {
                XCTAssertTrue(html.contains(shown), "\(shown) shown")
            }
        }
    }

    func testARegionExtendsTheThemesOfItsContracts() async throws {
        try await TestApp.run { app, _ in
            let ars = WebClient(app)
            try await ars.login("ars.bretagne@demo.cls-pilot.fr")
            try await ars.get("/referentiels/themes?region=53")
            let added = try await ars.post("/referentiels/themes", [("region", "53"), ("label", "Parcours des personnes âgées")])
            XCTAssertEqual(added.status, .seeOther)
            let forbidden = try await ars.post("/referentiels/themes", [("region", "11"), ("label", "Autre région")])
            XCTAssertEqual(forbidden.status, .forbidden, "an ARS extends only its own region's list")
            let theme = try await RegionalTheme.query(on: app.db).filter(\.$regionCode == "53").first()
            let code = try XCTUnwrap(theme).code
            XCTAssertEqual(code, "parcours_des_personnes_agees")

            // A Breton contract may use it, an Île-de-France one may not.
            let coordinator = WebClient(app)
            try await coordinator.login("coordination.belle-ile@demo.cls-pilot.fr")
            let (contract, _, action) = try await buildProgramme(app, coordinator)
            let path = "/contrats/\(contract.id!.uuidString)/actions/\(action.id!.uuidString)"
            let form = try await coordinator.get("\(path)/modifier")
            XCTAssertTrue(form.body.string.contains("Parcours des personnes âgées"))
            let saved = try await coordinator.post("\(path)/modifier", [("title", action.title), ("themes[]", code)])
            XCTAssertEqual(saved.status, .seeOther)
            let sheet = try await coordinator.get(path)
            XCTAssertTrue(sheet.body.string.contains("Parcours des personnes âgées"))

            let bobigny = WebClient(app)
            try await bobigny.login("coordination.bobigny@demo.cls-pilot.fr")
            let other = try await TestApp.contract(named: "CLS de Bobigny", on: app)
            let programme = "/contrats/\(other.id!.uuidString)/programme"
            try await bobigny.get(programme)
            try await bobigny.post("\(programme)/sections", [("title", "Axe")])
            let axis = try await ProgrammeSection.query(on: app.db).filter(\.$contract.$id == other.id!).first()
            try await bobigny.post("\(programme)/actions", [("sectionId", try XCTUnwrap(axis).id!.uuidString), ("title", "Action")])
            let created = try await Action.query(on: app.db).filter(\.$contract.$id == other.id!).first()
            let otherPath = "/contrats/\(other.id!.uuidString)/actions/\(try XCTUnwrap(created).id!.uuidString)"
            let refused = try await bobigny.post("\(otherPath)/modifier", [("title", "Action"), ("themes[]", code)])
            XCTAssertEqual(refused.status, .unprocessableEntity)
            XCTAssertTrue(refused.body.string.contains(code))
        }
    }
}
