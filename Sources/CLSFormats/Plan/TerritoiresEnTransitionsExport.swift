import Foundation

/// The layout of Territoires en Transitions' plan **export** (`export-plan-action-tet.xlsx`):
/// what a coordinator moving in from TeT holds. Its columns differ from TeT's import template
/// (amounts "€ TTC", "Thématique principale", "Cibles", "Service-département-pôle pilote"…); the
/// reader maps every one of them (`PlanSpreadsheetReader`), which the tests check against this
/// list and against the real file.
public enum TerritoiresEnTransitionsExport {
    /// Row 1: the section titles over their first column (zero-based).
    public static let sectionTitles: [Int: String] = [
        0: "Présentation de l’action", 7: "Objectifs et indicateurs", 10: "Acteurs", 17: "Modalités de mise en oeuvre ",
        31: "Actions liées",
    ]

    /// Row 2: the 35 headers, spelled as the export spells them (stray spaces included).
    public static let headers: [String] = [
        "Axe (x)", "Sous-axe (x.x)", " Sous-sous axe (x.x.x)", "Titre de la fiche action", "Descriptif", "Thématique principale",
        "Sous-thématiques", "Objectifs", "Indicateurs liés", "Résultats attendus", "Cibles", "Structure pilote",
        "Moyens humains et techniques", "Partenaires ", "Service-département-pôle pilote", "Personne pilote", "Élu·e référent·e ",
        "Financements", "Financeur 1", "Montant € TTC", "Financeur 2", "Montant € TTC", "Financeur 3", "Montant € TTC",
        "Budget prévisionnel total € TTC", "Statut ", "Niveau de priorité", "Date de début", "Date de fin",
        "Action en amélioration continue", "Calendrier", "Actions liées", "Fiches des plans liées", "Notes complémentaires",
        "Documents et liens",
    ]

    /// A workbook in the export's layout holding `rows` (cells in the order of `headers`) from row 3.
    public static func workbook(rows: [[XLSXCell?]], sheetName: String = "Plan d'action") throws -> Data {
        let titles: [XLSXCell?] = headers.indices.map { sectionTitles[$0].map(XLSXCell.text) }
        let sheet = XLSXWriter.Sheet(name: sheetName, rows: [titles, headers.map(XLSXCell.text)] + rows, headerRowCount: 2,
                                     mergedRanges: ["A1:G1", "H1:J1", "K1:Q1", "R1:AE1"].compactMap(XLSXMergedRange.init))
        return try XLSXWriter(sheets: [sheet]).data()
    }
}
