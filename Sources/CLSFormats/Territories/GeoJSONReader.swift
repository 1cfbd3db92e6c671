import Foundation

/// A point in WGS84 degrees, as GeoJSON orders them: longitude first.
public struct GeoPosition: Sendable, Equatable, Hashable {
    public var longitude: Double
    public var latitude: Double

    public init(longitude: Double, latitude: Double) {
        self.longitude = longitude
        self.latitude = latitude
    }
}

/// The contour of an area.
public struct GeoJSONGeometry: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case polygon = "Polygon"
        case multiPolygon = "MultiPolygon"
    }

    /// What the file said; both read as a list of polygons.
    public var kind: Kind
    /// Polygons, each a list of rings (the outer ring, then its holes), each ring a closed list
    /// of at least four positions. A `Polygon` gives one polygon.
    public var polygons: [[[GeoPosition]]]

    public init(kind: Kind, polygons: [[[GeoPosition]]]) {
        self.kind = kind
        self.polygons = polygons
    }
}

public struct GeoJSONFeature: Sendable, Equatable {
    /// Every property as text (see `TerritoryJSON.text`); null properties are left out.
    public var properties: [String: String]
    /// Nil when the feature has a null geometry (allowed by RFC 7946).
    public var geometry: GeoJSONGeometry?

    public init(properties: [String: String], geometry: GeoJSONGeometry?) {
        self.properties = properties
        self.geometry = geometry
    }
}

public struct GeoJSONFeatureCollection: Sendable, Equatable {
    public var features: [GeoJSONFeature]

    public init(features: [GeoJSONFeature]) { self.features = features }
}

/// Reads a GeoJSON `FeatureCollection` of areas (RFC 7946): contours of departments, regions,
/// communes or QPV for the maps.
///
/// Accepted geometries are `Polygon` and `MultiPolygon` (or null); points and lines, which
/// cannot be coloured as areas, are refused. Positions must be longitude and latitude in
/// degrees (a file in Lambert-93 metres is refused with the advice to reproject it), rings
/// closed with at least four positions. Errors name the place in the file
/// (`features[12].geometry.coordinates[0][3]`).
public enum GeoJSONReader {
    static let kind = "un fichier GeoJSON de contours (FeatureCollection)"

    public static func read(contentsOf url: URL) throws -> GeoJSONFeatureCollection {
        try read(data: TerritoryFileLoader.loadJSON(url, maxBytes: TerritoryJSON.defaultMaxBytes,
                                                    maxDecompressedBytes: TerritoryJSON.defaultMaxBytes),
                 fileName: url.lastPathComponent)
    }

    public static func read(data: Data, fileName: String) throws -> GeoJSONFeatureCollection {
        let root = try TerritoryJSON.parse(data, fileName: fileName)
        return try Parser(fileName: fileName).collection(root)
    }

    private struct Parser {
        let fileName: String

        func unexpected(_ path: String, _ expected: String) -> TerritoryFileError {
            .unexpectedJSON(file: fileName, kind: GeoJSONReader.kind, path: path, expected: expected)
        }

        func collection(_ root: Any) throws -> GeoJSONFeatureCollection {
            guard let object = root as? [String: Any] else {
                throw unexpected("(racine)", "un objet GeoJSON de type « FeatureCollection »")
            }
            let type = object["type"] as? String
            guard type == "FeatureCollection" else {
                throw unexpected("type", "« FeatureCollection », trouvé « \(type ?? "rien") »")
            }
            guard let features = object["features"] as? [Any] else {
                throw unexpected("features", "une liste d'objets « Feature »")
            }
            var result: [GeoJSONFeature] = []
            result.reserveCapacity(features.count)
            for (index, value) in features.enumerated() {
                result.append(try feature(value, path: TerritoryJSON.element("features", index)))
            }
            return GeoJSONFeatureCollection(features: result)
        }

        func feature(_ value: Any, path: String) throws -> GeoJSONFeature {
            guard let object = value as? [String: Any], object["type"] as? String == "Feature" else {
                throw unexpected(path, "un objet de type « Feature »")
            }
            var properties: [String: String] = [:]
            let rawProperties = object["properties"]
            if let dictionary = rawProperties as? [String: Any] {
                for (key, value) in dictionary {
                    if let text = TerritoryJSON.text(value) { properties[key] = text }
                }
            } else if !TerritoryJSON.isNull(rawProperties) {
                throw unexpected(TerritoryJSON.key(path, "properties"), "un objet de propriétés ou null")
            }
            let rawGeometry = object["geometry"]
            if TerritoryJSON.isNull(rawGeometry) { return GeoJSONFeature(properties: properties, geometry: nil) }
            return GeoJSONFeature(properties: properties, geometry: try geometry(rawGeometry!, path: TerritoryJSON.key(path, "geometry")))
        }

        func geometry(_ value: Any, path: String) throws -> GeoJSONGeometry {
            guard let object = value as? [String: Any], let typeName = object["type"] as? String else {
                throw unexpected(path, "une géométrie GeoJSON (objet avec « type » et « coordinates »)")
            }
            guard let kind = GeoJSONGeometry.Kind(rawValue: typeName) else {
                throw unexpected(TerritoryJSON.key(path, "type"),
                                 "une surface « Polygon » ou « MultiPolygon », trouvé « \(typeName) » (points et lignes ne peuvent pas être coloriés sur une carte)")
            }
            let coordinatesPath = TerritoryJSON.key(path, "coordinates")
            guard let coordinates = object["coordinates"] as? [Any] else {
                throw unexpected(coordinatesPath, "une liste de coordonnées")
            }
            switch kind {
            case .polygon:
                return GeoJSONGeometry(kind: kind, polygons: [try polygon(coordinates, path: coordinatesPath)])
            case .multiPolygon:
                var polygons: [[[GeoPosition]]] = []
                polygons.reserveCapacity(coordinates.count)
                for (index, item) in coordinates.enumerated() {
                    let itemPath = TerritoryJSON.element(coordinatesPath, index)
                    guard let rings = item as? [Any] else { throw unexpected(itemPath, "un polygone (liste d'anneaux)") }
                    polygons.append(try polygon(rings, path: itemPath))
                }
                guard !polygons.isEmpty else { throw unexpected(coordinatesPath, "au moins un polygone") }
                return GeoJSONGeometry(kind: kind, polygons: polygons)
            }
        }

        func polygon(_ rings: [Any], path: String) throws -> [[GeoPosition]] {
            guard !rings.isEmpty else { throw unexpected(path, "au moins un anneau (le contour extérieur)") }
            var result: [[GeoPosition]] = []
            result.reserveCapacity(rings.count)
            for (index, item) in rings.enumerated() {
                let ringPath = TerritoryJSON.element(path, index)
                guard let positions = item as? [Any] else { throw unexpected(ringPath, "un anneau (liste de positions)") }
                var ring: [GeoPosition] = []
                ring.reserveCapacity(positions.count)
                for (positionIndex, position) in positions.enumerated() {
                    ring.append(try self.position(position, ringPath: ringPath, index: positionIndex))
                }
                guard ring.count >= 4, ring.first == ring.last else {
                    throw unexpected(ringPath, "un anneau fermé d'au moins 4 positions, la dernière égale à la première")
                }
                result.append(ring)
            }
            return result
        }

        /// The path is built only for a refusal: a contour file holds hundreds of thousands of positions.
        func position(_ value: Any, ringPath: String, index: Int) throws -> GeoPosition {
            guard let pair = value as? [Any], pair.count >= 2,
                  let longitude = TerritoryJSON.number(pair[0]), let latitude = TerritoryJSON.number(pair[1]) else {
                throw unexpected(TerritoryJSON.element(ringPath, index), "une position [longitude, latitude]")
            }
            guard (-180...180).contains(longitude), (-90...90).contains(latitude) else {
                throw unexpected(TerritoryJSON.element(ringPath, index), "une longitude et une latitude en degrés (WGS84), trouvé [\(TerritoryJSON.format(longitude)), \(TerritoryJSON.format(latitude))] : "
                                 + "le fichier est sans doute dans une autre projection (Lambert-93…), reprojetez-le en WGS84 (EPSG:4326)")
            }
            return GeoPosition(longitude: longitude, latitude: latitude)
        }
    }
}
