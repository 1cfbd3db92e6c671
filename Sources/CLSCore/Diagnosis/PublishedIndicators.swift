/// The level of an area a diagnosis figure describes.
public typealias DiagnosticLevel = ObservatoryRecord.Level

/// An indicator of the diagnosis catalogue as a producer's file defines it.
public struct IndicatorDefinition: Sendable, Equatable {
    public let code: String
    public let label: String
    public let unit: String
    public let method: IndicatorMethod
    public let multiplier: Double
    public let polarity: IndicatorPolarity?
    public let source: String
    public let vintage: String
    public let position: Int

    public init(code: String, label: String, unit: String, method: IndicatorMethod, multiplier: Double, polarity: IndicatorPolarity?,
                source: String, vintage: String, position: Int) {
        self.code = code
        self.label = label
        self.unit = unit
        self.method = method
        self.multiplier = multiplier
        self.polarity = polarity
        self.source = source
        self.vintage = vintage
        self.position = position
    }
}

/// One figure of a producer's file: the count and the population when published, else the value
/// (and its bounds when published); `isMasked` when the producer hides a small count.
public struct PublishedValue: Sendable, Equatable {
    public let indicator: String
    public let level: DiagnosticLevel
    public let code: String
    public let period: String
    public let numerator: Double?
    public let denominator: Double?
    public let value: Double?
    public let lower: Double?
    public let upper: Double?
    public let isMasked: Bool

    public init(indicator: String, level: DiagnosticLevel, code: String, period: String, numerator: Double? = nil, denominator: Double? = nil,
                value: Double? = nil, lower: Double? = nil, upper: Double? = nil, isMasked: Bool = false) {
        self.indicator = indicator
        self.level = level
        self.code = code
        self.period = period
        self.numerator = numerator
        self.denominator = denominator
        self.value = value
        self.lower = lower
        self.upper = upper
        self.isMasked = isMasked
    }
}

/// What a producer's file (Santé publique France, CépiDc, INSEE) holds once read: the indicators
/// it defines and their figures, ready to replace those of the same indicators at the same levels.
public struct PublishedIndicators: Sendable {
    /// The producer and the file, in French ("Santé publique France, suicides par département").
    public let description: String
    public let definitions: [IndicatorDefinition]
    public let values: [PublishedValue]
    /// What the reader left aside, in French (lines by age or sex, empty cells…), for the preview.
    public let notes: [String]

    public init(description: String, definitions: [IndicatorDefinition], values: [PublishedValue], notes: [String] = []) {
        self.description = description
        self.definitions = definitions
        self.values = values
        self.notes = notes
    }

    public var levels: [DiagnosticLevel] { DiagnosticLevel.allCases.filter { level in values.contains { $0.level == level } } }
}
