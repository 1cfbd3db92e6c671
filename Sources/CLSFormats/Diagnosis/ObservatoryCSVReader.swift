import CLSCore
import Foundation

/// Reads the diagnosis CSV of an observatory or the ARS (`ObservatoryRecord.columns`, `;`,
/// decimals with a comma or a point, UTF-8 or Windows-1252): every line checked — a known method
/// and level, a code of its level, a numerator and a denominator or a value, bounds around the
/// value — and refused with its file, line and column.
public enum ObservatoryCSVReader {
    static let kind = "le format CSV du diagnostic (indicateur;libelle;methode;…)"

    public static func read(data: Data, fileName: String) throws -> [ObservatoryRecord] {
        let reader = try DelimitedTextReader(data: data, fileName: fileName, options: DelimitedTextOptions(separator: ";"))
        var records: [ObservatoryRecord] = []
        var seen: [String: Int] = [:]
        try reader.readTable(kind: kind, columns: ObservatoryRecord.columns) { row in
            func number(_ column: String) throws -> Double? {
                let text = row.text(column).replacingOccurrences(of: "\u{00A0}", with: "").replacingOccurrences(of: " ", with: "")
                guard !text.isEmpty else { return nil }
                guard let value = Double(text.replacingOccurrences(of: ",", with: ".")), value.isFinite else {
                    throw row.invalid(column, row.text(column), expected: "un nombre (virgule ou point décimal)")
                }
                return value
            }
            let indicator = try row.requiredText("indicateur")
            let methodText = row.text("methode")
            let method: IndicatorMethod? = methodText.isEmpty ? nil : try IndicatorMethod(rawValue: methodText.lowercased()) ?? {
                throw row.invalid("methode", methodText, expected: IndicatorMethod.allCases.map(\.rawValue).joined(separator: ", "))
            }()
            let levelText = try row.requiredText("niveau")
            guard let level = ObservatoryRecord.Level(rawValue: levelText.lowercased()) else {
                throw row.invalid("niveau", levelText, expected: ObservatoryRecord.Level.allCases.map(\.rawValue).joined(separator: ", "))
            }
            let code = try Self.code(row.text("code"), level: level) ?? {
                throw row.invalid("code", row.text("code"), expected: Self.expectedCode(level))
            }()
            let period = try row.requiredText("periode")
            let numerator = try number("numerateur"), denominator = try number("denominateur")
            let value = try number("valeur"), lower = try number("borne_basse"), upper = try number("borne_haute")
            guard (numerator != nil && (denominator != nil || method == .count)) || value != nil else {
                throw row.inconsistent("valeur", "", "ni valeur, ni numérateur et dénominateur : l'une ou l'autre est attendue")
            }
            if let numerator, numerator < 0 { throw row.invalid("numerateur", row.text("numerateur"), expected: "un nombre positif") }
            if let denominator, denominator <= 0 { throw row.invalid("denominateur", row.text("denominateur"), expected: "un nombre strictement positif") }
            if let lower, let upper, lower > upper {
                throw row.inconsistent("borne_basse", row.text("borne_basse"), "la borne basse dépasse la borne haute")
            }
            let key = [indicator, level.rawValue, code, period].joined(separator: "|")
            if let first = seen[key] { throw row.duplicate("code", code, firstLine: first) }
            seen[key] = row.line
            records.append(ObservatoryRecord(line: row.line, indicator: indicator, label: row.text("libelle"), method: method,
                                             multiplier: try number("multiplicateur"), level: level, code: code, period: period,
                                             numerator: numerator, denominator: denominator, value: value, lower: lower, upper: upper))
        }
        return records
    }

    /// The code of an area of `level`, with the leading zeros spreadsheets drop ("3" → "03",
    /// "1001" → "01001"); nil when it cannot be one.
    static func code(_ text: String, level: ObservatoryRecord.Level) -> String? {
        let code = text.trimmingCharacters(in: .whitespaces).uppercased()
        switch level {
        case .france: return code.isEmpty || code == "FR" || code == "FRANCE" ? "FR" : nil
        case .region:
            guard let number = Int(code), AdministrativeAreas.region(String(format: "%02d", number)) != nil else { return nil }
            return String(format: "%02d", number)
        case .department:
            let padded = code.count == 1 ? "0" + code : code
            return AdministrativeAreas.department(padded) != nil ? padded : nil
        case .epci:
            return code.count == 9 && code.allSatisfy(\.isNumber) ? code : nil
        case .commune:
            let padded = code.count == 4 && code.allSatisfy(\.isNumber) ? "0" + code : code
            return padded.count == 5 && padded.allSatisfy({ $0.isNumber || $0 == "A" || $0 == "B" }) ? padded : nil
        }
    }

    static func expectedCode(_ level: ObservatoryRecord.Level) -> String {
        switch level {
        case .france: "FR (ou vide)"
        case .region: "un code de région (53, 11…)"
        case .department: "un code de département (56, 2A, 974…)"
        case .epci: "un SIREN d'EPCI à neuf chiffres"
        case .commune: "un code commune INSEE à cinq caractères"
        }
    }
}
