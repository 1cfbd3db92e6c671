import Foundation

/// One row of INSEE's Code officiel géographique list of communes.
public struct CommuneRecord: Sendable, Equatable {
    /// `TYPECOM`.
    public enum Kind: String, Sendable, CaseIterable {
        /// A commune (`COM`).
        case commune = "COM"
        /// A commune déléguée of a commune nouvelle (`COMD`).
        case delegatedCommune = "COMD"
        /// A commune associée (`COMA`).
        case associatedCommune = "COMA"
        /// An arrondissement municipal of Paris, Lyon or Marseille (`ARM`).
        case municipalArrondissement = "ARM"
    }

    public var kind: Kind
    /// Five characters, leading zeros kept, Corsica as 2A/2B: "01001", "2A004", "97101".
    public var code: String
    /// Empty in the file for delegated and associated communes.
    public var regionCode: String?
    public var departmentCode: String?
    /// `LIBELLE`, with its article: "L'Abergement-Clémenciat".
    public var name: String
    /// `COMPARENT`: the commune a delegated or associated commune or an arrondissement belongs to.
    public var parentCode: String?
    /// The line of the file (for messages of the importer built on top).
    public var line: Int

    public init(kind: Kind, code: String, regionCode: String?, departmentCode: String?, name: String,
                parentCode: String?, line: Int) {
        self.kind = kind
        self.code = code
        self.regionCode = regionCode
        self.departmentCode = departmentCode
        self.name = name
        self.parentCode = parentCode
        self.line = line
    }
}

/// What the COG list of communes gave.
public struct COGCommunes: Sendable, Equatable {
    /// In the order of the file.
    public var records: [CommuneRecord]

    public init(records: [CommuneRecord]) { self.records = records }

    public var countsByKind: [CommuneRecord.Kind: Int] {
        records.reduce(into: [:]) { counts, record in counts[record.kind, default: 0] += 1 }
    }

    public func count(of kind: CommuneRecord.Kind) -> Int { records.lazy.filter { $0.kind == kind }.count }

    /// The communes proper (`COM`).
    public var communes: [CommuneRecord] { records.filter { $0.kind == .commune } }
}

/// Reads `communes-cog-2026.csv` (INSEE, UTF-8, comma):
/// `TYPECOM,COM,REG,DEP,CTCD,ARR,TNCC,NCC,NCCENR,LIBELLE,CAN,COMPARENT`.
///
/// Codes stay strings. Communes and arrondissements must give their region and department;
/// delegated and associated communes, which the file leaves without, must give their parent.
/// A code given twice for the same kind is refused.
public enum COGCommunesReader {
    public static let columns = ["TYPECOM", "COM", "REG", "DEP", "CTCD", "ARR", "TNCC", "NCC", "NCCENR", "LIBELLE", "CAN", "COMPARENT"]
    static let kind = "la liste des communes du Code officiel géographique (INSEE)"

    public static func read(contentsOf url: URL) throws -> COGCommunes {
        try read(data: TerritoryFileLoader.load(url, maxBytes: DelimitedTextOptions.defaultMaxBytes), fileName: url.lastPathComponent)
    }

    public static func read(data: Data, fileName: String) throws -> COGCommunes {
        let reader = try TerritoryCSV.reader(data: data, fileName: fileName, separator: ",")
        var records: [CommuneRecord] = []
        records.reserveCapacity(40_000)
        var seen: [String: Int] = [:]
        try reader.readTable(kind: kind, columns: columns) { row in
            let typeText = try row.requiredText("TYPECOM")
            guard let kind = CommuneRecord.Kind(rawValue: typeText.uppercased()) else {
                throw row.invalid("TYPECOM", typeText, expected: "COM, COMD, COMA ou ARM")
            }
            let code = try row.code("COM", .commune)
            let needsArea = kind == .commune || kind == .municipalArrondissement
            let region = needsArea ? try row.code("REG", .region) : try row.optionalCode("REG", .region)
            let department = needsArea ? try row.code("DEP", .department) : try row.optionalCode("DEP", .department)
            let parent = kind == .commune ? try row.optionalCode("COMPARENT", .commune) : try row.code("COMPARENT", .commune)
            let name = try row.requiredText("LIBELLE")
            let key = kind.rawValue + code
            if let first = seen[key] { throw row.duplicate("COM", code, firstLine: first) }
            seen[key] = row.line
            records.append(CommuneRecord(kind: kind, code: code, regionCode: region, departmentCode: department,
                                         name: name, parentCode: parent, line: row.line))
        }
        return COGCommunes(records: records)
    }
}

/// One department of the COG.
public struct DepartmentRecord: Sendable, Equatable {
    /// "01", "2A", "971".
    public var code: String
    public var regionCode: String
    /// The commune code of the chef-lieu (préfecture).
    public var capitalCode: String
    public var name: String
    public var line: Int

    public init(code: String, regionCode: String, capitalCode: String, name: String, line: Int) {
        self.code = code
        self.regionCode = regionCode
        self.capitalCode = capitalCode
        self.name = name
        self.line = line
    }
}

/// Reads `departements.csv` (COG, UTF-8, comma): `DEP,REG,CHEFLIEU,TNCC,NCC,NCCENR,LIBELLE`.
public enum DepartmentsReader {
    public static let columns = ["DEP", "REG", "CHEFLIEU", "TNCC", "NCC", "NCCENR", "LIBELLE"]
    static let kind = "la liste des départements du Code officiel géographique (INSEE)"

    public static func read(contentsOf url: URL) throws -> [DepartmentRecord] {
        try read(data: TerritoryFileLoader.load(url, maxBytes: DelimitedTextOptions.defaultMaxBytes), fileName: url.lastPathComponent)
    }

    public static func read(data: Data, fileName: String) throws -> [DepartmentRecord] {
        let reader = try TerritoryCSV.reader(data: data, fileName: fileName, separator: ",")
        var records: [DepartmentRecord] = []
        var seen: [String: Int] = [:]
        try reader.readTable(kind: kind, columns: columns) { row in
            let code = try row.code("DEP", .department)
            if let first = seen[code] { throw row.duplicate("DEP", code, firstLine: first) }
            seen[code] = row.line
            records.append(DepartmentRecord(code: code, regionCode: try row.code("REG", .region),
                                            capitalCode: try row.code("CHEFLIEU", .commune),
                                            name: try row.requiredText("LIBELLE"), line: row.line))
        }
        return records
    }
}

/// One region of the COG.
public struct RegionRecord: Sendable, Equatable {
    /// "01" … "94".
    public var code: String
    /// The commune code of the chef-lieu.
    public var capitalCode: String
    public var name: String
    public var line: Int

    public init(code: String, capitalCode: String, name: String, line: Int) {
        self.code = code
        self.capitalCode = capitalCode
        self.name = name
        self.line = line
    }
}

/// Reads `regions.csv` (COG, UTF-8, comma): `REG,CHEFLIEU,TNCC,NCC,NCCENR,LIBELLE`. A header
/// with `DEP` is the departments' list, which has all these columns too, and is refused.
public enum RegionsReader {
    public static let columns = ["REG", "CHEFLIEU", "TNCC", "NCC", "NCCENR", "LIBELLE"]
    static let kind = "la liste des régions du Code officiel géographique (INSEE)"

    public static func read(contentsOf url: URL) throws -> [RegionRecord] {
        try read(data: TerritoryFileLoader.load(url, maxBytes: DelimitedTextOptions.defaultMaxBytes), fileName: url.lastPathComponent)
    }

    public static func read(data: Data, fileName: String) throws -> [RegionRecord] {
        let reader = try TerritoryCSV.reader(data: data, fileName: fileName, separator: ",")
        var records: [RegionRecord] = []
        var seen: [String: Int] = [:]
        try reader.readTable(kind: kind, columns: columns, excluding: ["DEP"]) { row in
            let code = try row.code("REG", .region)
            if let first = seen[code] { throw row.duplicate("REG", code, firstLine: first) }
            seen[code] = row.line
            records.append(RegionRecord(code: code, capitalCode: try row.code("CHEFLIEU", .commune),
                                        name: try row.requiredText("LIBELLE"), line: row.line))
        }
        return records
    }
}

/// What the territory readers share.
enum TerritoryCSV {
    /// A reader in the producer's separator, unless the header line shows the file was saved
    /// again with the other one (Excel in French writes `;`). Encoding: UTF-8, or Windows-1252
    /// when the bytes are not UTF-8 (files saved by Excel "CSV (séparateur : point-virgule)").
    static func reader(data: Data, fileName: String, separator: Character) throws -> DelimitedTextReader {
        let guessed = DelimitedTextReader.guessSeparator(in: data, fallback: separator)
        return try DelimitedTextReader(data: data, fileName: fileName,
                                       options: DelimitedTextOptions(separator: guessed, encoding: .automatic))
    }
}
