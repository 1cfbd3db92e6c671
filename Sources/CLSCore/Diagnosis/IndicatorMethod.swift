/// How an indicator of the territorial diagnosis is computed from its numerator and denominator,
/// and which confidence interval goes with it (`ConfidenceIntervals`). Raw values are those of
/// the observatories' CSV format (`methode`).
public enum IndicatorMethod: String, CaseIterable, Codable, Sendable {
    case count = "effectif"
    case proportion
    case rate = "taux"
    case standardisedRate = "taux_standardise"
    case mean = "moyenne"

    public var label: String {
        switch self {
        case .count: "Effectif"
        case .proportion: "Proportion"
        case .rate: "Taux brut"
        case .standardisedRate: "Taux standardisé"
        case .mean: "Moyenne"
        }
    }

    /// The method written under the table, in French.
    public var intervalMethod: String {
        switch self {
        case .count: "limites exactes de Poisson sous 10 événements, méthode de Byar au-delà"
        case .proportion: "intervalle de score de Wilson"
        case .rate: "limites exactes de Poisson sous 10 événements, méthode de Byar au-delà"
        case .standardisedRate: "méthode de Dobson"
        case .mean: "intervalle publié par le producteur"
        }
    }

    /// Whether an area's value is the sum of its parts' numerators over the sum of their
    /// denominators (never an average of their values).
    public var addsUp: Bool { self == .count || self == .proportion || self == .rate }

    /// The value and its interval from a numerator and a denominator (nil when they give none):
    /// standardised rates and means need their age bands or their spread, which a sum of
    /// numerators cannot give.
    public func estimate(numerator: Double, denominator: Double?, multiplier: Double, confidence: Double = 0.95) -> Estimate? {
        switch self {
        case .count:
            return ConfidenceIntervals.count(Int(numerator.rounded()), confidence: confidence)
        case .proportion:
            guard let denominator else { return nil }
            return ConfidenceIntervals.proportion(numerator, of: denominator, confidence: confidence, multiplier: multiplier)
        case .rate:
            guard let denominator else { return nil }
            return ConfidenceIntervals.rate(Int(numerator.rounded()), per: denominator, confidence: confidence, multiplier: multiplier)
        case .standardisedRate, .mean:
            return nil
        }
    }

    /// The figure of a stored value: computed from its numerator and denominator when they give
    /// one; for a crude rate published with its count only, the count's limits scaled to it; else
    /// the value and bounds as published (no interval when none is published). Nil when the
    /// value is masked or absent.
    public func estimate(numerator: Double?, denominator: Double?, value: Double?, lower: Double?, upper: Double?, isMasked: Bool,
                         multiplier: Double, confidence: Double = 0.95) -> Estimate? {
        guard !isMasked else { return nil }
        if let numerator, let computed = estimate(numerator: numerator, denominator: denominator, multiplier: multiplier, confidence: confidence) {
            return computed
        }
        guard let value else { return nil }
        if self == .rate, denominator == nil, let numerator, lower == nil, upper == nil {
            return ConfidenceIntervals.publishedRate(value, count: numerator, confidence: confidence) ?? Estimate(value: value, lower: nil, upper: nil)
        }
        return Estimate(value: value, lower: lower, upper: upper)
    }
}
