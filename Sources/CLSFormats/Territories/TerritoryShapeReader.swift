import CLSCore
import Foundation

/// Turns a GeoJSON file of contours into the shapes of one level (regions, departments, communes
/// or QPV), finding the code and the name among the property names the official publishers use
/// (`code`/`nom` for the IGN-derived files, `code_qp`/`lib_qp`/`insee_com` for the ANCT QPV
/// contours). Every feature needs a well-formed code of that level and a contour; a code seen
/// twice, a missing property or a code of another level is refused, naming the feature.
public enum TerritoryShapeReader {
    static let codeProperties: [ShapeLevel: [String]] = [
        .region: ["code", "code_reg", "reg", "insee_reg", "code_insee"],
        .department: ["code", "code_dep", "dep", "insee_dep", "code_insee"],
        .commune: ["code", "insee_com", "code_insee", "codgeo", "insee"],
        .qpv: ["code_qp", "code_qpv", "code", "qp"],
    ]
    static let nameProperties: [ShapeLevel: [String]] = [
        .region: ["nom", "libelle", "nom_reg", "lib_reg", "name"],
        .department: ["nom", "libelle", "nom_dep", "lib_dep", "name"],
        .commune: ["nom", "libelle", "nom_com", "lib_com", "name"],
        .qpv: ["lib_qp", "nom_qp", "nom_qpv", "lib_qpv", "nom", "name"],
    ]

    public static func read(contentsOf url: URL, level: ShapeLevel) throws -> [TerritoryShapeRecord] {
        try shapes(of: GeoJSONReader.read(contentsOf: url), level: level, fileName: url.lastPathComponent)
    }

    public static func read(data: Data, fileName: String, level: ShapeLevel) throws -> [TerritoryShapeRecord] {
        try shapes(of: GeoJSONReader.read(data: data, fileName: fileName), level: level, fileName: fileName)
    }

    static func shapes(of collection: GeoJSONFeatureCollection, level: ShapeLevel, fileName: String) throws -> [TerritoryShapeRecord] {
        let kind = "un fichier de contours de niveau « \(level.label.lowercased()) »"
        guard !collection.features.isEmpty else {
            throw TerritoryFileError.unexpectedJSON(file: fileName, kind: kind, path: "features", expected: "au moins un contour")
        }
        var seen: [String: Int] = [:]
        var result: [TerritoryShapeRecord] = []
        result.reserveCapacity(collection.features.count)
        for (index, feature) in collection.features.enumerated() {
            let path = "features[\(index)]"
            func property(_ names: [String]) -> (name: String, value: String)? {
                let lowered = Dictionary(feature.properties.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })
                for name in names {
                    if let value = lowered[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty { return (name, value) }
                }
                return nil
            }
            let codeNames = codeProperties[level] ?? []
            guard let code = property(codeNames) else {
                throw TerritoryFileError.unexpectedJSON(file: fileName, kind: kind, path: "\(path).properties",
                                                        expected: "un code dans l'une des propriétés \(codeNames.map { "« \($0) »" }.joined(separator: ", "))")
            }
            guard level.accepts(code.value) else {
                throw TerritoryFileError.unexpectedJSON(file: fileName, kind: kind, path: "\(path).properties.\(code.name)",
                                                        expected: "un code de \(level.label.lowercased()), trouvé « \(code.value) » : le niveau choisi est-il le bon ?")
            }
            if let first = seen[code.value] {
                throw TerritoryFileError.unexpectedJSON(file: fileName, kind: kind, path: "\(path).properties.\(code.name)",
                                                        expected: "un code unique, « \(code.value) » figure déjà dans features[\(first)]")
            }
            seen[code.value] = index
            guard let geometry = feature.geometry else {
                throw TerritoryFileError.unexpectedJSON(file: fileName, kind: kind, path: "\(path).geometry",
                                                        expected: "un contour (Polygon ou MultiPolygon) pour « \(code.value) »")
            }
            let name = property(nameProperties[level] ?? [])?.value ?? code.value
            let commune = level == .qpv ? property(["insee_com", "code_insee", "insee"])?.value : nil
            result.append(TerritoryShapeRecord(
                level: level, code: code.value, name: name, communeCode: commune,
                polygons: geometry.polygons.map { polygon in
                    polygon.map { ring in ring.map { GeoPoint(longitude: $0.longitude, latitude: $0.latitude) } }
                }))
        }
        return result
    }
}
