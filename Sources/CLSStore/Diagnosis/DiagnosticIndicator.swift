import CLSCore
import FluentKit
import Foundation

/// An indicator of the territorial diagnosis catalogue: its code, French label, unit, method,
/// multiplier, polarity, source and vintage.
public final class DiagnosticIndicator: Model, @unchecked Sendable {
    public static let schema = "diagnostic_indicators"

    @ID(key: .id) public var id: UUID?
    @Field(key: "code") public var code: String
    @Field(key: "label") public var label: String
    @Field(key: "unit") public var unit: String
    /// `IndicatorMethod` raw value.
    @Field(key: "method") public var method: String
    @Field(key: "multiplier") public var multiplier: Double
    /// `IndicatorPolarity` raw value; empty when the indicator has no better direction.
    @Field(key: "polarity") public var polarity: String
    @Field(key: "source") public var source: String
    @Field(key: "vintage") public var vintage: String
    @Field(key: "position") public var position: Int

    public init() {}

    public init(code: String, label: String, unit: String, method: IndicatorMethod, multiplier: Double, polarity: IndicatorPolarity?,
                source: String, vintage: String, position: Int) {
        self.code = code
        self.label = label
        self.unit = unit
        self.method = method.rawValue
        self.multiplier = multiplier
        self.polarity = polarity?.rawValue ?? ""
        self.source = source
        self.vintage = vintage
        self.position = position
    }

    convenience init(_ definition: IndicatorDefinition) {
        self.init(code: definition.code, label: definition.label, unit: definition.unit, method: definition.method,
                  multiplier: definition.multiplier, polarity: definition.polarity, source: definition.source,
                  vintage: definition.vintage, position: definition.position)
    }

    /// Whether the catalogue already says what `definition` says.
    func matches(_ definition: IndicatorDefinition) -> Bool {
        label == definition.label && unit == definition.unit && method == definition.method.rawValue && multiplier == definition.multiplier
            && polarity == (definition.polarity?.rawValue ?? "") && source == definition.source && vintage == definition.vintage
            && position == definition.position
    }

    /// Takes what `definition` says (the code stays).
    func define(_ definition: IndicatorDefinition) {
        label = definition.label
        unit = definition.unit
        method = definition.method.rawValue
        multiplier = definition.multiplier
        polarity = definition.polarity?.rawValue ?? ""
        source = definition.source
        vintage = definition.vintage
        position = definition.position
    }

    public var indicatorMethod: IndicatorMethod { IndicatorMethod(rawValue: method) ?? .rate }
    public var indicatorPolarity: IndicatorPolarity? { IndicatorPolarity(rawValue: polarity) }
}

extension DiagnosticIndicator: Auditable {
    public static let auditEntityType = "diagnostic_indicator"
    public var auditLabel: String { label }
    public func auditSnapshot() -> [AuditField] {
        [
            .init("code", "Code", code), .init("label", "Libellé", label), .init("unit", "Unité", unit),
            .init("method", "Méthode", indicatorMethod.label), .init("multiplier", "Multiplicateur", FrenchFormat.number(multiplier, fractionDigits: 0)),
            .init("polarity", "Sens de lecture", indicatorPolarity?.label ?? "Sans sens de lecture"),
            .init("source", "Source", source), .init("vintage", "Millésime", vintage),
        ]
    }
}

/// One figure of an indicator for an area and a period: numerator and denominator when the
/// producer gives them (the interval is then computed), else the value and bounds published.
public final class DiagnosticValue: Model, @unchecked Sendable {
    public static let schema = "diagnostic_values"

    public enum Level: String, CaseIterable, Codable, Sendable {
        case commune, epci, department = "departement", region, france

        public init(_ level: DiagnosticLevel) {
            switch level {
            case .commune: self = .commune
            case .epci: self = .epci
            case .department: self = .department
            case .region: self = .region
            case .france: self = .france
            }
        }

        public var label: String {
            switch self {
            case .commune: "Commune"
            case .epci: "Intercommunalité"
            case .department: "Département"
            case .region: "Région"
            case .france: "France"
            }
        }
    }

    @ID(key: .id) public var id: UUID?
    @Field(key: "indicator_code") public var indicatorCode: String
    @Field(key: "level") public var level: String
    @Field(key: "area_code") public var areaCode: String
    @Field(key: "period") public var period: String
    @OptionalField(key: "numerator") public var numerator: Double?
    @OptionalField(key: "denominator") public var denominator: Double?
    @OptionalField(key: "value") public var value: Double?
    @OptionalField(key: "lower") public var lower: Double?
    @OptionalField(key: "upper") public var upper: Double?
    /// A count the producer masks (statistical secrecy): shown "< 5", never as a number.
    @Field(key: "is_masked") public var isMasked: Bool

    public init() {}

    public init(indicatorCode: String, level: Level, areaCode: String, period: String, numerator: Double?, denominator: Double?,
                value: Double? = nil, lower: Double? = nil, upper: Double? = nil, isMasked: Bool = false) {
        self.id = UUID()
        self.indicatorCode = indicatorCode
        self.level = level.rawValue
        self.areaCode = areaCode
        self.period = period
        self.numerator = numerator
        self.denominator = denominator
        self.value = value
        self.lower = lower
        self.upper = upper
        self.isMasked = isMasked
    }
}

extension DiagnosticValue: BulkRow {
    var bulkRow: [(column: String, value: any Encodable & Sendable)] {
        [("id", id), ("indicator_code", indicatorCode), ("level", level), ("area_code", areaCode), ("period", period),
         ("numerator", numerator), ("denominator", denominator), ("value", value), ("lower", lower), ("upper", upper),
         ("is_masked", isMasked)]
    }
}

struct CreateDiagnosis: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(DiagnosticIndicator.schema)
            .id()
            .field("code", .string, .required)
            .field("label", .string, .required)
            .field("unit", .string, .required)
            .field("method", .string, .required)
            .field("multiplier", .double, .required)
            .field("polarity", .string, .required)
            .field("source", .string, .required)
            .field("vintage", .string, .required)
            .field("position", .int, .required)
            .unique(on: "code")
            .create()
        try await database.schema(DiagnosticValue.schema)
            .id()
            .field("indicator_code", .string, .required)
            .field("level", .string, .required)
            .field("area_code", .string, .required)
            .field("period", .string, .required)
            .field("numerator", .double)
            .field("denominator", .double)
            .field("value", .double)
            .field("lower", .double)
            .field("upper", .double)
            .field("is_masked", .bool, .required)
            .unique(on: "indicator_code", "level", "area_code", "period")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(DiagnosticValue.schema).delete()
        try await database.schema(DiagnosticIndicator.schema).delete()
    }
}
