import CLSCore
import XCTest
@testable import CLSFormats

/// The plan reader on the three Territoires en Transitions files of `../shared/data/import-plan`.
final class PlanRealFilesTests: XCTestCase {
    private func read(_ name: String) throws -> PlanReadResult {
        guard let directory = SharedData.directory else {
            throw XCTSkip("../shared/data is absent (set CLS_SHARED_DATA to its path): real plan files not tested.")
        }
        let url = directory.appendingPathComponent("import-plan/\(name)")
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw XCTSkip("\(url.path) is absent: real plan file not tested.")
        }
        return PlanSpreadsheetReader.read(try XLSXWorkbook(contentsOf: url))
    }

    /// The blank template: "Mode demploi", "Fichier dimport" (headers row 2, hints row 3,
    /// instructions row 4, a prefilled example row 5), hidden "Listes déroulantes".
    func testTheBlankTemplateGivesAnEmptyPlan() throws {
        let result = try read("modele-import-plan-action.xlsx")
        XCTAssertEqual(result.sheetName, "Fichier dimport")
        XCTAssertEqual(result.document, PlanDocument())
        XCTAssertFalse(result.hasErrors)
        XCTAssertEqual(result.dataRowCount, 0)
        // Only the note that the example row is not imported.
        XCTAssertEqual(result.issues.count, 1)
        XCTAssertEqual(result.issues[0].severity, .warning)
        XCTAssertEqual(result.issues[0].row, 5)
        XCTAssertEqual(result.issues[0].column, "D (Titre de la fiche action)")
    }

    /// Rows 4 to 10: four axes, actions under axes, sub-axes and a sub-sub-axis.
    func testTheValidExample() throws {
        let result = try read("exemple-plan-valide.xlsx")
        XCTAssertEqual(result.sheetName, "Fichier dimport")
        XCTAssertEqual(result.dataRowCount, 7)
        let document = result.document
        XCTAssertEqual(document.axes.count, 4)
        XCTAssertEqual(document.sectionCount, 8)
        XCTAssertEqual(document.actionCount, 7)
        XCTAssertEqual(document.subActionCount, 0)
        XCTAssertEqual(document.axes.map(\.title), [
            "Sécurité : développer les aménagements cyclables et améliorer la sécurité routière",
            "Sûreté : mieux lutter contre le vol",
            "Créer un cadre incitatif reconnaissant pleinement l’usage du vélo comme un mode de transport vertueux",
            "Développer une culture vélo",
        ])
        let first = document.axes[0].actions[0]
        XCTAssertEqual(first.title, "Arranger la piste cyclable 2040-2044")
        XCTAssertEqual(first.governanceBody, "Petite instance, blop")
        XCTAssertEqual(first.partners, "Super partenaire")
        XCTAssertEqual(first.leadPeople, "Harry Cot")
        XCTAssertEqual(first.fundings, [PlanFunding(funder: "Smaug", amount: 3_000), PlanFunding(funder: "Ras al Ghul", amount: 2_000),
                                        PlanFunding(funder: "Tony Stark", amount: 999)])
        XCTAssertEqual(first.plannedTotal, 500)
        XCTAssertEqual(first.status, .inProgress)
        XCTAssertEqual(first.priority, .high)
        XCTAssertEqual(document.axes[1].actions[0].participation, .consultation)
        // "4.2. Déployer…" and "4.2 : Déployer…" are one sub-axis.
        let culture = document.axes[3]
        XCTAssertEqual(culture.children.map(\.title), ["Pratiquer le vélo en toute sécurité", "Déployer des plans de mobilité scolaires",
                                                       "Développer l’activité physique pour la santé"])
        let learning = culture.children[1].children[0]
        XCTAssertEqual(learning.title, "Apprendre le vélo aux enfants")
        XCTAssertEqual(learning.actions.map(\.title), ["Vélo avec des roulettes", "Permis vélo CM2 école TET 2040-2044"])
        XCTAssertEqual(learning.actions[1].leadService, "Super service, Ultra service")
        // Row 4 holds dates typed "12/14/20" and "12/14/28" (month first, two-digit years): 14
        // cannot be a month, so they are read month first, with a warning. Its "Indicateurs liés"
        // and "Structure pilote" cells hold the template's instructions, which are no values;
        // row 5 names two lead organisations: the first leads, the second joins the partners.
        XCTAssertEqual(result.errors, [])
        XCTAssertEqual(result.warnings.map(\.row), [4, 4, 4, 4, 5])
        XCTAssertEqual(result.warnings.map(\.column), ["I (Indicateurs liés)", "J (Structure pilote)", "AA (Date de début)",
                                                       "AB (Date de fin)", "J (Structure pilote)"])
        XCTAssertEqual(result.warnings.map(\.value).last, "La collectivité 1, La collectivité 2")
        XCTAssertEqual(first.startsOn, CalendarDay(year: 2020, month: 12, day: 14))
        XCTAssertEqual(first.endsOn, CalendarDay(year: 2028, month: 12, day: 14))
        XCTAssertTrue(result.warnings[2].message.contains("lue comme le 14 décembre 2020"), result.warnings[2].message)
        XCTAssertEqual(first.leadOrganisation, "")
        XCTAssertEqual(first.linkedIndicators, "")
        XCTAssertTrue(first.isContinuous)  // "TRUE"
        let second = document.axes[1].actions[0]
        XCTAssertFalse(second.isContinuous)  // "FAUX"
        XCTAssertEqual(second.leadOrganisation, "La collectivité 1")
        XCTAssertEqual(second.partners, "Giga partenaire, La collectivité 2")
        XCTAssertEqual(first.documentLinks, "www.test.com")
        // What TeT does not import either, listed by name.
        XCTAssertEqual(result.unreadColumns, ["AE (Mesures liées)", "AH (Etapes de l'action)"])
    }

    /// Sheet "Plan": a banner row 1, headers row 2, "Données" row 3, rows 4 to 10 with sub-actions.
    func testThePlanWithSubActions() throws {
        let result = try read("exemple-plan-sous-actions.xlsx")
        XCTAssertEqual(result.sheetName, "Plan")
        XCTAssertEqual(result.issues, [])
        XCTAssertEqual(result.dataRowCount, 7)
        let document = result.document
        XCTAssertEqual(document.axes.map(\.title), ["Axe 1", "Axe 2"])
        XCTAssertEqual(document.sectionCount, 3)
        XCTAssertEqual(document.actionCount, 4)
        XCTAssertEqual(document.subActionCount, 3)
        let axis1 = document.axes[0]
        XCTAssertEqual(axis1.actions.map(\.title), ["Action normale", "Action 1"])
        XCTAssertEqual(axis1.actions[0].summary, "Description action normale")
        let subActions = axis1.actions[1].subActions
        XCTAssertEqual(subActions.map(\.title), ["Sous-action 1.1", "Sous-action 1.2"])
        XCTAssertEqual(subActions[0].summary, "Description sous-action 1.1")
        XCTAssertEqual(subActions[0].leadPeople, "Pilote SA1.1")
        XCTAssertEqual(subActions[0].status, .inProgress)
        XCTAssertEqual(subActions[0].endsOn, CalendarDay(year: 2025, month: 12, day: 31))
        XCTAssertEqual(subActions[1].status, .done)
        let axis2 = document.axes[1]
        XCTAssertEqual(axis2.actions.map(\.title), ["Action 2"])
        XCTAssertEqual(axis2.children.map(\.title), ["Sous-axe 2.1"])
        let action3 = axis2.children[0].actions[0]
        XCTAssertEqual(action3.title, "Action 3")
        XCTAssertEqual(action3.subActions.map(\.title), ["Sous-action 3.1"])
        XCTAssertEqual(action3.subActions[0].status, .paused)
        XCTAssertEqual(action3.subActions[0].endsOn, CalendarDay(year: 2027, month: 3, day: 31))
    }

    /// What is read from a real file survives a write and a second read.
    func testRealPlansSurviveARoundTrip() throws {
        for name in ["exemple-plan-valide.xlsx", "exemple-plan-sous-actions.xlsx"] {
            let document = try read(name).document
            let again = try PlanSpreadsheetReader.read(data: PlanSpreadsheetWriter.write(document, title: name))
            XCTAssertEqual(again.issues, [], name)
            XCTAssertEqual(again.document, document, name)
        }
    }
}
