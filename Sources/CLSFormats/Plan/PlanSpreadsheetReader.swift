import CLSCore
import Foundation

/// What reading a plan spreadsheet gave: the plan, and what could not be taken as it is.
public struct PlanReadResult: Equatable, Sendable {
    public var document: PlanDocument
    /// In reading order: per row, then per field of the action.
    public var issues: [PlanIssue]
    /// The sheet read as the plan ("" when none was found).
    public var sheetName: String
    /// Rows read as data: neither headers, hints, the template's example, nor empty rows.
    public var dataRowCount: Int
    /// The columns of the header row that nothing reads, as "AC (Mesures liées)", in their order.
    public var unreadColumns: [String]

    public init(document: PlanDocument, issues: [PlanIssue], sheetName: String, dataRowCount: Int, unreadColumns: [String] = []) {
        self.document = document
        self.issues = issues
        self.sheetName = sheetName
        self.dataRowCount = dataRowCount
        self.unreadColumns = unreadColumns
    }

    /// An error means the file must be corrected before importing it.
    public var hasErrors: Bool { issues.contains { $0.severity == .error } }
    public var errors: [PlanIssue] { issues.filter { $0.severity == .error } }
    public var warnings: [PlanIssue] { issues.filter { $0.severity == .warning } }
}

/// Reads an action plan in the import format of *Territoires en Transitions* (TeT), in the
/// layout of its export, and with the extra columns of CLS Pilot's own format when present.
///
/// Rules:
/// - **The plan sheet** is the first sheet whose first ten rows hold a header row with at least
///   `Axe (x)` and `Titre de l'action` (or `Titre de la fiche action`); the other sheets (mode
///   d'emploi, drop-down lists) are ignored. Every column is found by its header, compared
///   without case, accents, punctuation or extra spaces. The amount of `Financeur n` is the
///   column right after it when its header starts with "Montant". Columns nothing reads (TeT's
///   "Mesures liées", "Etapes de l'action"…) are listed by name (`unreadColumns`).
/// - **Amounts HT or TTC**: TeT's import template says "€ HT", its export "€ TTC". Amounts are
///   kept as entered; a plan whose amount headers say TTC marks its actions "Montants TTC"
///   (CLS Pilot's column "Montants TTC", when present, says it row by row).
/// - **Rows before the data**: rows above the header row (section titles) are ignored; after
///   it, leading rows that read as hints are skipped (TeT's "Champ texte" row, its instruction
///   row "Si vos axes sont numérotés…", a lone "Données" banner). The template's prefilled
///   example (a title holding an "(ou)" line) is skipped with a warning, and so is every cell
///   holding one of its instructions ("➔ Utilisez exactement la même écriture…"). Empty rows are
///   skipped anywhere.
/// - **Merged cells** show their value on every row they cover: a cell inside a block merged
///   down a column reads as the block's top cell. Horizontal merges give nothing to the cells
///   on their right.
/// - **Sections**: an axis cell "1. Titre", "1.2 : Titre" or "1 Titre" gives the title without
///   its number, and the number groups the rows ("4.2. X" and "4.2 : X" are one sub-axis);
///   cells without a number ("Axe 1") group by their folded text. Sections keep the order in
///   which they first appear. A row holding only section cells declares the sections (an
///   empty section round-trips that way). As in TeT, an empty axis cell (not merged) means "no
///   axis": such rows go to an axis "Actions sans axe" (warning), never to the axis of the row
///   above; an empty sub-axis means "directly under the axis".
/// - **Actions and sub-actions**: a row with a title and no sub-action title is an action; a
///   row with both is a sub-action of the action of that title (compared without case or
///   accents) in the same section, whose row may come before or after. As in TeT, the file is
///   refused when a sub-action's action has no row of its own, or when two actions of one
///   section share a title (both listed as "Axe › Action"). A row with content but no action
///   title is an error.
/// - **Values**: texts are trimmed; list columns of TeT (partners, services…) are kept as text.
///   "Structure pilote" names one organisation: when it lists several, the first leads and the
///   others join the partners (warning). Dates are `JJ/MM/AAAA`, ISO, or date cells; a
///   month-first date that cannot be read day first (`12/14/20`) is read with a warning;
///   anything else is a warning and the date is left out. Amounts are numbers or French numbers
///   ("12 500,50 €"); anything else is an error. An empty status is no status. Status,
///   priority, approach, ISTS aim and participation level are matched tolerantly (labels,
///   codes, usual variants); unknown values are warnings and left empty. Code lists (themes,
///   determinants, strategies, publics, sectors, life stages) are separated by commas,
///   semicolons or line breaks outside brackets, each entry a code or a label; unknown entries
///   are warnings and dropped, except TeT's themes and "Cibles", kept by their label for the
///   importer (`unlistedThemes`, `unlistedPublics`). "Actions liées" lists titles, one per line
///   (or separated by semicolons or commas); the importer resolves them. When the file has no
///   "Niveau de participation" column, the TeT "Participation Citoyenne" value also gives the
///   participation level when it names one.
public enum PlanSpreadsheetReader {
    /// Reads the plan of a workbook. `themes` and `publics` are the vocabularies entries are
    /// matched against (a region may extend the defaults).
    public static func read(_ workbook: XLSXWorkbook, themes: [Theme] = Theme.defaults,
                            publics: [PublicTarget] = PublicTarget.defaults) -> PlanReadResult {
        guard let (sheet, headerRow) = locatePlanSheet(in: workbook) else {
            let names = workbook.sheetNames.map { "« \($0) »" }.joined(separator: ", ")
            let message = "aucune feuille ne contient la ligne d'en-têtes du format d'import Territoires en Transitions. "
                + "Il faut au moins les colonnes « \(PlanColumn.axis.header) » et « \(PlanColumn.title.header) » "
                + "(ou « Titre de la fiche action ») dans les \(PlanSpreadsheetFormat.headerSearchDepth) premières lignes ; "
                + "en-têtes attendus : \(PlanSpreadsheetFormat.expectedHeadersList). "
                + (names.isEmpty ? "Le classeur ne contient aucune feuille." : "Feuilles lues : \(names).")
            let issue = PlanIssue(.error, sheet: workbook.sheetNames.first ?? "", row: nil, column: nil, value: nil, message: message)
            return PlanReadResult(document: PlanDocument(), issues: [issue], sheetName: "", dataRowCount: 0)
        }
        let reading = PlanSheetReading(sheet: sheet, headerRow: headerRow, date1904: workbook.usesDate1904,
                                       themes: themes, publics: publics)
        return reading.run()
    }

    /// Reads the plan of an .xlsx file held in memory; throws `XLSXError` when the file itself
    /// cannot be opened (not a workbook, too large, damaged…).
    public static func read(data: Data, themes: [Theme] = Theme.defaults,
                            publics: [PublicTarget] = PublicTarget.defaults) throws -> PlanReadResult {
        read(try XLSXWorkbook(data: data), themes: themes, publics: publics)
    }

    /// The first sheet with a header row naming at least the axis and title columns.
    static func locatePlanSheet(in workbook: XLSXWorkbook) -> (XLSXSheet, Int)? {
        for sheet in workbook.sheets {
            for row in 0..<min(PlanSpreadsheetFormat.headerSearchDepth, sheet.rowCount) {
                let columns = Set(sheet.rows[row].compactMap { cell in
                    cell.flatMap { PlanSpreadsheetFormat.column(forHeader: $0.stringValue) }
                })
                if columns.contains(.axis), columns.contains(.title) { return (sheet, row) }
            }
        }
        return nil
    }
}
