import CLSCore
import CLSFormats
import CLSStore
import Fluent
import Vapor
import XCTest
import XCTVapor
@testable import CLSWeb

/// Governance through HTTP: bodies, meetings, attendance, decisions, the iCalendar export, the
/// yearly review from pilot submission to approval and its lock, the dashboard against figures
/// computed by hand, and the JSON API.
final class GovernanceTests: XCTestCase {
    static let coordinator = "coordination.belle-ile@demo.cls-pilot.fr"
    static let pilot = "pilote.belle-ile@demo.cls-pilot.fr"
    static let ars = "ars.bretagne@demo.cls-pilot.fr"

    func testAMeetingWithAttendanceDecisionsAndCalendar() async throws {
        try await TestApp.run { app, _ in
            let contract = try await TestApp.contract(named: "CLS 2 de Belle-Île-en-Mer", on: app)
            let base = "/contrats/\(contract.id!.uuidString)/gouvernance"
            let coordinator = WebClient(app)
            try await coordinator.login(Self.coordinator)
            try await coordinator.get(base)
            let created = try await coordinator.post("\(base)/instances", [("kind", "copil"), ("chairs", "Maire du Palais")])
            XCTAssertEqual(created.status, .seeOther)
            let copilFound = try await GovernanceBody.query(on: app.db).filter(\.$contractId == contract.id!).first()
            let copil = try XCTUnwrap(copilFound)
            XCTAssertEqual(copil.name, "Comité de pilotage (COPIL)")
            let bodyPage = "\(base)/instances/\(copil.id!.uuidString)"
            for (person, inhabitant) in [("Anne Élue", false), ("Paul Habitant", true), ("Léa ARS", false)] {
                var form = [("personName", person), ("role", "Membre"), ("joinedOn", "2026-01-05")]
                if inhabitant { form.append(("isInhabitant", "1")) }
                let added = try await coordinator.post("\(bodyPage)/membres", form)
                XCTAssertEqual(added.status, .seeOther)
            }
            // Léa leaves: her membership is closed, not deleted.
            let leaFound = try await BodyMember.query(on: app.db).filter(\.$personName == "Léa ARS").first()
            let lea = try XCTUnwrap(leaFound)
            let left = try await coordinator.post("\(bodyPage)/membres/\(lea.id!.uuidString)/sortie", [("leftOn", "2026-02-01")])
            XCTAssertEqual(left.status, .seeOther)
            let leaAfter = try await BodyMember.find(lea.id, on: app.db)
            XCTAssertEqual(leaAfter?.leftOn, "2026-02-01")
            let page = try await coordinator.get(bodyPage).body.string
            XCTAssertTrue(page.contains("Anciens membres (historique)"))

            // A meeting invites the two current members; one comes, plus a resident who was not invited.
            let scheduled = try await coordinator.post("\(base)/reunions", [("bodyId", copil.id!.uuidString), ("heldOn", "2026-03-12"),
                                                                             ("startsAt", "14:00"), ("endsAt", "16:30"), ("place", "Mairie du Palais")])
            XCTAssertEqual(scheduled.status, .seeOther)
            let backwards = try await coordinator.post("\(base)/reunions", [("bodyId", copil.id!.uuidString), ("heldOn", "2026-04-02"),
                                                                             ("startsAt", "09:30"), ("endsAt", "08:00")])
            XCTAssertEqual(backwards.status, .unprocessableEntity)
            XCTAssertTrue(backwards.body.string.contains("value=\"09:30\"") && backwards.body.string.contains("value=\"2026-04-02\""),
                          "the meeting typed comes back as typed")
            XCTAssertTrue(backwards.body.string.contains("n&#39;est pas après l&#39;heure de début") || backwards.body.string.contains("n'est pas après l'heure de début"),
                          backwards.body.string)
            let meetingCount = try await Meeting.query(on: app.db).filter(\.$contractId == contract.id!).count()
            XCTAssertEqual(meetingCount, 1, "a refused meeting changes nothing")
            let meetingFound = try await Meeting.query(on: app.db).filter(\.$contractId == contract.id!).first()
            let meeting = try XCTUnwrap(meetingFound)
            let meetingPage = "\(base)/reunions/\(meeting.id!.uuidString)"
            let invitations = try await MeetingAttendance.query(on: app.db).filter(\.$meeting.$id == meeting.id!).all()
            XCTAssertEqual(Set(invitations.map(\.personName)), ["Anne Élue", "Paul Habitant"], "current members only")
            let paul = try XCTUnwrap(invitations.first { $0.personName == "Paul Habitant" })
            let anne = try XCTUnwrap(invitations.first { $0.personName == "Anne Élue" })
            let saved = try await coordinator.post("\(meetingPage)/presences", [("invited[]", paul.id!.uuidString), ("invited[]", anne.id!.uuidString),
                                                                                 ("present[]", paul.id!.uuidString)])
            XCTAssertEqual(saved.status, .seeOther)
            try await coordinator.post("\(meetingPage)/participants", [("personName", "Marc Riverain"), ("isInhabitant", "1"), ("present", "1")])
            let counts = try await GovernanceQueries.attendanceCounts(contractId: contract.id!, on: app.db)[meeting.id!]
            XCTAssertEqual(counts?.invited, 3)
            XCTAssertEqual(counts?.present, 2)
            XCTAssertEqual(counts?.inhabitants, 2)

            let decided = try await coordinator.post("\(meetingPage)/decisions", [("text", "Lancer le groupe de travail santé mentale"),
                                                                                  ("owner", "Coordinatrice"), ("dueOn", "2026-06-30")])
            XCTAssertEqual(decided.status, .seeOther)
            let minutes = try await coordinator.post("\(meetingPage)/compte-rendu", [("minutes", "Relevé des échanges.")])
            XCTAssertEqual(minutes.status, .seeOther)
            let held = try await Meeting.find(meeting.id, on: app.db)
            XCTAssertEqual(held?.meetingStatus, .held, "a meeting with minutes was held")
            let record = try await coordinator.get("\(meetingPage)/releve").body.string
            XCTAssertTrue(record.contains("Lancer le groupe de travail santé mentale"))
            XCTAssertTrue(record.contains("2 présents sur 3 invités"))

            // The calendar: a timed event in Paris time, written in UTC (14:00 CET = 13:00Z).
            let ics = try await coordinator.get("\(base)/calendrier.ics")
            XCTAssertEqual(ics.headers.contentType?.subType, "calendar")
            XCTAssertTrue(ics.body.string.contains("DTSTART:20260312T130000Z"), ics.body.string)
            XCTAssertTrue(ics.body.string.contains("LOCATION:Mairie du Palais"))

            // A reader sees the governance but cannot change it; every change is journaled.
            let reader = WebClient(app)
            try await reader.login("lecture.belle-ile@demo.cls-pilot.fr")
            let readerView = try await reader.get(base)
            XCTAssertEqual(readerView.status, .ok)
            let refused = try await reader.post("\(base)/instances", [("kind", "cotech")])
            XCTAssertEqual(refused.status, .forbidden)
            let journal = try await AuditEntry.query(on: app.db).filter(\.$contractId == contract.id!)
                .filter(\.$entityType ~~ ["governance_body", "body_member", "meeting", "meeting_attendance", "decision"]).count()
            XCTAssertGreaterThanOrEqual(journal, 10)

            // The API shape.
            let api = try await coordinator.get("/api/v1/contracts/\(contract.id!.uuidString)/governance")
            let json = try api.content.decode(GovernanceAPIController.GovernanceJSON.self)
            XCTAssertEqual(json.bodies.first?.members.count, 3)
            XCTAssertEqual(json.meetings.first?.present, 2)
            XCTAssertEqual(json.meetings.first?.decisions.first?.dueOn, "2026-06-30")
        }
    }

    func review(_ client: WebClient, _ path: String) async throws -> ReviewState? {
        let json = try await client.get(path).content.decode(GovernanceAPIController.ReviewJSON.self)
        return ReviewState(rawValue: json.state)
    }

    func testTheYearlyReviewFromPilotSubmissionToApprovalAndItsLock() async throws {
        try await TestApp.run { app, _ in
            let contract = try await TestApp.contract(named: "CLS 2 de Belle-Île-en-Mer", on: app)
            let id = contract.id!.uuidString
            let reviews = "/contrats/\(id)/bilans"
            let api = "/api/v1/contracts/\(id)/reviews/2026"
            let coordinator = WebClient(app)
            try await coordinator.login(Self.coordinator)
            let pilot = WebClient(app)
            try await pilot.login(Self.pilot)
            let ars = WebClient(app)
            try await ars.login(Self.ars)

            // Only the coordination (or the ARS) opens a review.
            try await pilot.get(reviews)
            let pilotOpens = try await pilot.post(reviews, [("year", "2026")])
            XCTAssertEqual(pilotOpens.status, .forbidden)
            try await coordinator.get(reviews)
            let opened = try await coordinator.post(reviews, [("year", "2026")])
            XCTAssertEqual(opened.status, .seeOther)
            let entries = try await ReviewEntry.query(on: app.db).all()
            XCTAssertEqual(entries.count, 4, "one entry per fiche action of the demo programme")

            // The pilot reports on their own action only.
            let mineFound = try await Action.query(on: app.db).filter(\.$title == "Coordonner le parcours de santé des personnes âgées").first()
            let mine = try XCTUnwrap(mineFound)
            let otherFound = try await Action.query(on: app.db).filter(\.$title == "Ateliers nutrition et activité physique dans les écoles").first()
            let other = try XCTUnwrap(otherFound)
            let indicatorFound = try await Indicator.query(on: app.db).filter(\.$action.$id == mine.id!).first()
            let indicator = try XCTUnwrap(indicatorFound)
            let entryPage = "\(reviews)/2026/actions/\(mine.id!.uuidString)"
            try await pilot.get(entryPage)
            let saved = try await pilot.post(entryPage, [("status", "en_cours"), ("comment", "Quarante personnes repérées, trente suivies."),
                                                         ("indicator[\(indicator.id!.uuidString)]", "30")])
            XCTAssertEqual(saved.status, .seeOther)
            let value = try await IndicatorValue.query(on: app.db).filter(\.$indicator.$id == indicator.id!).filter(\.$year == 2026).first()
            XCTAssertEqual(value?.actual, 30)
            let foreign = try await pilot.post("\(reviews)/2026/actions/\(other.id!.uuidString)", [("status", "realise"), ("comment", "x")])
            XCTAssertEqual(foreign.status, .forbidden, "another pilot's action")
            let submitted = try await pilot.post("\(entryPage)/transmettre", [])
            XCTAssertEqual(submitted.status, .seeOther)
            let afterSubmit = try await pilot.post(entryPage, [("status", "realise"), ("comment", "changé")])
            XCTAssertEqual(afterSubmit.status, .unprocessableEntity, "a submitted entry is refused with its reason")
            let entry = try await ReviewEntry.query(on: app.db).filter(\.$actionId == mine.id!).first()
            XCTAssertEqual(entry?.state, ReviewEntryState.submitted.rawValue)
            XCTAssertEqual(entry?.comment, "Quarante personnes repérées, trente suivies.", "a submitted entry is closed to its pilot")

            // The pilot cannot consolidate; the coordinator cannot while entries are pending, unless forcing.
            let pilotConsolidates = try await pilot.post("\(reviews)/2026/etapes", [("transition", "consolider")])
            XCTAssertEqual(pilotConsolidates.status, .forbidden)
            try await coordinator.get("\(reviews)/2026")
            _ = try await coordinator.post("\(reviews)/2026/etapes", [("transition", "consolider")])
            let stillOpen = try await review(coordinator, api)
            XCTAssertEqual(stillOpen, .open, "three entries were not submitted")
            _ = try await coordinator.post("\(reviews)/2026/etapes", [("transition", "consolider"), ("force", "1")])
            let consolidated = try await review(coordinator, api)
            XCTAssertEqual(consolidated, .consolidated)

            // COTECH checks (a date is required); the coordinator cannot approve, the ARS does.
            _ = try await coordinator.post("\(reviews)/2026/etapes", [("transition", "verifier"), ("meetingDate", "")])
            let notChecked = try await review(coordinator, api)
            XCTAssertEqual(notChecked, .consolidated)
            _ = try await coordinator.post("\(reviews)/2026/etapes", [("transition", "verifier"), ("meetingDate", "2027-01-20")])
            let checked = try await review(coordinator, api)
            XCTAssertEqual(checked, .checked)
            let coordinatorApproves = try await coordinator.post("\(reviews)/2026/etapes", [("transition", "approuver"), ("meetingDate", "2027-02-10")])
            XCTAssertEqual(coordinatorApproves.status, .forbidden)
            let reviewPage = try await ars.get("\(reviews)/2026")
            XCTAssertTrue(reviewPage.body.string.contains("Approuver malgré les fiches en brouillon"), "the drafts are named before approving")
            // Three entries are still drafts: approving them as they are needs an explicit confirmation.
            _ = try await ars.post("\(reviews)/2026/etapes", [("transition", "approuver"), ("meetingDate", "2027-02-10")])
            let unconfirmed = try await review(coordinator, api)
            XCTAssertEqual(unconfirmed, .checked, "approval with drafts was not confirmed")
            try await ars.get("\(reviews)/2026")
            let approved = try await ars.post("\(reviews)/2026/etapes", [("transition", "approuver"), ("meetingDate", "2027-02-10"), ("force", "1")])
            XCTAssertEqual(approved.status, .seeOther)
            let locked = try await coordinator.get(api).content.decode(GovernanceAPIController.ReviewJSON.self)
            XCTAssertEqual(locked.state, ReviewState.approved.rawValue)
            XCTAssertTrue(locked.isLocked)
            XCTAssertEqual(locked.copilOn, "2027-02-10")
            XCTAssertEqual(locked.cotechOn, "2027-01-20")

            // A value of the locked year is refused, wherever it comes from; nothing changes.
            try await pilot.get("/contrats/\(id)/actions/\(mine.id!.uuidString)")
            let refused = try await pilot.post("/contrats/\(id)/actions/\(mine.id!.uuidString)/indicateurs/\(indicator.id!.uuidString)/valeurs",
                                               [("year", "2026"), ("actual", "35")])
            XCTAssertEqual(refused.status, .unprocessableEntity)
            XCTAssertTrue(refused.body.string.contains("2026 est approuvée et verrouillée"), refused.body.string)
            let unchanged = try await IndicatorValue.query(on: app.db).filter(\.$indicator.$id == indicator.id!).filter(\.$year == 2026).first()
            XCTAssertEqual(unchanged?.actual, 30)
            let otherYear = try await pilot.post("/contrats/\(id)/actions/\(mine.id!.uuidString)/indicateurs/\(indicator.id!.uuidString)/valeurs",
                                                 [("year", "2027"), ("actual", "12")])
            XCTAssertEqual(otherYear.status, .seeOther, "other years stay open")

            // Unlocking needs the ARS and a reason; it is recorded with its reason.
            let coordinatorUnlocks = try await coordinator.post("\(reviews)/2026/etapes", [("transition", "deverrouiller"), ("reason", "Erreur de saisie constatée")])
            XCTAssertEqual(coordinatorUnlocks.status, .forbidden)
            _ = try await ars.post("\(reviews)/2026/etapes", [("transition", "deverrouiller"), ("reason", "court")])
            let stillLocked = try await review(coordinator, api)
            XCTAssertEqual(stillLocked, .approved, "a reason of less than 10 characters is refused")
            _ = try await ars.post("\(reviews)/2026/etapes", [("transition", "deverrouiller"), ("reason", "Valeur d'indicateur erronée signalée par le pilote")])
            let unlocked = try await coordinator.get(api).content.decode(GovernanceAPIController.ReviewJSON.self)
            XCTAssertEqual(unlocked.state, ReviewState.consolidated.rawValue)
            XCTAssertEqual(unlocked.history.map(\.transition), ["consolider", "verifier", "approuver", "deverrouiller"])
            XCTAssertEqual(unlocked.history.last?.reason, "Valeur d'indicateur erronée signalée par le pilote")
            let audit = try await AuditEntry.query(on: app.db).filter(\.$entityType == AnnualReview.auditEntityType).filter(\.$action == AuditAction.transition.rawValue).all()
            XCTAssertTrue(audit.contains { $0.changes.contains { $0.field == "reason" && $0.new == "Valeur d'indicateur erronée signalée par le pilote" } })
            let corrected = try await pilot.post("/contrats/\(id)/actions/\(mine.id!.uuidString)/indicateurs/\(indicator.id!.uuidString)/valeurs",
                                                 [("year", "2026"), ("actual", "31")])
            XCTAssertEqual(corrected.status, .seeOther, "unlocked, the value can be corrected")

            // The consolidated report, as a page and a workbook read back.
            let report = try await coordinator.get("\(reviews)/2026/rapport").body.string
            XCTAssertTrue(report.contains("Quarante personnes repérées, trente suivies."))
            let workbook = try await coordinator.get("\(reviews)/2026/rapport.xlsx")
            let book = try XLSXReader(data: Data(buffer: workbook.body))
            XCTAssertEqual(book.sheetNames, ["Synthèse", "Actions", "Indicateurs", "Finances", "Gouvernance"])
            let actions = try book.sheet(at: 1)
            XCTAssertTrue(actions.rows.contains { row in row.contains { $0?.textValue == "Quarante personnes repérées, trente suivies." } })
            let indicatorsSheet = try book.sheet(at: 2)
            XCTAssertTrue(indicatorsSheet.rows.contains { row in row.contains { $0?.textValue == indicator.name } && row.contains { $0?.numberValue == 31 } })
        }
    }
}

/// The dashboard's figures on a small programme whose expected values are computed by hand.
final class DashboardFiguresTests: XCTestCase {
    func testDashboardFiguresMatchHandComputedValues() async throws {
        try await TestApp.run { app, _ in
            let contract = try await TestApp.contract(named: "CLS de Bobigny", on: app)
            let id = contract.id!
            let tx = Mutations(database: app.db, actor: .system)
            let edit = Permission.editProgramme(contract.accessScope)
            let axis1 = ProgrammeSection(contractId: id, parentId: nil, kind: .axis, title: "Axe 1", position: 1)
            let axis2 = ProgrammeSection(contractId: id, parentId: nil, kind: .axis, title: "Axe 2", position: 2)
            try await tx.create(axis1, permission: edit)
            try await tx.create(axis2, permission: edit)
            func action(_ title: String, _ section: ProgrammeSection, _ status: ActionStatus, endsOn: String?, position: Int) async throws -> Action {
                let action = Action(contractId: id, sectionId: section.id!, title: title, position: position)
                action.status = status.rawValue
                action.endsOn = endsOn
                try await tx.create(action, permission: edit)
                return action
            }
            let a1 = try await action("A1", axis1, .done, endsOn: "2025-12-31", position: 1)
            let a2 = try await action("A2", axis1, .inProgress, endsOn: "2026-03-31", position: 2)
            _ = try await action("A3", axis2, .abandoned, endsOn: nil, position: 1)
            let a4 = try await action("A4", axis2, .upcoming, endsOn: "2026-12-31", position: 2)
            func budget(_ action: Action, _ funder: String, _ year: Int, planned: Double, actual: Double?, unit: String = "euros") async throws {
                let line = BudgetLine(actionId: action.id!, contractId: id, funderName: funder, year: year, planned: planned)
                line.actual = actual
                line.unit = unit
                try await tx.create(line, permission: edit)
            }
            try await budget(a1, "ARS", 2025, planned: 1_000, actual: 800)
            try await budget(a2, "Ville", 2025, planned: 500, actual: nil)
            try await budget(a1, "ARS", 2026, planned: 2_000, actual: nil)
            try await budget(a4, "ARS", 2026, planned: 1, actual: nil, unit: "etp")
            func indicator(_ action: Action, _ name: String, polarity: IndicatorPolarity, target: Double?, actual: Double?) async throws {
                let indicator = Indicator(actionId: action.id!, contractId: id, name: name)
                indicator.polarity = polarity.rawValue
                try await tx.create(indicator, permission: edit)
                guard target != nil || actual != nil else { return }
                let value = IndicatorValue(indicatorId: indicator.id!, contractId: id, year: 2025)
                value.target = target
                value.actual = actual
                try await tx.create(value, permission: edit)
            }
            try await indicator(a1, "Participants", polarity: .higherIsBetter, target: 10, actual: 12)
            try await indicator(a2, "Délai d'attente", polarity: .lowerIsBetter, target: 5, actual: 7)
            try await indicator(a4, "Sans valeur", polarity: .higherIsBetter, target: nil, actual: nil)
            let governance = Permission.editContract(contract.accessScope)
            let copil = GovernanceBody(contractId: id, kind: GovernanceBodyKind.copil.rawValue, name: "COPIL")
            try await tx.create(copil, permission: governance)
            let meeting = Meeting(contractId: id, bodyId: copil.id!, heldOn: "2026-02-01")
            meeting.status = Meeting.Status.held.rawValue
            meeting.minutes = "Compte rendu"
            try await tx.create(meeting, permission: governance)
            try await tx.create(Decision(contractId: id, meetingId: meeting.id!, text: "En retard", sectionId: nil, actionId: nil, owner: "", dueOn: "2026-04-01"),
                                permission: governance)
            let done = Decision(contractId: id, meetingId: meeting.id!, text: "Faite", sectionId: nil, actionId: nil, owner: "", dueOn: "2026-03-01")
            done.status = Decision.Status.done.rawValue
            try await tx.create(done, permission: governance)

            let today = try XCTUnwrap(CalendarDay(parsing: "2026-06-15"))
            let dashboard = try await ContractDashboard.load(contract: contract, today: today, on: app.db)
            XCTAssertEqual(dashboard.progress.total, 4)
            XCTAssertEqual(dashboard.progress.doneCount, 1)
            XCTAssertEqual(dashboard.progress.lateCount, 1, "A2 ended on 31 March and is not done")
            XCTAssertEqual(dashboard.axes.map(\.title), ["Axe 1", "Axe 2"])
            XCTAssertEqual(dashboard.axes.map(\.percentDone), [50, 0], "axis 2: the abandoned action is not expected")
            XCTAssertEqual(dashboard.lateActions.map(\.title), ["A2"])
            let funders = Dictionary(uniqueKeysWithValues: dashboard.budgetByFunder.map { ($0.funder, [$0.planned, $0.actual]) })
            XCTAssertEqual(funders, ["ARS": [3_000, 800], "Ville": [500, 0]], "euros only: the FTE line is left out")
            XCTAssertEqual(dashboard.budgetByYear.map { [Double($0.year ?? 0), $0.planned, $0.actual] }, [[2025, 1_500, 800], [2026, 2_000, 0]])
            XCTAssertEqual(dashboard.indicatorYear, 2025)
            XCTAssertEqual(dashboard.indicators.map(\.name), ["Délai d'attente", "Participants", "Sans valeur"])
            XCTAssertEqual(dashboard.indicators.map(\.reachesTarget), [false, true, nil])
            XCTAssertEqual(dashboard.meetings.map { [$0.year, $0.held, $0.withMinutes] }, [[2026, 1, 1]])
            XCTAssertEqual(dashboard.meetings.map(\.bodyKind), ["copil"])
            XCTAssertEqual(dashboard.openDecisions, 1)
            XCTAssertEqual(dashboard.overdueDecisions, 1)
            XCTAssertTrue(dashboard.alerts.contains { $0.kind == .overdueDecisions })

            // The page shows the same figures, with a table beside each chart.
            let client = WebClient(app)
            try await client.login("dt93@demo.cls-pilot.fr")
            let page = try await client.get("/contrats/\(id.uuidString)/tableau-de-bord")
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.body.string.contains("<svg"))
            XCTAssertTrue(page.body.string.contains(FrenchFormat.euros(3_000)))
        }
    }
}
