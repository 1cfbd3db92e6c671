import CLSCore
import XCTest
@testable import CLSFormats

/// Territoires en Transitions' **export** layout, filled with data, read field by field; the real
/// export (headers only) read as no plan at all.
final class PlanTeTExportTests: XCTestCase {
    typealias Export = TerritoiresEnTransitionsExport

    /// A row of the export: the cells by header, in the export's order.
    private func row(_ values: [String: XLSXCell]) -> [XLSXCell?] {
        var cells = [XLSXCell?](repeating: nil, count: Export.headers.count)
        for (header, value) in values {
            let index = Export.headers.firstIndex(of: header)!
            cells[index] = value
        }
        return cells
    }

    private func text(_ value: String) -> XLSXCell { .text(value) }

    func testEveryColumnOfTheExportIsReadIntoItsField() throws {
        let data = try Export.workbook(rows: [
            row(["Axe (x)": text("1. Accès aux soins"), "Titre de la fiche action": text("Maison de santé"),
                 "Descriptif": text("Ouvrir une maison de santé pluriprofessionnelle."),
                 "Thématique principale": text("Accès aux soins"), "Sous-thématiques": text("Santé mentale, Numérique en santé"),
                 "Objectifs": text("Réduire le renoncement aux soins"), "Indicateurs liés": text("Nombre de patients"),
                 "Résultats attendus": text("Une maison ouverte en 2027"), "Cibles": text("Jeunes, Élus, Agents"),
                 "Structure pilote": text("Commune de Lorient"), "Moyens humains et techniques": text("1 ETP"),
                 "Partenaires ": text("CPAM, Ordre des médecins"), "Service-département-pôle pilote": text("Direction de la santé"),
                 "Personne pilote": text("Anne Le Gall"), "Élu·e référent·e ": text("Yann Péron"), "Financements": text("DETR demandée"),
                 "Financeur 1": text("ARS Bretagne"), "Montant € TTC": .number(120_000),
                 "Budget prévisionnel total € TTC": .number(300_000), "Statut ": text("En cours"), "Niveau de priorité": text("Élevé"),
                 "Date de début": text("01/09/2025"), "Date de fin": text("12/31/27"),
                 "Action en amélioration continue": .bool(true), "Calendrier": text("Travaux en 2026, ouverture en 2027"),
                 "Actions liées": text("Prévention\nUne action d'un autre plan"), "Fiches des plans liées": text("PCAET 2.3"),
                 "Notes complémentaires": text("Terrain trouvé"), "Documents et liens": text("Étude : https://exemple.fr/etude.pdf")]),
            row(["Axe (x)": text("1. Accès aux soins"), "Titre de la fiche action": text("Prévention")]),
        ])
        let result = try PlanSpreadsheetReader.read(data: data)
        XCTAssertEqual(result.errors, [])
        XCTAssertEqual(result.unreadColumns, [], "every column of the export is read")
        let action = try XCTUnwrap(result.document.axes.first?.actions.first)
        XCTAssertEqual(action.title, "Maison de santé")
        XCTAssertEqual(action.summary, "Ouvrir une maison de santé pluriprofessionnelle.")
        XCTAssertEqual(action.themes, ["acces_aux_soins", "sante_mentale"])
        XCTAssertEqual(action.unlistedThemes, ["Numérique en santé"])
        XCTAssertEqual(action.objectives, "Réduire le renoncement aux soins")
        XCTAssertEqual(action.linkedIndicators, "Nombre de patients")
        XCTAssertEqual(action.expectedResults, "Une maison ouverte en 2027")
        XCTAssertEqual(action.publics, ["jeunes", "elus"])
        XCTAssertEqual(action.unlistedPublics, ["Agents"])
        XCTAssertEqual(action.leadOrganisation, "Commune de Lorient")
        XCTAssertEqual(action.means, "1 ETP")
        XCTAssertEqual(action.partners, "CPAM, Ordre des médecins")
        XCTAssertEqual(action.leadService, "Direction de la santé")
        XCTAssertEqual(action.leadPeople, "Anne Le Gall")
        XCTAssertEqual(action.electedReferent, "Yann Péron")
        XCTAssertEqual(action.financingNotes, "DETR demandée")
        XCTAssertEqual(action.fundings, [PlanFunding(funder: "ARS Bretagne", amount: 120_000)])
        XCTAssertEqual(action.plannedTotal, 300_000)
        XCTAssertTrue(action.amountsIncludeTax, "€ TTC kept as entered, labelled TTC")
        XCTAssertEqual(action.status, .inProgress)
        XCTAssertEqual(action.priority, .high)
        XCTAssertEqual(action.startsOn, CalendarDay(year: 2025, month: 9, day: 1))
        XCTAssertEqual(action.endsOn, CalendarDay(year: 2027, month: 12, day: 31), "month first, read with a warning")
        XCTAssertTrue(action.isContinuous)
        XCTAssertEqual(action.schedule, "Travaux en 2026, ouverture en 2027")
        XCTAssertEqual(action.linkedActions, ["Prévention", "Une action d'un autre plan"])
        XCTAssertEqual(action.linkedPlanActions, "PCAET 2.3")
        XCTAssertEqual(action.notes, "Terrain trouvé")
        XCTAssertEqual(action.documentLinks, "Étude : https://exemple.fr/etude.pdf")
        // The second action says nothing of its status: it has none.
        XCTAssertNil(result.document.axes[0].actions[1].status)
        XCTAssertEqual(result.warnings.map(\.value), ["12/31/27", "Numérique en santé", "Agents"])
        XCTAssertEqual(result.warnings.map(\.column), ["AC (Date de fin)", "G (Sous-thématiques)", "K (Cibles)"])
        XCTAssertEqual(result.warnings.map(\.row), [3, 3, 3])
    }

    func testUnambiguousMonthFirstDatesAreReadWithAWarning() {
        XCTAssertEqual(PlanDateText.parse("12/14/20")?.day, CalendarDay(year: 2020, month: 12, day: 14))
        XCTAssertEqual(PlanDateText.parse("12/14/20")?.reading, .monthFirst)
        XCTAssertEqual(PlanDateText.parse("05/06/20")?.day, CalendarDay(year: 2020, month: 6, day: 5), "ambiguous: day first, as in French")
        XCTAssertEqual(PlanDateText.parse("05/06/20")?.reading, .dayFirst)
        XCTAssertEqual(PlanDateText.parse("31/12/2025")?.day, CalendarDay(year: 2025, month: 12, day: 31))
        XCTAssertEqual(PlanDateText.parse("2/29/2024")?.day, CalendarDay(year: 2024, month: 2, day: 29))
        XCTAssertNil(PlanDateText.parse("13/13/20"))
        XCTAssertNil(PlanDateText.parse("2/30/2024"), "no 30 February either way")
        XCTAssertNil(PlanDateText.parse("1/2/3"))
    }

    func testAmountsInTTCHeadersAndWrittenBackAsTTC() throws {
        var action = PlanAction(title: "Action TTC")
        action.amountsIncludeTax = true
        action.plannedTotal = 1_200
        action.fundings = [PlanFunding(funder: "ARS", amount: 600), PlanFunding(funder: "ARS", amount: 400, year: 2027),
                           PlanFunding(funder: "Commune", amount: 200)]
        let document = PlanDocument(axes: [PlanSection(title: "Axe", actions: [action])])
        let data = try PlanSpreadsheetWriter.write(document, title: "Plan")
        let sheet = try XLSXWorkbook(data: data).sheets[0]
        let headers = sheet.textRow(1)
        XCTAssertTrue(headers.contains("Budget prévisionnel total € TTC"))
        XCTAssertEqual(headers.filter { $0 == "Montant € TTC" }.count, 3)
        // Funder lines in their order and number: the same funder twice stays twice.
        let read = try PlanSpreadsheetReader.read(data: data)
        XCTAssertEqual(read.document, document)
        XCTAssertEqual(read.document.axes[0].actions[0].fundings.map(\.funder), ["ARS", "ARS", "Commune"])
    }

    /// The real export holds headers only: every one is read, and no plan is offered as imported.
    func testTheRealExportIsReadAsAnEmptyPlanWithEveryColumnKnown() throws {
        guard let directory = SharedData.directory else {
            throw XCTSkip("../shared/data is absent (set CLS_SHARED_DATA to its path): the real export is not tested.")
        }
        let url = directory.appendingPathComponent("import-plan/export-plan-action-tet.xlsx")
        guard FileManager.default.fileExists(atPath: url.path) else { throw XCTSkip("\(url.path) is absent.") }
        let workbook = try XLSXWorkbook(contentsOf: url)
        XCTAssertEqual(workbook.sheets[0].textRow(1), Export.headers, "the layout described is the real export's")
        let result = PlanSpreadsheetReader.read(workbook)
        XCTAssertEqual(result.errors, [])
        XCTAssertEqual(result.unreadColumns, [])
        XCTAssertEqual(result.document.actionCount, 0)
        XCTAssertEqual(result.dataRowCount, 0)
    }
}
