import Foundation

/// The legal populations of one commune (or arrondissement municipal) in INSEE's file.
public struct LegalPopulationRecord: Sendable, Equatable {
    /// Five characters: "01001", "2A001", "97101", "75101".
    public var code: String
    public var name: String
    public var regionCode: String
    public var departmentCode: String
    /// `PMUN`: population municipale.
    public var municipalPopulation: Int
    /// `PCAP`: population comptée à part.
    public var separatelyCountedPopulation: Int
    /// `PTOT`: population totale (municipale + comptée à part).
    public var totalPopulation: Int
    /// The line of the file; for a city summed from its arrondissements, the line of the first one.
    public var line: Int

    public init(code: String, name: String, regionCode: String, departmentCode: String, municipalPopulation: Int,
                separatelyCountedPopulation: Int, totalPopulation: Int, line: Int) {
        self.code = code
        self.name = name
        self.regionCode = regionCode
        self.departmentCode = departmentCode
        self.municipalPopulation = municipalPopulation
        self.separatelyCountedPopulation = separatelyCountedPopulation
        self.totalPopulation = totalPopulation
        self.line = line
    }
}

/// Paris, Lyon and Marseille, which INSEE's population file only gives by arrondissement municipal.
public enum MunicipalArrondissements {
    public struct City: Sendable, Equatable {
        public let code: String
        public let name: String
        public let arrondissementCodes: [String]
    }

    public static let cities: [City] = [
        City(code: "75056", name: "Paris", arrondissementCodes: (75101...75120).map(String.init)),
        City(code: "69123", name: "Lyon", arrondissementCodes: (69381...69389).map(String.init)),
        City(code: "13055", name: "Marseille", arrondissementCodes: (13201...13216).map(String.init)),
    ]

    private static let cityByArrondissement: [String: City] = Dictionary(
        uniqueKeysWithValues: cities.flatMap { city in city.arrondissementCodes.map { ($0, city) } })

    /// The city of an arrondissement code ("75112" → Paris), nil for any other code.
    public static func city(ofArrondissement code: String) -> City? { cityByArrondissement[code] }
}

/// Reads `populations-legales-2023.csv` (INSEE, UTF-8, semicolon, CRLF):
/// `REG;Région;DEP;CODARR;CODCAN;CODCOM;COM;Commune;PMUN;PCAP;PTOT`.
///
/// The commune code: `CODCOM` is the code within the department (3 characters) and `COM` the full
/// INSEE code. The code is built from `DEP` and `CODCOM` — `DEP` + `CODCOM` in mainland France and
/// Corsica ("2A" + "001"), the three-character overseas department + the last two characters of
/// `CODCOM` overseas ("971" + "01", `CODCOM` "101" starting with the department's last digit) —
/// and `COM`, when given, must be that code. `PTOT` must equal `PMUN` + `PCAP`.
public enum LegalPopulationsReader {
    public static let columns = ["REG", "Région", "DEP", "CODARR", "CODCAN", "CODCOM", "COM", "Commune", "PMUN", "PCAP", "PTOT"]
    static let kind = "un fichier des populations légales de l'INSEE"

    public static func read(contentsOf url: URL) throws -> [LegalPopulationRecord] {
        try read(data: TerritoryFileLoader.load(url, maxBytes: DelimitedTextOptions.defaultMaxBytes), fileName: url.lastPathComponent)
    }

    /// The records in the order of the file (Paris, Lyon and Marseille as arrondissements).
    public static func read(data: Data, fileName: String) throws -> [LegalPopulationRecord] {
        let reader = try TerritoryCSV.reader(data: data, fileName: fileName, separator: ";")
        var records: [LegalPopulationRecord] = []
        records.reserveCapacity(35_000)
        var seen: [String: Int] = [:]
        try reader.readTable(kind: kind, columns: columns) { row in
            let department = try row.code("DEP", .department)
            let communeInDepartment = try row.requiredText("CODCOM")
            guard communeInDepartment.utf8.count == 3, communeInDepartment.utf8.allSatisfy(TerritoryCodeFormat.isDigit) else {
                throw row.invalid("CODCOM", communeInDepartment, expected: "le code de la commune dans son département, 3 chiffres comme 001")
            }
            let code: String
            if department.utf8.count == 3 {
                guard communeInDepartment.first == department.last else {
                    throw row.inconsistent("CODCOM", communeInDepartment,
                                           "outre-mer, le code commune commence par le dernier chiffre du département \(department)")
                }
                code = department + communeInDepartment.dropFirst()
            } else {
                code = department + communeInDepartment
            }
            if let given = row.optionalText("COM"), given != code {
                throw row.inconsistent("COM", given, "le département \(department) et le code \(communeInDepartment) donnent la commune \(code)")
            }
            if let first = seen[code] { throw row.duplicate("COM", code, firstLine: first) }
            seen[code] = row.line
            let municipal = try row.wholeNumber("PMUN")
            let separate = try row.wholeNumber("PCAP")
            let total = try row.wholeNumber("PTOT")
            guard total == municipal + separate else {
                throw row.inconsistent("PTOT", row.text("PTOT"), "la population totale doit être la somme de PMUN et PCAP, soit \(municipal + separate)")
            }
            records.append(LegalPopulationRecord(
                code: code, name: try row.requiredText("Commune"), regionCode: try row.code("REG", .region),
                departmentCode: department, municipalPopulation: municipal, separatelyCountedPopulation: separate,
                totalPopulation: total, line: row.line))
        }
        return records
    }

    /// One record per commune: the arrondissements of Paris, Lyon and Marseille replaced by their
    /// city (code 75056, 69123, 13055), whose populations are their sums, at the place of the first
    /// arrondissement. When the records already hold the city itself, it is kept as given and its
    /// arrondissements are dropped (never counted twice).
    public static func communes(from records: [LegalPopulationRecord]) -> [LegalPopulationRecord] {
        let citiesGiven = Set(records.lazy.map(\.code).filter { code in
            MunicipalArrondissements.cities.contains { $0.code == code }
        })
        var result: [LegalPopulationRecord] = []
        result.reserveCapacity(records.count)
        var cityPositions: [String: Int] = [:]
        for record in records {
            guard let city = MunicipalArrondissements.city(ofArrondissement: record.code) else {
                result.append(record)
                continue
            }
            if citiesGiven.contains(city.code) { continue }
            if let position = cityPositions[city.code] {
                result[position].municipalPopulation += record.municipalPopulation
                result[position].separatelyCountedPopulation += record.separatelyCountedPopulation
                result[position].totalPopulation += record.totalPopulation
            } else {
                cityPositions[city.code] = result.count
                var cityRecord = record
                cityRecord.code = city.code
                cityRecord.name = city.name
                result.append(cityRecord)
            }
        }
        return result
    }
}
