import CLSFormats

/// The geographic level of stored local indicators, as a stable code.
enum IndicatorLevel: String, Sendable {
    case department = "departement"
    case region = "region"
    case livingArea = "bassin_de_vie"
    /// CartoSanté's "bassin de vie / canton-ville": bassins de vie cut by cantons in cities, other codes.
    case livingAreaCantonCity = "bassin_de_vie_canton_ville"
    case commune = "commune"
    case epci = "epci"
    case other = "autre"

    init(_ level: LocalStatisticsLevel, label: String) {
        switch level {
        case .department: self = .department
        case .region: self = .region
        case .livingArea: self = label.lowercased().contains("canton") ? .livingAreaCantonCity : .livingArea
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
        case .livingAreaCantonCity: "Bassins de vie / cantons-villes"
        case .commune: "Communes"
        case .epci: "EPCI"
        case .other: "Autre"
        }
    }
}
