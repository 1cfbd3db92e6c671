/// The official territorial reference as the importers read it from INSEE, DGCL and ANCT files,
/// independent of the file formats and of the storage.
public struct TerritoryRecords: Sendable, Equatable {
    public var vintage: String
    public var regions: [Region] = []
    public var departments: [Department] = []
    public var communes: [ReferenceCommune] = []
    public var epcis: [ReferenceEPCI] = []
    public var qpvs: [ReferenceQPV] = []

    public init(vintage: String) { self.vintage = vintage }
}

public struct ReferenceCommune: Sendable, Equatable {
    /// COM (commune), ARM (municipal arrondissement of Paris, Lyon, Marseille), COMD/COMA (delegated/associated).
    public var kind: String
    /// INSEE code, always text: "01001", "2A004", "97101".
    public var code: String
    public var name: String
    public var departmentCode: String
    public var regionCode: String
    /// For arrondissements and delegated communes: the commune they belong to.
    public var parentCode: String?
    /// Legal municipal population (PMUN), when the populations file was given.
    public var population: Int?

    public init(kind: String, code: String, name: String, departmentCode: String, regionCode: String,
                parentCode: String? = nil, population: Int? = nil) {
        self.kind = kind
        self.code = code
        self.name = name
        self.departmentCode = departmentCode
        self.regionCode = regionCode
        self.parentCode = parentCode
        self.population = population
    }
}

public struct ReferenceEPCI: Sendable, Equatable {
    public var siren: String
    public var name: String
    /// CC, CA, CU, METRO or MET69.
    public var nature: String
    public var memberCodes: [String]

    public init(siren: String, name: String, nature: String, memberCodes: [String]) {
        self.siren = siren
        self.name = name
        self.nature = nature
        self.memberCodes = memberCodes
    }
}

public struct ReferenceQPV: Sendable, Equatable {
    public var code: String
    public var name: String
    public var communeCodes: [String]

    public init(code: String, name: String, communeCodes: [String]) {
        self.code = code
        self.name = name
        self.communeCodes = communeCodes
    }
}

/// Filosofi figures of a commune: median disposable income per consumption unit, and the share of
/// minimum social benefits in income where INSEE publishes it.
public struct CommuneIncome: Sendable, Equatable {
    public var code: String
    public var medianIncome: Double
    public var minimaShare: Double?

    public init(code: String, medianIncome: Double, minimaShare: Double?) {
        self.code = code
        self.medianIncome = medianIncome
        self.minimaShare = minimaShare
    }
}
