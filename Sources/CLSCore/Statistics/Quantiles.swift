/// Quantiles of a set of values, by linear interpolation between order statistics (R's default,
/// type 7; Fingertips' spine charts use the same for their 25th and 75th percentiles).
public enum Quantiles {
    /// The `probability` quantile (0…1) of `values`; nil when there is none.
    public static func linear(_ values: [Double], _ probability: Double) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let position = probability * Double(sorted.count - 1)
        let low = Int(position.rounded(.down)), high = Int(position.rounded(.up))
        return sorted[low] + (position - Double(low)) * (sorted[high] - sorted[low])
    }
}
