import Foundation

/// The header of a table, checked against the columns a reader needs.
struct DelimitedColumns: Sendable {
    let fileName: String
    let header: [String]
    /// By the name as written, then by its lower case (found once per access, so the common case,
    /// the official spelling, costs one lookup).
    private let indexByExactName: [String: Int]
    private let indexByName: [String: Int]

    init(fileName: String, kind: String, header: [String], expected: [String], excluded: [String] = []) throws {
        let trimmed = header.map { $0.trimmingCharacters(in: .whitespaces) }
        var indexByName: [String: Int] = [:]
        for (index, name) in trimmed.enumerated() where indexByName[Self.key(name)] == nil {
            indexByName[Self.key(name)] = index
        }
        guard expected.allSatisfy({ indexByName[Self.key($0)] != nil }),
              !excluded.contains(where: { indexByName[Self.key($0)] != nil }) else {
            throw TerritoryFileError.unexpectedColumns(file: fileName, kind: kind, expected: expected,
                                                       found: trimmed.filter { !$0.isEmpty })
        }
        self.fileName = fileName
        self.header = trimmed
        self.indexByName = indexByName
        self.indexByExactName = Dictionary(trimmed.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }

    func index(of column: String) -> Int? { indexByExactName[column] ?? indexByName[Self.key(column)] }

    private static func key(_ name: String) -> String { name.lowercased() }
}

/// One data row of a table, with typed accessors whose errors name the file, line, column and value.
public struct DelimitedRow: Sendable {
    /// One-based line of the file where the row starts.
    public let line: Int
    public let fields: [String]
    let table: DelimitedColumns

    /// The trimmed value of a column ("" when the column is absent).
    public func text(_ column: String) -> String {
        guard let index = table.index(of: column), index < fields.count else { return "" }
        return TerritoryValues.trimmed(fields[index])
    }

    /// The trimmed value, nil when empty.
    public func optionalText(_ column: String) -> String? {
        let value = text(column)
        return value.isEmpty ? nil : value
    }

    public func requiredText(_ column: String) throws -> String {
        let value = text(column)
        guard !value.isEmpty else { throw TerritoryFileError.missingValue(file: table.fileName, line: line, column: column) }
        return value
    }

    /// A whole number written with or without thousands separators (normal, no-break or narrow
    /// no-break spaces: "15 156", "15\u{A0}156"). Negative numbers are refused: populations and
    /// counts never are.
    public func wholeNumber(_ column: String) throws -> Int {
        let value = try requiredText(column)
        guard let number = TerritoryValues.wholeNumber(value) else {
            throw invalid(column, value, expected: "un nombre entier positif, les milliers pouvant être séparés par des espaces")
        }
        return number
    }

    /// A code checked against a format.
    func code(_ column: String, _ format: TerritoryCodeFormat) throws -> String {
        let value = try requiredText(column)
        guard format.accepts(value) else { throw invalid(column, value, expected: format.expectation) }
        return value
    }

    func optionalCode(_ column: String, _ format: TerritoryCodeFormat) throws -> String? {
        guard let value = optionalText(column) else { return nil }
        guard format.accepts(value) else { throw invalid(column, value, expected: format.expectation) }
        return value
    }

    func invalid(_ column: String, _ value: String, expected: String) -> TerritoryFileError {
        .invalidValue(file: table.fileName, line: line, column: column, value: value, expected: expected)
    }

    func inconsistent(_ column: String, _ value: String, _ detail: String) -> TerritoryFileError {
        .inconsistentValue(file: table.fileName, line: line, column: column, value: value, detail: detail)
    }

    func duplicate(_ column: String, _ value: String, firstLine: Int) -> TerritoryFileError {
        .duplicateValue(file: table.fileName, line: line, column: column, value: value, firstLine: firstLine)
    }
}

/// Parsing of the values found in the official files.
enum TerritoryValues {
    /// Without surrounding spaces (including no-break ones); the untouched string in the common
    /// case, which avoids Foundation's trimming on every one of a national file's fields.
    static func trimmed(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return text }
        guard first.properties.isWhitespace || last.properties.isWhitespace else { return text }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// "15 156", "15\u{A0}156", "15\u{202F}156", "876" → the number; nil for anything else.
    static func wholeNumber(_ text: String) -> Int? {
        var digits = 0
        var value = 0
        for scalar in text.unicodeScalars {
            switch scalar {
            case " ", "\u{00A0}", "\u{202F}":
                continue
            case "0"..."9":
                let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = times.addingReportingOverflow(Int(scalar.value - 48))
                guard !overflow1, !overflow2 else { return nil }
                value = sum
                digits += 1
            default:
                return nil
            }
        }
        return digits > 0 ? value : nil
    }
}

/// The code formats of the Code officiel géographique and the other reference files.
struct TerritoryCodeFormat: Sendable {
    let expectation: String
    let accepts: @Sendable (String) -> Bool

    /// "01001", "2A004", "97101", "98725": five characters, Corsica's 2A/2B kept as letters.
    static let commune = TerritoryCodeFormat(
        expectation: "un code commune INSEE de 5 caractères, comme 01001, 2A004 ou 97101 (un tableur qui efface le zéro initial rend le code invalide)",
        accepts: { isCommuneCode($0) })

    /// "01", "2A", "971".
    static let department = TerritoryCodeFormat(
        expectation: "un code de département, comme 01, 2A ou 971",
        accepts: { code in
            let bytes = Array(code.utf8)
            if bytes.count == 2 { return (isDigit(bytes[0]) && isDigit(bytes[1])) || (bytes[0] == 0x32 && (bytes[1] == 0x41 || bytes[1] == 0x42)) }
            return bytes.count == 3 && bytes[0] == 0x39 && bytes[1] == 0x37 && isDigit(bytes[2])
        })

    /// "11", "01".
    static let region = TerritoryCodeFormat(
        expectation: "un code de région à 2 chiffres, comme 11 ou 01",
        accepts: { code in code.utf8.count == 2 && code.utf8.allSatisfy(isDigit) })

    /// Nine digits with a valid Luhn key.
    static let siren = TerritoryCodeFormat(
        expectation: "un numéro SIREN de 9 chiffres valide",
        accepts: { code in isSiren(code) })

    static func isCommuneCode(_ code: String) -> Bool {
        let bytes = Array(code.utf8)
        guard bytes.count == 5, bytes[2...].allSatisfy(isDigit) else { return false }
        if isDigit(bytes[0]) && isDigit(bytes[1]) { return true }
        return bytes[0] == 0x32 && (bytes[1] == 0x41 || bytes[1] == 0x42) // 2A, 2B
    }

    /// Nine digits passing the Luhn check, as `Siren` requires (written on bytes: it runs twice per
    /// row of the EPCI file).
    static func isSiren(_ code: String) -> Bool {
        let bytes = Array(code.utf8)
        guard bytes.count == 9, bytes.allSatisfy(isDigit) else { return false }
        var sum = 0
        for (position, byte) in bytes.reversed().enumerated() {
            var value = Int(byte - 0x30)
            if position % 2 == 1 {
                value *= 2
                if value > 9 { value -= 9 }
            }
            sum += value
        }
        return sum % 10 == 0
    }

    @Sendable static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
}
