import Foundation

/// The official projection of mainland France (Lambert-93, EPSG:2154): Lambert conformal conic on
/// the GRS80 ellipsoid, standard parallels 44° and 49°, origin 46.5° N 3° E, false easting 700 km,
/// false northing 6,600 km. Maps drawn with it keep the shapes French users know.
public enum Lambert93 {
    static let a = 6_378_137.0
    static let e = 0.081_819_191_042_815_8
    static let lambda0 = 3.0 * .pi / 180
    static let x0 = 700_000.0
    static let y0 = 6_600_000.0

    static func m(_ phi: Double) -> Double { cos(phi) / (1 - e * e * sin(phi) * sin(phi)).squareRoot() }
    static func t(_ phi: Double) -> Double {
        tan(.pi / 4 - phi / 2) / pow((1 - e * sin(phi)) / (1 + e * sin(phi)), e / 2)
    }

    static let phi1 = 44.0 * .pi / 180
    static let phi2 = 49.0 * .pi / 180
    static let phi0 = 46.5 * .pi / 180
    static let n = (log(m(phi1)) - log(m(phi2))) / (log(t(phi1)) - log(t(phi2)))
    static let f = m(phi1) / (n * pow(t(phi1), n))
    static let rho0 = a * f * pow(t(phi0), n)

    /// Metres east and north in Lambert-93 for a longitude and latitude in degrees (WGS84/RGF93).
    public static func project(longitude: Double, latitude: Double) -> (x: Double, y: Double) {
        let phi = latitude * .pi / 180
        let lambda = longitude * .pi / 180
        let rho = a * f * pow(t(phi), n)
        let theta = n * (lambda - lambda0)
        return (x0 + rho * sin(theta), y0 + rho0 - rho * cos(theta))
    }
}
