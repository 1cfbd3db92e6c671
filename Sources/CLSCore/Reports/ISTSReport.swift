import Foundation

/// The results tables of the ISTS evaluation (DOMAIN.md §5), computed live from the coded
/// actions of any set of contracts (one CLS, a department, a region).
///
/// Counting rules (shown to users in French by `countingRules`):
/// - every percentage is `100 × count / actionCount`, the number of actions, kept at full
///   precision; it is 0 when there is no action;
/// - multi-valued codings (themes, publics, sectors, determinants, strategies): an action counts
///   once in each value it carries, so the percentages of one table may add up to more than
///   100 % (the study: 240 actions, 256 theme codes, 106.67 %). A value listed twice for the
///   same action counts once;
/// - single-valued codings (approach, ISTS aim, participation): each action counts in exactly
///   one line, the line "Non renseigné" (`CountLine.notFilledCode`) taking the actions without
///   a value, so the percentages add up to 100 % (when there is at least one action);
/// - the determinant × strategy table follows the rules of `CrossTable`: a class total counts
///   an action once even when several of its codes fall in the class;
/// - codes unknown to a vocabulary keep their code as label; codes unknown to the ISTS
///   taxonomies are ignored in the counts and listed in `unknownCodes`.
///
/// Encoded as JSON with the keys of the stored properties:
/// `{actionCount, themeCodeCount, themes: [{code, label, count, percent}], crossTable: {…},
/// approaches: […], …}`. Use `JSONEncoder.OutputFormatting.sortedKeys` for a byte-stable output
/// (the cells of the cross-table are dictionaries).
public struct ISTSReport: Sendable, Equatable, Codable {
    /// Number of actions counted (each element of the input is one action).
    public let actionCount: Int
    /// Number of distinct contracts the actions belong to.
    public let contractCount: Int
    /// Total number of theme codes: for each action, its distinct themes, summed over actions.
    public let themeCodeCount: Int
    /// Actions by theme: only themes carried by at least one action, by count (descending),
    /// then label (alphabetical, ignoring case and accents), then code.
    public let themes: [CountLine]
    /// Sum of the theme percentages, `100 × themeCodeCount / actionCount`: above 100 when some
    /// actions have several themes.
    public let themePercentTotal: Double
    /// Actions without any theme.
    public let notCodedThemes: Int
    /// Determinant classes × strategy classes.
    public let crossTable: CrossTable
    /// Approach mix: every `InterventionApproach` in its order (zero counts included), then
    /// unknown codes, then "Non renseigné".
    public let approaches: [CountLine]
    /// ISTS aims: every `ISTSAim` in its order, then unknown codes, then "Non renseigné".
    public let aims: [CountLine]
    /// Participation: every `ParticipationLevel` from none to co-construction, then unknown
    /// codes, then "Non renseigné".
    public let participation: [CountLine]
    /// Sectors involved: only sectors carried by at least one action, sorted like `themes`.
    public let sectors: [CountLine]
    /// Actions without any sector.
    public let notCodedSectors: Int
    /// Share (percent) of actions involving at least one sector outside health, prevention,
    /// care and medico-social (`CompetenceDomain.isHealthSector`).
    public let intersectoralShare: Double
    /// Publics: only publics carried by at least one action, sorted like `themes`.
    public let publics: [CountLine]
    /// Actions without any public.
    public let notCodedPublics: Int
    /// Actions with at least one determinant code in D2 (living conditions).
    public let livingConditionsCount: Int
    /// `100 × livingConditionsCount / actionCount`.
    public let livingConditionsShare: Double
    /// Actions with at least one determinant code in D5 (care system).
    public let careSystemCount: Int
    /// `100 × careSystemCount / actionCount`.
    public let careSystemShare: Double
    /// Actions without any (known) determinant code.
    public let notCodedDeterminants: Int
    /// Determinant or strategy codes the ISTS taxonomies do not know, sorted.
    public let unknownCodes: [String]

    /// Determinant class of living conditions.
    public static let livingConditionsClass = "D2"
    /// Determinant class of the care system.
    public static let careSystemClass = "D5"

    /// The counting rules, in French, to show under the tables.
    public static let countingRules: [String] = [
        "Les pourcentages sont calculés sur le nombre d'actions : une action codée sur deux thèmes compte dans chacun, si bien que leur somme peut dépasser 100 %.",
        "Le nombre de codes thématiques additionne les thèmes distincts de chaque action : un thème saisi deux fois pour la même action ne compte qu'une fois.",
        "Les secteurs et les publics suivent la même règle : une action compte dans chacun de ceux qu'elle mobilise, et la somme des pourcentages peut dépasser 100 %.",
        "L'approche, la visée ISTS et le niveau de participation prennent une seule valeur par action : la ligne « Non renseigné » compte les actions sans valeur, et la somme des pourcentages fait 100 %.",
        "Le total d'une classe de déterminants (D1 à D6) ou de stratégies (S1 à S5) compte chaque action une seule fois, même lorsque plusieurs de ses codes relèvent de cette classe : une action codée D4.1.5 et D4.2.2 compte une fois en D4.",
        "Une case du tableau croisé compte les actions ayant au moins un code dans la classe de déterminants de la ligne et au moins un code dans la classe de stratégies de la colonne ; une action codée sur plusieurs classes figure dans plusieurs cases, si bien que les cases ne s'additionnent pas.",
        "Les sous-composantes de la réorientation des services de santé (S4.1 à S4.4) et du développement stratégique (S5.1 à S5.3) suivent la même règle : une action codée S4.1 et S4.2 compte une fois en S4, et une fois dans chacune des deux sous-colonnes.",
        "Une action sans stratégie, ou codée seulement « NS », est comptée dans la colonne « Non spécifié » ; une action codée « NS » et sur une autre stratégie n'est comptée que dans cette autre stratégie.",
        "Une action sans déterminant n'apparaît dans aucune ligne du tableau croisé : elle est comptée à part parmi les actions non codées, et reste comptée dans le total des colonnes.",
        "La part des actions sur les conditions de vie (D2) et celle des actions sur le système de soins (D5) rapportent au nombre d'actions celles qui ont au moins un code dans la classe.",
        "Les codes inconnus de la grille ISTS sont ignorés dans les comptes et signalés à part.",
        "Les pourcentages sont arrondis à l'affichage seulement.",
    ]

    /// The report of a set of actions. `themes` labels the theme codes; a code it does not
    /// know is looked up in `Theme.defaults`, so passing only a region's extra themes still
    /// labels the default ones; a code known to neither keeps its code as label. Same for
    /// `publics` and `PublicTarget.defaults`. Deterministic.
    public static func compute(
        _ actions: [CodedAction],
        themes: [Theme] = Theme.defaults,
        publics: [PublicTarget] = PublicTarget.defaults
    ) -> ISTSReport {
        let total = actions.count
        let codings = actions.map(ISTSCoding.init)

        let themeLabels = labels(themes.map { ($0.code, $0.label) }, fallback: Theme.defaults.map { ($0.code, $0.label) })
        let publicLabels = labels(publics.map { ($0.code, $0.label) }, fallback: PublicTarget.defaults.map { ($0.code, $0.label) })
        let sectorLabels = labels(Sector.allCases.map { ($0.rawValue, $0.label) })

        let themeLines = multiValuedLines(actions.map(\.themes), labels: themeLabels, total: total)
        let themeCodeCount = actions.reduce(0) { $0 + Set($1.themes).count }

        let healthSectors = Set(Sector.allCases.filter(\.isHealthSector).map(\.rawValue))
        let knownSectors = Set(Sector.allCases.map(\.rawValue))
        let intersectoral = actions.filter { action in
            action.sectors.contains { knownSectors.contains($0) && !healthSectors.contains($0) }
        }.count

        let living = codings.lazy.filter { $0.determinantClasses.contains(livingConditionsClass) }.count
        let care = codings.lazy.filter { $0.determinantClasses.contains(careSystemClass) }.count

        return ISTSReport(
            actionCount: total,
            contractCount: Set(actions.map(\.contractId)).count,
            themeCodeCount: themeCodeCount,
            themes: themeLines,
            themePercentTotal: CountLine.percent(themeCodeCount, of: total),
            notCodedThemes: actions.lazy.filter { $0.themes.isEmpty }.count,
            crossTable: CrossTable.compute(codings),
            approaches: singleValuedLines(actions.map(\.approach), vocabulary: InterventionApproach.allCases, total: total),
            aims: singleValuedLines(actions.map(\.istsAim), vocabulary: ISTSAim.allCases, total: total),
            participation: singleValuedLines(actions.map(\.participation), vocabulary: ParticipationLevel.allCases, total: total),
            sectors: multiValuedLines(actions.map(\.sectors), labels: sectorLabels, total: total),
            notCodedSectors: actions.lazy.filter { $0.sectors.isEmpty }.count,
            intersectoralShare: CountLine.percent(intersectoral, of: total),
            publics: multiValuedLines(actions.map(\.publics), labels: publicLabels, total: total),
            notCodedPublics: actions.lazy.filter { $0.publics.isEmpty }.count,
            livingConditionsCount: living,
            livingConditionsShare: CountLine.percent(living, of: total),
            careSystemCount: care,
            careSystemShare: CountLine.percent(care, of: total),
            notCodedDeterminants: codings.lazy.filter { $0.determinantClasses.isEmpty }.count,
            unknownCodes: codings.reduce(into: Set<String>()) { $0.formUnion($1.unknownCodes) }.sorted()
        )
    }

    /// The line of a code in `lines`, `nil` when absent.
    public static func line(_ code: String, in lines: [CountLine]) -> CountLine? {
        lines.first { $0.code == code }
    }

    // MARK: - Helpers

    /// Labels by code; the first entry of a code wins, `fallback` only fills missing codes.
    private static func labels(_ entries: [(String, String)], fallback: [(String, String)] = []) -> [String: String] {
        var result: [String: String] = [:]
        for (code, label) in entries + fallback where result[code] == nil { result[code] = label }
        return result
    }

    /// One line per value carried by at least one action, each action counted once per value.
    private static func multiValuedLines(_ values: [[String]], labels: [String: String], total: Int) -> [CountLine] {
        var counts: [String: Int] = [:]
        for codes in values {
            for code in Set(codes) { counts[code, default: 0] += 1 }
        }
        let lines = counts.map { code, count in
            CountLine(code: code, label: labels[code] ?? code, count: count, percent: CountLine.percent(count, of: total))
        }
        return lines.sorted { a, b in
            if a.count != b.count { return a.count > b.count }
            let keyA = VocabularyMatching.fold(a.label), keyB = VocabularyMatching.fold(b.label)
            if keyA != keyB { return keyA < keyB }
            return a.code < b.code
        }
    }

    /// Every term of the vocabulary in its order, then unknown codes (sorted), then the actions
    /// without a value; each action in exactly one line.
    private static func singleValuedLines<Term: CodedVocabulary>(_ values: [String?], vocabulary: [Term], total: Int) -> [CountLine] {
        var counts: [String: Int] = [:]
        var notFilled = 0
        for value in values {
            if let value, value != CountLine.notFilledCode { counts[value, default: 0] += 1 } else { notFilled += 1 }
        }
        let known = Set(vocabulary.map(\.code))
        var lines = vocabulary.map { term in
            CountLine(code: term.code, label: term.label, count: counts[term.code] ?? 0,
                      percent: CountLine.percent(counts[term.code] ?? 0, of: total))
        }
        for code in counts.keys.filter({ !known.contains($0) }).sorted() {
            lines.append(CountLine(code: code, label: code, count: counts[code]!, percent: CountLine.percent(counts[code]!, of: total)))
        }
        lines.append(CountLine(code: CountLine.notFilledCode, label: CountLine.notFilledLabel, count: notFilled,
                               percent: CountLine.percent(notFilled, of: total)))
        return lines
    }
}
