import CLSCore
import Foundation

/// CépiDc's « grandes causes de décès » by region (`taux_effectifs_regions_15_23.xlsx`) as
/// published: one sheet per cause after the method sheet, the cause in B1, the years on row 2
/// over pairs of columns, « N » and « Taux » on row 3 (« Taux (p) » for the provisional years),
/// then one row per region named in words and « France », a note row closing the table. Each
/// cause becomes a standardised rate (European population 2013) with its count of deaths; the
/// file gives no age bands, so no interval is computed and the rates are not compared.
public enum CausesOfDeathRegionsReader {
    public static let codePrefix = "deces"

    public static func read(data: Data, fileName: String) throws -> PublishedIndicators {
        let book = try PublishedWorkbook(data: data, fileName: fileName)
        var values: [PublishedValue] = []
        var definitions: [IndicatorDefinition] = []
        var provisional = Set<String>()
        for sheet in book.workbook.sheets where PublishedWorkbook.text(sheet.cell(row: 0, column: 0)) == "Régions" {
            let cause = PublishedWorkbook.text(sheet.cell(row: 0, column: 1))
            guard !cause.isEmpty else { throw book.invalid(sheet, row: 0, column: 1, expected: "le nom de la cause de décès") }
            let code = IndicatorCode.make(prefix: codePrefix, heading: cause)
            // The years over the pairs of columns (N, Taux).
            var columns: [(year: String, count: Int, rate: Int)] = []
            var column = 1
            while let yearCell = sheet.cell(row: 1, column: column) {
                let year = PublishedWorkbook.text(yearCell).prefix(4)
                guard year.count == 4, Int(year) != nil else { throw book.invalid(sheet, row: 1, column: column, expected: "une année") }
                guard PublishedWorkbook.text(sheet.cell(row: 2, column: column)) == "N",
                      PublishedWorkbook.text(sheet.cell(row: 2, column: column + 1)).hasPrefix("Taux") else {
                    throw book.invalid(sheet, row: 2, column: column, expected: "« N » puis « Taux » sous chaque année")
                }
                if PublishedWorkbook.text(sheet.cell(row: 2, column: column + 1)).contains("(p)") { provisional.insert(String(year)) }
                columns.append((String(year), column, column + 1))
                column += 2
            }
            guard !columns.isEmpty else { throw book.invalid(sheet, row: 1, column: 1, expected: "les années des décès") }
            var row = 3
            while row < sheet.rows.count {
                let name = PublishedWorkbook.text(sheet.cell(row: row, column: 0))
                if name.isEmpty || name.hasPrefix("(") { break }
                guard let region = PublishedWorkbook.regionCode(named: name) else {
                    throw book.invalid(sheet, row: row, column: 0, expected: "une région de France ou « France »")
                }
                for (year, countColumn, rateColumn) in columns {
                    let count = try book.number(sheet, row: row, column: countColumn)
                    let rate = try book.number(sheet, row: row, column: rateColumn)
                    guard count != nil || rate != nil else { continue }
                    values.append(PublishedValue(indicator: code, level: region == "FR" ? .france : .region, code: region, period: year,
                                                 numerator: count, value: rate))
                }
                row += 1
            }
            let years = columns.map(\.year)
            definitions.append(IndicatorDefinition(
                code: code, label: "Mortalité : \(cause.prefix(1).uppercased() + cause.dropFirst()) (taux standardisé)",
                unit: "décès pour 100 000 habitants (population européenne 2013)", method: .standardisedRate, multiplier: 100_000,
                polarity: .lowerIsBetter, source: "CépiDc-Inserm, grandes causes de décès par région", vintage: years.max() ?? "",
                position: 300 + definitions.count))
        }
        guard !definitions.isEmpty else {
            throw TerritoryFileError.unexpectedColumns(file: fileName, kind: "un classeur du CépiDc des causes de décès par région (une feuille par cause, « Régions » en A1)",
                                                       expected: ["Régions"], found: book.workbook.sheets.map(\.name))
        }
        return PublishedIndicators(
            description: "CépiDc-Inserm, grandes causes de décès par région (\(definitions.count) causes)",
            definitions: definitions, values: values,
            notes: ["Taux standardisés publiés sans effectifs par âge : pas d'intervalle de confiance, donc pas de comparaison significative",
                    provisional.isEmpty ? "" : "Années provisoires selon le producteur : \(provisional.sorted().joined(separator: ", "))"].filter { !$0.isEmpty })
    }
}
