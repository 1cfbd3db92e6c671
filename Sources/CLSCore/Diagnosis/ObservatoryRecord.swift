/// One line of the CSV an observatory (ORS) or the ARS sends for the diagnosis, in CLS Pilot's
/// documented format: `indicateur;libelle;methode;multiplicateur;niveau;code;periode;numerateur;
/// denominateur;valeur;borne_basse;borne_haute`. `libelle`, `methode` and `multiplicateur` define
/// the indicator when its code is new; the value and bounds may be empty when the numerator and
/// the denominator are given (they are then computed).
public struct ObservatoryRecord: Sendable, Equatable {
    public enum Level: String, CaseIterable, Sendable {
        case commune, epci, department = "departement", region, france
    }

    public let line: Int
    public let indicator: String
    public let label: String
    public let method: IndicatorMethod?
    public let multiplier: Double?
    public let level: Level
    public let code: String
    public let period: String
    public let numerator: Double?
    public let denominator: Double?
    public let value: Double?
    public let lower: Double?
    public let upper: Double?

    public init(line: Int, indicator: String, label: String, method: IndicatorMethod?, multiplier: Double?, level: Level, code: String,
                period: String, numerator: Double?, denominator: Double?, value: Double?, lower: Double?, upper: Double?) {
        self.line = line
        self.indicator = indicator
        self.label = label
        self.method = method
        self.multiplier = multiplier
        self.level = level
        self.code = code
        self.period = period
        self.numerator = numerator
        self.denominator = denominator
        self.value = value
        self.lower = lower
        self.upper = upper
    }

    public static let columns = ["indicateur", "libelle", "methode", "multiplicateur", "niveau", "code", "periode",
                                 "numerateur", "denominateur", "valeur", "borne_basse", "borne_haute"]
}
