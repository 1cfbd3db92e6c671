/// The official territorial reference as the importers read it from INSEE, DGCL and ANCT files,
/// independent of the file formats and of the storage.
public struct TerritoryRecords: Sendable, Equatable {
    public var vintage: String
    public var regions: [Region] = []
    public var departments: [Department] = []
    public var communes: [ReferenceCommune] = []
    public var epcis: [ReferenceEPCI] = []
    public var qpvs: [ReferenceQPV] = []
    /// The COG history of the communes (mergers, renamings, code changes), when the file was given.
    public var communeEvents: [ReferenceCommuneEvent] = []

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

/// One line of the COG history of the communes: what a commune became on a date.
public struct ReferenceCommuneEvent: Sendable, Equatable {
    /// INSEE movement code (10 renaming, 31–33 mergers, 41 code change…).
    public var code: Int
    public var label: String
    public var date: String
    public var beforeCode: String?
    public var beforeName: String?
    public var beforeKind: String?
    public var afterCode: String?
    public var afterName: String?
    public var afterKind: String?
    /// The commune before stops being a commune of its own, absorbed by the one after.
    public var absorbsBeforeCommune: Bool

    public init(code: Int, label: String, date: String, beforeCode: String?, beforeName: String?, beforeKind: String?,
                afterCode: String?, afterName: String?, afterKind: String?, absorbsBeforeCommune: Bool) {
        self.code = code
        self.label = label
        self.date = date
        self.beforeCode = beforeCode
        self.beforeName = beforeName
        self.beforeKind = beforeKind
        self.afterCode = afterCode
        self.afterName = afterName
        self.afterKind = afterKind
        self.absorbsBeforeCommune = absorbsBeforeCommune
    }

    /// The same line of the file always gives the same key: importing it again changes nothing.
    public var key: String {
        [String(code), date, beforeKind ?? "", beforeCode ?? "", afterKind ?? "", afterCode ?? ""].joined(separator: "|")
    }
}
