import Foundation

/// Median income and the share of minimum social benefits of one commune (INSEE Filosofi).
public struct FilosofiCommuneRecord: Sendable, Equatable {
    public var code: String
    /// `median_eur`: median disposable income per consumption unit, euros per year.
    public var medianIncomeEuros: Int
    /// `minima_pct`: share of minimum social benefits in disposable income, in percent; nil when
    /// not published (statistical secrecy).
    public var minimumBenefitsSharePercent: Double?

    public init(code: String, medianIncomeEuros: Int, minimumBenefitsSharePercent: Double?) {
        self.code = code
        self.medianIncomeEuros = medianIncomeEuros
        self.minimumBenefitsSharePercent = minimumBenefitsSharePercent
    }
}

public struct FilosofiCommunes: Sendable, Equatable {
    /// `meta.data_year` (2021), when given.
    public var dataYear: Int?
    /// Sorted by code.
    public var records: [FilosofiCommuneRecord]

    public init(dataYear: Int?, records: [FilosofiCommuneRecord]) {
        self.dataYear = dataYear
        self.records = records
    }
}

/// Reads `filosofi-communes-2021.json`:
/// `{"meta": {"data_year": 2021, …}, "communes": {"01004": {"median_eur": 21660, "minima_pct": 3.0}}}`.
/// `median_eur` is required (a number ≥ 0, rounded to the euro); `minima_pct` may be absent or
/// null, and is a percentage (0 to 100) otherwise.
public enum FilosofiCommunesReader {
    static let kind = "le fichier Filosofi des revenus par commune (INSEE)"

    public static func read(contentsOf url: URL) throws -> FilosofiCommunes {
        try read(data: TerritoryFileLoader.loadJSON(url, maxBytes: TerritoryJSON.defaultMaxBytes,
                                                    maxDecompressedBytes: TerritoryJSON.defaultMaxBytes),
                 fileName: url.lastPathComponent)
    }

    public static func read(data: Data, fileName: String) throws -> FilosofiCommunes {
        let json = FilosofiJSON(fileName: fileName, kind: kind)
        let (dataYear, entries) = try json.entries(in: TerritoryJSON.parse(data, fileName: fileName), collection: "communes")
        var records: [FilosofiCommuneRecord] = []
        records.reserveCapacity(entries.count)
        for (code, values, path) in entries {
            guard TerritoryCodeFormat.isCommuneCode(code) else {
                throw json.unexpected(path, "un code commune INSEE de 5 caractères comme clé, comme « 01004 »")
            }
            guard let median = try json.number(values, "median_eur", path: path, range: 0...10_000_000) else {
                throw json.unexpected(TerritoryJSON.key(path, "median_eur"), "un revenu médian en euros")
            }
            let minima = try json.number(values, "minima_pct", path: path, range: 0...100)
            records.append(FilosofiCommuneRecord(code: code, medianIncomeEuros: Int(median.rounded()),
                                                 minimumBenefitsSharePercent: minima))
        }
        return FilosofiCommunes(dataYear: dataYear, records: records)
    }
}

/// Income indicators of one IRIS (INSEE Filosofi, communes of 5,000 inhabitants or more).
public struct FilosofiIRISRecord: Sendable, Equatable {
    /// Nine characters: the commune code and four digits ("010040101").
    public var code: String
    public var communeCode: String { String(code.prefix(5)) }
    /// `median_eur`, euros per consumption unit and year; nil when suppressed.
    public var medianIncomeEuros: Int?
    /// `poverty_rate_pct`: poverty rate at the 60 % threshold, in percent; nil when suppressed.
    public var povertyRatePercent: Double?
    /// `gini`: Gini index of disposable income (0 to 1); nil when suppressed.
    public var gini: Double?

    public init(code: String, medianIncomeEuros: Int?, povertyRatePercent: Double?, gini: Double?) {
        self.code = code
        self.medianIncomeEuros = medianIncomeEuros
        self.povertyRatePercent = povertyRatePercent
        self.gini = gini
    }
}

public struct FilosofiIRIS: Sendable, Equatable {
    public var dataYear: Int?
    /// Sorted by code.
    public var records: [FilosofiIRISRecord]

    public init(dataYear: Int?, records: [FilosofiIRISRecord]) {
        self.dataYear = dataYear
        self.records = records
    }
}

/// Reads `filosofi-iris-2021.json.gz`: gzip (see `Gzip`) around
/// `{"meta": {…}, "iris": {"010040101": {"median_eur": 20350, "poverty_rate_pct": 19, "gini": 0.237}}}`.
/// Plain JSON is read as well. Every indicator may be absent (INSEE suppresses small cells).
public enum FilosofiIRISReader {
    static let kind = "le fichier Filosofi des revenus par IRIS (INSEE)"
    /// 64 MB: far above the real file (1 MB decompressed), far below what would strain memory.
    public static let defaultMaxDecompressedBytes = 64 * 1024 * 1024

    public static func read(contentsOf url: URL, maxDecompressedBytes: Int = defaultMaxDecompressedBytes) throws -> FilosofiIRIS {
        let data = try TerritoryFileLoader.load(url, maxBytes: TerritoryJSON.defaultMaxBytes)
        return try read(data: data, fileName: url.lastPathComponent, maxDecompressedBytes: maxDecompressedBytes)
    }

    /// `data` is the gzip file as downloaded, or its JSON.
    public static func read(data: Data, fileName: String, maxDecompressedBytes: Int = defaultMaxDecompressedBytes) throws -> FilosofiIRIS {
        let jsonData = Gzip.isGzip(data) ? try Gzip.decompress(data, fileName: fileName, maxBytes: maxDecompressedBytes) : data
        let json = FilosofiJSON(fileName: fileName, kind: kind)
        let (dataYear, entries) = try json.entries(in: TerritoryJSON.parse(jsonData, fileName: fileName), collection: "iris")
        var records: [FilosofiIRISRecord] = []
        records.reserveCapacity(entries.count)
        for (code, values, path) in entries {
            let bytes = Array(code.utf8)
            guard bytes.count == 9, TerritoryCodeFormat.isCommuneCode(String(code.prefix(5))),
                  bytes[5...].allSatisfy(TerritoryCodeFormat.isDigit) else {
                throw json.unexpected(path, "un code IRIS de 9 caractères comme clé, comme « 010040101 »")
            }
            let median = try json.number(values, "median_eur", path: path, range: 0...10_000_000)
            records.append(FilosofiIRISRecord(
                code: code, medianIncomeEuros: median.map { Int($0.rounded()) },
                povertyRatePercent: try json.number(values, "poverty_rate_pct", path: path, range: 0...100),
                gini: try json.number(values, "gini", path: path, range: 0...1)))
        }
        return FilosofiIRIS(dataYear: dataYear, records: records)
    }
}

/// The `{meta, <collection>: {code: {indicator: number}}}` shape both Filosofi files share.
private struct FilosofiJSON {
    let fileName: String
    let kind: String

    func unexpected(_ path: String, _ expected: String) -> TerritoryFileError {
        .unexpectedJSON(file: fileName, kind: kind, path: path, expected: expected)
    }

    /// The year of `meta` and the entries of the collection, sorted by code.
    func entries(in root: Any, collection: String) throws -> (Int?, [(code: String, values: [String: Any], path: String)]) {
        guard let object = root as? [String: Any] else {
            throw unexpected("(racine)", "un objet JSON avec les clés « meta » et « \(collection) »")
        }
        guard let items = object[collection] as? [String: Any] else {
            throw unexpected(collection, "un objet « \(collection) » dont les clés sont des codes")
        }
        let year = (object["meta"] as? [String: Any])?["data_year"].flatMap(TerritoryJSON.number).map { Int($0) }
        var entries: [(code: String, values: [String: Any], path: String)] = []
        entries.reserveCapacity(items.count)
        for code in items.keys.sorted() {
            let path = TerritoryJSON.member(collection, code)
            guard let values = items[code] as? [String: Any] else { throw unexpected(path, "un objet d'indicateurs") }
            entries.append((code, values, path))
        }
        return (year, entries)
    }

    /// The number under `key`, nil when absent or null; anything else, or a number out of `range`, is refused.
    func number(_ values: [String: Any], _ key: String, path: String, range: ClosedRange<Double>) throws -> Double? {
        guard let value = values[key], !TerritoryJSON.isNull(value) else { return nil }
        guard let number = TerritoryJSON.number(value), range.contains(number) else {
            let bounds = "entre \(TerritoryJSON.format(range.lowerBound)) et \(TerritoryJSON.format(range.upperBound))"
            throw unexpected(TerritoryJSON.key(path, key), "un nombre \(bounds), trouvé « \(TerritoryJSON.text(value) ?? "null") »")
        }
        return number
    }
}
