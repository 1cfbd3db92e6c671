/// The level of a contour file: each level names its territories by a different official code.
public enum ShapeLevel: String, CaseIterable, Sendable, Codable {
    case region = "region"
    case department = "departement"
    case commune = "commune"
    case qpv = "qpv"

    public var label: String {
        switch self {
        case .region: "Régions"
        case .department: "Départements"
        case .commune: "Communes"
        case .qpv: "Quartiers prioritaires (QPV)"
        }
    }

    /// Overseas territories (region codes 01–06, department and commune codes 97x).
    public func isOverseas(code: String, communeCode: String? = nil) -> Bool {
        switch self {
        case .region: return code.hasPrefix("0")
        case .department, .commune: return code.hasPrefix("97")
        case .qpv: return communeCode?.hasPrefix("97") ?? false
        }
    }

    /// Whether `code` is a well-formed official code of this level: "53", "2A", "971", "93066",
    /// "QN09301M" (QPV 2024) or "QP093001" (QPV 2015).
    public func accepts(_ code: String) -> Bool {
        let characters = Array(code)
        func digits(_ range: Range<Int>) -> Bool { range.allSatisfy { characters[$0].isASCII && characters[$0].isNumber } }
        switch self {
        case .region:
            return characters.count == 2 && digits(0..<2)
        case .department:
            if characters.count == 2 { return digits(0..<2) || code == "2A" || code == "2B" }
            return characters.count == 3 && digits(0..<3) && code.hasPrefix("97")
        case .commune:
            guard characters.count == 5 else { return false }
            return digits(2..<5) && (digits(0..<2) || code.hasPrefix("2A") || code.hasPrefix("2B"))
        case .qpv:
            guard characters.count == 8, code.hasPrefix("Q") else { return false }
            return characters[1].isLetter && characters[2...].allSatisfy { $0.isASCII && ($0.isNumber || $0.isUppercase) }
        }
    }
}

/// A point of a contour in WGS84 degrees.
public struct GeoPoint: Sendable, Equatable, Hashable, Codable {
    public var longitude: Double
    public var latitude: Double

    public init(longitude: Double, latitude: Double) {
        self.longitude = longitude
        self.latitude = latitude
    }
}

/// The contour of one territory as read from a GeoJSON file: polygons, each a list of rings
/// (outer ring first, then holes), each a closed list of points.
public struct TerritoryShapeRecord: Sendable, Equatable {
    public var level: ShapeLevel
    public var code: String
    public var name: String
    /// For a QPV: the INSEE code of its (main) commune, when the file gives it.
    public var communeCode: String?
    public var polygons: [[[GeoPoint]]]

    public init(level: ShapeLevel, code: String, name: String, communeCode: String? = nil, polygons: [[[GeoPoint]]]) {
        self.level = level
        self.code = code
        self.name = name
        self.communeCode = communeCode
        self.polygons = polygons
    }

    /// Overseas territories (codes 97x) are drawn in their own inset: far from the mainland,
    /// they would shrink the map to nothing.
    public var isOverseas: Bool { level.isOverseas(code: code, communeCode: communeCode) }
}
