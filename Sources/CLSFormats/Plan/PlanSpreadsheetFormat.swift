import CLSCore
import Foundation

/// The columns of the plan spreadsheet: the import format of *Territoires en Transitions*
/// (TeT), followed by the columns of CLS Pilot's own format. The reader finds every column by
/// its header, never by its position; the writer puts them in this order.
enum PlanColumn: Hashable, Sendable {
    // Territoires en Transitions
    case axis, subAxis, subSubAxis
    case title, subActionTitle
    case description, governance, objectives, indicators
    case leadOrganisation, means, partners, leadService, leadPeople, electedReferent
    case citizenParticipation, financingNotes
    /// "Financeur 1", "Financeur 2"… (one-based); its amount is the column right after it.
    case funder(Int)
    case amount(Int)
    case plannedTotal, status, priority, startsOn, endsOn
    // CLS Pilot
    case expectedResults, logicProblem, logicDeterminant, logicStrategy, logicIntermediateResults
    case themes, determinants, strategies, publics, sectors, lifeStages
    case approach, istsAim, participation, confidential

    /// The three levels of sections, from the axis down.
    static let levels: [PlanColumn] = [.axis, .subAxis, .subSubAxis]

    /// The header as the TeT template spells it (without its stray trailing spaces), with
    /// `Titre de l'action` as in TeT's examples.
    var header: String {
        switch self {
        case .axis: "Axe (x)"
        case .subAxis: "Sous-axe (x.x)"
        case .subSubAxis: "Sous-sous axe (x.x.x)"
        case .title: "Titre de l'action"
        case .subActionTitle: "Titre de la sous-action"
        case .description: "Descriptif"
        case .governance: "Instances de gouvernance"
        case .objectives: "Objectifs"
        case .indicators: "Indicateurs liés"
        case .leadOrganisation: "Structure pilote"
        case .means: "Moyens humains et techniques"
        case .partners: "Partenaires"
        case .leadService: "Direction ou service pilote"
        case .leadPeople: "Personne pilote"
        case .electedReferent: "Élu·e référent·e"
        case .citizenParticipation: "Participation Citoyenne"
        case .financingNotes: "Financements"
        case .funder(let number): "Financeur \(number)"
        case .amount: "Montant € HT"
        case .plannedTotal: "Budget prévisionnel total € HT"
        case .status: "Statut"
        case .priority: "Niveau de priorité"
        case .startsOn: "Date de début"
        case .endsOn: "Date de fin"
        case .expectedResults: "Résultats attendus"
        case .logicProblem: "Problème visé"
        case .logicDeterminant: "Déterminant visé"
        case .logicStrategy: "Stratégie retenue"
        case .logicIntermediateResults: "Résultats intermédiaires"
        case .themes: "Thèmes"
        case .determinants: "Déterminants ISTS"
        case .strategies: "Stratégies ISTS"
        case .publics: "Publics"
        case .sectors: "Secteurs"
        case .lifeStages: "Âges de la vie"
        case .approach: "Approche"
        case .istsAim: "Visée ISTS"
        case .participation: "Niveau de participation"
        case .confidential: "Confidentielle"
        }
    }

    /// Other spellings accepted on reading (compared with `PlanSpreadsheetFormat.headerKey`).
    var aliases: [String] {
        switch self {
        case .axis: ["Axe"]
        case .subAxis: ["Sous-axe", "Sous axe (x.x)"]
        case .subSubAxis: ["Sous-sous-axe (x.x.x)", "Sous-sous axe", "Sous-sous-axe"]
        case .title: ["Titre de la fiche action", "Titre de la fiche-action", "Titre de la fiche", "Titre de l'action (fiche action)", "Titre"]
        case .subActionTitle: ["Titre de la sous action", "Sous-action", "Titre sous-action"]
        case .description: ["Description"]
        case .indicators: ["Indicateurs", "Indicateurs lies"]
        case .leadOrganisation: ["Structures pilotes", "Structure(s) pilote(s)"]
        case .partners: ["Partenaire"]
        case .leadService: ["Directions ou services pilotes", "Direction / service pilote"]
        case .leadPeople: ["Personnes pilotes", "Personne(s) pilote(s)"]
        case .electedReferent: ["Élu référent", "Élus référents", "Élue référente", "Élu(e) référent(e)", "Elu.e referent.e"]
        case .plannedTotal: ["Budget prévisionnel total", "Budget total € HT", "Budget total", "Budget prévisionnel"]
        case .priority: ["Priorité"]
        case .endsOn: ["Date de fin prévisionnelle"]
        case .themes: ["Thème", "Thématiques", "Thématique"]
        case .determinants: ["Déterminants", "Déterminants de santé"]
        case .strategies: ["Stratégies", "Stratégies d'intervention"]
        case .publics: ["Public", "Publics cibles", "Public cible", "Publics visés"]
        case .sectors: ["Secteurs impliqués", "Secteur"]
        case .lifeStages: ["Âge de la vie", "Âges", "Tranches d'âge"]
        case .approach: ["Approche d'intervention"]
        case .istsAim: ["Visée"]
        case .participation: ["Niveau de participation citoyenne"]
        case .confidential: ["Confidentiel", "Action confidentielle"]
        default: []
        }
    }

    /// What row 3 says of the column, in the words of the TeT template ("Champ texte"…).
    var hint: String {
        switch self {
        case .leadOrganisation, .partners, .leadService, .leadPeople, .electedReferent, .funder:
            "Champ texte\n(séparateur virgule)"
        case .citizenParticipation, .status, .priority, .approach, .istsAim, .participation:
            "Champ liste déroulante\n(choix prédéfinis)"
        case .financingNotes: "Champ texte libre"
        case .amount, .plannedTotal: "Champ numérique"
        case .startsOn, .endsOn: "Champ date\n(JJ/MM/AAAA)"
        case .themes, .determinants, .strategies, .publics, .sectors, .lifeStages:
            "Champ liste de codes\n(séparateur virgule, voir la feuille « Listes »)"
        case .confidential: "Champ Oui/Non"
        default: "Champ texte"
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
        let fixed: [PlanColumn] = [
            .axis, .subAxis, .subSubAxis, .title, .subActionTitle, .description, .governance, .objectives,
            .indicators, .leadOrganisation, .means, .partners, .leadService, .leadPeople, .electedReferent,
            .citizenParticipation, .financingNotes, .plannedTotal, .status, .priority, .startsOn, .endsOn,
        ] + extraColumns
        for column in fixed {
            for spelling in [column.header] + column.aliases {
                let key = headerKey(spelling)
                if byKey[key] == nil { byKey[key] = column }
            }
        }
        return byKey
    }()

    /// The columns of CLS Pilot's own format, written after the TeT columns.
    static let extraColumns: [PlanColumn] = [
        .expectedResults, .logicProblem, .logicDeterminant, .logicStrategy, .logicIntermediateResults,
        .themes, .determinants, .strategies, .publics, .sectors, .lifeStages,
        .approach, .istsAim, .participation, .confidential,
    ]

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

    /// The headers a workbook must have for its sheet to be read as a plan.
    static let requiredHeaders = [PlanColumn.axis.header, PlanColumn.title.header]

    /// The TeT columns, in the template's order, for the message of a workbook without a plan sheet.
    static let expectedHeadersList: String = {
        let columns: [PlanColumn] = [
            .axis, .subAxis, .subSubAxis, .title, .subActionTitle, .description, .governance, .objectives,
            .indicators, .leadOrganisation, .means, .partners, .leadService, .leadPeople, .electedReferent,
            .citizenParticipation, .financingNotes, .funder(1), .amount(1), .funder(2), .amount(2), .funder(3),
            .amount(3), .plannedTotal, .status, .priority, .startsOn, .endsOn,
        ]
        return columns.map { "« \($0.header) »" }.joined(separator: ", ")
    }()

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
