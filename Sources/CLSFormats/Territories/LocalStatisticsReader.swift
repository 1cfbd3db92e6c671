import CLSCore
import Foundation

/// The geographic level of a local statistics file, read from its second title line
/// ("Référentiel géographique : France par bassin de vie").
public enum LocalStatisticsLevel: Sendable, Equatable, Hashable {
    case department
    /// Bassin de vie, including CartoSanté's "bassin de vie / canton-ville".
    case livingArea
    case region
    case commune
    /// Intercommunalité (EPCI).
    case epci
    /// Another level, or none: the text after "France par " (the whole second title line when it
    /// does not say "France par "; "" when the file has no title lines).
    case other(String)
}

/// One indicator column of a local statistics file.
public struct LocalIndicatorColumn: Sendable, Equatable {
    /// A stable identifier: the whole header folded (lower case, no accents, anything but letters
    /// and digits collapsed to "-"): "taux-de-pauvrete-2021". Unique within a table: a header
    /// folding like an earlier one gets "-2", "-3"…
    public var key: String
    /// The header without its trailing year: "Taux de pauvreté".
    public var label: String
    /// The year ending the header ("Taux de pauvreté 2021" → 2021); nil when it ends otherwise.
    public var year: Int?

    public init(key: String, label: String, year: Int?) {
        self.key = key
        self.label = label
        self.year = year
    }

    /// The label followed by the year, as a header reads ("Taux de pauvreté 2021").
    public var header: String { year.map { "\(label) \($0)" } ?? label }
}

/// One territory of a local statistics file.
public struct LocalStatisticsRow: Sendable, Equatable {
    /// One-based line of the file (title lines count).
    public var line: Int
    /// The territory code as written, leading zeros kept: "01004", "2A041", "976ZZ", "01".
    public var code: String
    /// `Libellé`.
    public var name: String
    /// One value per indicator column, in the order of `LocalStatisticsTable.indicators`; nil when
    /// the file marks the value as missing (secret statistique, résultat non disponible…).
    public var values: [Double?]

    public init(line: Int, code: String, name: String, values: [Double?]) {
        self.line = line
        self.code = code
        self.name = name
        self.values = values
    }
}

/// What a local statistics file gave.
public struct LocalStatisticsTable: Sendable, Equatable {
    /// The first title line without its trailing separators: "Insee - Statistiques locales",
    /// "CartoSanté"; "" when the file has no title lines.
    public var source: String
    public var level: LocalStatisticsLevel
    /// The text after "France par ": "bassin de vie / canton-ville", "département".
    public var levelLabel: String
    public var indicators: [LocalIndicatorColumn]
    /// In the order of the file.
    public var rows: [LocalStatisticsRow]
    /// The cells without a value: marked missing ("N/A - secret statistique", "N/A - résultat non
    /// disponible", "N/A", "nd", "s"…) or empty.
    public var missingValueCount: Int

    public init(source: String, level: LocalStatisticsLevel, levelLabel: String, indicators: [LocalIndicatorColumn],
                rows: [LocalStatisticsRow], missingValueCount: Int) {
        self.source = source
        self.level = level
        self.levelLabel = levelLabel
        self.indicators = indicators
        self.rows = rows
        self.missingValueCount = missingValueCount
    }

    /// The position of an indicator in `indicators` and in each row's `values`.
    public func indicatorIndex(key: String) -> Int? { indicators.firstIndex { $0.key == key } }
}

/// Reads the "statistiques locales" CSV exports of INSEE (statistiques-locales.insee.fr) and
/// CartoSanté:
///
/// ```
/// Insee - Statistiques locales; ; ; …
/// Référentiel géographique : France par bassin de vie; ; ; …
/// Code;Libellé;Nombre de décès domiciliés 2024;Taux de pauvreté 2021;…
/// 01004;Ambérieu-en-Bugey;422;11.1;…
/// 97608;Dzaoudzi;127;N/A - résultat non disponible;…
/// ```
///
/// UTF-8 with a byte-order mark (Windows-1252 is read too, for a file saved again by Excel),
/// semicolons (a comma is recognised on the first line of a file saved again with commas), two
/// title lines — the source, then the geographic level — before the header; a file whose first
/// line already is the header (`Code;Libellé;…`) is accepted without them.
///
/// Every column after `Code` and `Libellé` is an indicator. A value is a number — a point or a
/// comma before decimals, a leading minus, spaces (normal, no-break or narrow no-break) between
/// groups of three digits — or a missing value: empty, "N/A" alone or followed by " - <raison>"
/// ("N/A - secret statistique", "N/A - résultat non disponible"), "NA", "nd", "n.d." or "s"
/// (any case). Anything else is refused, as are an empty or repeated code and a line that has
/// more or fewer values than the header. Blank lines are not skipped: the published files have
/// none, and a blank line is refused as a row without a code.
public enum LocalStatisticsReader {
    static let codeHeaderExpectation = "l'en-tête « Code » en première colonne de la troisième ligne, après les deux lignes de titre "
        + "(source et référentiel géographique) des exports « Statistiques locales » de l'INSEE et de CartoSanté, "
        + "ou de la première ligne d'un fichier sans ces titres"
    static let nameHeaderExpectation = "l'en-tête « Libellé » en deuxième colonne, après « Code », "
        + "comme dans les exports « Statistiques locales » de l'INSEE et de CartoSanté"
    static let indicatorsExpectation = "au moins une colonne d'indicateur après « Code » et « Libellé », comme « Taux de pauvreté 2021 »"
    static let indicatorNameExpectation = "le nom de l'indicateur de cette colonne, comme « Taux de pauvreté 2021 »"
    static let numberExpectation = "un nombre, avec un point ou une virgule avant les décimales, ou une valeur manquante : "
        + "vide, « N/A », « N/A - secret statistique », « nd » ou « s »"

    public static func read(contentsOf url: URL) throws -> LocalStatisticsTable {
        try read(data: TerritoryFileLoader.load(url, maxBytes: DelimitedTextOptions.defaultMaxBytes), fileName: url.lastPathComponent)
    }

    public static func read(data: Data, fileName: String) throws -> LocalStatisticsTable {
        let reader = try TerritoryCSV.reader(data: data, fileName: fileName, separator: ";")
        var parser = Parser(fileName: fileName, separator: String(reader.options.separator))
        try reader.forEachRecord { try parser.consume($0) }
        return try parser.finish()
    }

    // MARK: Values

    /// "12.5", "12,5", "-0.3", "1 234,5", "1\u{A0}234" → the number; nil for anything else
    /// (including "1.234,5", where the decimal separator is ambiguous, and "12 34", badly grouped).
    static func number(_ text: String) -> Double? {
        var normalized: [UInt8] = []
        normalized.reserveCapacity(text.utf8.count)
        var groups: [Int] = []          // digit runs of the integer part, split by spaces
        var run = 0
        var inFraction = false
        var fractionDigits = 0
        var pendingSpace = false
        for (position, scalar) in text.unicodeScalars.enumerated() {
            switch scalar {
            case "0"..."9":
                if pendingSpace { groups.append(run); run = 0; pendingSpace = false }
                normalized.append(UInt8(scalar.value))
                if inFraction { fractionDigits += 1 } else { run += 1 }
            case "-", "+":
                guard position == 0 else { return nil }
                if scalar == "-" { normalized.append(UInt8(ascii: "-")) }
            case " ", "\u{00A0}", "\u{202F}":
                guard !inFraction, run > 0, !pendingSpace else { return nil }
                pendingSpace = true
            case ".", ",":
                guard !inFraction, run > 0, !pendingSpace else { return nil }
                inFraction = true
                normalized.append(UInt8(ascii: "."))
            default:
                return nil
            }
        }
        guard !pendingSpace, run > 0 || inFraction else { return nil }
        if inFraction { guard fractionDigits > 0 else { return nil } }
        groups.append(run)
        if groups.count > 1 {
            guard (1...3).contains(groups[0]), groups.dropFirst().allSatisfy({ $0 == 3 }) else { return nil }
        }
        return Double(String(decoding: normalized, as: UTF8.self))
    }

    /// Empty, "N/A", "N/A - <raison>", "NA", "nd", "n.d.", "s" (any case).
    static func isMissingMarker(_ text: String) -> Bool {
        if text.isEmpty { return true }
        let lower = text.lowercased()
        switch lower {
        case "n/a", "na", "nd", "n.d.", "s": return true
        default: break
        }
        guard lower.hasPrefix("n/a") else { return false }
        let rest = lower.dropFirst(3)
        return rest.first.map { $0 == " " || $0 == "-" || $0 == "\u{00A0}" } ?? true
    }

    // MARK: Headers

    /// "Taux de pauvreté 2021" → ("Taux de pauvreté", 2021); a year is four digits after a space,
    /// between 1900 and 2100.
    static func splitYear(_ header: String) -> (label: String, year: Int?) {
        let scalars = Array(header.unicodeScalars)
        guard scalars.count > 5 else { return (header, nil) }
        let tail = scalars.suffix(4)
        guard tail.allSatisfy({ ("0"..."9").contains($0) }), scalars[scalars.count - 5].properties.isWhitespace,
              let year = Int(String(String.UnicodeScalarView(tail))), (1900...2100).contains(year) else {
            return (header, nil)
        }
        let label = TerritoryValues.trimmed(String(String.UnicodeScalarView(scalars.dropLast(4))))
        return label.isEmpty ? (header, nil) : (label, year)
    }

    /// Lower case ASCII letters and digits, anything else collapsed to one "-": "Part des pers.
    /// âgées de 75 ans ou + 2022" → "part-des-pers-agees-de-75-ans-ou-2022".
    static func slug(_ header: String) -> String {
        var slug = ""
        for scalar in SearchText.fold(header).unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                slug.unicodeScalars.append(scalar)
            } else if !slug.isEmpty, !slug.hasSuffix("-") {
                slug.append("-")
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        return slug
    }

    static func level(of label: String) -> LocalStatisticsLevel {
        let folded = SearchText.fold(label)
        if folded.hasPrefix("bassin") { return .livingArea }
        if folded.hasPrefix("departement") { return .department }
        if folded.hasPrefix("region") { return .region }
        if folded.hasPrefix("commune") { return .commune }
        if folded.hasPrefix("epci") || folded.hasPrefix("intercommunalite") { return .epci }
        return .other(label)
    }

    /// A title line as text: its fields joined back, without trailing separators and spaces
    /// ("CartoSanté; ; " → "CartoSanté").
    static func titleText(_ fields: [String], separator: String) -> String {
        var text = fields.joined(separator: separator)
        while let last = text.unicodeScalars.last,
              last.properties.isWhitespace || String(last) == separator {
            text.unicodeScalars.removeLast()
        }
        return TerritoryValues.trimmed(text)
    }

    /// The level label of the second title line: what follows "France par ", else what follows
    /// "Référentiel géographique :", else the whole line.
    static func levelLabel(of title: String) -> String {
        if let range = title.range(of: "France par ", options: [.caseInsensitive, .diacriticInsensitive]) {
            return TerritoryValues.trimmed(String(title[range.upperBound...]))
        }
        if let range = title.range(of: ":") {
            return TerritoryValues.trimmed(String(title[range.upperBound...]))
        }
        return title
    }

    static func isHeaderName(_ field: String, _ expected: String) -> Bool {
        SearchText.fold(TerritoryValues.trimmed(field)) == expected
    }

    /// How an unnamed column is designated in messages: "n° 4".
    static func position(_ index: Int) -> String { "n° \(index + 1)" }

    // MARK: Parsing

    private struct Parser {
        let fileName: String
        let separator: String
        var source = ""
        var levelLabel = ""
        var level: LocalStatisticsLevel = .other("")
        /// Records seen before the header (0, then 1 or 2 title lines).
        var titleRecords = 0
        var header: [String]?
        var indicators: [LocalIndicatorColumn] = []
        var rows: [LocalStatisticsRow] = []
        var firstLineByCode: [String: Int] = [:]
        var missing = 0

        init(fileName: String, separator: String) {
            self.fileName = fileName
            self.separator = separator
        }

        mutating func consume(_ record: DelimitedRecord) throws {
            guard let header else {
                try consumeBeforeHeader(record)
                return
            }
            try consumeRow(record, header: header)
        }

        private mutating func consumeBeforeHeader(_ record: DelimitedRecord) throws {
            if titleRecords == 0, let first = record.fields.first, isHeaderName(first, "code") {
                try readHeader(record)
                return
            }
            switch titleRecords {
            case 0:
                source = titleText(record.fields, separator: separator)
                titleRecords = 1
            case 1:
                let title = titleText(record.fields, separator: separator)
                levelLabel = LocalStatisticsReader.levelLabel(of: title)
                level = LocalStatisticsReader.level(of: levelLabel)
                titleRecords = 2
            default:
                try readHeader(record)
            }
        }

        private mutating func readHeader(_ record: DelimitedRecord) throws {
            let names = record.fields.map(TerritoryValues.trimmed)
            guard let code = names.first, isHeaderName(code, "code") else {
                throw TerritoryFileError.invalidValue(file: fileName, line: record.line, column: "Code", value: names.first ?? "",
                                                      expected: codeHeaderExpectation)
            }
            guard names.count > 1, isHeaderName(names[1], "libelle") else {
                throw TerritoryFileError.invalidValue(file: fileName, line: record.line, column: "Libellé",
                                                      value: names.count > 1 ? names[1] : "", expected: nameHeaderExpectation)
            }
            guard names.count > 2 else {
                throw TerritoryFileError.invalidValue(file: fileName, line: record.line, column: position(2), value: "",
                                                      expected: indicatorsExpectation)
            }
            var usedKeys: Set<String> = []
            for (index, name) in names.enumerated().dropFirst(2) {
                guard !name.isEmpty else {
                    throw TerritoryFileError.invalidValue(file: fileName, line: record.line, column: position(index), value: "",
                                                          expected: indicatorNameExpectation)
                }
                let (label, year) = splitYear(name)
                let folded = slug(name)
                let base = folded.isEmpty ? "indicateur" : folded
                var key = base
                var suffix = 2
                while usedKeys.contains(key) {
                    key = "\(base)-\(suffix)"
                    suffix += 1
                }
                usedKeys.insert(key)
                indicators.append(LocalIndicatorColumn(key: key, label: label, year: year))
            }
            header = names
        }

        private mutating func consumeRow(_ record: DelimitedRecord, header: [String]) throws {
            let fields = record.fields
            let code = TerritoryValues.trimmed(fields[0])
            guard !code.isEmpty else {
                throw TerritoryFileError.missingValue(file: fileName, line: record.line, column: header[0])
            }
            if fields.count != header.count {
                let extraAreEmpty = fields.count > header.count
                    && fields[header.count...].allSatisfy { $0.allSatisfy(\.isWhitespace) }
                guard extraAreEmpty else {
                    let column = fields.count < header.count ? header[fields.count] : header[header.count - 1]
                    throw TerritoryFileError.wrongFieldCount(file: fileName, line: record.line, expected: header.count,
                                                             found: fields.count, column: column)
                }
            }
            if let first = firstLineByCode[code] {
                throw TerritoryFileError.duplicateValue(file: fileName, line: record.line, column: header[0], value: code,
                                                        firstLine: first)
            }
            firstLineByCode[code] = record.line
            var values: [Double?] = []
            values.reserveCapacity(header.count - 2)
            for index in 2..<header.count {
                let text = TerritoryValues.trimmed(fields[index])
                if let value = number(text) {
                    values.append(value)
                } else if isMissingMarker(text) {
                    values.append(nil)
                    missing += 1
                } else {
                    throw TerritoryFileError.invalidValue(file: fileName, line: record.line, column: header[index], value: text,
                                                          expected: numberExpectation)
                }
            }
            rows.append(LocalStatisticsRow(line: record.line, code: code, name: TerritoryValues.trimmed(fields[1]), values: values))
        }

        func finish() throws -> LocalStatisticsTable {
            guard header != nil else { throw TerritoryFileError.emptyFile(file: fileName) }
            return LocalStatisticsTable(source: source, level: level, levelLabel: levelLabel, indicators: indicators,
                                        rows: rows, missingValueCount: missing)
        }
    }
}
