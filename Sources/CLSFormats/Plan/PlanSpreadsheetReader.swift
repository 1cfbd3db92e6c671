import CLSCore
import Foundation

/// What reading a plan spreadsheet gave: the plan, and what could not be taken as it is.
public struct PlanReadResult: Equatable, Sendable {
    public var document: PlanDocument
    /// In reading order: per row, then per column.
    public var issues: [PlanIssue]
    /// The sheet read as the plan ("" when none was found).
    public var sheetName: String
    /// Rows read as data: neither headers, hints, the template's example, nor empty rows.
    public var dataRowCount: Int

    public init(document: PlanDocument, issues: [PlanIssue], sheetName: String, dataRowCount: Int) {
        self.document = document
        self.issues = issues
        self.sheetName = sheetName
        self.dataRowCount = dataRowCount
    }

    /// An error means the file must be corrected before importing it.
    public var hasErrors: Bool { issues.contains { $0.severity == .error } }
    public var errors: [PlanIssue] { issues.filter { $0.severity == .error } }
    public var warnings: [PlanIssue] { issues.filter { $0.severity == .warning } }
}

/// Reads an action plan in the import format of *Territoires en Transitions* (TeT), with the
/// extra columns of CLS Pilot's own format when present.
///
/// Rules:
/// - **The plan sheet** is the first sheet whose first ten rows hold a header row with at least
///   `Axe (x)` and `Titre de l'action` (or `Titre de la fiche action`); the other sheets (mode
///   d'emploi, drop-down lists) are ignored. Every column is found by its header, compared
///   without case, accents, punctuation or extra spaces; unknown columns are ignored (TeT's
///   "Notes", "Mesures liées"…). The amount of `Financeur n` is the column right after it when
///   its header starts with "Montant".
/// - **Rows before the data**: rows above the header row (section titles) are ignored; after
///   it, leading rows that read as hints are skipped (TeT's "Champ texte" row, its instruction
///   row "Si vos axes sont numérotés…", a lone "Données" banner): a leading row is a hint row
///   when its title cell is empty or a hint and at least half of its cells are hints. The
///   template's prefilled example (a title holding an "(ou)" line) is skipped with a warning.
///   Empty rows (nothing in a recognised column) are skipped anywhere.
/// - **Sections**: an axis cell "1. Titre", "1.2 : Titre" or "1 Titre" gives the title without
///   its number, and the number groups the rows ("4.2. X" and "4.2 : X" are one sub-axis);
///   cells without a number ("Axe 1") group by their folded text. Sections keep the order in
///   which they first appear. A row holding only section cells declares the sections (an
///   empty section round-trips that way).
/// - **Continuation rows**: all three real files repeat the axis on every row and leave the
///   sub-axis empty for an action placed directly under its axis, so by default an empty
///   sub-axis or sub-sub-axis cell means "directly under the level above" and nothing is
///   inherited. Only when the file itself leaves axis cells empty on rows after one that gave
///   an axis (merged or not repeated cells) are empty section cells filled from the row
///   above, level by level as long as the levels above are unchanged; a warning says so once.
///   Rows without any axis before the first axis go to an axis "Actions sans axe" (warning).
/// - **Actions and sub-actions**: a row with a title and no sub-action title is an action; a
///   row with both is a sub-action of the latest action of that title (compared without case
///   or accents) in the same section, created with its title alone if the sub-action row
///   comes first (warning), and completed when its own row follows. A row with content but no
///   action title is an error and is not imported.
/// - **Values**: texts are trimmed; list columns of TeT (pilots, partners…) are kept as text.
///   Dates are `JJ/MM/AAAA` or ISO text, or date cells (Excel serials); anything else is an
///   error. Amounts are numbers or French numbers ("12 500,50 €"); anything else is an error.
///   Status, priority, approach, ISTS aim and participation level are matched tolerantly
///   (labels, codes, usual variants); unknown values are warnings and left empty. Code lists
///   (themes, determinants, strategies, publics, sectors, life stages) are separated by commas,
///   semicolons or line breaks outside brackets, each entry a code or a label; unknown entries
///   are warnings and dropped. When the file has no "Niveau de participation" column, the TeT
///   "Participation Citoyenne" value also gives the participation level when it names one.
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

// MARK: - Reading one sheet

/// The state of reading one plan sheet.
final class PlanSheetReading {
    private let sheet: XLSXSheet
    private let headerRow: Int
    private let date1904: Bool
    private var columns: [PlanColumn: Int] = [:]
    private var headers: [Int: String] = [:]
    private var funderNumbers: [Int] = []
    private var issues: [PlanIssue] = []

    private let statuses = VocabularyMatcher(ActionStatus.allCases)
    private let priorities = VocabularyMatcher(ActionPriority.allCases)
    private let approaches = VocabularyMatcher(InterventionApproach.allCases)
    private let aims = VocabularyMatcher(ISTSAim.allCases)
    private let participations = VocabularyMatcher(ParticipationLevel.allCases)
    private let themes: VocabularyMatcher<Theme>
    private let publics: VocabularyMatcher<PublicTarget>
    private let sectors = VocabularyMatcher(CompetenceDomain.allCases)
    private let lifeStages = VocabularyMatcher(LifeCourseStage.allCases)

    /// The tree being built.
    private let root = SectionNode(title: "", key: "", row: 0)
    private var noAxisSection: SectionNode?
    private var previousLevels: [SectionLabel?] = [nil, nil, nil]
    private var fillDown = false
    private var fillDownAnnounced = false

    init(sheet: XLSXSheet, headerRow: Int, date1904: Bool, themes: [Theme], publics: [PublicTarget]) {
        self.sheet = sheet
        self.headerRow = headerRow
        self.date1904 = date1904
        self.themes = VocabularyMatcher(themes)
        self.publics = VocabularyMatcher(publics)
    }

    func run() -> PlanReadResult {
        mapColumns()
        let dataRows = classifyRows()
        fillDown = detectFillDown(dataRows)
        for row in dataRows { readRow(row) }
        let document = PlanDocument(axes: root.children.map { $0.section() })
        return PlanReadResult(document: document, issues: issues, sheetName: sheet.name, dataRowCount: dataRows.count)
    }

    // MARK: Columns

    private func mapColumns() {
        let row = sheet.rows[headerRow]
        for (index, cell) in row.enumerated() {
            guard let text = cell?.stringValue.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { continue }
            headers[index] = text
            guard let column = PlanSpreadsheetFormat.column(forHeader: text) else { continue }
            if let first = columns[column] {
                warn(row: headerRow, columnIndex: index, value: text,
                     "colonne en double : seule la colonne \(XLSXCellReference.columnName(first)) est lue.")
                continue
            }
            columns[column] = index
            if case .funder(let number) = column {
                funderNumbers.append(number)
                let next = index + 1
                if next < row.count, let header = row[next]?.stringValue, PlanSpreadsheetFormat.isAmountHeader(header) {
                    columns[.amount(number)] = next
                }
            }
        }
        funderNumbers.sort()
    }

    // MARK: Rows

    /// The rows holding data, after skipping empty rows, leading hint rows and the template's example.
    private func classifyRows() -> [Int] {
        var dataRows: [Int] = []
        var leading = true
        for row in (headerRow + 1)..<max(headerRow + 1, sheet.rowCount) {
            guard columns.keys.contains(where: { !text(row, $0).isEmpty }) else { continue }
            if leading, isHintRow(row) { continue }
            if isTemplateExample(row) {
                warn(row: row, column: .title, value: nil,
                     "cette ligne est l'exemple prérempli du modèle Territoires en Transitions : elle n'est pas importée. Supprimez-la ou remplacez-la par vos actions.")
                continue
            }
            leading = false
            dataRows.append(row)
        }
        return dataRows
    }

    private func isHintRow(_ row: Int) -> Bool {
        let title = text(row, .title)
        if !title.isEmpty, !PlanSpreadsheetFormat.isHintText(title) { return false }
        let cells = sheet.rows[row].compactMap { cell -> String? in
            guard let text = cell?.stringValue.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
            return text
        }
        let hints = cells.filter(PlanSpreadsheetFormat.isHintText).count
        return hints > 0 && hints * 2 >= cells.count
    }

    /// TeT's template shows on row 5 a title with two spellings separated by an "(ou)" line.
    private func isTemplateExample(_ row: Int) -> Bool {
        text(row, .title).split(whereSeparator: \.isNewline)
            .contains { $0.trimmingCharacters(in: .whitespaces).lowercased() == "(ou)" }
    }

    /// Whether the file leaves axis cells empty on rows following one that gave an axis.
    private func detectFillDown(_ rows: [Int]) -> Bool {
        var sawAxis = false
        for row in rows {
            if !text(row, .axis).isEmpty {
                sawAxis = true
            } else if sawAxis, !text(row, .title).isEmpty || !text(row, .subActionTitle).isEmpty
                        || !text(row, .subAxis).isEmpty || !text(row, .subSubAxis).isEmpty {
                return true
            }
        }
        return false
    }

    private func readRow(_ row: Int) {
        let levels = resolveLevels(row)
        let title = text(row, .title)
        let subTitle = text(row, .subActionTitle)
        guard !title.isEmpty else {
            let hasOtherContent = columns.keys.contains { column in
                !PlanColumn.levels.contains(column) && !text(row, column).isEmpty
            }
            if hasOtherContent {
                let detail = subTitle.isEmpty ? "" : " (la sous-action « \(subTitle) » doit indiquer le titre de son action)"
                error(row: row, column: .title, value: nil,
                      "titre de l'action manquant\(detail) : la ligne n'est pas importée.")
            } else {
                _ = section(for: levels, row: row)
            }
            return
        }
        let section = section(for: levels, row: row)
        let titleKey = SearchText.fold(title)
        if subTitle.isEmpty {
            let action = readAction(row, title: title)
            if let placeholder = section.actions.last(where: { $0.titleKey == titleKey && $0.isPlaceholder }) {
                placeholder.action = action
                placeholder.isPlaceholder = false
            } else {
                if let same = section.actions.last(where: { $0.titleKey == titleKey }) {
                    warn(row: row, column: .title, value: title,
                         "une autre action porte déjà ce titre dans cette section (ligne \(same.row + 1)) : les deux sont importées, et les sous-actions des lignes suivantes sont rattachées à celle-ci.")
                }
                section.actions.append(ActionNode(action: action, titleKey: titleKey, row: row))
            }
        } else {
            let subAction = readAction(row, title: subTitle)
            if let parent = section.actions.last(where: { $0.titleKey == titleKey }) {
                parent.subActions.append(subAction)
            } else {
                warn(row: row, column: .title, value: title,
                     "la sous-action « \(subTitle) » précède la ligne de son action : l'action « \(title) » est créée avec son seul titre (une ligne d'action de ce titre, plus bas, la complétera).")
                let parent = ActionNode(action: PlanAction(title: title), titleKey: titleKey, row: row)
                parent.isPlaceholder = true
                parent.subActions.append(subAction)
                section.actions.append(parent)
            }
        }
    }

    // MARK: Sections

    /// The section cells of a row, filled from the row above only in a fill-down file.
    private func resolveLevels(_ row: Int) -> [SectionLabel] {
        var current: [SectionLabel?] = []
        var inherit = fillDown
        for (depth, column) in PlanColumn.levels.enumerated() {
            let raw = text(row, column)
            if raw.isEmpty {
                if inherit, let above = previousLevels[depth] {
                    current.append(above)
                    if !fillDownAnnounced {
                        fillDownAnnounced = true
                        warn(row: row, column: column, value: nil,
                             "les cellules d'axe vides reprennent la valeur de la ligne précédente (cellules fusionnées ou non répétées), ici et sur les lignes suivantes. Vérifiez le rangement des actions après l'import.")
                    }
                } else {
                    current.append(nil)
                    inherit = false
                }
            } else {
                let parsed = PlanSpreadsheetFormat.sectionLabel(raw)
                let label = SectionLabel(number: parsed.number, title: parsed.title, raw: raw, column: column)
                if previousLevels[depth]?.key != label.key { inherit = false }
                current.append(label)
            }
        }
        previousLevels = current
        return current.compactMap { $0 }
    }

    private func section(for levels: [SectionLabel], row: Int) -> SectionNode {
        guard !levels.isEmpty else {
            if let noAxisSection { return noAxisSection }
            warn(row: row, column: .axis, value: nil,
                 "cette ligne n'indique pas d'axe : son action, et celles des autres lignes sans axe, sont rangées dans un axe « \(PlanSpreadsheetFormat.noAxisTitle) ».")
            let node = SectionNode(title: PlanSpreadsheetFormat.noAxisTitle, key: "∅", row: row)
            root.children.append(node)
            noAxisSection = node
            return node
        }
        var node = root
        for label in levels {
            if let child = node.children.first(where: { $0.key == label.key }) {
                if VocabularyMatching.fold(child.title) != VocabularyMatching.fold(label.title) {
                    warn(row: row, column: label.column, value: label.raw,
                         "le n° \(label.number ?? "") est intitulé « \(child.title) » à la ligne \(child.row + 1) : ce titre est gardé et la ligne y est rangée.")
                }
                node = child
            } else {
                let child = SectionNode(title: label.title, key: label.key, row: row)
                node.children.append(child)
                node = child
            }
        }
        return node
    }

    // MARK: Values

    private func readAction(_ row: Int, title: String) -> PlanAction {
        var action = PlanAction(title: title)
        // Texts (and the lead organisation's name) are taken as written, field by field.
        for field in ActionField.spreadsheetFields where field != .title {
            if case .text(let path)? = field.plan { action[keyPath: path] = text(row, .field(field)) }
        }
        for number in funderNumbers {
            let funder = text(row, .funder(number))
            let amount = readAmount(row, .amount(number))
            if funder.isEmpty {
                guard let amount else { continue }
                warn(row: row, column: .amount(number), value: XLSXCell.format(amount),
                     "montant sans financeur : renseignez la colonne « \(header(of: .funder(number))) ».")
            }
            action.fundings.append(PlanFunding(funder: funder, amount: amount))
        }
        action.plannedTotal = readAmount(row, .field(.plannedTotal))
        action.status = readTerm(row, .field(.status), statuses, "statut inconnu")
        action.priority = readTerm(row, .field(.priority), priorities, "niveau de priorité inconnu")
        action.startsOn = readDate(row, .field(.startsOn))
        action.endsOn = readDate(row, .field(.endsOn))
        if let start = action.startsOn, let end = action.endsOn, end < start {
            warn(row: row, column: .field(.endsOn), value: text(row, .field(.endsOn)),
                 "la date de fin précède la date de début (\(PlanSpreadsheetFormat.frenchDate(start))).")
        }
        action.themes = readCodes(row, .field(.themes), "thème inconnu") { self.themes.match($0)?.code }
        action.determinants = readCodes(row, .field(.determinants), "déterminant ISTS inconnu (attendu un code comme D2.2.4 ou un libellé)") {
            ISTSTaxonomy.determinants.match($0)?.code
        }
        action.strategies = readCodes(row, .field(.strategies), "stratégie ISTS inconnue (attendu un code comme S4.1 ou un libellé)") {
            ISTSTaxonomy.strategies.match($0)?.code
        }
        action.publics = readCodes(row, .field(.publics), "public inconnu") { self.publics.match($0)?.code }
        action.sectors = readCodes(row, .field(.sectors), "secteur inconnu") { self.sectors.match($0)?.code }
        action.lifeStages = readCodes(row, .field(.lifeStages), "âge de la vie inconnu") { self.lifeStages.match($0)?.code }
        action.approach = readTerm(row, .field(.approach), approaches, "approche inconnue")
        action.istsAim = readTerm(row, .field(.istsAim), aims, "visée ISTS inconnue")
        if columns[.field(.participation)] != nil {
            action.participation = readTerm(row, .field(.participation), participations, "niveau de participation inconnu")
        } else {
            action.participation = participationLevel(tetValue: action.citizenParticipation)
        }
        action.isConfidential = readFlag(row, .field(.isConfidential))
        return action
    }

    /// TeT's list reads "Pas de participation citoyenne", "Information"… "Co-construction".
    private func participationLevel(tetValue text: String) -> ParticipationLevel? {
        guard !text.isEmpty else { return nil }
        if let level = participations.match(text) { return level }
        let key = VocabularyMatching.fold(text)
        guard key.hasSuffix(" citoyenne") else { return nil }
        return participations.match(String(key.dropLast(" citoyenne".count)))
    }

    private func readAmount(_ row: Int, _ column: PlanColumn) -> Double? {
        guard let cell = cell(row, column) else { return nil }
        switch cell {
        case .number(let value) where value.isFinite:
            return value
        case .text(let raw):
            let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { return nil }
            var candidate = trimmed
            if candidate.lowercased().hasSuffix("ht") { candidate = String(candidate.dropLast(2)) }
            if let value = FrenchNumber.parse(candidate) { return value }
        default:
            break
        }
        error(row: row, column: column, value: cell.stringValue,
              "montant illisible : saisissez un nombre en euros (par exemple 12500 ou 12 500,50) ; la valeur n'est pas importée.")
        return nil
    }

    private func readDate(_ row: Int, _ column: PlanColumn) -> CalendarDay? {
        guard let cell = cell(row, column) else { return nil }
        switch cell {
        case .number(let serial):
            if let day = CalendarDay(excelSerial: serial, date1904: date1904) { return day }
        case .text(let raw):
            let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { return nil }
            if let day = CalendarDay(parsing: trimmed) { return day }
        default:
            break
        }
        // A date that cannot be read is left out, not the row: the plan is still worth importing.
        warn(row: row, column: column, value: cell.stringValue,
             "date illisible : elle doit être au format JJ/MM/AAAA (par exemple 31/12/2025) ; cette date n'est pas importée, le reste de la ligne l'est.")
        return nil
    }

    private func readTerm<Term: VocabularyTerm & CaseIterable>(_ row: Int, _ column: PlanColumn, _ matcher: VocabularyMatcher<Term>,
                                                               _ problem: String) -> Term? {
        let raw = text(row, column)
        guard !raw.isEmpty else { return nil }
        if let term = matcher.match(raw) { return term }
        let allowed = Term.allCases.map(\.label).joined(separator: ", ")
        warn(row: row, column: column, value: raw, "\(problem) : la valeur est ignorée. Valeurs possibles : \(allowed).")
        return nil
    }

    private func readCodes(_ row: Int, _ column: PlanColumn, _ problem: String, match: (String) -> String?) -> [String] {
        var codes: [String] = []
        for entry in PlanSpreadsheetFormat.splitList(text(row, column)) {
            if let code = match(entry) {
                if !codes.contains(code) { codes.append(code) }
            } else {
                warn(row: row, column: column, value: entry,
                     "\(problem) : l'entrée est ignorée. Les codes et libellés acceptés sont dans la feuille « \(PlanSpreadsheetFormat.listsSheetName) » du modèle CLS Pilot.")
            }
        }
        return codes
    }

    private func readFlag(_ row: Int, _ column: PlanColumn) -> Bool {
        guard let cell = cell(row, column) else { return false }
        switch cell {
        case .bool(let flag): return flag
        case .number(let value) where value == 0 || value == 1: return value == 1
        default: break
        }
        let key = VocabularyMatching.fold(cell.stringValue)
        if key.isEmpty { return false }
        if ["oui", "o", "vrai", "true", "yes", "x", "confidentielle", "confidentiel"].contains(key) { return true }
        if ["non", "n", "faux", "false", "no", "publique", "public"].contains(key) { return false }
        warn(row: row, column: column, value: cell.stringValue,
             "valeur inconnue : indiquez « Oui » ou « Non ». L'action n'est pas marquée confidentielle.")
        return false
    }

    // MARK: Cells and issues

    private func cell(_ row: Int, _ column: PlanColumn) -> XLSXCell? {
        guard let index = columns[column], let cell = sheet.cell(row: row, column: index) else { return nil }
        if case .text(let text) = cell, text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return nil }
        return cell
    }

    private func text(_ row: Int, _ column: PlanColumn) -> String {
        cell(row, column)?.stringValue.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
    }

    private func header(of column: PlanColumn) -> String {
        columns[column].flatMap { headers[$0] } ?? column.header
    }

    private func columnName(_ column: PlanColumn) -> String? {
        guard let index = columns[column] else { return nil }
        return "\(XLSXCellReference.columnName(index)) (\(headers[index] ?? column.header))"
    }

    private func warn(row: Int, column: PlanColumn?, value: String?, _ message: String) {
        issues.append(PlanIssue(.warning, sheet: sheet.name, row: row + 1, column: column.flatMap(columnName), value: value, message: message))
    }

    private func warn(row: Int, columnIndex: Int, value: String?, _ message: String) {
        let name = "\(XLSXCellReference.columnName(columnIndex)) (\(headers[columnIndex] ?? ""))"
        issues.append(PlanIssue(.warning, sheet: sheet.name, row: row + 1, column: name, value: value, message: message))
    }

    private func error(row: Int, column: PlanColumn?, value: String?, _ message: String) {
        issues.append(PlanIssue(.error, sheet: sheet.name, row: row + 1, column: column.flatMap(columnName), value: value, message: message))
    }
}

/// A section cell as read.
private struct SectionLabel {
    let number: String?
    let title: String
    let raw: String
    let column: PlanColumn

    /// Rows group by number when the cell has one, by folded text otherwise.
    var key: String { number.map { "n:" + $0 } ?? "t:" + VocabularyMatching.fold(title) }
}

private final class SectionNode {
    let title: String
    let key: String
    /// Zero-based row of first appearance.
    let row: Int
    var children: [SectionNode] = []
    var actions: [ActionNode] = []

    init(title: String, key: String, row: Int) {
        self.title = title
        self.key = key
        self.row = row
    }

    func section() -> PlanSection {
        PlanSection(title: title, children: children.map { $0.section() }, actions: actions.map(\.planAction))
    }
}

private final class ActionNode {
    var action: PlanAction
    let titleKey: String
    let row: Int
    var subActions: [PlanAction] = []
    /// Created by a sub-action row before the action's own row.
    var isPlaceholder = false

    init(action: PlanAction, titleKey: String, row: Int) {
        self.action = action
        self.titleKey = titleKey
        self.row = row
    }

    var planAction: PlanAction {
        var result = action
        result.subActions = action.subActions + subActions
        return result
    }
}
