import CLSCore
import Foundation

/// Santé publique France's vaccination coverage of teenagers and adults (HPV, meningococcus C,
/// influenza, Covid-19) by year, for departments, regions or France, as published: percentages
/// only (no counts, so no interval), one column per vaccine and age; the department and region
/// files comma-separated without a byte-order mark and with codes lacking their leading zero
/// (`3`, `6`), the France file `;`-separated with a byte-order mark and CRLF.
public enum VaccinationCoverageReader {
    static let kind = "un fichier des couvertures vaccinales de Santé publique France (Année, puis une colonne par vaccin)"
    static let areaColumns = ["Année", "Département Code", "Département", "Région", "Région Code"]
    public static let codePrefix = "vaccination"

    public static func read(data: Data, fileName: String) throws -> PublishedIndicators {
        let separator = DelimitedTextReader.guessSeparator(in: data, fallback: ",")
        let reader = try DelimitedTextReader(data: data, fileName: fileName, options: DelimitedTextOptions(separator: separator))
        var values: [PublishedValue] = []
        var headings: [String] = []
        var level: DiagnosticLevel = .france
        var codeColumn: String?
        var seen: [String: Int] = [:]
        var years = Set<String>()
        try reader.readTable(kind: kind, columns: ["Année"]) { row in
            if headings.isEmpty {
                headings = row.table.header.filter { heading in !heading.isEmpty && !areaColumns.contains { $0.lowercased() == heading.lowercased() } }
                guard !headings.isEmpty else {
                    throw TerritoryFileError.unexpectedColumns(file: fileName, kind: kind, expected: ["Année", "HPV filles 1 dose à 15 ans", "…"],
                                                               found: row.table.header)
                }
                if row.table.index(of: "Département Code") != nil { (level, codeColumn) = (.department, "Département Code") }
                else if row.table.index(of: "Région Code") != nil { (level, codeColumn) = (.region, "Région Code") }
            }
            let year = try row.year("Année")
            let code = try codeColumn.map { try row.areaCode($0, level: level) } ?? "FR"
            let key = "\(code)|\(year)"
            if let first = seen[key] { throw row.duplicate(codeColumn ?? "Année", codeColumn.map { row.text($0) } ?? year, firstLine: first) }
            seen[key] = row.line
            years.insert(year)
            for heading in headings {
                guard let coverage = try row.optionalDecimal(heading) else { continue }
                guard coverage <= 100 else { throw row.invalid(heading, row.text(heading), expected: "un pourcentage entre 0 et 100") }
                values.append(PublishedValue(indicator: IndicatorCode.make(prefix: codePrefix, heading: heading), level: level, code: code,
                                             period: year, value: coverage))
            }
        }
        let vintage = years.max() ?? ""
        let used = Set(values.map(\.indicator))
        let definitions = headings.enumerated().compactMap { index, heading -> IndicatorDefinition? in
            let code = IndicatorCode.make(prefix: codePrefix, heading: heading)
            guard used.contains(code) else { return nil }
            return IndicatorDefinition(code: code, label: "Couverture vaccinale : \(heading)", unit: "% de la population concernée",
                                       method: .proportion, multiplier: 100, polarity: .higherIsBetter,
                                       source: "Santé publique France, couvertures vaccinales (SNDS-DCIR)", vintage: vintage, position: 200 + index)
        }
        let levelName = level == .department ? "départements" : level == .region ? "régions" : "France"
        return PublishedIndicators(
            description: "Santé publique France, couvertures vaccinales des adolescents et des adultes (\(levelName), \(years.min() ?? "")-\(vintage))",
            definitions: definitions, values: values,
            notes: ["Pourcentages publiés sans effectifs : pas d'intervalle de confiance, donc pas de comparaison significative"])
    }
}
