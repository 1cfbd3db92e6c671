import CLSCore
import Foundation

/// The columns of the plan spreadsheet: the import format of *Territoires en Transitions*
/// (TeT), followed by the columns of CLS Pilot's own format. The reader finds every column by
/// its header, never by its position; the writer puts them in this order. The columns of the
/// action's fields, their headers, accepted variants and hints come from `ActionField`; only the
/// structure of the sheet (sections, sub-action title, funders and their amounts) is here.
enum PlanColumn: Hashable, Sendable {
    case axis, subAxis, subSubAxis
    case subActionTitle
    /// The column of a field of the action (`ActionField.spreadsheetFields`).
    case field(ActionField)
    /// "Financeur 1", "Financeur 2"… (one-based); its amount is the column right after it.
    case funder(Int)
    case amount(Int)
    /// TeT export's "Sous-thématiques", read into the themes with "Thématique principale".
    case subThemes
    /// CLS Pilot's "Années des financements": the year of each funder's line, in their order.
    case fundingYears

    /// The three levels of sections, from the axis down.
    static let levels: [PlanColumn] = [.axis, .subAxis, .subSubAxis]
    /// The action's title: with the axis, what makes a sheet a plan.
    static let title = PlanColumn.field(.title)

    /// The header as the TeT template spells it (without its stray trailing spaces), with
    /// `Titre de l'action` as in TeT's examples.
    var header: String {
        switch self {
        case .axis: "Axe (x)"
        case .subAxis: "Sous-axe (x.x)"
        case .subSubAxis: "Sous-sous axe (x.x.x)"
        case .subActionTitle: "Titre de la sous-action"
        case .field(let field): field.spreadsheet?.header ?? field.label
        case .funder(let number): "Financeur \(number)"
        case .amount: "Montant € HT"
        case .subThemes: "Sous-thématiques"
        case .fundingYears: "Années des financements"
        }
    }

    /// Other spellings accepted on reading (compared with `PlanSpreadsheetFormat.headerKey`).
    var aliases: [String] {
        switch self {
        case .axis: ["Axe"]
        case .subAxis: ["Sous-axe", "Sous axe (x.x)"]
        case .subSubAxis: ["Sous-sous-axe (x.x.x)", "Sous-sous axe", "Sous-sous-axe"]
        case .subActionTitle: ["Titre de la sous action", "Sous-action", "Titre sous-action"]
        case .field(let field): field.spreadsheet?.aliases ?? []
        case .subThemes: ["Sous-thématique", "Sous thématiques"]
        case .fundingYears: ["Années de financement", "Année des financements"]
        case .funder, .amount: []
        }
    }

    /// What row 3 says of the column, in the words of the TeT template ("Champ texte"…).
    var hint: String {
        switch self {
        case .axis, .subAxis, .subSubAxis, .subActionTitle: "Champ texte"
        case .funder, .subThemes: "Champ texte\n(séparateur virgule)"
        case .amount: "Champ numérique"
        case .fundingYears: "Champ liste d'années\n(une par financeur, dans leur ordre)"
        case .field(let field):
            if let hint = field.spreadsheet?.hint { hint } else {
                switch field.kind {
                case .shortText, .longText, .organisation, .account: "Champ texte"
                case .actionList: "Champ texte\n(titres d'actions, un par ligne)"
                case .amount: "Champ numérique"
                case .date: "Champ date\n(JJ/MM/AAAA)"
                case .choice: "Champ liste déroulante\n(choix prédéfinis)"
                case .choiceList: "Champ liste de codes\n(séparateur virgule, voir la feuille « Listes »)"
                case .flag: "Champ Oui/Non"
                }
            }
        }
    }
}

/// Shared rules of the plan spreadsheet format.
enum PlanSpreadsheetFormat {
    static let listsSheetName = "Listes"
    static let defaultPlanSheetName = "Plan d'action"
    /// The zero-based row of the headers in the files the writer produces (row 2).
    static let headerRow = 1
    /// Rows the reader searches for the header row, from the top of each sheet.
    static let headerSearchDepth = 10
    /// Title of the section that receives actions whose row names no axis.
    static let noAxisTitle = "Actions sans axe"

    /// The comparison key of a header: `VocabularyMatching.fold` (case, accents, punctuation,
    /// repeated and trailing spaces ignored), so "Élu·e référent·e ", "Elu.e référent.e" and
    /// "ÉLU(E) RÉFÉRENT(E)" are the same header.
    static func headerKey(_ text: String) -> String {
        VocabularyMatching.fold(text)
    }

    /// Column of each header key, built once.
    static let columnsByKey: [String: PlanColumn] = {
        var byKey: [String: PlanColumn] = [:]
        let fixed: [PlanColumn] = [.axis, .subAxis, .subSubAxis, .subActionTitle, .subThemes, .fundingYears]
            + ActionField.spreadsheetFields.map(PlanColumn.field)
        for column in fixed {
            for spelling in [column.header] + column.aliases {
                let key = headerKey(spelling)
                if byKey[key] == nil { byKey[key] = column }
            }
        }
        return byKey
    }()

    /// The columns of Territoires en Transitions' format, in the template's order, funders
    /// (`funderCount` of them, each with its amount) before the planned total.
    static func territoiresEnTransitionsColumns(funderCount: Int) -> [PlanColumn] {
        var columns: [PlanColumn] = [.axis, .subAxis, .subSubAxis, .title, .subActionTitle]
        for field in ActionField.spreadsheetFields where field != .title && field.spreadsheet?.isTerritoiresEnTransitions == true {
            if field == .plannedTotal {
                for number in 0..<funderCount { columns += [.funder(number + 1), .amount(number + 1)] }
            }
            columns.append(.field(field))
        }
        return columns
    }

    /// The columns of CLS Pilot's own format, written after the TeT columns.
    static let extraColumns: [PlanColumn] = ActionField.spreadsheetFields
        .filter { $0.spreadsheet?.isTerritoiresEnTransitions == false }.map(PlanColumn.field) + [.fundingYears]

    /// The column a header designates; "Financeur 2" gives `.funder(2)`. Amount headers
    /// ("Montant € HT") are placed by the reader, by their position after a funder.
    static func column(forHeader text: String) -> PlanColumn? {
        let key = headerKey(text)
        guard !key.isEmpty else { return nil }
        if let column = columnsByKey[key] { return column }
        let words = key.split(separator: " ")
        if words.count == 2, words[0] == "financeur", let number = Int(words[1]), (1...99).contains(number) {
            return .funder(number)
        }
        return nil
    }

    static func isAmountHeader(_ text: String) -> Bool {
        headerKey(text).hasPrefix("montant")
    }

    /// Whether an amount header says "€ TTC" (TeT's export) rather than "€ HT" (its import template).
    static func saysTaxIncluded(_ header: String) -> Bool {
        headerKey(header).split(separator: " ").contains("ttc")
    }

    /// "Montant € HT" or "Montant € TTC", as the amounts of a plan are.
    static func amountHeader(taxIncluded: Bool) -> String { taxIncluded ? "Montant € TTC" : "Montant € HT" }
    static func plannedTotalHeader(taxIncluded: Bool) -> String {
        taxIncluded ? "Budget prévisionnel total € TTC" : "Budget prévisionnel total € HT"
    }

    /// The headers a workbook must have for its sheet to be read as a plan.
    static let requiredHeaders = [PlanColumn.axis.header, PlanColumn.title.header]

    /// The TeT columns, in the template's order, for the message of a workbook without a plan sheet.
    static let expectedHeadersList: String =
        territoiresEnTransitionsColumns(funderCount: 3).map { "« \($0.header) »" }.joined(separator: ", ")

    // MARK: Hint rows

    /// Words of the type-hint and instruction rows that follow the headers in TeT's template
    /// ("Champ texte", "Si vos axes sont numérotés…", "Saisissez une date…") and in CLS Pilot's
    /// files ("Champ date (JJ/MM/AAAA)"). Compared on `SearchText.fold`.
    private static let hintPrefixes = [
        "champ ", "si vos ", "texte court", "ce champ ", "ces informations devront", "saisissez", "choisissez",
        "presentez", "reseignez", "renseignez", "➔", "➜", "creez sous la forme", "plusieurs services",
        "indiquer si", "indiquez", "exemple :",
    ]
    private static let hintWords: Set<String> = [
        "champ", "donnees", "texte", "texte libre", "date", "date (jj/mm/aaaa)", "jj/mm/aaaa", "nombre",
        "numerique", "montant", "liste", "liste deroulante", "oui/non", "booleen", "codes", "code", "binaire",
    ]

    /// The instructions TeT's template writes in its example cells ("➔ Utilisez exactement la
    /// même écriture…", "Ce champ ne sera pas intégré lors de l'importation…"): never a value.
    private static let instructionPrefixes = [
        "➔", "➜", "ce champ ne sera pas", "ces informations devront", "saisissez ", "reseignez ici", "renseignez ici",
        "plusieurs services peuvent", "creez sous la forme", "choisissez l'option", "presentez en quelques lignes",
        "texte court de 300", "si vos axes", "si vos sous-axes", "si vos sous-sous-axes", "indiquer si l'action",
    ]

    /// Whether a cell of a data row is one of the template's instructions rather than a value.
    static func isTemplateInstruction(_ text: String) -> Bool {
        let key = SearchText.fold(text)
        return !key.isEmpty && instructionPrefixes.contains { key.hasPrefix($0) }
    }

    /// Whether a cell reads like a hint about the column rather than a value.
    static func isHintText(_ text: String) -> Bool {
        let key = SearchText.fold(text)
        guard !key.isEmpty else { return false }
        return hintWords.contains(key) || hintPrefixes.contains { key.hasPrefix($0) }
    }

    // MARK: Section cells

    /// An axis cell read as TeT writes it: "1. Titre", "1.2 : Titre", "1 Titre" → number and
    /// title; "Axe 1" or "Titre" → no number. A number alone ("2.") stays the title.
    static func sectionLabel(_ text: String) -> (number: String?, title: String) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let scalars = Array(trimmed.unicodeScalars)
        var index = 0
        var components: [String] = []
        var digits = ""
        // Components of one or two digits separated by single dots: "1", "1.2", "4.2.1".
        while index < scalars.count {
            let scalar = scalars[index]
            if ("0"..."9").contains(scalar) {
                digits.unicodeScalars.append(scalar)
                guard digits.count <= 2 else { return (nil, trimmed) }
                index += 1
            } else if scalar == ".", !digits.isEmpty, index + 1 < scalars.count, ("0"..."9").contains(scalars[index + 1]) {
                components.append(digits)
                digits = ""
                index += 1
            } else {
                break
            }
        }
        guard !digits.isEmpty else { return (nil, trimmed) }
        components.append(digits)
        // Then a separator: an optional dot, then spaces and/or one of ": - – — )".
        var sawSeparator = false
        if index < scalars.count, scalars[index] == "." { index += 1; sawSeparator = true }
        var sawSpace = false
        while index < scalars.count, CharacterSet.whitespacesAndNewlines.contains(scalars[index]) { index += 1; sawSpace = true }
        if index < scalars.count, [":", "-", "–", "—", ")"].contains(scalars[index]) {
            index += 1
            sawSeparator = true
            while index < scalars.count, CharacterSet.whitespacesAndNewlines.contains(scalars[index]) { index += 1; sawSpace = true }
        }
        guard sawSeparator || sawSpace else { return (nil, trimmed) }
        var rest = String.UnicodeScalarView()
        rest.append(contentsOf: scalars[index...])
        let title = String(rest).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !title.isEmpty else { return (components.joined(separator: "."), trimmed) }
        return (components.joined(separator: "."), title)
    }

    /// The cell the writer puts for a section: "1. Accès aux soins", "1.2. Sous-axe".
    static func sectionCell(number: [Int], title: String) -> String {
        let prefix = number.map(String.init).joined(separator: ".") + "."
        return title.isEmpty ? prefix : prefix + " " + title
    }

    // MARK: Lists

    /// Splits a list cell on commas, semicolons and line breaks, except inside brackets, so that
    /// a label such as "Logement (air intérieur, humidité, sécurité énergétique)" stays whole.
    /// Entries are trimmed; empty entries are dropped.
    static func splitList(_ text: String) -> [String] {
        var entries: [String] = []
        var current = ""
        var depth = 0
        for character in text {
            if character == "(" || character == "[" {
                depth += 1
            } else if character == ")" || character == "]" {
                depth = max(0, depth - 1)
            } else if depth == 0, character == "," || character == ";" || character.isNewline {
                entries.append(current)
                current = ""
                continue
            }
            current.append(character)
        }
        entries.append(current)
        return entries.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }

    /// "31/12/2025".
    static func frenchDate(_ day: CalendarDay) -> String {
        String(format: "%02d/%02d/%04d", day.day, day.month, day.year)
    }
}
