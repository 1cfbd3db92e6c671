import Foundation

/// A quartier prioritaire de la politique de la ville (2024 list).
public struct QPVRecord: Sendable, Equatable {
    /// "QN00101M", "QN02A01M": QN, the department on three characters, a number, a letter.
    public var code: String
    public var name: String
    /// The communes the quartier lies in (one or more), in the order of the file.
    public var communeCodes: [String]
    public var line: Int

    public init(code: String, name: String, communeCodes: [String], line: Int) {
        self.code = code
        self.name = name
        self.communeCodes = communeCodes
        self.line = line
    }
}

/// Reads `qpv-2024.csv` (ANCT, UTF-8, comma): `code_qpv,nom_qpv,insee_communes`, the communes
/// separated by `|` ("30051|30132|30307"); names may be quoted ("Bastide, Tricot et Lapeyrade").
/// A code given twice is refused.
public enum QPVReader {
    public static let columns = ["code_qpv", "nom_qpv", "insee_communes"]
    static let kind = "la liste des quartiers prioritaires de la politique de la ville (QPV 2024)"

    static let codeFormat = TerritoryCodeFormat(
        expectation: "un code de quartier prioritaire 2024 de 8 caractères commençant par QN, comme QN00101M",
        accepts: { code in
            let bytes = Array(code.utf8)
            return bytes.count == 8 && code.hasPrefix("QN")
                && bytes[2...].allSatisfy { TerritoryCodeFormat.isDigit($0) || (0x41...0x5A).contains($0) }
        })

    public static func read(contentsOf url: URL) throws -> [QPVRecord] {
        try read(data: TerritoryFileLoader.load(url, maxBytes: DelimitedTextOptions.defaultMaxBytes), fileName: url.lastPathComponent)
    }

    public static func read(data: Data, fileName: String) throws -> [QPVRecord] {
        let reader = try TerritoryCSV.reader(data: data, fileName: fileName, separator: ",")
        var records: [QPVRecord] = []
        var seen: [String: Int] = [:]
        try reader.readTable(kind: kind, columns: columns) { row in
            let code = try row.code("code_qpv", codeFormat)
            if let first = seen[code] { throw row.duplicate("code_qpv", code, firstLine: first) }
            seen[code] = row.line
            let list = try row.requiredText("insee_communes")
            let communes = list.split(separator: "|", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            guard communes.allSatisfy(TerritoryCodeFormat.isCommuneCode) else {
                throw row.invalid("insee_communes", list,
                                  expected: "des codes commune INSEE de 5 caractères séparés par « | », comme 30051|30132")
            }
            records.append(QPVRecord(code: code, name: try row.requiredText("nom_qpv"), communeCodes: communes, line: row.line))
        }
        return records
    }
}
