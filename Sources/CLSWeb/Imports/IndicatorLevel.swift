import CLSFormats

/// The geographic level of stored local indicators, as a stable code.
enum IndicatorLevel: String, Sendable {
    case department = "departement"
    case region = "region"
    case livingArea = "bassin_de_vie"
    case commune = "commune"
    case epci = "epci"
    case other = "autre"

    init(_ level: LocalStatisticsLevel) {
        switch level {
        case .department: self = .department
        case .region: self = .region
        case .livingArea: self = .livingArea
        case .commune: self = .commune
        case .epci: self = .epci
        default: self = .other
        }
    }

    var label: String {
        switch self {
        case .department: "Départements"
        case .region: "Régions"
        case .livingArea: "Bassins de vie"
        case .commune: "Communes"
        case .epci: "EPCI"
        case .other: "Autre"
        }
    }
}
