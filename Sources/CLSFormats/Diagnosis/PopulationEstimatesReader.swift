import CLSCore
import Foundation

/// INSEE's population estimates on 1 January by department × sex × five-year age band
/// (`estim-pop-dep-sexe-aq-1975-2021.xlsx`) as published: one sheet per year, « À savoir » aside,
/// the heading on two rows (the 2021 sheet writes `"` for « 5 à 9 ans »), the « Ensemble » block
/// first (twenty bands then « Total »), the departments then « France métropolitaine et DOM ».
/// The ten latest years give two proportions with their numerators and denominators — the share
/// of inhabitants aged 75 and over, and under 20 — for departments, regions (summed from their
/// departments) and France, with Wilson's interval.
public enum PopulationEstimatesReader {
    public static let olderCode = "part_75_ans_et_plus"
    public static let youngerCode = "part_moins_de_20_ans"
    static let years = 10

    public static func read(data: Data, fileName: String) throws -> PublishedIndicators {
        let book = try PublishedWorkbook(data: data, fileName: fileName)
        let sheets = book.workbook.sheets.filter { $0.name.count == 4 && Int($0.name) != nil }.sorted { $0.name > $1.name }.prefix(years)
        guard !sheets.isEmpty else {
            throw TerritoryFileError.unexpectedColumns(file: fileName, kind: "les estimations de population de l'INSEE (une feuille par année)",
                                                       expected: ["2021", "2020", "…"], found: book.workbook.sheets.map(\.name))
        }
        var values: [PublishedValue] = []
        for sheet in sheets {
            guard let header = sheet.rows.firstIndex(where: { PublishedWorkbook.text($0.first ?? nil) == "Départements" }) else {
                throw book.invalid(sheet, row: 0, column: 0, expected: "« Départements » en tête du tableau")
            }
            let bands = header + 1
            guard PublishedWorkbook.text(sheet.cell(row: bands, column: 2)) == "0 à 4 ans",
                  PublishedWorkbook.text(sheet.cell(row: bands, column: 5)) == "15 à 19 ans",
                  PublishedWorkbook.text(sheet.cell(row: bands, column: 17)) == "75 à 79 ans",
                  PublishedWorkbook.text(sheet.cell(row: bands, column: 22)) == "Total" else {
                throw book.invalid(sheet, row: bands, column: 22, expected: "les tranches d'âge de « 0 à 4 ans » à « 95 ans et plus » puis « Total »")
            }
            var regions: [String: (older: Double, younger: Double, total: Double)] = [:]
            for row in (bands + 1)..<sheet.rows.count {
                let first = PublishedWorkbook.text(sheet.cell(row: row, column: 0))
                guard !first.isEmpty else { continue }
                func sum(_ columns: ClosedRange<Int>) throws -> Double {
                    try columns.reduce(0) { total, column in
                        guard let number = try book.number(sheet, row: row, column: column) else {
                            throw book.invalid(sheet, row: row, column: column, expected: "un effectif")
                        }
                        return total + number
                    }
                }
                let level: DiagnosticLevel, code: String
                if first == "France métropolitaine et DOM" {
                    (level, code) = (.france, "FR")
                } else if let department = ObservatoryCSVReader.code(first, level: .department), first.count <= 3 {
                    (level, code) = (.department, department)
                } else {
                    continue // « France métropolitaine », « DOM », the source line
                }
                guard let total = try book.number(sheet, row: row, column: 22), total > 0 else {
                    throw book.invalid(sheet, row: row, column: 22, expected: "la population totale")
                }
                let older = try sum(17...21), younger = try sum(2...5)
                values.append(PublishedValue(indicator: olderCode, level: level, code: code, period: sheet.name, numerator: older, denominator: total))
                values.append(PublishedValue(indicator: youngerCode, level: level, code: code, period: sheet.name, numerator: younger, denominator: total))
                if level == .department, let region = AdministrativeAreas.department(code)?.regionCode {
                    let sums = regions[region] ?? (0, 0, 0)
                    regions[region] = (sums.older + older, sums.younger + younger, sums.total + total)
                }
            }
            for (region, sums) in regions.sorted(by: { $0.key < $1.key }) {
                values.append(PublishedValue(indicator: olderCode, level: .region, code: region, period: sheet.name, numerator: sums.older, denominator: sums.total))
                values.append(PublishedValue(indicator: youngerCode, level: .region, code: region, period: sheet.name, numerator: sums.younger, denominator: sums.total))
            }
        }
        let vintage = sheets.first?.name ?? ""
        let source = "INSEE, estimations de population au 1er janvier par département, sexe et âge"
        return PublishedIndicators(
            description: "INSEE, estimations de population par département (\(sheets.last?.name ?? "")-\(vintage))",
            definitions: [
                IndicatorDefinition(code: olderCode, label: "Part des 75 ans et plus", unit: "% des habitants", method: .proportion, multiplier: 100,
                                    polarity: nil, source: source, vintage: vintage, position: 50),
                IndicatorDefinition(code: youngerCode, label: "Part des moins de 20 ans", unit: "% des habitants", method: .proportion, multiplier: 100,
                                    polarity: nil, source: source, vintage: vintage, position: 51),
            ],
            values: values,
            notes: ["Les \(sheets.count) années les plus récentes sont importées (le fichier remonte à 1975) ; les régions sont la somme de leurs départements"])
    }
}
