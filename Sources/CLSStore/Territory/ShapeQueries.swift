import CLSCore
import FluentKit
import Foundation

/// Contours for the maps, loaded by code in a bounded number of queries.
public enum ShapeQueries {
    /// A contour ready to draw.
    public struct Drawable: Sendable {
        public let level: ShapeLevel
        public let code: String
        public let name: String
        public let communeCode: String?
        public let polygons: [[[GeoPoint]]]
        public var isOverseas: Bool { level.isOverseas(code: code, communeCode: communeCode) }
    }

    static func drawable(_ shape: TerritoryShape) -> Drawable? {
        guard let level = ShapeLevel(rawValue: shape.level) else { return nil }
        return Drawable(level: level, code: shape.code, name: shape.name, communeCode: shape.communeCode,
                        polygons: ShapeGeometry.decode(shape.coordinates))
    }

    /// The contours of `codes` at `level` (all of the level when `codes` is nil).
    public static func shapes(_ level: ShapeLevel, codes: [String]?, on database: any Database) async throws -> [Drawable] {
        if let codes, codes.isEmpty { return [] }
        var result: [TerritoryShape] = []
        if let codes {
            for chunk in Array(Set(codes)).sorted().chunked(500) {
                result += try await TerritoryShape.query(on: database).filter(\.$level == level.rawValue).filter(\.$code ~~ Array(chunk)).all()
            }
        } else {
            result = try await TerritoryShape.query(on: database).filter(\.$level == level.rawValue).all()
        }
        return result.sorted { $0.code < $1.code }.compactMap(drawable)
    }

    /// Whether any contour of `level` among `codes` is loaded (one cheap query).
    public static func hasShapes(_ level: ShapeLevel, codes: [String]? = nil, on database: any Database) async throws -> Bool {
        var query = TerritoryShape.query(on: database).filter(\.$level == level.rawValue)
        if let codes { query = query.filter(\.$code ~~ Array(codes.prefix(2000))) }
        return try await query.first() != nil
    }

    /// The QPV contours of the QPV touching `communeCodes` (through the QPV list, or the contour's own commune).
    public static func qpvShapes(inCommunes communeCodes: [String], on database: any Database) async throws -> [Drawable] {
        guard !communeCodes.isEmpty else { return [] }
        var qpvCodes = Set<String>()
        for chunk in Array(Set(communeCodes)).sorted().chunked(500) {
            qpvCodes.formUnion(try await QPVCommune.query(on: database).filter(\.$communeCode ~~ Array(chunk)).all().map(\.qpvCode))
        }
        var shapes = try await Self.shapes(.qpv, codes: Array(qpvCodes), on: database)
        let known = Set(shapes.map(\.code))
        for chunk in Array(Set(communeCodes)).sorted().chunked(500) {
            let extra = try await TerritoryShape.query(on: database).filter(\.$level == ShapeLevel.qpv.rawValue)
                .filter(\.$communeCode ~~ Array(chunk)).all()
            shapes += extra.filter { !known.contains($0.code) }.compactMap(drawable)
        }
        return shapes.sorted { $0.code < $1.code }
    }
}
