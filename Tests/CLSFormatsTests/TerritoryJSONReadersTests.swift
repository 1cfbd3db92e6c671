import XCTest
@testable import CLSFormats

/// Filosofi (JSON and gzip JSON) and GeoJSON readers on self-made files.
final class TerritoryJSONReadersTests: XCTestCase {
    // MARK: Filosofi communes

    static let filosofiCommunes = """
        {"meta": {"source": "essai", "data_year": 2021},
         "communes": {"01004": {"median_eur": 21660, "minima_pct": 3.0},
                      "01001": {"median_eur": 25820},
                      "2A004": {"median_eur": 21010.4, "minima_pct": null}}}
        """

    func testFilosofiCommunes() throws {
        let result = try FilosofiCommunesReader.read(data: Data(Self.filosofiCommunes.utf8), fileName: "filosofi.json")
        XCTAssertEqual(result.dataYear, 2021)
        XCTAssertEqual(result.records, [
            FilosofiCommuneRecord(code: "01001", medianIncomeEuros: 25820, minimumBenefitsSharePercent: nil),
            FilosofiCommuneRecord(code: "01004", medianIncomeEuros: 21660, minimumBenefitsSharePercent: 3.0),
            FilosofiCommuneRecord(code: "2A004", medianIncomeEuros: 21010, minimumBenefitsSharePercent: nil),
        ])
    }

    func testFilosofiCommunesRefusals() {
        assertTerritoryRefusal(.malformedJSON(file: "f.json", line: 2, column: nil), mentions: ["« f.json » n'est pas un fichier JSON valide"]) {
            do {
                return try FilosofiCommunesReader.read(data: Data("{\"communes\": {\n \"01004\": {\"median_eur\": 21660,,}}}".utf8), fileName: "f.json")
            } catch TerritoryFileError.malformedJSON(let file, let line, let column) {
                XCTAssertNotNil(column)
                throw TerritoryFileError.malformedJSON(file: file, line: line, column: nil)
            }
        }
        assertTerritoryRefusal(.malformedJSON(file: "f.json", line: 1, column: 1)) {
            try FilosofiCommunesReader.read(data: Data("code;median\n01004;21660".utf8), fileName: "f.json")
        }
        assertTerritoryRefusal(.emptyFile(file: "f.json")) { try FilosofiCommunesReader.read(data: Data(" \n".utf8), fileName: "f.json") }
        assertTerritoryRefusal(.unexpectedJSON(file: "f.json", kind: FilosofiCommunesReader.kind, path: "communes",
                                               expected: "un objet « communes » dont les clés sont des codes"),
                               mentions: ["ne ressemble pas à le fichier Filosofi"]) {
            try FilosofiCommunesReader.read(data: Data(#"{"meta": {}, "iris": {}}"#.utf8), fileName: "f.json")
        }
        assertTerritoryRefusal(.unexpectedJSON(file: "f.json", kind: FilosofiCommunesReader.kind, path: "(racine)",
                                               expected: "un objet JSON avec les clés « meta » et « communes »")) {
            try FilosofiCommunesReader.read(data: Data("[1, 2]".utf8), fileName: "f.json")
        }
        assertTerritoryRefusal(.unexpectedJSON(file: "f.json", kind: FilosofiCommunesReader.kind, path: #"communes["1004"]"#,
                                               expected: "un code commune INSEE de 5 caractères comme clé, comme « 01004 »")) {
            try FilosofiCommunesReader.read(data: Data(#"{"communes": {"1004": {"median_eur": 21660}}}"#.utf8), fileName: "f.json")
        }
        assertTerritoryRefusal(.unexpectedJSON(file: "f.json", kind: FilosofiCommunesReader.kind, path: #"communes["01004"].median_eur"#,
                                               expected: "un nombre entre 0 et 10000000, trouvé « 21 660 »"),
                               mentions: [#"communes["01004"].median_eur"#, "« 21 660 »"]) {
            try FilosofiCommunesReader.read(data: Data(#"{"communes": {"01004": {"median_eur": "21 660"}}}"#.utf8), fileName: "f.json")
        }
        assertTerritoryRefusal(.unexpectedJSON(file: "f.json", kind: FilosofiCommunesReader.kind, path: #"communes["01004"].median_eur"#,
                                               expected: "un revenu médian en euros")) {
            try FilosofiCommunesReader.read(data: Data(#"{"communes": {"01004": {"minima_pct": 3.0}}}"#.utf8), fileName: "f.json")
        }
        assertTerritoryRefusal(.unexpectedJSON(file: "f.json", kind: FilosofiCommunesReader.kind, path: #"communes["01004"].minima_pct"#,
                                               expected: "un nombre entre 0 et 100, trouvé « true »")) {
            try FilosofiCommunesReader.read(data: Data(#"{"communes": {"01004": {"median_eur": 1, "minima_pct": true}}}"#.utf8), fileName: "f.json")
        }
    }

    // MARK: Gzip and Filosofi IRIS

    static let iris = #"""
        {"meta": {"data_year": 2021},
         "iris": {"010040101": {"median_eur": 20350, "poverty_rate_pct": 19, "gini": 0.237},
                  "2A0040101": {"median_eur": 18570, "gini": 0.246}}}
        """#

    func testFilosofiIRISFromGzipAndFromPlainJSON() throws {
        let gzip = try Gzip.compress(Data(Self.iris.utf8))
        XCTAssertEqual(Array(gzip.prefix(3)), [0x1F, 0x8B, 8])
        let result = try FilosofiIRISReader.read(data: gzip, fileName: "iris.json.gz")
        XCTAssertEqual(result.dataYear, 2021)
        XCTAssertEqual(result.records, [
            FilosofiIRISRecord(code: "010040101", medianIncomeEuros: 20350, povertyRatePercent: 19, gini: 0.237),
            FilosofiIRISRecord(code: "2A0040101", medianIncomeEuros: 18570, povertyRatePercent: nil, gini: 0.246),
        ])
        XCTAssertEqual(result.records.map(\.communeCode), ["01004", "2A004"])
        XCTAssertEqual(try FilosofiIRISReader.read(data: Data(Self.iris.utf8), fileName: "iris.json"), result)
    }

    func testGzipHeaderWithOptionalFields() throws {
        let plain = Data("contenu d'essai, contenu d'essai, contenu d'essai".utf8)
        let simple = try Gzip.compress(plain)
        let deflate = simple[simple.startIndex + 10 ..< simple.endIndex - 8]
        let trailer = simple.suffix(8)
        // FEXTRA (2 bytes of extra), FNAME, FCOMMENT and FHCRC.
        var header = Data([0x1F, 0x8B, 8, 0x04 | 0x08 | 0x10 | 0x02, 0, 0, 0, 0, 0, 3])
        header.append(contentsOf: [2, 0, 0xAB, 0xCD])
        header.append(Data("essai.json\u{0}".utf8))
        header.append(Data("un commentaire\u{0}".utf8))
        let headerCRC = header.crc32(checksum: 0)
        header.append(contentsOf: [UInt8(headerCRC & 0xFF), UInt8(headerCRC >> 8 & 0xFF)])
        XCTAssertEqual(try Gzip.decompress(header + deflate + trailer, fileName: "e.gz", maxBytes: 1_000), plain)

        var badHeaderCRC = header
        badHeaderCRC[badHeaderCRC.endIndex - 1] ^= 0xFF
        assertTerritoryRefusal(.corruptGzip(file: "e.gz", detail: "somme de contrôle de l'en-tête inexacte")) {
            try Gzip.decompress(badHeaderCRC + deflate + trailer, fileName: "e.gz", maxBytes: 1_000)
        }
    }

    func testGzipRefusals() throws {
        let plain = Data(String(repeating: "Filosofi ", count: 200).utf8)
        let gzip = try Gzip.compress(plain)

        assertTerritoryRefusal(.notGzip(file: "e.gz"), mentions: ["n'est pas un fichier compressé gzip"]) {
            try Gzip.decompress(plain, fileName: "e.gz", maxBytes: 10_000)
        }
        var badCRC = gzip
        badCRC[badCRC.endIndex - 8] ^= 0x01
        assertTerritoryRefusal(.corruptGzip(file: "e.gz", detail: "somme de contrôle inexacte"), mentions: ["endommagé"]) {
            try Gzip.decompress(badCRC, fileName: "e.gz", maxBytes: 10_000)
        }
        var badSize = gzip
        badSize[badSize.endIndex - 4] ^= 0x01
        assertTerritoryRefusal(.corruptGzip(file: "e.gz", detail: "taille annoncée inexacte")) {
            try Gzip.decompress(badSize, fileName: "e.gz", maxBytes: 10_000)
        }
        var badMethod = gzip
        badMethod[badMethod.startIndex + 2] = 7
        assertTerritoryRefusal(.corruptGzip(file: "e.gz", detail: "méthode de compression inconnue")) {
            try Gzip.decompress(badMethod, fileName: "e.gz", maxBytes: 10_000)
        }
        // Cut in the middle of the deflate stream, the last 8 bytes are taken as a trailer: whichever
        // check fails first, the file is refused as damaged.
        let truncated = gzip.prefix(gzip.count / 2)
        XCTAssertThrowsError(try Gzip.decompress(truncated, fileName: "e.gz", maxBytes: 10_000)) { error in
            guard case .corruptGzip(file: "e.gz", _)? = error as? TerritoryFileError else {
                return XCTFail("expected a damaged gzip, got \(error)")
            }
        }
        assertTerritoryRefusal(.corruptGzip(file: "e.gz", detail: "fichier tronqué")) {
            try Gzip.decompress(gzip.prefix(12), fileName: "e.gz", maxBytes: 10_000)
        }
    }

    func testGzipBombIsStoppedAtTheLimit() throws {
        // 8 MB of zeros compress to about 8 KB: a thousand-fold expansion.
        let bomb = try Gzip.compress(Data(count: 8 * 1024 * 1024))
        XCTAssertLessThan(bomb.count, 20_000)
        assertTerritoryRefusal(.decompressedTooLarge(file: "bombe.json.gz", limitBytes: 1_000_000),
                               mentions: ["« bombe.json.gz »", "une fois décompressé", "1 Mo"]) {
            try FilosofiIRISReader.read(data: bomb, fileName: "bombe.json.gz", maxDecompressedBytes: 1_000_000)
        }
    }

    func testFilosofiIRISRefusals() throws {
        assertTerritoryRefusal(.unexpectedJSON(file: "i.json", kind: FilosofiIRISReader.kind, path: #"iris["01004010"]"#,
                                               expected: "un code IRIS de 9 caractères comme clé, comme « 010040101 »")) {
            try FilosofiIRISReader.read(data: Data(#"{"iris": {"01004010": {"gini": 0.2}}}"#.utf8), fileName: "i.json")
        }
        assertTerritoryRefusal(.unexpectedJSON(file: "i.json.gz", kind: FilosofiIRISReader.kind, path: #"iris["010040101"].gini"#,
                                               expected: "un nombre entre 0 et 1, trouvé « 23.7 »")) {
            try FilosofiIRISReader.read(data: Gzip.compress(Data(#"{"iris": {"010040101": {"gini": 23.7}}}"#.utf8)), fileName: "i.json.gz")
        }
        assertTerritoryRefusal(.malformedJSON(file: "i.json.gz", line: 1, column: 1)) {
            try FilosofiIRISReader.read(data: Gzip.compress(Data("<html>".utf8)), fileName: "i.json.gz")
        }
    }

    // MARK: GeoJSON

    static let geojson = """
        {"type": "FeatureCollection", "features": [
          {"type": "Feature", "properties": {"code": "93001", "nom": "Aubervilliers", "rang": 3, "part": 0.5, "actif": true, "vide": null},
           "geometry": {"type": "Polygon", "coordinates": [[[2.39, 48.9], [2.41, 48.9], [2.41, 48.92], [2.39, 48.9]]]}},
          {"type": "Feature", "properties": {"code_qp": "QN09301M"},
           "geometry": {"type": "MultiPolygon", "coordinates": [
             [[[2.0, 48.0], [2.1, 48.0], [2.1, 48.1], [2.0, 48.0]], [[2.01, 48.01], [2.02, 48.01], [2.02, 48.02], [2.01, 48.01]]],
             [[[3.0, 49.0], [3.1, 49.0], [3.1, 49.1], [3.0, 49.0]]]]}},
          {"type": "Feature", "properties": null, "geometry": null}
        ]}
        """

    func testGeoJSONPolygonsMultiPolygonsAndProperties() throws {
        let collection = try GeoJSONReader.read(data: Data(Self.geojson.utf8), fileName: "contours.geojson")
        XCTAssertEqual(collection.features.count, 3)
        let first = collection.features[0]
        XCTAssertEqual(first.properties, ["code": "93001", "nom": "Aubervilliers", "rang": "3", "part": "0.5", "actif": "true"])
        XCTAssertEqual(first.geometry?.kind, .polygon)
        XCTAssertEqual(first.geometry?.polygons.count, 1)
        XCTAssertEqual(first.geometry?.polygons[0][0].first, GeoPosition(longitude: 2.39, latitude: 48.9))
        let second = try XCTUnwrap(collection.features[1].geometry)
        XCTAssertEqual(second.kind, .multiPolygon)
        XCTAssertEqual(second.polygons.map(\.count), [2, 1], "the first polygon has a hole")
        XCTAssertEqual(second.polygons[1][0][2], GeoPosition(longitude: 3.1, latitude: 49.1))
        XCTAssertEqual(collection.features[2], GeoJSONFeature(properties: [:], geometry: nil))
    }

    func testGeoJSONRefusals() {
        func read(_ text: String) throws -> GeoJSONFeatureCollection {
            try GeoJSONReader.read(data: Data(text.utf8), fileName: "carte.geojson")
        }
        func feature(_ geometry: String) -> String {
            #"{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}, "geometry": \#(geometry)}]}"#
        }
        let kind = GeoJSONReader.kind
        assertTerritoryRefusal(.malformedJSON(file: "carte.geojson", line: 1, column: 1), mentions: ["n'est pas un fichier JSON valide"]) {
            try read("REG,CHEFLIEU\n11,75056")
        }
        assertTerritoryRefusal(.unexpectedJSON(file: "carte.geojson", kind: kind, path: "type",
                                               expected: "« FeatureCollection », trouvé « rien »"),
                               mentions: ["ne ressemble pas à un fichier GeoJSON de contours"]) {
            try read(Self.filosofiCommunes)
        }
        assertTerritoryRefusal(.unexpectedJSON(file: "carte.geojson", kind: kind, path: "features[0].geometry.type",
                                               expected: "une surface « Polygon » ou « MultiPolygon », trouvé « Point » (points et lignes ne peuvent pas être coloriés sur une carte)")) {
            try read(feature(#"{"type": "Point", "coordinates": [2.3, 48.8]}"#))
        }
        assertTerritoryRefusal(.unexpectedJSON(file: "carte.geojson", kind: kind, path: "features[0].geometry.coordinates[0]",
                                               expected: "un anneau fermé d'au moins 4 positions, la dernière égale à la première")) {
            try read(feature(#"{"type": "Polygon", "coordinates": [[[2.0, 48.0], [2.1, 48.0], [2.1, 48.1], [2.0, 48.1]]]}"#))
        }
        assertTerritoryRefusal(.unexpectedJSON(file: "carte.geojson", kind: kind, path: "features[0].geometry.coordinates[0][1]",
                                               expected: "une position [longitude, latitude]")) {
            try read(feature(#"{"type": "Polygon", "coordinates": [[[2.0, 48.0], ["2.1", 48.0], [2.1, 48.1], [2.0, 48.0]]]}"#))
        }
        assertTerritoryRefusal(.unexpectedJSON(file: "carte.geojson", kind: kind, path: "features[0].geometry.coordinates[0][0]",
                                               expected: "une longitude et une latitude en degrés (WGS84), trouvé [652469, 6862035] : le fichier est sans doute dans une autre projection (Lambert-93…), reprojetez-le en WGS84 (EPSG:4326)"),
                               mentions: ["EPSG:4326"]) {
            try read(feature(#"{"type": "Polygon", "coordinates": [[[652469, 6862035], [652470, 6862035], [652470, 6862036], [652469, 6862035]]]}"#))
        }
        assertTerritoryRefusal(.unexpectedJSON(file: "carte.geojson", kind: kind, path: "features[1]", expected: "un objet de type « Feature »")) {
            try read(#"{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}, "geometry": null}, {"type": "Polygon"}]}"#)
        }
        assertTerritoryRefusal(.unexpectedJSON(file: "carte.geojson", kind: kind, path: "features", expected: "une liste d'objets « Feature »")) {
            try read(#"{"type": "FeatureCollection"}"#)
        }
        assertTerritoryRefusal(.unexpectedJSON(file: "carte.geojson", kind: kind, path: "features[0].properties",
                                               expected: "un objet de propriétés ou null")) {
            try read(#"{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": [1], "geometry": null}]}"#)
        }
    }
}
