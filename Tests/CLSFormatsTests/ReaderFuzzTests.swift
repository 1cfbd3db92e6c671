import CLSCore
import Foundation
import XCTest
@testable import CLSFormats

/// A seeded fuzzer over every reader of uploaded files: the XLSX reader (through the plan
/// reader), the zip container, and each CSV, JSON, GeoJSON and gzip reader of the territorial
/// reference. Each case mutates a valid file and reads it: the reader must return or throw,
/// never crash the process nor loop.
///
/// `CLS_FUZZ_CASES` sets the number of cases (default 2,400 across formats, the CI run);
/// `CLS_FUZZ_SEED` the seed (default fixed, so that a CI failure reproduces). A long run:
/// `CLS_FUZZ_CASES=200000 CLS_FUZZ_SEED=$RANDOM swift test --filter ReaderFuzzTests`.
/// Before each case its input is written to `$TMPDIR/cls-fuzz-current.bin` (with its format
/// in `cls-fuzz-current.txt`): after a crash, that file is the input that caused it.
final class ReaderFuzzTests: XCTestCase {
    struct Target {
        let name: String
        let seeds: [Data]
        /// Share of the cases, relative to the others (the workbook's XML parts, where the
        /// process-killing inputs were found, get more).
        var weight = 1
        let read: (Data) throws -> Void
    }

    /// How long one case may take before it counts as a hang. Not a speed measure: the inputs
    /// are a few kilobytes and read in milliseconds; only a loop comes near this bound.
    static let hangBound: TimeInterval = 20

    func testEveryReaderSurvivesMutatedFiles() throws {
        let environment = ProcessInfo.processInfo.environment
        let totalCases = environment["CLS_FUZZ_CASES"].flatMap(Int.init) ?? 2_400
        let seed = environment["CLS_FUZZ_SEED"].flatMap(UInt64.init) ?? 0x0C15_F022
        let targets = try Self.targets()
        let totalWeight = targets.reduce(0) { $0 + $1.weight }
        let scratch = FileManager.default.temporaryDirectory
        var generator = SplitMix64(seed: seed)
        var outcomes: [String: (accepted: Int, refused: Int)] = [:]
        var slowest: (name: String, seconds: TimeInterval) = ("", 0)

        for target in targets {
            for index in 0..<max(1, totalCases * target.weight / totalWeight) {
                let base = target.seeds[Int(generator.next() % UInt64(target.seeds.count))]
                let input = index == 0 ? base : Mutator.mutate(base, using: &generator)
                try? input.write(to: scratch.appendingPathComponent("cls-fuzz-current.bin"))
                try? Data("\(target.name) case \(index) seed \(seed)".utf8).write(to: scratch.appendingPathComponent("cls-fuzz-current.txt"))
                let start = Date()
                do {
                    try target.read(input)
                    outcomes[target.name, default: (0, 0)].accepted += 1
                } catch {
                    outcomes[target.name, default: (0, 0)].refused += 1
                    XCTAssertFalse("\(error)".isEmpty)
                }
                let seconds = Date().timeIntervalSince(start)
                if seconds > slowest.seconds { slowest = ("\(target.name) case \(index)", seconds) }
                XCTAssertLessThan(seconds, Self.hangBound, "\(target.name) case \(index) (seed \(seed)) looks like a hang")
            }
            // Each seed file itself is valid: the fuzzer exercises the readers, not only their refusals.
            XCTAssertGreaterThan(outcomes[target.name]?.accepted ?? 0, 0, "\(target.name): even the unmutated seed was refused")
        }
        let total = outcomes.values.reduce(0) { $0 + $1.accepted + $1.refused }
        XCTAssertGreaterThanOrEqual(total, min(totalCases, 2_000) - targets.count)
        print("fuzz: \(total) cases over \(targets.count) readers (seed \(seed)); slowest \(slowest.name), "
              + String(format: "%.2f s", slowest.seconds))
        for (name, outcome) in outcomes.sorted(by: { $0.key < $1.key }) {
            print("fuzz:   \(name): \(outcome.accepted) read, \(outcome.refused) refused")
        }
    }

    /// The mutator is deterministic for a seed: the same case reproduces.
    func testMutationsAreReproducible() {
        let base = Data("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>".utf8)
        var first = SplitMix64(seed: 42), second = SplitMix64(seed: 42)
        let a = (0..<50).map { _ in Mutator.mutate(base, using: &first) }
        let b = (0..<50).map { _ in Mutator.mutate(base, using: &second) }
        XCTAssertEqual(a, b)
        XCTAssertGreaterThan(Set(a).count, 40, "mutations must differ from one case to the next")
    }

    // MARK: - Targets

    static func targets() throws -> [Target] {
        let plan = try PlanSpreadsheetWriter.write(PlanSpreadsheetTests.richDocument(), title: "Programme d'actions")
        var small = XLSXWriter.Sheet(name: "Feuille 1")
        small.append([.text("Titre"), .text("Statut"), .number(12.5)])
        small.append([.text("Prévention « été »"), .text("en cours"), .number(3)])
        let simple = try XLSXWriter(sheets: [small]).data()
        let planParts = try XLSXFixture.parts(of: plan)

        func readWorkbook(_ data: Data) throws {
            let reader = try XLSXReader(data: data)
            for index in reader.sheetInfos.indices { _ = try reader.sheet(at: index) }
        }

        let geojson = Data(TerritoryJSONReadersTests.geojson.utf8)
        let iris = Data(TerritoryJSONReadersTests.iris.utf8)
        let departments = TerritoryFixture.crlf(["DEP,REG,CHEFLIEU,TNCC,NCC,NCCENR,LIBELLE", "01,84,01053,5,AIN,Ain,Ain",
                                                 "2A,94,2A004,3,CORSE DU SUD,Corse-du-Sud,Corse-du-Sud"])
        let regions = TerritoryFixture.lf(["REG,CHEFLIEU,TNCC,NCC,NCCENR,LIBELLE", "01,97105,3,GUADELOUPE,Guadeloupe,Guadeloupe"])
        let qpv = TerritoryFixture.crlf(["code_qpv,nom_qpv,insee_communes", "QN00101M,Grande Reyssouze Terre Des Fleurs,01053",
                                         "QN03016M,\"La Grand-Combe, les Salles du Gardon\",30051|30132"])

        return [
            // The plan import: whole workbooks, and workbooks rebuilt around one mutated part
            // (so that the mutations reach the XML parser past the zip checks).
            Target(name: "classeur de programme", seeds: [plan]) { data in _ = try PlanSpreadsheetReader.read(data: data) },
            partMutations(of: planParts),
            Target(name: "classeur simple", seeds: [simple], read: readWorkbook),
            Target(name: "COG communes", seeds: [TerritoryFixture.crlf(TerritoryCSVReadersTests.cogLines)]) {
                _ = try COGCommunesReader.read(data: $0, fileName: "communes.csv")
            },
            Target(name: "COG départements", seeds: [departments]) { _ = try DepartmentsReader.read(data: $0, fileName: "departements.csv") },
            Target(name: "COG régions", seeds: [regions]) { _ = try RegionsReader.read(data: $0, fileName: "regions.csv") },
            Target(name: "mouvements des communes", seeds: [TerritoryFixture.crlf(CommuneEventsReaderTests.lines)]) {
                _ = try CommuneEventsReader.read(data: $0, fileName: "mvt.csv")
            },
            Target(name: "populations légales", seeds: [TerritoryFixture.crlf(TerritoryCSVReadersTests.populationLines)]) {
                _ = try LegalPopulationsReader.read(data: $0, fileName: "pop.csv")
            },
            Target(name: "périmètres des EPCI", seeds: [TerritoryFixture.windows1252(TerritoryCSVReadersTests.epciLines.joined(separator: "\r\n") + "\r\n")]) {
                _ = try EPCIPerimeterReader.read(data: $0, fileName: "epci.csv")
            },
            Target(name: "QPV", seeds: [qpv]) { _ = try QPVReader.read(data: $0, fileName: "qpv.csv") },
            Target(name: "statistiques locales", seeds: [LocalStatisticsReaderTests.export(LocalStatisticsReaderTests.table([
                "01004;Ambérieu-en-Bugey;11.1;23250", "2A004;Ajaccio;18.4;22370"]))]) {
                _ = try LocalStatisticsReader.read(data: $0, fileName: "stats.csv")
            },
            Target(name: "Filosofi communes (JSON)", seeds: [Data(TerritoryJSONReadersTests.filosofiCommunes.utf8)]) {
                _ = try FilosofiCommunesReader.read(data: $0, fileName: "filosofi.json")
            },
            Target(name: "Filosofi IRIS (JSON et gzip)", seeds: [iris, try Gzip.compress(iris)]) {
                _ = try FilosofiIRISReader.read(data: $0, fileName: "iris.json.gz", maxDecompressedBytes: 4 * 1024 * 1024)
            },
            Target(name: "GeoJSON", seeds: [geojson]) { _ = try GeoJSONReader.read(data: $0, fileName: "contours.geojson") },
            Target(name: "contours des communes", seeds: [Data("""
                {"type": "FeatureCollection", "features": [
                  {"type": "Feature", "properties": {"code": "93001", "nom": "Aubervilliers"},
                   "geometry": {"type": "Polygon", "coordinates": [[[2.39, 48.9], [2.41, 48.9], [2.41, 48.92], [2.39, 48.9]]]}},
                  {"type": "Feature", "properties": {"insee_com": "2A004", "nom": "Ajaccio"},
                   "geometry": {"type": "MultiPolygon", "coordinates": [[[[8.7, 41.9], [8.8, 41.9], [8.8, 42.0], [8.7, 41.9]]]]}}]}
                """.utf8)]) {
                _ = try TerritoryShapeReader.read(data: $0, fileName: "communes.geojson", level: .commune)
            },
        ]
    }
}

extension ReaderFuzzTests {
    /// Cases that pick one part of a workbook, mutate its content and rebuild the zip. The
    /// fuzzed input is noise (a mutated empty seed) whose bytes seed the choice of the part and
    /// of its mutations; the unmutated case reads the workbook as it is.
    static func partMutations(of parts: [String: Data]) -> Target {
        Target(name: "parties XML d'un classeur", seeds: [Data()], weight: 5) { noise in
            var generator = SplitMix64(seed: noise.reduce(UInt64(noise.count)) { $0 &* 31 &+ UInt64($1) })
            let paths = parts.keys.sorted()
            let path = paths[Int(generator.next() % UInt64(paths.count))]
            var rebuilt = parts
            if !noise.isEmpty, let original = parts[path] { rebuilt[path] = Mutator.mutate(original, using: &generator) }
            let data = try ZipPackageWriter.archive(rebuilt.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
            let reader = try XLSXReader(data: data)
            for index in reader.sheetInfos.indices { _ = try reader.sheet(at: index) }
            _ = try PlanSpreadsheetReader.read(data: data)
        }
    }
}

/// SplitMix64: a small, well-known generator whose sequence is fixed by its seed.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Byte-level mutations, biased towards what breaks parsers: invalid UTF-8, structural
/// characters, declarations, huge numbers, deep nesting, cut and repeated slices.
enum Mutator {
    static let interestingBytes: [UInt8] = [0x00, 0xFF, 0xFE, 0xC3, 0xC0, 0x80, 0xBF, 0xED, 0xF4, 0x7F, 0x0A, 0x0D, 0x09,
                                            0x22, 0x27, 0x3C, 0x3E, 0x26, 0x3B, 0x2C, 0x7B, 0x7D, 0x5B, 0x5D, 0x3A, 0x2F]
    static let tokens: [String] = [
        "<!DOCTYPE x [<!ENTITY a \"b\">]>", "&#0;", "&#xD800;", "&#x110000;", "&a;", "]]>", "<![CDATA[", "<?xml version=\"1.0\" encoding=\"UTF-16\"?>",
        "\u{FEFF}", "NaN", "1e309", "-0", "99999999999999999999", "-1", "\"", "\"\"", ",,,,", ";;;;", "\r\n", "\n\n\n",
        "null", "true", "[]", "{}", "{\"a\":", "r=\"XFD1048576\"", "r=\"A0\"", "t=\"s\"", "<v>4294967296</v>", "<c", "</row>",
        "Relationship", "Target=\"../../../../etc/passwd\"", "<sheet name=\"\" r:id=\"rId9\"/>",
    ]

    static func mutate(_ base: Data, using generator: inout SplitMix64) -> Data {
        var bytes = [UInt8](base)
        let operations = 1 + Int(generator.next() % 4)
        for _ in 0..<operations {
            let position = bytes.isEmpty ? 0 : Int(generator.next() % UInt64(bytes.count + 1))
            switch generator.next() % 9 {
            case 0 where !bytes.isEmpty: // flip a bit
                let index = min(position, bytes.count - 1)
                bytes[index] ^= UInt8(1) << (generator.next() % 8)
            case 1 where !bytes.isEmpty: // an interesting byte
                let index = min(position, bytes.count - 1)
                bytes[index] = interestingBytes[Int(generator.next() % UInt64(interestingBytes.count))]
            case 2: // insert a token
                bytes.insert(contentsOf: Array(tokens[Int(generator.next() % UInt64(tokens.count))].utf8), at: position)
            case 3: // delete a slice
                let length = Int(generator.next() % 64)
                bytes.removeSubrange(position..<min(bytes.count, position + length))
            case 4 where !bytes.isEmpty: // repeat a slice
                let length = 1 + Int(generator.next() % 256)
                let slice = Array(bytes[min(position, bytes.count - 1)..<min(bytes.count, position + length)])
                let times = 1 + Int(generator.next() % 16)
                for _ in 0..<times { bytes.insert(contentsOf: slice, at: position) }
            case 5: // cut the file
                bytes.removeSubrange(position..<bytes.count)
            case 6: // deep nesting
                let opener = generator.next() % 2 == 0 ? Array("[".utf8) : Array("<a>".utf8)
                let depth = 1 + Int(generator.next() % 5_000)
                bytes.insert(contentsOf: (0..<depth).flatMap { _ in opener }, at: position)
            case 7: // random bytes
                let length = 1 + Int(generator.next() % 16)
                bytes.insert(contentsOf: (0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next()) }, at: position)
            default: // swap two bytes
                guard bytes.count > 1 else { continue }
                let other = Int(generator.next() % UInt64(bytes.count))
                bytes.swapAt(min(position, bytes.count - 1), other)
            }
        }
        return Data(bytes)
    }
}
