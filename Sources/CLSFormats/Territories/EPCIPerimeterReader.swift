import CLSCore
import Foundation

/// An EPCI à fiscalité propre (intercommunality) as the DGCL describes it.
public struct EPCIRecord: Sendable, Equatable {
    /// `nature_juridique`.
    public enum Nature: String, Sendable, CaseIterable {
        case communauteDeCommunes = "CC"
        case communauteDAgglomeration = "CA"
        case communauteUrbaine = "CU"
        case metropole = "METRO"
        /// The Métropole de Lyon, a territorial collectivity with its own status.
        case metropoleDeLyon = "MET69"
    }

    /// Nine digits.
    public var siren: String
    /// `raison_sociale`.
    public var name: String
    public var nature: Nature
    /// `mode_financ`: "FPU" (fiscalité professionnelle unique) or "FA" (fiscalité additionnelle).
    public var taxRegime: String
    /// `dept`: the department of the seat ("01", "2A", "971").
    public var departmentCode: String
    /// `nb_membres`, checked against the member rows.
    public var memberCount: Int
    /// `total_pop_tot`.
    public var totalPopulation: Int
    /// `total_pop_mun`.
    public var municipalPopulation: Int
    /// The first line of the EPCI in the file.
    public var line: Int

    public init(siren: String, name: String, nature: Nature, taxRegime: String, departmentCode: String,
                memberCount: Int, totalPopulation: Int, municipalPopulation: Int, line: Int) {
        self.siren = siren
        self.name = name
        self.nature = nature
        self.taxRegime = taxRegime
        self.departmentCode = departmentCode
        self.memberCount = memberCount
        self.totalPopulation = totalPopulation
        self.municipalPopulation = municipalPopulation
        self.line = line
    }
}

/// A member commune of an EPCI.
public struct EPCIMemberRecord: Sendable, Equatable {
    public var epciSiren: String
    /// `insee`: the commune code ("01304", "2B296").
    public var communeCode: String
    /// `siren_membre`: the commune's own SIREN.
    public var communeSiren: String
    /// `nom_membre`.
    public var name: String
    /// `dep_com`.
    public var departmentCode: String
    /// `ptot_2025`.
    public var totalPopulation: Int
    /// `pmun_2025`.
    public var municipalPopulation: Int
    public var line: Int

    public init(epciSiren: String, communeCode: String, communeSiren: String, name: String, departmentCode: String,
                totalPopulation: Int, municipalPopulation: Int, line: Int) {
        self.epciSiren = epciSiren
        self.communeCode = communeCode
        self.communeSiren = communeSiren
        self.name = name
        self.departmentCode = departmentCode
        self.totalPopulation = totalPopulation
        self.municipalPopulation = municipalPopulation
        self.line = line
    }
}

/// What the DGCL's EPCI composition gave.
public struct EPCIPerimeter: Sendable, Equatable {
    /// In the order of their first row.
    public var epcis: [EPCIRecord]
    /// In the order of the file.
    public var members: [EPCIMemberRecord]

    public init(epcis: [EPCIRecord], members: [EPCIMemberRecord]) {
        self.epcis = epcis
        self.members = members
    }

    public var countsByNature: [EPCIRecord.Nature: Int] {
        epcis.reduce(into: [:]) { counts, epci in counts[epci.nature, default: 0] += 1 }
    }
}

/// Reads `epci-perimetre-2025.csv` (DGCL, Windows-1252, semicolon, CRLF): one row per member
/// commune, the EPCI's columns repeated on each,
/// `dept;siren;raison_sociale;nature_juridique;mode_financ;nb_membres;total_pop_tot;total_pop_mun;dep_com;insee;siren_membre;nom_membre;ptot_2025;pmun_2025`.
///
/// Populations may carry spaces as thousands separators ("15 156"); the final `;;;;` row (and
/// any blank row) is skipped. Refused: rows of one EPCI that disagree on its name, nature,
/// member count or populations; a `nb_membres` different from the number of member rows; a
/// commune member of two EPCI (a commune belongs to one EPCI à fiscalité propre at most).
public enum EPCIPerimeterReader {
    public static let columns = ["dept", "siren", "raison_sociale", "nature_juridique", "mode_financ", "nb_membres",
                                 "total_pop_tot", "total_pop_mun", "dep_com", "insee", "siren_membre", "nom_membre",
                                 "ptot_2025", "pmun_2025"]
    static let kind = "la composition des EPCI à fiscalité propre publiée par la DGCL"
    /// The columns that describe the EPCI itself and must read the same on all its rows.
    static let sharedColumns = ["dept", "raison_sociale", "nature_juridique", "mode_financ", "nb_membres", "total_pop_tot", "total_pop_mun"]

    public static func read(contentsOf url: URL) throws -> EPCIPerimeter {
        try read(data: TerritoryFileLoader.load(url, maxBytes: DelimitedTextOptions.defaultMaxBytes), fileName: url.lastPathComponent)
    }

    public static func read(data: Data, fileName: String) throws -> EPCIPerimeter {
        let reader = try TerritoryCSV.reader(data: data, fileName: fileName, separator: ";")
        var epcis: [EPCIRecord] = []
        var epciIndex: [String: Int] = [:]
        var sharedValues: [[String]] = []
        var memberCounts: [Int] = []
        var members: [EPCIMemberRecord] = []
        members.reserveCapacity(36_000)
        var communeLines: [String: Int] = [:]
        try reader.readTable(kind: kind, columns: columns) { row in
            let siren = try row.code("siren", .siren)
            if let index = epciIndex[siren] {
                for (column, first) in zip(sharedColumns, sharedValues[index]) where row.text(column) != first {
                    throw row.inconsistent(column, row.text(column),
                                           "la ligne \(TerritoryFileError.count(epcis[index].line)) du même EPCI indique « \(first) »")
                }
                memberCounts[index] += 1
            } else {
                let natureText = try row.requiredText("nature_juridique")
                guard let nature = EPCIRecord.Nature(rawValue: natureText.uppercased()) else {
                    throw row.invalid("nature_juridique", natureText, expected: "CC, CA, CU, METRO ou MET69")
                }
                let epci = EPCIRecord(
                    siren: siren, name: try row.requiredText("raison_sociale"), nature: nature,
                    taxRegime: try row.requiredText("mode_financ"), departmentCode: try row.code("dept", .department),
                    memberCount: try row.wholeNumber("nb_membres"), totalPopulation: try row.wholeNumber("total_pop_tot"),
                    municipalPopulation: try row.wholeNumber("total_pop_mun"), line: row.line)
                epciIndex[siren] = epcis.count
                epcis.append(epci)
                sharedValues.append(sharedColumns.map { row.text($0) })
                memberCounts.append(1)
            }
            let commune = try row.code("insee", .commune)
            if let first = communeLines[commune] { throw row.duplicate("insee", commune, firstLine: first) }
            communeLines[commune] = row.line
            members.append(EPCIMemberRecord(
                epciSiren: siren, communeCode: commune, communeSiren: try row.code("siren_membre", .siren),
                name: try row.requiredText("nom_membre"), departmentCode: try row.code("dep_com", .department),
                totalPopulation: try row.wholeNumber("ptot_2025"), municipalPopulation: try row.wholeNumber("pmun_2025"),
                line: row.line))
        }
        for (index, epci) in epcis.enumerated() where memberCounts[index] != epci.memberCount {
            throw TerritoryFileError.inconsistentValue(
                file: fileName, line: epci.line, column: "nb_membres", value: String(epci.memberCount),
                detail: "le fichier liste \(FrenchFormat.count(memberCounts[index], singular: "commune membre", plural: "communes membres")) pour l'EPCI \(epci.siren)")
        }
        return EPCIPerimeter(epcis: epcis, members: members)
    }
}
