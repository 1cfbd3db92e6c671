import CLSCore
import Foundation

/// Writes an action plan as an .xlsx workbook in the import format of *Territoires en
/// Transitions* (TeT), followed by the columns of CLS Pilot's own format, so that the file
/// imports into TeT (which ignores the extra columns) and back into CLS Pilot unchanged:
/// `PlanSpreadsheetReader.read(write(doc))` gives back `doc`.
///
/// Layout of the plan sheet (named after `title`):
/// - row 1: section titles over groups of columns ("Présentation de l'action", "Acteurs"…);
/// - row 2: the headers, spelled as in TeT's template (`Titre de l'action`), then the CLS
///   Pilot columns;
/// - row 3: type hints in TeT's words ("Champ texte", "Champ date (JJ/MM/AAAA)"…);
/// - from row 4: one row per action, then one per sub-action right after its action
///   (repeating the section cells and the action's title); a section without any action nor
///   sub-section gets a row of its own with only its section cells.
///
/// Values: section cells numbered as TeT's template asks ("1. Titre", "1.2. Titre",
/// "1.2.3. Titre", numbers from the section's position); dates as `JJ/MM/AAAA` text; amounts
/// as numbers; status, priority, approach, ISTS aim and participation level as their French
/// labels (drop-down lists from the "Listes" sheet); "Confidentielle" as Oui/Non; code lists
/// (themes, determinants, strategies, publics, sectors, life stages) as codes separated by
/// ", " — codes never hold a comma or semicolon (the writer refuses one that does), which is
/// what lets labels with commas stay out of the way. Free texts are written as they are:
/// only code lists are ever split by the reader. At least three funders are written; more
/// funder columns follow when an action has more.
///
/// A second sheet, "Listes", holds the allowed values with their codes and labels.
public enum PlanSpreadsheetWriter {
    /// The workbook for a plan. `themes` and `publics` are the vocabularies listed in the
    /// "Listes" sheet.
    public static func write(_ document: PlanDocument, title: String, themes: [Theme] = Theme.defaults,
                             publics: [PublicTarget] = PublicTarget.defaults) throws -> Data {
        let funderCount = max(3, maxFundings(in: document))
        let columns = PlanSpreadsheetWriter.columns(funderCount: funderCount)
        let taxIncluded = amountsIncludeTax(document)
        var rows: [[XLSXCell?]] = [
            sectionTitleRow(columns),
            columns.map { .text(header($0, taxIncluded: taxIncluded)) },
            columns.map { .text($0.hint) },
        ]
        for (index, axis) in document.axes.enumerated() {
            try appendRows(of: axis, number: [index + 1], cells: [], columns: columns, to: &rows)
        }
        let planName = planSheetName(title)
        let lists = listsSheet(themes: themes, publics: publics)
        let lastRow = max(rows.count + 500, 999)  // zero-based: Excel row 1000 at least
        let plan = XLSXWriter.Sheet(name: planName, rows: rows, headerRowCount: 2, frozenRowCount: 3,
                                    frozenColumnCount: 0, columnWidths: widths(columns),
                                    listValidations: validations(columns, lists: lists.columns, lastRow: lastRow))
        return try XLSXWriter(sheets: [plan, lists.sheet]).data()
    }

    /// The blank template: section titles, headers, hints, drop-down lists and the "Listes" sheet.
    public static func template(themes: [Theme] = Theme.defaults, publics: [PublicTarget] = PublicTarget.defaults) throws -> Data {
        try write(PlanDocument(), title: PlanSpreadsheetFormat.defaultPlanSheetName, themes: themes, publics: publics)
    }

    // MARK: Columns

    /// The amount headers say "€ TTC" when every action with an amount has its amounts TTC.
    static func amountsIncludeTax(_ document: PlanDocument) -> Bool {
        var withAmounts = 0, taxIncluded = 0
        func visit(_ section: PlanSection) {
            for action in section.actions.flatMap({ [$0] + $0.subActions })
            where action.plannedTotal != nil || action.fundings.contains(where: { $0.amount != nil }) {
                withAmounts += 1
                if action.amountsIncludeTax { taxIncluded += 1 }
            }
            section.children.forEach(visit)
        }
        document.axes.forEach(visit)
        return withAmounts > 0 && taxIncluded == withAmounts
    }

    private static func header(_ column: PlanColumn, taxIncluded: Bool) -> String {
        switch column {
        case .amount: PlanSpreadsheetFormat.amountHeader(taxIncluded: taxIncluded)
        case .field(.plannedTotal): PlanSpreadsheetFormat.plannedTotalHeader(taxIncluded: taxIncluded)
        default: column.header
        }
    }

    static func columns(funderCount: Int) -> [PlanColumn] {
        PlanSpreadsheetFormat.territoiresEnTransitionsColumns(funderCount: funderCount) + PlanSpreadsheetFormat.extraColumns
    }

    /// Row 1 as in TeT's template, plus two groups for CLS Pilot's columns.
    private static func sectionTitleRow(_ columns: [PlanColumn]) -> [XLSXCell?] {
        let titles: [PlanColumn: String] = [
            .axis: "Présentation de l'action",
            .field(.objectives): "Objectifs et indicateurs",
            .field(.leadOrganisation): "Acteurs",
            .field(.financingNotes): "Modalités de mise en oeuvre",
            .field(.linkedActions): "Actions liées",
            .field(.expectedResults): "Cadre logique (CLS Pilot)",
            .field(.themes): "Caractérisation de l'action (CLS Pilot)",
        ]
        return columns.map { titles[$0].map(XLSXCell.text) }
    }

    private static func widths(_ columns: [PlanColumn]) -> [Int: Double] {
        var widths: [Int: Double] = [:]
        for (index, column) in columns.enumerated() {
            switch column {
            case .axis, .subAxis, .subSubAxis: widths[index] = 30
            case .subActionTitle: widths[index] = 40
            case .field(let field) where field == .title: widths[index] = 40
            case .amount: widths[index] = 15
            case .field(let field) where field.kind == .longText: widths[index] = 50
            case .field(let field) where [.amount, .date, .flag].contains(field.kind): widths[index] = 15
            default: widths[index] = 24
            }
        }
        return widths
    }

    // MARK: Rows

    private static func appendRows(of section: PlanSection, number: [Int], cells: [String], columns: [PlanColumn],
                                   to rows: inout [[XLSXCell?]]) throws {
        guard number.count <= PlanColumn.levels.count else {
            throw XLSXError.invalidWriterInput(detail: "la section « \(section.title) » est au-delà du troisième niveau (axe, sous-axe, sous-sous-axe) que le format d'import accepte.")
        }
        let cells = cells + [PlanSpreadsheetFormat.sectionCell(number: number, title: section.title)]
        if section.actions.isEmpty, section.children.isEmpty {
            rows.append(try row(cells: cells, actionTitle: nil, action: nil, columns: columns))
        }
        for action in section.actions {
            rows.append(try row(cells: cells, actionTitle: action.title, action: action, columns: columns))
            for subAction in action.subActions {
                guard subAction.subActions.isEmpty else {
                    throw XLSXError.invalidWriterInput(detail: "la sous-action « \(subAction.title) » a elle-même des sous-actions, que le format d'import ne sait pas représenter.")
                }
                var row = try row(cells: cells, actionTitle: action.title, action: subAction, columns: columns)
                row[columns.firstIndex(of: .subActionTitle)!] = text(subAction.title)
                rows.append(row)
            }
        }
        for (index, child) in section.children.enumerated() {
            try appendRows(of: child, number: number + [index + 1], cells: cells, columns: columns, to: &rows)
        }
    }

    /// One row: the section cells, then the action's values (nil: a section-only row).
    private static func row(cells: [String], actionTitle: String?, action: PlanAction?, columns: [PlanColumn]) throws -> [XLSXCell?] {
        var row: [XLSXCell?] = []
        for column in columns {
            if let depth = PlanColumn.levels.firstIndex(of: column) {
                row.append(depth < cells.count ? text(cells[depth]) : nil)
            } else if column == .title {
                row.append(actionTitle.flatMap(text))
            } else if let action {
                row.append(try value(of: column, in: action))
            } else {
                row.append(nil)
            }
        }
        return row
    }

    private static func value(of column: PlanColumn, in action: PlanAction) throws -> XLSXCell? {
        switch column {
        case .axis, .subAxis, .subSubAxis, .subActionTitle, .subThemes: return nil
        case .fundingYears:
            guard action.fundings.contains(where: { $0.year != nil }) else { return nil }
            return .text(action.fundings.map { $0.year.map(String.init) ?? "" }.joined(separator: ", "))
        case .funder(let number):
            return action.fundings.indices.contains(number - 1) ? text(action.fundings[number - 1].funder) : nil
        case .amount(let number):
            guard action.fundings.indices.contains(number - 1) else { return nil }
            return action.fundings[number - 1].amount.map(XLSXCell.number)
        case .field(let field):
            switch field.plan {
            case nil: return nil
            case .text(let path)?: return text(action[keyPath: path])
            case .date(let path)?: return action[keyPath: path].map { .text(PlanSpreadsheetFormat.frenchDate($0)) }
            case .amount(let path)?: return action[keyPath: path].map(XLSXCell.number)
            case .codes(let path)?: return try codes(action[keyPath: path], column: column, action: action)
            case .flag(let path)?:
                // TeT's own flags are its "Champ binaire" (VRAI/FAUX); CLS Pilot's read Oui/Non from a list.
                return field.spreadsheet?.isTerritoiresEnTransitions == true
                    ? .bool(action[keyPath: path]) : .text(action[keyPath: path] ? "Oui" : "Non")
            case .titles(let path)?: return text(action[keyPath: path].joined(separator: "\n"))
            case .choice(let get, _)?:
                // Written as its French label (the drop-down lists offer labels).
                return get(action).map { .text(field.vocabulary?.label(of: $0) ?? $0) }
            }
        }
    }

    private static func text(_ value: String) -> XLSXCell? {
        value.isEmpty ? nil : .text(value)
    }

    private static func codes(_ codes: [String], column: PlanColumn, action: PlanAction) throws -> XLSXCell? {
        if let bad = codes.first(where: { $0.contains(",") || $0.contains(";") || $0.contains(where: \.isNewline) }) {
            throw XLSXError.invalidWriterInput(detail: "le code « \(bad) » de la colonne « \(column.header) » de l'action « \(action.title) » contient un séparateur de liste (virgule, point-virgule ou retour à la ligne).")
        }
        return text(codes.joined(separator: ", "))
    }

    private static func maxFundings(in document: PlanDocument) -> Int {
        func inSection(_ section: PlanSection) -> Int {
            let actions = section.actions.flatMap { [$0] + $0.subActions }.map(\.fundings.count).max() ?? 0
            return max(actions, section.children.map(inSection).max() ?? 0)
        }
        return document.axes.map(inSection).max() ?? 0
    }

    /// The title as a sheet name Excel accepts, never the name of the lists sheet.
    static func planSheetName(_ title: String) -> String {
        let trimmed = title.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return PlanSpreadsheetFormat.defaultPlanSheetName }
        let name = XLSXWriter.sheetName(trimmed)
        return name.lowercased() == PlanSpreadsheetFormat.listsSheetName.lowercased()
            ? PlanSpreadsheetFormat.defaultPlanSheetName : name
    }

    // MARK: Lists

    /// Column of each drop-down source in the lists sheet, and its number of values.
    private struct ListColumns {
        var byColumn: [PlanColumn: (index: Int, count: Int)] = [:]
    }

    private static func listsSheet(themes: [Theme], publics: [PublicTarget]) -> (sheet: XLSXWriter.Sheet, columns: ListColumns) {
        var blocks: [(header: String, values: [String], dropDownFor: PlanColumn?)] = [
            ("Statut", ActionStatus.allCases.map(\.label), .field(.status)),
            ("Niveau de priorité", ActionPriority.allCases.map(\.label), .field(.priority)),
            ("Participation citoyenne", ["Pas de participation citoyenne", "Information", "Consultation", "Concertation", "Co-construction"], .field(.citizenParticipation)),
            ("Approche", InterventionApproach.allCases.map(\.label), .field(.approach)),
            ("Visée ISTS", ISTSAim.allCases.map(\.label), .field(.istsAim)),
            ("Niveau de participation", ParticipationLevel.allCases.map(\.label), .field(.participation)),
            ("Confidentielle", ["Oui", "Non"], .field(.isConfidential)),
            ("Montants TTC", ["Oui", "Non"], .field(.amountsIncludeTax)),
        ]
        func pair(_ name: String, _ entries: [(code: String, label: String)]) {
            blocks.append(("\(name) : code", entries.map(\.code), nil))
            blocks.append(("\(name) : libellé", entries.map(\.label), nil))
        }
        pair("Thèmes", themes.map { ($0.code, $0.label) })
        pair("Déterminants ISTS", ISTSTaxonomy.determinants.allNodes.map { ($0.code, $0.label) })
        pair("Stratégies ISTS", ISTSTaxonomy.strategies.allNodes.map { ($0.code, $0.label) })
        pair("Publics", publics.map { ($0.code, $0.label) })
        pair("Secteurs", CompetenceDomain.allCases.map { ($0.code, $0.label) })
        pair("Âges de la vie", LifeCourseStage.allCases.map { ($0.code, $0.label) })

        let height = blocks.map(\.values.count).max() ?? 0
        var rows: [[XLSXCell?]] = [blocks.map { .text($0.header) }]
        for index in 0..<height {
            rows.append(blocks.map { $0.values.indices.contains(index) ? .text($0.values[index]) : nil })
        }
        var columns = ListColumns()
        for (index, block) in blocks.enumerated() {
            if let target = block.dropDownFor { columns.byColumn[target] = (index, block.values.count) }
        }
        var widths: [Int: Double] = [:]
        for (index, block) in blocks.enumerated() {
            widths[index] = block.header.hasSuffix("code") ? 16 : 36
        }
        let sheet = XLSXWriter.Sheet(name: PlanSpreadsheetFormat.listsSheetName, rows: rows, headerRowCount: 1,
                                     frozenRowCount: 1, columnWidths: widths)
        return (sheet, columns)
    }

    private static func validations(_ columns: [PlanColumn], lists: ListColumns, lastRow: Int) -> [XLSXWriter.ListValidation] {
        columns.enumerated().compactMap { index, column in
            guard let source = lists.byColumn[column] else { return nil }
            // Free text in TeT: the list suggests, it does not refuse.
            let strict = column != .field(.citizenParticipation)
            return XLSXWriter.ListValidation(
                column: index, firstRow: 3, lastRow: lastRow,
                source: .cells(sheet: PlanSpreadsheetFormat.listsSheetName, column: source.index, firstRow: 1, lastRow: source.count),
                rejectsOtherValues: strict,
                errorTitle: "Valeur hors liste",
                errorMessage: "Choisissez une valeur de la liste « \(column.header) » (feuille « \(PlanSpreadsheetFormat.listsSheetName) »).",
                prompt: nil)
        }
    }
}
