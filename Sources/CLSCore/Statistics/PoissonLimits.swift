import Foundation

/// Exact confidence limits of a Poisson count, as `qchisq(α/2, 2x)/2` and
/// `qchisq(1 − α/2, 2x + 2)/2` give them: the means λ for which observing at least (or at most)
/// `x` events has probability α/2. Found by bisection on the Poisson distribution function,
/// a finite sum, to the precision of a double; meant for small counts (Byar's approximation takes
/// over from 10 events).
public enum PoissonLimits {
    public static func lower(_ count: Int, confidence: Double) -> Double {
        precondition(count >= 0)
        guard count > 0 else { return 0 }
        let tail = (1 - confidence) / 2
        // P(X ≥ x | λ) = 1 − F(x − 1; λ) grows with λ: find where it reaches α/2.
        return solve { lambda in 1 - cumulative(count - 1, mean: lambda) - tail }
    }

    public static func upper(_ count: Int, confidence: Double) -> Double {
        precondition(count >= 0)
        let tail = (1 - confidence) / 2
        // F(x; λ) falls with λ: find where it reaches α/2.
        return solve { lambda in tail - cumulative(count, mean: lambda) }
    }

    /// P(X ≤ k) for X of mean λ.
    static func cumulative(_ k: Int, mean lambda: Double) -> Double {
        var term = exp(-lambda), sum = term
        if k > 0 {
            for i in 1...k {
                term *= lambda / Double(i)
                sum += term
            }
        }
        return min(sum, 1)
    }

    /// The root of an increasing function of λ ≥ 0, by bisection.
    private static func solve(_ f: (Double) -> Double) -> Double {
        var low = 0.0, high = 1.0
        while f(high) < 0 { high *= 2 }
        for _ in 0..<200 {
            let middle = (low + high) / 2
            if middle == low || middle == high { break }
            if f(middle) < 0 { low = middle } else { high = middle }
        }
        return (low + high) / 2
    }
}
