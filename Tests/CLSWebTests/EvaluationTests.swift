import CLSCore
import CLSFormats
@testable import CLSStore
import Fluent
import Vapor
import XCTest
@testable import CLSWeb

/// The final evaluation: questions by purpose with findings and recommendations; the evidence
/// assembled from the data and frozen on a day; the report in Word, the evidence in Excel.
final class EvaluationTests: XCTestCase {
    func testTheEvaluationAnswersItsQuestionsOnEvidenceFrozenOnADay() async throws {
        try await TestApp.run { app, _ in
            let contract = try await TestApp.contract(named: "CLS 2 de Belle-Île-en-Mer", on: app)
            let id = try contract.requireID()
            let coordinator = WebClient(app)
            try await coordinator.login("coordination.belle-ile@demo.cls-pilot.fr")
            let page = SitePath.contract(id, .evaluation(.page)).href
            let empty = try await coordinator.get(page)
            XCTAssertEqual(empty.status, .ok)
            XCTAssertTrue(empty.body.string.contains("non encore arrêtées"))
            let earlyReader = WebClient(app)
            try await earlyReader.login("lecture.belle-ile@demo.cls-pilot.fr")
            let readOnly = try await earlyReader.get(page)
            XCTAssertTrue(readOnly.body.string.contains("<span class=\"muted\">Non renseigné</span>"), "an evaluator not yet named is said so, not left blank")
            XCTAssertTrue(readOnly.body.string.contains("<span class=\"muted\">Non décrite</span>"))

            let frame = try await coordinator.post(SitePath.contract(id, .evaluation(.frame)).href,
                                                   [("evaluator", "Observatoire régional de la santé de Bretagne"), ("method", "Entretiens et analyse documentaire"),
                                                    ("startsOn", "2021-09-01"), ("endsOn", "2022-01-15")])
            XCTAssertEqual(frame.status, .seeOther, frame.body.string)
            for purpose in EvaluationPurpose.allCases {
                let added = try await coordinator.post(SitePath.contract(id, .evaluation(.questions)).href,
                                                       [("purpose", purpose.rawValue), ("question", purpose.suggestedQuestion)])
                XCTAssertEqual(added.status, .seeOther, added.body.string)
            }
            let questions = try await FinalEvaluations.questions(contractId: id, on: app.db)
            XCTAssertEqual(questions.map(\.evaluationPurpose), EvaluationPurpose.allCases)
            let democratic = try XCTUnwrap(questions.first { $0.evaluationPurpose == .democratic })
            let answered = try await coordinator.post(SitePath.contract(id, .evaluation(.question(try democratic.requireID()))).href,
                                                      [("question", democratic.question), ("findings", "Deux habitants seulement au comité de pilotage."),
                                                       ("recommendations", "Ouvrir le comité de pilotage à un collège d'habitants\nTenir une réunion publique par an")])
            XCTAssertEqual(answered.status, .seeOther, answered.body.string)
            let recommendations = try await FinalEvaluations.recommendations(contractId: id, on: app.db)
            XCTAssertEqual(recommendations, ["Démocratique — Ouvrir le comité de pilotage à un collège d'habitants",
                                             "Démocratique — Tenir une réunion publique par an"])

            // The evidence, frozen on a day, no longer follows the data.
            let actions = try await Action.query(on: app.db).filter(\.$contract.$id == id).filter(\.$parentAction.$id == nil).all()
            let frozen = try await coordinator.post(SitePath.contract(id, .evaluation(.evidence)).href, [("day", "2022-01-15")])
            XCTAssertEqual(frozen.status, .seeOther, frozen.body.string)
            let evaluation = try await FinalEvaluations.find(contractId: id, on: app.db)
            let evidence = try XCTUnwrap(evaluation?.evidence)
            XCTAssertEqual(evidence.day, "15 janvier 2022")
            XCTAssertEqual(evidence.actions.first, .count("Fiches actions", actions.count))
            XCTAssertTrue(evidence.ists.contains { $0.label == "Fiches actions codées" })
            try await Mutations(database: app.db, actor: .system).update(actions[0], permission: .editProgramme(contract.accessScope)) {
                $0.status = ActionStatus.abandoned.rawValue
            }
            let reloaded = try await FinalEvaluations.find(contractId: id, on: app.db)
            XCTAssertEqual(reloaded?.evidence, evidence, "frozen: the change of status does not move it")
            let live = try await EvaluationEvidenceQueries.load(contract, on: CalendarDay(parsing: "2022-01-15")!, database: app.db)
            XCTAssertEqual(live.abandonedActions, [actions[0].title])
            let shown = try await coordinator.get(page)
            XCTAssertTrue(shown.body.string.contains("arrêtées au 15 janvier 2022"))

            // The report in Word, the evidence in Excel (numbers as numbers).
            let document = try await coordinator.get(SitePath.contract(id, .evaluation(.document)).href)
            XCTAssertEqual(document.status, .ok)
            let text = try DOCXText.paragraphs(of: Data(document.body.readableBytesView))
            XCTAssertEqual(Array(text.prefix(2)), ["Évaluation finale", "CLS 2 de Belle-Île-en-Mer"])
            XCTAssertTrue(text.contains("Finalité démocratique"))
            XCTAssertTrue(text.contains("Ouvrir le comité de pilotage à un collège d'habitants"))
            XCTAssertTrue(text.contains("Données de la plateforme arrêtées au 15 janvier 2022."))
            let workbook = try await coordinator.get(SitePath.contract(id, .evaluation(.workbook)).href)
            let read = try XLSXWorkbook(data: Data(workbook.body.readableBytesView))
            let summary = try XCTUnwrap(read.sheet(named: "Synthèse"))
            let row = try XCTUnwrap((0..<summary.rows.count).first { summary.textRow($0).first == "Fiches actions" })
            XCTAssertEqual(summary.cell(row: row, column: 1), .number(Double(actions.count)))
            XCTAssertNotNil(read.sheet(named: "Questions"))

            // The renewal shows the recommendations beside the choice of actions.
            let ars = WebClient(app)
            try await ars.login("ars.bretagne@demo.cls-pilot.fr")
            let renewal = try await ars.get(SitePath.contract(id, .renewal).href)
            XCTAssertTrue(renewal.body.string.contains("Tenir une réunion publique par an"))

            // A reader reads it, changes nothing.
            let reader = WebClient(app)
            try await reader.login("lecture.belle-ile@demo.cls-pilot.fr")
            let readable = try await reader.get(page)
            XCTAssertEqual(readable.status, .ok)
            XCTAssertFalse(readable.body.string.contains("Enregistrer le cadre"))
            let refused = try await reader.post(SitePath.contract(id, .evaluation(.evidence)).href, [("day", "2022-02-01")])
            XCTAssertEqual(refused.status, .forbidden)
            let journal = try await AuditEntry.query(on: app.db).filter(\.$contractId == id)
                .filter(\.$entityType ~~ [FinalEvaluation.auditEntityType, EvaluationQuestion.auditEntityType]).count()
            XCTAssertGreaterThanOrEqual(journal, 1 + 4 + 1 + 1, "the frame, the four questions, the answer and the evidence are journaled")
        }
    }
}
