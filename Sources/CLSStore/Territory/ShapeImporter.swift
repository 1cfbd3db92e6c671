import CLSCore
import FluentKit
import Foundation
import SQLKit

/// The contours of the maps, stored as GeoJSON coordinates text.
public enum ShapeGeometry {
    /// `[[[[lon,lat],…]]]` with five decimals (about a metre), the shortest faithful text.
    public static func encode(_ polygons: [[[GeoPoint]]]) -> String {
        var text = "["
        for (polygonIndex, polygon) in polygons.enumerated() {
            if polygonIndex > 0 { text += "," }
            text += "["
            for (ringIndex, ring) in polygon.enumerated() {
                if ringIndex > 0 { text += "," }
                text += "["
                for (pointIndex, point) in ring.enumerated() {
                    if pointIndex > 0 { text += "," }
                    text += "[\(number(point.longitude)),\(number(point.latitude))]"
                }
                text += "]"
            }
            text += "]"
        }
        return text + "]"
    }

    static func number(_ value: Double) -> String {
        let rounded = (value * 100_000).rounded() / 100_000
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    public static func decode(_ text: String) -> [[[GeoPoint]]] {
        guard let raw = try? JSONDecoder().decode([[[[Double]]]].self, from: Data(text.utf8)) else { return [] }
        return raw.map { polygon in
            polygon.map { ring in ring.compactMap { $0.count >= 2 ? GeoPoint(longitude: $0[0], latitude: $0[1]) : nil } }
        }
    }

    /// FNV-1a, 64 bits: tells whether a contour changed between two imports (not a security digest).
    static func checksum(_ parts: [String]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for part in parts {
            for byte in part.utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x100_0000_01b3
            }
            hash ^= 0x1f
            hash = hash &* 0x100_0000_01b3
        }
        return String(hash, radix: 16)
    }
}

/// Writes the contours of one level in one transaction, upserting by code: importing the same file
/// again changes nothing; contours of other codes (another department's communes) are kept.
public enum ShapeImporter {
    public struct Report: Sendable, Equatable {
        public var level: ShapeLevel
        public var total = 0
        public var added = 0
        public var changed = 0
        public var unchanged = 0
        public var overseas = 0
    }

    public static func key(level: ShapeLevel, code: String) -> String { "\(level.rawValue):\(code)" }

    public static func apply(_ shapes: [TerritoryShapeRecord], level: ShapeLevel, vintage: String,
                             using mutations: Mutations) async throws -> Report {
        try AccessPolicy.require(mutations.actor.subject, .importReferenceData)
        return try await mutations.transaction { tx in
            guard let sql = tx.database as? any SQLDatabase else { throw StoreError.sqlUnavailable }
            var report = Report(level: level)
            var known: [String: String] = [:]
            for row in try await sql.select().column("key").column("checksum").from(TerritoryShape.schema)
                .where("level", .equal, level.rawValue).all() {
                known[try row.decode(column: "key", as: String.self)] = try row.decode(column: "checksum", as: String.self)
            }
            var changedRows: [(key: String, shape: TerritoryShapeRecord, coordinates: String, checksum: String)] = []
            for shape in shapes where shape.level == level {
                report.total += 1
                if shape.isOverseas { report.overseas += 1 }
                let coordinates = ShapeGeometry.encode(shape.polygons)
                let checksum = ShapeGeometry.checksum([shape.name, shape.communeCode ?? "", coordinates])
                let key = key(level: level, code: shape.code)
                switch known[key] {
                case nil: report.added += 1
                case checksum?: report.unchanged += 1; continue
                default: report.changed += 1
                }
                changedRows.append((key, shape, coordinates, checksum))
            }
            // Contours are long: small batches keep each statement well under the engines' limits.
            for chunk in changedRows.chunked(50) {
                let insert = sql.insert(into: TerritoryShape.schema)
                    .columns("key", "level", "code", "name", "commune_code", "coordinates", "checksum", "vintage")
                for row in chunk {
                    insert.values(SQLBind(row.key), SQLBind(level.rawValue), SQLBind(row.shape.code), SQLBind(row.shape.name),
                                  SQLBind(row.shape.communeCode), SQLBind(row.coordinates), SQLBind(row.checksum), SQLBind(vintage))
                }
                try await insert.onConflict(with: ["key"]) {
                    try $0.set(excludedValueOf: "name").set(excludedValueOf: "commune_code").set(excludedValueOf: "coordinates")
                        .set(excludedValueOf: "checksum").set(excludedValueOf: "vintage")
                }.run()
            }
            try await tx.recordEvent(.create, entityType: "shapes", entityId: level.rawValue, entityLabel: "Contours : \(level.label.lowercased())",
                                     changes: [FieldChange(field: "vintage", label: "Millésime", old: nil, new: vintage),
                                               FieldChange(field: "shapes", label: "Contours", old: nil,
                                                           new: "\(report.total) dont \(report.added) nouveaux, \(report.changed) modifiés, \(report.unchanged) inchangés")])
            return report
        }
    }
}
