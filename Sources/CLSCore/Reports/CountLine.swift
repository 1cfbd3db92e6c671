import Foundation

/// One line of a results table: a vocabulary code, its label, how many actions carry it, and
/// what share of the number of actions that is.
public struct CountLine: Sendable, Equatable, Codable, Identifiable {
    /// The code counted ("acces_aux_soins", "ciblee"…), or `CountLine.notFilledCode`.
    public let code: String
    /// The label read by the user; the code itself when the vocabulary does not know it.
    public let label: String
    /// Number of actions carrying the code, each action counted once.
    public let count: Int
    /// `100 × count / number of actions`, at full precision (0 when there is no action).
    /// Round only when displaying (`FrenchFormat.percent`).
    public let percent: Double

    public init(code: String, label: String, count: Int, percent: Double) {
        self.code = code
        self.label = label
        self.count = count
        self.percent = percent
    }

    public var id: String { code }

    /// Code of the line counting the actions without a value.
    public static let notFilledCode = "non_renseigne"
    /// Label of the line counting the actions without a value.
    public static let notFilledLabel = "Non renseigné"

    /// Whether this is the line of actions without a value.
    public var isNotFilled: Bool { code == Self.notFilledCode }

    /// `100 × count / total`, 0 when `total` is 0 (no division by zero).
    public static func percent(_ count: Int, of total: Int) -> Double {
        total > 0 ? 100 * Double(count) / Double(total) : 0
    }
}
