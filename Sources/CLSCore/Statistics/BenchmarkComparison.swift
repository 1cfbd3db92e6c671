/// How an area compares with a benchmark (its department, its region, France), as Fingertips
/// says it: significantly better, similar or worse when the area's interval lies above, across or
/// below the benchmark's value, given which way the indicator is better (`IndicatorPolarity`);
/// higher, similar or lower when it has no better direction (nil); not compared without an interval.
public enum BenchmarkVerdict: String, Codable, Sendable {
    case better, similar, worse, higher, lower
    case notCompared = "not_compared"

    public var label: String {
        switch self {
        case .better: "Significativement meilleur"
        case .similar: "Comparable"
        case .worse: "Significativement moins bon"
        case .higher: "Significativement plus élevé"
        case .lower: "Significativement plus bas"
        case .notCompared: "Non comparé"
        }
    }

    public static func compare(_ area: Estimate, with benchmark: Double?, polarity: IndicatorPolarity?) -> BenchmarkVerdict {
        guard let benchmark, let lower = area.lower, let upper = area.upper else { return .notCompared }
        let above = lower > benchmark, below = upper < benchmark
        guard above || below else { return .similar }
        switch polarity {
        case .higherIsBetter: return above ? .better : .worse
        case .lowerIsBetter: return above ? .worse : .better
        case nil: return above ? .higher : .lower
        }
    }
}

/// Small numbers: a count below this is shown as "< 5", never as a value, and says why.
public enum SmallNumbers {
    public static let threshold = 5

    public static func isSuppressed(_ count: Int) -> Bool { count > 0 && count < threshold }
}
