import Foundation

/// A point on the plane of a projection, y pointing north.
struct MapPoint: Equatable, Sendable {
    var x: Double
    var y: Double
}

/// How one frame of a map turns longitudes and latitudes into plane coordinates.
enum MapProjection: Equatable, Sendable {
    /// Lambert-93, for mainland France.
    case lambert93
    /// x = longitude · cos(φ0), y = latitude, in degrees: for a small territory far from the
    /// mainland, which Lambert-93 would rotate and stretch. φ0 is the group's reference latitude.
    case equirectangular(referenceLatitude: Double)

    /// The local projection of some polygons: equirectangular, centred on the middle of their
    /// latitudes (the middle of the extent rather than the mean of the points, so that a detailed
    /// coast does not pull it).
    static func local(for polygons: [ChoroplethMap.Polygons]) -> MapProjection {
        let latitudes = polygons.lazy.flatMap { $0.lazy.flatMap { $0.lazy.flatMap { $0.lazy.map(\.latitude) } } }.filter(\.isFinite)
        guard let low = latitudes.min(), let high = latitudes.max() else { return .equirectangular(referenceLatitude: 0) }
        return .equirectangular(referenceLatitude: (low + high) / 2)
    }

    func project(longitude: Double, latitude: Double) -> MapPoint {
        switch self {
        case .lambert93:
            let point = Lambert93.project(longitude: longitude, latitude: latitude)
            return MapPoint(x: point.x, y: point.y)
        case .equirectangular(let referenceLatitude):
            return MapPoint(x: longitude * cos(referenceLatitude * .pi / 180), y: latitude)
        }
    }

    /// Every ring projected; points that do not project to finite numbers (bad data) are left out.
    func project(_ polygons: ChoroplethMap.Polygons) -> [[[MapPoint]]] {
        polygons.map { polygon in
            polygon.map { ring in
                ring.map { project(longitude: $0.longitude, latitude: $0.latitude) }.filter { $0.x.isFinite && $0.y.isFinite }
            }
        }
    }
}
