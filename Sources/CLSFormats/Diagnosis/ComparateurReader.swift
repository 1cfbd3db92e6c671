import CLSCore
import Foundation

/// Reads `base_cc_comparateur_csv.zip` (INSEE, 12 January 2022, geography 2021): the archive's
/// `base_cc_comparateur.CSV` (`;`, decimals with `.`, empty where secret), the columns it needs
/// checked, every value a number or empty; a refusal names the file, the line and the column.
public enum ComparateurReader {
    public static let entry = "base_cc_comparateur.CSV"
    static let kind = "la base communale du Comparateur de territoires de l'INSEE"
    static let columns = ["CODGEO", "P18_POP", "DECESD20", "NAISD20", "P18_CHOM1564", "P18_ACT1564"]

    public static func read(zip data: Data, fileName: String, limits: XLSXLimits = XLSXLimits()) throws -> [ComparateurCommune] {
        let csv: Data
        do {
            let directory = try ZipDirectory(data: data, maxEntries: limits.maxEntries)
            let extractor = ZipExtractor(directory: directory, limits: limits)
            guard let contents = try extractor.contents(of: entry) else {
                throw TerritoryFileError.missingEntry(file: fileName, entry: entry, kind: kind)
            }
            csv = contents
        } catch let error as TerritoryFileError {
            throw error
        } catch {
            throw TerritoryFileError.damagedArchive(file: fileName)
        }
        return try read(csv: csv, fileName: "\(fileName) › \(entry)")
    }

    public static func read(csv data: Data, fileName: String) throws -> [ComparateurCommune] {
        let reader = try DelimitedTextReader(data: data, fileName: fileName, options: DelimitedTextOptions(separator: ";"))
        var communes: [ComparateurCommune] = []
        var seen: [String: Int] = [:]
        try reader.readTable(kind: kind, columns: columns) { row in
            let code = try row.requiredText("CODGEO")
            guard code.count == 5, code.allSatisfy({ $0.isNumber || $0 == "A" || $0 == "B" }) else {
                throw row.invalid("CODGEO", code, expected: "un code commune INSEE à cinq caractères")
            }
            if let first = seen[code] { throw row.duplicate("CODGEO", code, firstLine: first) }
            seen[code] = row.line
            func number(_ column: String) throws -> Double? {
                let text = row.text(column)
                guard !text.isEmpty else { return nil }
                guard let value = Double(text), value.isFinite, value >= 0 else { throw row.invalid(column, text, expected: "un nombre positif") }
                return value
            }
            communes.append(ComparateurCommune(code: code, population2018: try number("P18_POP"), deaths2020: try number("DECESD20"),
                                               births2020: try number("NAISD20"), unemployed1564: try number("P18_CHOM1564"),
                                               active1564: try number("P18_ACT1564")))
        }
        return communes
    }
}
