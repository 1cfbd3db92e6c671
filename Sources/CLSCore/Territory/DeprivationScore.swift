import Foundation

/// A transparent deprivation score to rank territories against CLS coverage (DOMAIN.md §6).
///
/// Each indicator is standardised over the territories compared (z-score: distance to their mean in
/// standard deviations), oriented so that higher means more deprived (a low income counts as
/// deprivation), then averaged with the user's weights over the indicators the territory has.
/// The method is shown on the page, and the weights are adjustable there.
public enum DeprivationScore {
    public enum Indicator: String, CaseIterable, Sendable {
        case medianIncome = "revenu"
        case minimaShare = "minima"
        case qpvShare = "qpv"
        case povertyRate = "pauvrete"

        public var label: String {
            switch self {
            case .medianIncome: "Revenu médian par unité de consommation (plus il est bas, plus le score monte)"
            case .minimaShare: "Part des minima sociaux dans le revenu"
            case .qpvShare: "Part de la population vivant dans une commune comptant un QPV"
            case .povertyRate: "Taux de pauvreté moyen des IRIS (publié pour les communes de 5 000 habitants ou plus : sans IRIS, un EPCI est classé sur les autres indicateurs)"
            }
        }

        /// +1 when a higher value means more deprivation.
        var direction: Double { self == .medianIncome ? -1 : 1 }
    }

    public struct Territory: Sendable, Equatable {
        public let id: String
        public let values: [Indicator: Double]
        public init(id: String, values: [Indicator: Double]) {
            self.id = id
            self.values = values
        }
    }

    public struct Scored: Sendable, Equatable {
        public let id: String
        /// Nil when the territory has none of the weighted indicators.
        public let score: Double?
        public let components: [Indicator: Double]
    }

    public static let defaultWeights: [Indicator: Double] = [.medianIncome: 1, .minimaShare: 1, .qpvShare: 1, .povertyRate: 1]

    /// Scores sorted from the most to the least deprived; territories without data come last.
    public static func rank(_ territories: [Territory], weights: [Indicator: Double] = defaultWeights) -> [Scored] {
        var statistics: [Indicator: (mean: Double, deviation: Double)] = [:]
        for indicator in Indicator.allCases {
            let values = territories.compactMap { $0.values[indicator] }
            guard values.count >= 2 else { continue }
            let mean = values.reduce(0, +) / Double(values.count)
            let variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count)
            if variance > 0 { statistics[indicator] = (mean, variance.squareRoot()) }
        }
        let scored = territories.map { territory -> Scored in
            var components: [Indicator: Double] = [:]
            var weighted = 0.0
            var totalWeight = 0.0
            for (indicator, weight) in weights where weight > 0 {
                guard let value = territory.values[indicator], let stats = statistics[indicator] else { continue }
                let z = indicator.direction * (value - stats.mean) / stats.deviation
                components[indicator] = z
                weighted += weight * z
                totalWeight += weight
            }
            return Scored(id: territory.id, score: totalWeight > 0 ? weighted / totalWeight : nil, components: components)
        }
        return scored.sorted {
            switch ($0.score, $1.score) {
            case let (left?, right?): return left != right ? left > right : $0.id < $1.id
            case (.some, .none): return true
            case (.none, .some): return false
            case (.none, .none): return $0.id < $1.id
            }
        }
    }
}
