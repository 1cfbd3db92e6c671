import Foundation

/// A value with its confidence interval (bounds absent when they cannot be computed).
public struct Estimate: Equatable, Sendable {
    public let value: Double
    public let lower: Double?
    public let upper: Double?

    public init(value: Double, lower: Double?, upper: Double?) {
        self.value = value
        self.lower = lower
        self.upper = upper
    }
}

/// The confidence intervals of public health indicators, with the definitions of Public Health
/// England's Fingertips and its method library (PHEindicatormethods): Wilson's score interval for
/// proportions; for counts and crude rates, exact Poisson limits below 10 events and Byar's
/// approximation from 10; Dobson's method for directly standardised rates. Confidence levels are
/// fractions (0.95, 0.998).
public enum ConfidenceIntervals {
    /// The count from which Byar's approximation replaces the exact Poisson limits.
    public static let exactBelow = 10

    /// Wilson's score interval of the proportion `numerator / denominator`, times `multiplier`
    /// (100 for a percentage).
    public static func proportion(_ numerator: Double, of denominator: Double, confidence: Double = 0.95, multiplier: Double = 1) -> Estimate? {
        guard denominator > 0, numerator >= 0, numerator <= denominator else { return nil }
        let z = NormalDistribution.twoSided(confidence)
        let p = numerator / denominator, z2 = z * z
        let centre = 2 * numerator + z2
        let spread = z * (z2 + 4 * numerator * (1 - p)).squareRoot()
        let divisor = 2 * (denominator + z2)
        return Estimate(value: p * multiplier, lower: (centre - spread) / divisor * multiplier, upper: (centre + spread) / divisor * multiplier)
    }

    /// Byar's lower limit of a count (nil when the approximation fails, for very small counts).
    public static func byarsLower(_ count: Double, confidence: Double = 0.95) -> Double? {
        guard count > 0 else { return nil }
        let z = NormalDistribution.twoSided(confidence)
        let limit = count * pow(1 - 1 / (9 * count) - z / (3 * count.squareRoot()), 3)
        return limit < 0 ? nil : limit
    }

    public static func byarsUpper(_ count: Double, confidence: Double = 0.95) -> Double {
        let z = NormalDistribution.twoSided(confidence)
        let next = count + 1
        return next * pow(1 - 1 / (9 * next) + z / (3 * next.squareRoot()), 3)
    }

    /// The limits of a count: exact below `exactBelow` events, Byar's from there.
    public static func count(_ count: Int, confidence: Double = 0.95) -> Estimate {
        if count < exactBelow {
            return Estimate(value: Double(count), lower: PoissonLimits.lower(count, confidence: confidence),
                            upper: PoissonLimits.upper(count, confidence: confidence))
        }
        return Estimate(value: Double(count), lower: byarsLower(Double(count), confidence: confidence),
                        upper: byarsUpper(Double(count), confidence: confidence))
    }

    /// A crude rate, `count / population × multiplier` (100 000 for a rate per 100 000), with
    /// the count's limits scaled the same way.
    public static func rate(_ count: Int, per population: Double, confidence: Double = 0.95, multiplier: Double = 100_000) -> Estimate? {
        guard population > 0, count >= 0 else { return nil }
        let limits = Self.count(count, confidence: confidence)
        let scale = multiplier / population
        return Estimate(value: Double(count) * scale, lower: limits.lower.map { $0 * scale }, upper: limits.upper.map { $0 * scale })
    }

    /// A crude rate its producer publishes with its count but not its population (Santé publique
    /// France's suicides): since `value = count / population × multiplier`, the count's limits
    /// scale by `value / count` exactly as `rate(_:per:)` scales them. Nil without events.
    public static func publishedRate(_ value: Double, count: Double, confidence: Double = 0.95) -> Estimate? {
        let events = Int(count.rounded())
        guard events > 0, value >= 0 else { return nil }
        let limits = Self.count(events, confidence: confidence)
        let scale = value / Double(events)
        return Estimate(value: value, lower: limits.lower.map { $0 * scale }, upper: limits.upper.map { $0 * scale })
    }

    /// One age band of a directly standardised rate: the events, the population at risk and the
    /// standard population's weight.
    public struct AgeBand: Sendable {
        public let count: Double
        public let population: Double
        public let standardPopulation: Double
        public init(count: Double, population: Double, standardPopulation: Double) {
            self.count = count
            self.population = population
            self.standardPopulation = standardPopulation
        }
    }

    /// A directly standardised rate with Dobson's interval: the count's limits (exact below 10
    /// events, Byar's from there) carried to the rate through its variance. Fingertips does not
    /// publish a standardised rate on fewer than 10 events: nil then.
    public static func directlyStandardisedRate(_ bands: [AgeBand], confidence: Double = 0.95, multiplier: Double = 100_000) -> Estimate? {
        let total = bands.reduce(0) { $0 + $1.count }
        let weights = bands.reduce(0) { $0 + $1.standardPopulation }
        guard total >= Double(exactBelow), weights > 0, bands.allSatisfy({ $0.population > 0 }) else { return nil }
        let rate = bands.reduce(0) { $0 + $1.standardPopulation * $1.count / $1.population } / weights
        let variance = bands.reduce(0) { $0 + $1.standardPopulation * $1.standardPopulation * $1.count / ($1.population * $1.population) }
            / (weights * weights)
        let limits = count(Int(total.rounded()), confidence: confidence)
        let spread = (variance / total).squareRoot()
        return Estimate(value: rate * multiplier,
                        lower: limits.lower.map { (rate + spread * ($0 - total)) * multiplier },
                        upper: limits.upper.map { (rate + spread * ($0 - total)) * multiplier })
    }
}
