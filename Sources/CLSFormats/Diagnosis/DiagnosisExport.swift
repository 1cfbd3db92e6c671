import CLSCore
import Foundation

/// One figure of the diagnosis as exported: an area's indicator for a period, with its interval
/// and count, and its department's, region's and France's figures with the verdicts.
public struct DiagnosisExportLine: Sendable, Equatable {
    public struct Comparison: Sendable, Equatable {
        public let value: Double?
        public let verdict: String
        public init(value: Double?, verdict: String) {
            self.value = value
            self.verdict = verdict
        }
    }

    public let area: String
    public let indicator: String
    public let unit: String
    public let period: String
    public let value: Double?
    public let lower: Double?
    public let upper: Double?
    public let count: Double?
    public let note: String
    public let department: Comparison?
    public let region: Comparison?
    public let france: Comparison?

    public init(area: String, indicator: String, unit: String, period: String, value: Double?, lower: Double?, upper: Double?, count: Double?,
                note: String, department: Comparison?, region: Comparison?, france: Comparison?) {
        self.area = area
        self.indicator = indicator
        self.unit = unit
        self.period = period
        self.value = value
        self.lower = lower
        self.upper = upper
        self.count = count
        self.note = note
        self.department = department
        self.region = region
        self.france = france
    }
}

/// The Diagnostic tab's figures, every period, as a workbook (numbers as numbers) and as CSV
/// (French decimals, `;`), with the same columns.
public enum DiagnosisExport {
    public static let headings = ["Territoire", "Indicateur", "Unité", "Période", "Valeur", "Borne basse (95 %)", "Borne haute (95 %)",
                                  "Effectif", "Remarque", "Département", "Comparaison au département", "Région", "Comparaison à la région",
                                  "France", "Comparaison à la France"]

    public static func workbook(_ lines: [DiagnosisExportLine], title: String) throws -> Data {
        var sheet = XLSXWriter.Sheet(name: "Indicateurs", headerRowCount: 1, frozenRowCount: 1, frozenColumnCount: 2,
                                     columnWidths: [0: 30, 1: 44, 2: 28, 9: 12, 10: 26, 11: 12, 12: 26, 13: 12, 14: 26])
        sheet.append(texts: headings)
        func number(_ value: Double?) -> XLSXCell? { value.map { .number($0) } }
        func text(_ value: String) -> XLSXCell? { value.isEmpty ? nil : .text(value) }
        for line in lines {
            sheet.append([text(line.area), text(line.indicator), text(line.unit), text(line.period), number(line.value), number(line.lower),
                          number(line.upper), number(line.count), text(line.note),
                          number(line.department?.value), text(line.department?.verdict ?? ""),
                          number(line.region?.value), text(line.region?.verdict ?? ""),
                          number(line.france?.value), text(line.france?.verdict ?? "")])
        }
        var about = XLSXWriter.Sheet(name: "À propos", columnWidths: [0: 100])
        about.append(texts: [title])
        about.append(texts: ["Intervalles de confiance à 95 % : score de Wilson pour les proportions ; limites exactes de Poisson sous 10 événements et méthode de Byar au-delà pour les taux et les effectifs ; méthode de Dobson pour les taux standardisés."])
        about.append(texts: ["Comparaison : significativement meilleure ou moins bonne quand l'intervalle du territoire ne contient pas la valeur comparée ; « Non comparé » sans intervalle."])
        about.append(texts: ["Un effectif inférieur à 5 n'est pas publié (secret statistique) : sa valeur est vide et sa remarque le dit."])
        return try XLSXWriter(sheets: [sheet, about]).data()
    }

    public static func csv(_ lines: [DiagnosisExportLine]) -> Data {
        var writer = CSVWriter()
        writer.append(headings)
        func number(_ value: Double?) -> String {
            guard let value else { return "" }
            // Full precision, the decimal comma a French spreadsheet reads, no thousands separator.
            return value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : "\(value)".replacingOccurrences(of: ".", with: ",")
        }
        for line in lines {
            writer.append([line.area, line.indicator, line.unit, line.period, number(line.value), number(line.lower), number(line.upper),
                           number(line.count), line.note, number(line.department?.value), line.department?.verdict ?? "",
                           number(line.region?.value), line.region?.verdict ?? "", number(line.france?.value), line.france?.verdict ?? ""])
        }
        return writer.data
    }
}
