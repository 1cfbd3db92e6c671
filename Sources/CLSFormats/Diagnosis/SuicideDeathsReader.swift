import CLSCore
import Foundation

/// Santé publique France's suicide deaths (Odissé, source CépiDc) by department, region or
/// France as published: UTF-8 with a byte-order mark, `;`, decimals with a point. The lines « Tous »
/// ages × « Hommes et Femmes » give the crude rate per 100,000 with its count, and the
/// standardised rate; **a count of 1 to 4 is masked as 2.5** and stays masked here (shown « < 5 »,
/// never as 2,5); a count ending in ,5 sums masked cells and is kept as published.
public enum SuicideDeathsReader {
    static let kind = "un fichier des décès par suicide de Santé publique France (Année;…;Classe d'âge;Sexe;Nombre de décès;Taux brut;Taux standardisé)"
    static let columns = ["Année", "Classe d'âge", "Sexe", "Nombre de décès", "Taux brut", "Taux standardisé"]
    /// The placeholder Santé publique France writes for a count of 1 to 4.
    static let maskedCount = 2.5

    /// Saint-Barthélemy and Saint-Martin, published among the departments but collectivities
    /// with no department of the reference to compare with: left aside, and said so.
    static let overseasCollectivities: Set<String> = ["975", "977", "978"]

    public static let crudeRateCode = "suicide_taux_brut"
    public static let standardisedRateCode = "suicide_taux_standardise"

    public static func read(data: Data, fileName: String) throws -> PublishedIndicators {
        let reader = try DelimitedTextReader(data: data, fileName: fileName, options: DelimitedTextOptions(separator: ";"))
        var values: [PublishedValue] = []
        var seen: [String: Int] = [:]
        var level: DiagnosticLevel = .france
        var codeColumn: String?
        var leftAside = 0, collectivityLines = 0
        var years = Set<String>()
        try reader.readTable(kind: kind, columns: columns) { row in
            if seen.isEmpty && codeColumn == nil {
                if row.table.index(of: "Département Code") != nil { (level, codeColumn) = (.department, "Département Code") }
                else if row.table.index(of: "Région Code") != nil { (level, codeColumn) = (.region, "Région Code") }
            }
            let year = try row.year("Année")
            if level == .department, let column = codeColumn, overseasCollectivities.contains(row.text(column)) {
                collectivityLines += 1
                return
            }
            let code = try codeColumn.map { try row.areaCode($0, level: level) } ?? "FR"
            guard row.text("Classe d'âge") == "Tous", row.text("Sexe") == "Hommes et Femmes" else {
                _ = try row.optionalDecimal("Nombre de décès")
                leftAside += 1
                return
            }
            guard let count = try row.optionalDecimal("Nombre de décès") else {
                throw TerritoryFileError.missingValue(file: fileName, line: row.line, column: "Nombre de décès")
            }
            let crude = try row.optionalDecimal("Taux brut"), standardised = try row.optionalDecimal("Taux standardisé")
            let key = "\(code)|\(year)"
            if let first = seen[key] { throw row.duplicate(codeColumn ?? "Année", codeColumn.map { row.text($0) } ?? year, firstLine: first) }
            seen[key] = row.line
            years.insert(year)
            let masked = count == maskedCount
            values.append(PublishedValue(indicator: crudeRateCode, level: level, code: code, period: year,
                                         numerator: masked ? nil : count, value: masked ? nil : crude, isMasked: masked))
            if standardised != nil || masked {
                values.append(PublishedValue(indicator: standardisedRateCode, level: level, code: code, period: year,
                                             numerator: masked ? nil : count, value: masked ? nil : standardised, isMasked: masked))
            }
        }
        guard !values.isEmpty else {
            throw TerritoryFileError.unexpectedColumns(file: fileName, kind: kind + " avec des lignes « Tous » âges, « Hommes et Femmes »",
                                                       expected: columns, found: columns)
        }
        let source = "Santé publique France (Odissé), source CépiDc-Inserm"
        let vintage = years.max() ?? ""
        let definitions = [
            IndicatorDefinition(code: crudeRateCode, label: "Décès par suicide (taux brut)", unit: "décès pour 100 000 habitants",
                                method: .rate, multiplier: 100_000, polarity: .lowerIsBetter, source: source, vintage: vintage, position: 40),
            IndicatorDefinition(code: standardisedRateCode, label: "Décès par suicide (taux standardisé sur l'âge)", unit: "décès pour 100 000 habitants",
                                method: .standardisedRate, multiplier: 100_000, polarity: .lowerIsBetter, source: source, vintage: vintage, position: 41),
        ]
        let masked = values.filter { $0.indicator == crudeRateCode && $0.isMasked }.count
        let levelName = level == .department ? "départements" : level == .region ? "régions" : "France"
        return PublishedIndicators(
            description: "Santé publique France, décès par suicide (\(levelName), \(years.sorted().joined(separator: ", ")))",
            definitions: definitions, values: values,
            notes: ["Lignes par âge ou par sexe laissées de côté : \(FrenchFormat.integer(leftAside)) (seuls « Tous » âges, « Hommes et Femmes » sont importés)",
                    "Effectifs masqués (1 à 4 décès, écrits 2,5 par le producteur) : \(FrenchFormat.integer(masked)), affichés « < 5 »"]
                + (collectivityLines > 0 ? ["Lignes de Saint-Barthélemy et de Saint-Martin (collectivités d'outre-mer, hors départements) laissées de côté : \(FrenchFormat.integer(collectivityLines))"] : []))
    }
}
