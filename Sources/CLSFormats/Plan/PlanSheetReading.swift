import CLSCore
import Foundation

/// The state of reading one plan sheet: its columns, its rows, the tree of sections and
/// actions being built (the values of a row are read in `PlanSheetReading+Values.swift`).
final class PlanSheetReading {
    let sheet: XLSXSheet
    let headerRow: Int
    let date1904: Bool
    var columns: [PlanColumn: Int] = [:]
    var headers: [Int: String] = [:]
    var funderNumbers: [Int] = []
    var issues: [PlanIssue] = []
    var unreadColumns: [String] = []
    /// The amount headers say "€ TTC" (TeT's export).
    var amountsIncludeTax = false
    /// For a cell inside a block merged down its column: the block's top row.
    var mergedTop: [Int: [Int: Int]] = [:]
    /// Columns whose template instruction was already reported.
    var instructionsReported = Set<Int>()

    let statuses = VocabularyMatcher(ActionStatus.allCases)
    let priorities = VocabularyMatcher(ActionPriority.allCases)
    let approaches = VocabularyMatcher(InterventionApproach.allCases)
    let aims = VocabularyMatcher(ISTSAim.allCases)
    let participations = VocabularyMatcher(ParticipationLevel.allCases)
    let themes: VocabularyMatcher<Theme>
    let publics: VocabularyMatcher<PublicTarget>
    let sectors = VocabularyMatcher(CompetenceDomain.allCases)
    let lifeStages = VocabularyMatcher(LifeCourseStage.allCases)

    /// The tree being built.
    private let root = SectionNode(title: "", key: "", row: 0, path: [])
    private var noAxisSection: SectionNode?

    init(sheet: XLSXSheet, headerRow: Int, date1904: Bool, themes: [Theme], publics: [PublicTarget]) {
        self.sheet = sheet
        self.headerRow = headerRow
        self.date1904 = date1904
        self.themes = VocabularyMatcher(themes)
        self.publics = VocabularyMatcher(publics)
    }

    func run() -> PlanReadResult {
        mapColumns()
        mapMergedCells()
        let dataRows = classifyRows()
        for row in dataRows { readRow(row) }
        checkStructure(root)
        let document = PlanDocument(axes: root.children.map { $0.section() })
        return PlanReadResult(document: document, issues: issues, sheetName: sheet.name, dataRowCount: dataRows.count,
                              unreadColumns: unreadColumns)
    }

    // MARK: Columns

    private func mapColumns() {
        let row = sheet.rows[headerRow]
        var placedAmounts = Set<Int>()
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
            if column == .field(.plannedTotal), PlanSpreadsheetFormat.saysTaxIncluded(text) { amountsIncludeTax = true }
            if case .funder(let number) = column {
                funderNumbers.append(number)
                let next = index + 1
                if next < row.count, let header = row[next]?.stringValue, PlanSpreadsheetFormat.isAmountHeader(header) {
                    columns[.amount(number)] = next
                    placedAmounts.insert(next)
                    if PlanSpreadsheetFormat.saysTaxIncluded(header) { amountsIncludeTax = true }
                }
            }
        }
        funderNumbers.sort()
        let read = Set(columns.values)
        unreadColumns = headers.keys.sorted().filter { !read.contains($0) && !placedAmounts.contains($0) }
            .map { "\(XLSXCellReference.columnName($0)) (\(headers[$0]!))" }
    }

    /// Blocks merged down one column, for the columns read (a block's value is in its top cell).
    private func mapMergedCells() {
        let read = Set(columns.values)
        for range in sheet.mergedRanges where read.contains(range.first.column) {
            let first = max(range.first.row + 1, headerRow + 1), last = min(range.last.row, sheet.rowCount - 1)
            guard first <= last else { continue }
            for row in first...last { mergedTop[range.first.column, default: [:]][row] = range.first.row }
        }
    }

    // MARK: Rows

    /// The rows holding data, after skipping empty rows, leading hint rows and the template's example.
    private func classifyRows() -> [Int] {
        var dataRows: [Int] = []
        var leading = true
        for row in (headerRow + 1)..<max(headerRow + 1, sheet.rowCount) {
            guard columns.keys.contains(where: { !rawText(row, $0).isEmpty }) else { continue }
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
        let title = rawText(row, .title)
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
        rawText(row, .title).split(whereSeparator: \.isNewline)
            .contains { $0.trimmingCharacters(in: .whitespaces).lowercased() == "(ou)" }
    }

    private func readRow(_ row: Int) {
        let levels = sectionLabels(row)
        let title = text(row, .title)
        let subTitle = text(row, .subActionTitle)
        guard !title.isEmpty else {
            let hasOtherContent = columns.keys.contains { column in
                !PlanColumn.levels.contains(column) && !text(row, column).isEmpty
            }
            if hasOtherContent {
                let detail = subTitle.isEmpty ? "" : " (la sous-action « \(subTitle) » doit indiquer le titre de son action)"
                error(row: row, column: .title, value: nil, "titre de l'action manquant\(detail) : corrigez la ligne, le fichier n'est pas importé tant qu'elle reste ainsi.")
            } else {
                _ = section(for: levels, row: row)
            }
            return
        }
        let section = section(for: levels, row: row)
        let titleKey = SearchText.fold(title)
        if subTitle.isEmpty {
            let action = readAction(row, title: title)
            if let placeholder = section.actions.first(where: { $0.titleKey == titleKey && $0.isPlaceholder }) {
                placeholder.action = action
                placeholder.isPlaceholder = false
                placeholder.row = row
            } else {
                section.actions.append(ActionNode(action: action, title: title, titleKey: titleKey, row: row))
            }
        } else {
            let subAction = readAction(row, title: subTitle)
            if let parent = section.actions.first(where: { $0.titleKey == titleKey }) {
                parent.subActions.append(subAction)
            } else {
                // The action's own row may come further down; if it never does, the file is refused.
                let parent = ActionNode(action: PlanAction(title: title), title: title, titleKey: titleKey, row: row)
                parent.isPlaceholder = true
                parent.subActions.append(subAction)
                parent.subActionRows.append(row)
                section.actions.append(parent)
            }
        }
    }

    /// TeT refuses sub-actions whose action has no row, and two actions of one section with the same title.
    private func checkStructure(_ node: SectionNode) {
        var seen: [String: ActionNode] = [:]
        for action in node.actions {
            let path = (node.path + [action.title]).joined(separator: " › ")
            if action.isPlaceholder {
                let subTitles = action.subActions.map { "« \($0.title) »" }.joined(separator: ", ")
                error(row: action.row, column: .title, value: action.title,
                      "« \(path) » n'a pas de ligne à elle : ses sous-actions (\(subTitles)) ne peuvent pas être rattachées. Ajoutez la ligne de l'action (titre sans sous-action) ou corrigez le titre ; le fichier n'est pas importé tant qu'il reste ainsi.")
            } else if let first = seen[action.titleKey] {
                error(row: action.row, column: .title, value: action.title,
                      "deux actions portent le même titre dans la même section : « \(path) » (lignes \(first.row + 1) et \(action.row + 1)). Donnez-leur des titres distincts ; le fichier n'est pas importé tant qu'ils sont identiques.")
            } else {
                seen[action.titleKey] = action
            }
        }
        node.children.forEach(checkStructure)
    }

    // MARK: Sections

    /// The section cells of a row, from the axis down, stopping at the first empty level.
    private func sectionLabels(_ row: Int) -> [SectionLabel] {
        var labels: [SectionLabel] = []
        for column in PlanColumn.levels {
            let raw = text(row, column)
            guard !raw.isEmpty else { break }
            let parsed = PlanSpreadsheetFormat.sectionLabel(raw)
            labels.append(SectionLabel(number: parsed.number, title: parsed.title, raw: raw, column: column))
        }
        if labels.isEmpty, let sub = [PlanColumn.subAxis, .subSubAxis].first(where: { !text(row, $0).isEmpty }) {
            warn(row: row, column: sub, value: text(row, sub),
                 "un sous-axe sans axe : la ligne est rangée avec les actions sans axe. Indiquez l'axe sur chaque ligne (ou fusionnez ses cellules).")
        }
        return labels
    }

    private func section(for levels: [SectionLabel], row: Int) -> SectionNode {
        guard !levels.isEmpty else {
            if let noAxisSection { return noAxisSection }
            warn(row: row, column: .axis, value: nil,
                 "cette ligne n'indique pas d'axe : son action, et celles des autres lignes sans axe, sont rangées dans un axe « \(PlanSpreadsheetFormat.noAxisTitle) » (une cellule d'axe vide veut dire « sans axe », comme dans Territoires en Transitions ; seules des cellules fusionnées valent pour les lignes qu'elles couvrent).")
            let node = SectionNode(title: PlanSpreadsheetFormat.noAxisTitle, key: "∅", row: row, path: [PlanSpreadsheetFormat.noAxisTitle])
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
                let child = SectionNode(title: label.title, key: label.key, row: row, path: node.path + [label.title])
                node.children.append(child)
                node = child
            }
        }
        return node
    }

    // MARK: Cells and issues

    /// The cell as stored, or, inside a block merged down the column, the block's top cell.
    func cell(_ row: Int, _ column: PlanColumn) -> XLSXCell? {
        guard let index = columns[column] else { return nil }
        let source = sheet.cell(row: row, column: index) == nil ? (mergedTop[index]?[row] ?? row) : row
        guard let cell = sheet.cell(row: source, column: index) else { return nil }
        if case .text(let text) = cell {
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { return nil }
            if row > headerRow, PlanSpreadsheetFormat.isTemplateInstruction(trimmed) {
                if instructionsReported.insert(index).inserted {
                    warn(row: row, column: column, value: String(trimmed.prefix(60)) + (trimmed.count > 60 ? "…" : ""),
                         "consigne du modèle Territoires en Transitions, pas une valeur : elle est ignorée (ici et dans les autres lignes de la colonne).")
                }
                return nil
            }
        }
        return cell
    }

    func text(_ row: Int, _ column: PlanColumn) -> String {
        cell(row, column)?.stringValue.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
    }

    /// The cell's text as stored, without merges nor instruction filtering (to classify rows).
    private func rawText(_ row: Int, _ column: PlanColumn) -> String {
        guard let index = columns[column] else { return "" }
        return sheet.cell(row: row, column: index)?.stringValue.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
    }

    func header(of column: PlanColumn) -> String {
        columns[column].flatMap { headers[$0] } ?? column.header
    }

    private func columnName(_ column: PlanColumn) -> String? {
        guard let index = columns[column] else { return nil }
        return "\(XLSXCellReference.columnName(index)) (\(headers[index] ?? column.header))"
    }

    func warn(row: Int, column: PlanColumn?, value: String?, _ message: String) {
        issues.append(PlanIssue(.warning, sheet: sheet.name, row: row + 1, column: column.flatMap(columnName), value: value, message: message))
    }

    private func warn(row: Int, columnIndex: Int, value: String?, _ message: String) {
        let name = "\(XLSXCellReference.columnName(columnIndex)) (\(headers[columnIndex] ?? ""))"
        issues.append(PlanIssue(.warning, sheet: sheet.name, row: row + 1, column: name, value: value, message: message))
    }

    func error(row: Int, column: PlanColumn?, value: String?, _ message: String) {
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
    /// Titles from the axis down to this section.
    let path: [String]
    var children: [SectionNode] = []
    var actions: [ActionNode] = []

    init(title: String, key: String, row: Int, path: [String]) {
        self.title = title
        self.key = key
        self.row = row
        self.path = path
    }

    func section() -> PlanSection {
        PlanSection(title: title, children: children.map { $0.section() }, actions: actions.map(\.planAction))
    }
}

private final class ActionNode {
    var action: PlanAction
    let title: String
    let titleKey: String
    /// Zero-based row of the action's own row (of its first sub-action while it has none).
    var row: Int
    var subActions: [PlanAction] = []
    var subActionRows: [Int] = []
    /// Created by a sub-action row before the action's own row.
    var isPlaceholder = false

    init(action: PlanAction, title: String, titleKey: String, row: Int) {
        self.action = action
        self.title = title
        self.titleKey = titleKey
        self.row = row
    }

    var planAction: PlanAction {
        var result = action
        result.subActions = action.subActions + subActions
        return result
    }
}
