/// One commune (or arrondissement) of INSEE's *Comparateur de territoires*, base communale: the
/// figures CLS Pilot turns into diagnosis indicators, as published (census counts are fractional:
/// the census weights its answers).
public struct ComparateurCommune: Sendable, Equatable {
    public let code: String
    public let population2018: Double?
    public let deaths2020: Double?
    public let births2020: Double?
    public let unemployed1564: Double?
    public let active1564: Double?

    public init(code: String, population2018: Double?, deaths2020: Double?, births2020: Double?, unemployed1564: Double?, active1564: Double?) {
        self.code = code
        self.population2018 = population2018
        self.deaths2020 = deaths2020
        self.births2020 = births2020
        self.unemployed1564 = unemployed1564
        self.active1564 = active1564
    }

    /// Paris, Lyon and Marseille's arrondissements, listed beside their commune: left out of sums.
    public var isArrondissement: Bool {
        code.hasPrefix("751") || code.hasPrefix("6938") || (code.hasPrefix("132") && code.count == 5)
    }

    /// The department a commune code belongs to: two characters, three overseas (971…976).
    public var departmentCode: String { String(code.prefix(code.hasPrefix("97") ? 3 : 2)) }
}

