import CLSCore
import CLSFormats
import CLSStore
import Fluent
import NIOCore
import Vapor
import XCTest
import XCTVapor
@testable import CLSWeb

final class PlanImportTests: XCTestCase {
    static var sharedData: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/data")
    }

    func upload(_ client: WebClient, _ path: String, filename: String, data: Data) async throws -> XCTHTTPResponse {
        try await client.upload(path, filename: filename, data: data)
    }

    func uploadId(in html: String) -> String? {
        guard let range = html.range(of: "/import/") else { return nil }
        let rest = html[range.upperBound...]
        let id = rest.prefix { $0 != "/" }
        return UUID(uuidString: String(id)) == nil ? nil : String(id)
    }

    func testExportThenImportGivesTheSameProgramme() async throws {
        try await TestApp.run { app, _ in
            let source = try await TestApp.contract(named: "CLS 2 de Belle-Île-en-Mer", on: app)
            let coordinator = WebClient(app)
            try await coordinator.login("coordination.belle-ile@demo.cls-pilot.fr")
            let exported = try await coordinator.get("/contrats/\(source.id!.uuidString)/programme/export.xlsx")
            XCTAssertEqual(exported.status, .ok)
            let workbook = Data(exported.body.readableBytesView)
            let original = try await PlanExporter.document(contractId: source.id!, on: app.db)
            XCTAssertEqual(original.actionCount, 4)

            // Import into another contract the ARS steers, through the upload page: preview, then confirm.
            let ars = WebClient(app)
            try await ars.login("ars.bretagne@demo.cls-pilot.fr")
            let empty = try await TestApp.contract(named: "CLS de Belle-Île-en-Mer", on: app)
            let base = "/contrats/\(empty.id!.uuidString)/programme"
            try await ars.get("\(base)/import")
            let preview = try await upload(ars, "\(base)/import", filename: "programme.xlsx", data: workbook)
            XCTAssertEqual(preview.status, .ok, preview.body.string)
            XCTAssertTrue(preview.body.string.contains("Confirmer l&#39;import") || preview.body.string.contains("Confirmer l'import"))
            let afterPreview = try await Action.query(on: app.db).filter(\.$contract.$id == empty.id!).count()
            XCTAssertEqual(afterPreview, 0, "a preview changes nothing")
            let id = try XCTUnwrap(uploadId(in: preview.body.string))
            let outcome = try await ars.confirmPlanImport("\(base)/import/\(id)/confirmer")
            XCTAssertTrue(outcome.contains("Programme importé depuis « programme.xlsx » : 4 fiches actions, 1 sous-action"), outcome)
            let imported = try await PlanExporter.document(contractId: empty.id!, on: app.db)
            XCTAssertEqual(imported, original, "export → import gives the same programme")
            let told = try await Notice.query(on: app.db).filter(\.$kind == NoticeKind.importFinished.rawValue).all()
            XCTAssertEqual(told.map(\.title), ["Import du programme terminé : « programme.xlsx »"], "the one who confirmed it is told")
            XCTAssertEqual(told.first?.place.map { $0.path.href }, "\(base)/import/\(id)")

            // Confirming twice does nothing more.
            let again = try await ars.post("\(base)/import/\(id)/confirmer", [])
            XCTAssertEqual(again.headers.first(name: .location), "\(base)/import")
            let topLevel = try await Action.query(on: app.db).filter(\.$contract.$id == empty.id!).filter(\.$parentAction.$id == nil).count()
            XCTAssertEqual(topLevel, 4)
            let audited = try await AuditEntry.query(on: app.db).filter(\.$contractId == empty.id!)
                .filter(\.$entityType == Action.auditEntityType).count()
            XCTAssertEqual(audited, 5, "4 actions and 1 sub-action, each journaled")
        }
    }

    func testHostileOrBrokenWorkbooksAreRefusedAndChangeNothing() async throws {
        try await TestApp.run { app, _ in
            let contract = try await TestApp.contract(named: "CLS 2 de Belle-Île-en-Mer", on: app)
            let base = "/contrats/\(contract.id!.uuidString)/programme"
            let coordinator = WebClient(app)
            try await coordinator.login("coordination.belle-ile@demo.cls-pilot.fr")
            try await coordinator.get("\(base)/import")
            let before = try await Action.query(on: app.db).count()

            let notZip = try await upload(coordinator, "\(base)/import", filename: "plan.xlsx", data: Data("pas un classeur".utf8))
            XCTAssertEqual(notZip.status, .unprocessableEntity)
            XCTAssertTrue(notZip.body.string.contains("rien n&#39;a été modifié") || notZip.body.string.contains("rien n'a été modifié"))

            // A workbook whose plan has a bad date and a bad amount: errors with row and column.
            var plan = PlanDocument(axes: [PlanSection(title: "Axe", actions: [PlanAction(title: "Action")])])
            plan.axes[0].actions[0].plannedTotal = 10
            var writer = XLSXWriter()
            var rows = try XLSXWorkbook(data: PlanSpreadsheetWriter.write(plan, title: "Plan")).sheets[0].rows
            let header = rows[1].map { $0?.stringValue ?? "" }
            let dateColumn = try XCTUnwrap(header.firstIndex { $0.hasPrefix("Date de début") })
            let totalColumn = try XCTUnwrap(header.firstIndex { $0.hasPrefix("Budget prévisionnel") })
            while rows[3].count <= max(dateColumn, totalColumn) { rows[3].append(nil) }
            rows[3][dateColumn] = .text("31/02/2026")
            rows[3][totalColumn] = .text("beaucoup")
            var broken = XLSXWriter.Sheet(name: "Plan")
            for row in rows { broken.append(row) }
            writer.append(broken)
            let refused = try await upload(coordinator, "\(base)/import", filename: "plan.xlsx", data: try writer.data())
            XCTAssertEqual(refused.status, .unprocessableEntity)
            let html = refused.body.string
            XCTAssertTrue(html.contains("ligne 4"), html)
            XCTAssertTrue(html.contains("31/02/2026"))
            XCTAssertTrue(html.contains("beaucoup"))
            let actionsAfterRefusal = try await Action.query(on: app.db).count()
            XCTAssertEqual(actionsAfterRefusal, before)
            let uploadsKept = try await ImportUpload.query(on: app.db).count()
            XCTAssertEqual(uploadsKept, 0, "nothing kept from a refused file")

            // The API refuses the same way.
            let user = try await User.query(on: app.db).filter(\.$email == "coordination.belle-ile@demo.cls-pilot.fr").first()
            let token = try await APITokens.issue(for: try XCTUnwrap(user), label: "t", using: Mutations(database: app.db, actor: .system))
            var headers = HTTPHeaders()
            headers.bearerAuthorization = BearerAuthorization(token: token)
            let api = try await WebClient(app).send(.POST, "/api/v1/contracts/\(contract.id!.uuidString)/imports/plan?commit=true",
                                                   headers: headers, body: ByteBuffer(data: try writer.data()))
            XCTAssertEqual(api.status, .unprocessableEntity)
            XCTAssertTrue(api.body.string.contains("\"committed\":false"))
            let actionsAfterAPI = try await Action.query(on: app.db).count()
            XCTAssertEqual(actionsAfterAPI, before)
        }
    }

    func testTheRealExampleWorkbooksImport() async throws {
        let folder = Self.sharedData.appendingPathComponent("import-plan")
        guard FileManager.default.fileExists(atPath: folder.path) else {
            throw XCTSkip("../shared/data/import-plan is absent: the real Territoires en Transitions files cannot be imported here (CI provides them).")
        }
        try await TestApp.run { app, _ in
            let contract = try await TestApp.contract(named: "CLS de Saint-Ouen-sur-Seine", on: app)
            let mutations = Mutations(database: app.db, actor: .system)
            for (file, minimumActions) in [("exemple-plan-sous-actions.xlsx", 1), ("exemple-plan-valide.xlsx", 1)] {
                let data = try Data(contentsOf: folder.appendingPathComponent(file))
                guard case .success(let result) = PlanImportOperation.read(data) else { return XCTFail("\(file) unreadable") }
                XCTAssertFalse(result.hasErrors, "\(file): \(result.errors)")
                XCTAssertGreaterThanOrEqual(result.document.actionCount, minimumActions, file)
                let summary = try await PlanImporter.apply(result.document, to: contract, using: mutations)
                XCTAssertEqual(summary.actions, result.document.actionCount, file)
                XCTAssertEqual(summary.subActions, result.document.subActionCount, file)
            }
            let template = try Data(contentsOf: folder.appendingPathComponent("modele-import-plan-action.xlsx"))
            guard case .success(let blank) = PlanImportOperation.read(template) else { return XCTFail("template unreadable") }
            XCTAssertEqual(blank.document.actionCount, 0)
            XCTAssertFalse(blank.hasErrors)
        }
    }

    /// Importing into a programme that has actions asks: add, or replace. Replacing is refused
    /// once a year is locked; a plan without any action is no import.
    func testThePreviewAsksToAddOrReplaceAndAnEmptyPlanIsRefused() async throws {
        try await TestApp.run { app, _ in
            let contract = try await TestApp.contract(named: "CLS 2 de Belle-Île-en-Mer", on: app)
            let contractId = try contract.requireID()
            let base = "/contrats/\(contractId.uuidString)/programme"
            let ars = WebClient(app)
            try await ars.login("ars.bretagne@demo.cls-pilot.fr")
            try await ars.get("\(base)/import")

            // The export of Territoires en Transitions with its headers only: refused, nothing offered.
            let headersOnly = try TerritoiresEnTransitionsExport.workbook(rows: [])
            let empty = try await upload(ars, "\(base)/import", filename: "export-tet.xlsx", data: headersOnly)
            XCTAssertEqual(empty.status, .unprocessableEntity)
            XCTAssertTrue(empty.body.string.contains("ne contient aucune fiche action"), empty.body.string)
            XCTAssertFalse(empty.body.string.contains("Confirmer l"), "no import of 0 actions is offered")

            // A plan with one action and a column nothing reads.
            var action = PlanAction(title: "Action venue d'un tableur")
            action.status = .inProgress
            let plan = try PlanSpreadsheetWriter.write(PlanDocument(axes: [PlanSection(title: "Nouvel axe", actions: [action])]), title: "Plan")
            var workbook = try XLSXWorkbook(data: plan)
            var rows = workbook.sheets[0].rows
            rows[1].append(.text("Mesures liées"))
            rows[3].append(.text("ECi 2.1"))
            workbook = XLSXWorkbook(sheets: [XLSXSheet(name: "Plan", rows: rows)])
            let data = try XLSXWriter(sheets: [XLSXWriter.Sheet(name: "Plan", rows: workbook.sheets[0].rows)]).data()
            let before = try await Action.query(on: app.db).filter(\.$contract.$id == contractId).filter(\.$parentAction.$id == nil).count()
            let preview = try await upload(ars, "\(base)/import", filename: "plan.xlsx", data: data)
            XCTAssertEqual(preview.status, .ok, preview.body.string)
            let html = preview.body.string
            XCTAssertTrue(html.contains("Le programme contient déjà \(before) fiches actions"), html)
            XCTAssertTrue(html.contains("name=\"mode\" value=\"remplacer\""))
            XCTAssertFalse(html.contains("value=\"remplacer\" aria-describedby=\"mode-remplacer-hint\" disabled"))
            let unreadColumn = try XCTUnwrap(workbook.sheets[0].rows[1].indices.last)
            XCTAssertTrue(html.contains("Colonnes non lues (leur contenu n&#39;est pas importé) : « \(XLSXCellReference.columnName(unreadColumn)) (Mesures liées) »")
                          || html.contains("Colonnes non lues (leur contenu n'est pas importé) : « \(XLSXCellReference.columnName(unreadColumn)) (Mesures liées) »"), html)
            let id = try XCTUnwrap(uploadId(in: html))
            let outcome = try await ars.confirmPlanImport("\(base)/import/\(id)/confirmer", fields: [("mode", "remplacer")])
            XCTAssertTrue(outcome.contains("Programme remplacé depuis « plan.xlsx » (\(before) fiches actions retirées) : 1 fiche action"), outcome)
            let titles = try await Action.query(on: app.db).filter(\.$contract.$id == contractId).all().map(\.title)
            XCTAssertEqual(titles, ["Action venue d'un tableur"])

            // Once a year is approved, replacing is not offered.
            try await AnnualReview(contractId: contractId, year: 2026, state: YearLock.approvedState).create(on: app.db)
            let locked = try await upload(ars, "\(base)/import", filename: "plan.xlsx", data: data)
            XCTAssertTrue(locked.body.string.contains("value=\"remplacer\" aria-describedby=\"mode-remplacer-hint\" disabled"), locked.body.string)
            XCTAssertTrue(locked.body.string.contains("le bilan 2026 est approuvé et verrouillé"))
        }
    }

    // MARK: - Large plans: written in bulk, still audited, still all or nothing

    static func largePlan(axes: Int, actionsPerAxis: Int, startsIn year: Int = 2026) -> PlanDocument {
        var document = PlanDocument()
        for a in 0..<axes {
            var axis = PlanSection(title: "Axe \(a + 1)")
            for i in 0..<actionsPerAxis {
                var action = PlanAction(title: "Action \(a + 1).\(i + 1)")
                action.summary = a == 1 && i == 56 ? "Ateliers zygomatiques du rire" : "Description de l'action \(a + 1).\(i + 1)"
                action.themes = ["nutrition", "sante_mentale"]
                action.startsOn = CalendarDay(parsing: "\(year)-03-01")
                action.fundings = [PlanFunding(funder: "ARS", amount: 1_000), PlanFunding(funder: "Commune", amount: 500)]
                var sub = PlanAction(title: "Sous-action \(a + 1).\(i + 1)")
                sub.themes = ["nutrition"]
                action.subActions = [sub]
                axis.actions.append(action)
            }
            document.axes.append(axis)
        }
        return document
    }

    /// A preview may wait hours before its confirmation: a run is taken for interrupted only
    /// after a long silence since its last recorded step.
    func testAnImportIsInterruptedOnlyAfterALongSilenceOfItsRun() {
        let now = Date()
        let upload = ImportUpload(contractId: UUID(), userId: UUID(), filename: "plan.xlsx", content: Data())
        upload.createdAt = now.addingTimeInterval(-3 * 3600)
        upload.state = ImportUpload.State.running.rawValue
        upload.progressAt = now.addingTimeInterval(-60)
        XCTAssertEqual(PlanImportRunner.effectiveState(upload, now: now), .running)
        upload.progressAt = now.addingTimeInterval(-PlanImportRunner.staleAfter - 60)
        XCTAssertEqual(PlanImportRunner.effectiveState(upload, now: now), .failed)
        upload.state = ImportUpload.State.done.rawValue
        XCTAssertEqual(PlanImportRunner.effectiveState(upload, now: now), .done)
    }
}
