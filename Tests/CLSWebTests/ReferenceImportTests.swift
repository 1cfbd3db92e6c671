import CLSCore
import CLSFormats
import CLSStore
import Fluent
import Vapor
import XCTest
import XCTVapor
@testable import CLSWeb

/// The reference administration page: upload, preview (nothing written), confirmation run in the
/// background with its progress, refusals that change nothing, and the maps fed by the imports.
final class ReferenceImportTests: XCTestCase {
    static let admin = "admin@demo.cls-pilot.fr"

    static func lines(_ lines: [String]) -> Data { Data((lines.joined(separator: "\r\n") + "\r\n").utf8) }

    static let communes = lines([
        "TYPECOM,COM,REG,DEP,CTCD,ARR,TNCC,NCC,NCCENR,LIBELLE,CAN,COMPARENT",
        "COM,56009,53,56,56D,563,0,BANGOR,Bangor,Bangor,5610,",
        "COM,56114,53,56,56D,563,0,LOCMARIA,Locmaria,Locmaria,5610,",
        "COM,56152,53,56,56D,563,0,LE PALAIS,Le Palais,Le Palais,5610,",
        "COM,56241,53,56,56D,563,0,SAUZON,Sauzon,Sauzon,5610,",
        "COM,93066,11,93,93D,932,0,SAINT DENIS,Saint-Denis,Saint-Denis,9399,",
    ])
    static let populations = lines([
        "REG;Région;DEP;CODARR;CODCAN;CODCOM;COM;Commune;PMUN;PCAP;PTOT",
        "53;Bretagne;56;3;10;009;56009;Bangor;1 018;20;1 038",
        "53;Bretagne;56;3;10;114;56114;Locmaria;877;10;887",
        "53;Bretagne;56;3;10;152;56152;Le Palais;2 545;40;2 585",
        "53;Bretagne;56;3;10;241;56241;Sauzon;903;12;915",
        "11;Île-de-France;93;2;99;066;93066;Saint-Denis;113 942;1 000;114 942",
    ])
    static let qpv = lines(["code_qpv,nom_qpv,insee_communes", "QN09301M,Franc-Moisin,93066"])

    static func square(_ lon: Double, _ lat: Double, _ size: Double) -> String {
        "[[[\(lon),\(lat)],[\(lon + size),\(lat)],[\(lon + size),\(lat + size)],[\(lon),\(lat + size)],[\(lon),\(lat)]]]"
    }
    static let departmentShapes = Data("""
    {"type":"FeatureCollection","features":[
     {"type":"Feature","properties":{"code":"56","nom":"Morbihan"},"geometry":{"type":"Polygon","coordinates":\(square(-3.5, 47.5, 1))}},
     {"type":"Feature","properties":{"code":"93","nom":"Seine-Saint-Denis"},"geometry":{"type":"Polygon","coordinates":\(square(2.3, 48.8, 0.3))}}
    ]}
    """.utf8)
    static let communeShapes = Data("""
    {"type":"FeatureCollection","features":[
     {"type":"Feature","properties":{"code":"93066","nom":"Saint-Denis"},"geometry":{"type":"Polygon","coordinates":\(square(2.33, 48.9, 0.05))}}
    ]}
    """.utf8)
    static let qpvShapes = Data("""
    {"type":"FeatureCollection","features":[
     {"type":"Feature","properties":{"code_qp":"QN09301M","lib_qp":"Franc-Moisin","insee_com":"93066"},"geometry":{"type":"MultiPolygon","coordinates":[\(square(2.35, 48.91, 0.01))]}}
    ]}
    """.utf8)

    /// Uploads, checks that the preview wrote nothing, confirms and waits for the background run.
    @discardableResult
    static func importFiles(_ client: WebClient, kind: String, fields: [(String, String)] = [],
                            files: [(field: String, filename: String, data: Data)], app: Application,
                            file: StaticString = #filePath, line: UInt = #line) async throws -> String {
        let upload = try await client.uploadForm("/admin/referentiel/imports", fields: [("type", kind)] + fields, files: files)
        XCTAssertEqual(upload.status, .seeOther, upload.body.string, file: file, line: line)
        let location = upload.headers.first(name: .location) ?? ""
        let preview = try await client.get(location)
        XCTAssertTrue(preview.body.string.contains("Confirmer l'import"), file: file, line: line)
        let confirm = try await client.post(location + "/confirmer", [])
        XCTAssertEqual(confirm.status, .seeOther, file: file, line: line)
        for _ in 0..<200 {
            let status = try await client.get(location + "/etat")
            let state = try status.content.decode(ReferenceImportController.StatusJSON.self)
            if state.state != "running" {
                let page = state.state == "done" ? "" : try await client.get(location).body.string
                XCTAssertEqual(state.state, "done", page, file: file, line: line)
                XCTAssertEqual(state.progress, 100, file: file, line: line)
                break
            }
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        return try await client.get(location).body.string
    }

    func testTerritoriesImportFromTheAdminPageIsPreviewedThenApplied() async throws {
        try await TestApp.run { app, _ in
            let client = WebClient(app)
            try await client.login(Self.admin)
            let page = try await client.get("/admin/referentiel")
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.body.string.contains("Référentiel territorial (COG, populations, EPCI, QPV)"))

            let upload = try await client.uploadForm("/admin/referentiel/imports", fields: [("type", "territoires"), ("millesime", "2026")],
                                                     files: [("communes", "communes-cog-2026.csv", Self.communes),
                                                             ("populations", "populations.csv", Self.populations),
                                                             ("qpv", "qpv.csv", Self.qpv)])
            XCTAssertEqual(upload.status, .seeOther, upload.body.string)
            let location = try XCTUnwrap(upload.headers.first(name: .location))
            let preview = try await client.get(location).body.string
            XCTAssertTrue(preview.contains("Communes : communes"), preview)
            XCTAssertTrue(preview.contains(FrenchFormat.integer(119_285)), "total population of the file (1 018 + 877 + 2 545 + 903 + 113 942 = 119 285)")
            let before = try await Commune.query(on: app.db).count()
            XCTAssertEqual(before, 0, "the preview is rehearsed and rolled back: nothing written")
            let staged = try await ReferenceImportFile.query(on: app.db).count()
            XCTAssertEqual(staged, 3)

            try await client.post(location + "/confirmer", [])
            var state = "running"
            for _ in 0..<200 where state == "running" {
                state = try await client.get(location + "/etat").content.decode(ReferenceImportController.StatusJSON.self).state
                if state == "running" { try await Task.sleep(nanoseconds: 50_000_000) }
            }
            XCTAssertEqual(state, "done")
            let after = try await Commune.query(on: app.db).count()
            XCTAssertEqual(after, 5)
            let denis = try await Commune.find("93066", on: app.db)
            XCTAssertEqual(denis?.population, 113_942)
            let qpvLinks = try await QPVCommune.query(on: app.db).count()
            XCTAssertEqual(qpvLinks, 1)
            let files = try await ReferenceImportFile.query(on: app.db).count()
            XCTAssertEqual(files, 0, "the uploaded files go once imported")
            let journal = try await AuditEntry.query(on: app.db).filter(\.$entityType == "territories").count()
            XCTAssertEqual(journal, 1, "the import is in the audit trail once (the preview left no entry)")
            let done = try await client.get(location).body.string
            XCTAssertTrue(done.contains("Import terminé") || done.contains("terminé"))
            let told = try await Notice.query(on: app.db).filter(\.$kind == NoticeKind.importFinished.rawValue).all()
            XCTAssertEqual(told.map(\.title), ["Import terminé : Référentiel territorial (COG, populations, EPCI, QPV)"],
                           "the administrator who confirmed it is told, by name of the import")
            XCTAssertEqual(told.first?.place.map { $0.path.href }, location)

            // A second confirmation does nothing; the same files again change nothing.
            let again = try await client.post(location + "/confirmer", [])
            XCTAssertEqual(again.status, .seeOther)
            let second = try await Self.importFiles(client, kind: "territoires",
                                                    files: [("communes", "communes-cog-2026.csv", Self.communes)], app: app)
            XCTAssertTrue(second.contains("Communes ajoutées</dt><dd>aucune"), second)
            let count = try await Commune.query(on: app.db).count()
            XCTAssertEqual(count, 5)
        }
    }

    func testAMalformedFileIsRefusedWithItsPlaceAndChangesNothing() async throws {
        try await TestApp.run { app, _ in
            let client = WebClient(app)
            try await client.login(Self.admin)
            let broken = Self.lines(["TYPECOM,COM,REG,DEP,CTCD,ARR,TNCC,NCC,NCCENR,LIBELLE,CAN,COMPARENT",
                                     "COM,56009,53,56,56D,563,0,BANGOR,Bangor,Bangor,5610,",
                                     "COM,56114,53"])
            let response = try await client.uploadForm("/admin/referentiel/imports", fields: [("type", "territoires")],
                                                       files: [("communes", "communes.csv", broken)])
            XCTAssertEqual(response.status, .unprocessableEntity)
            XCTAssertTrue(response.body.string.contains("rien n'a été modifié"))
            XCTAssertTrue(response.body.string.contains("ligne 3"), response.body.string)
            let imports = try await ReferenceImport.query(on: app.db).count()
            XCTAssertEqual(imports, 0)
            let communes = try await Commune.query(on: app.db).count()
            XCTAssertEqual(communes, 0)

            let wrongLevel = try await client.uploadForm("/admin/referentiel/imports", fields: [("type", "contours"), ("niveau", "commune")],
                                                         files: [("fichier", "departements.geojson", Self.departmentShapes)])
            XCTAssertEqual(wrongLevel.status, .unprocessableEntity)
            XCTAssertTrue(wrongLevel.body.string.contains("le niveau choisi est-il le bon"), wrongLevel.body.string)

            let missing = try await client.uploadForm("/admin/referentiel/imports", fields: [("type", "territoires")], files: [])
            XCTAssertEqual(missing.status, .unprocessableEntity)
            XCTAssertTrue(missing.body.string.contains("communes du COG est obligatoire"))
        }
    }

    func testOnlyAdministratorsReachTheReferencePages() async throws {
        try await TestApp.run { app, _ in
            let client = WebClient(app)
            try await client.login("ars.bretagne@demo.cls-pilot.fr")
            let page = try await client.get("/admin/referentiel")
            XCTAssertEqual(page.status, .forbidden)
            let upload = try await client.uploadForm("/admin/referentiel/imports", fields: [("type", "contours"), ("niveau", "departement")],
                                                     files: [("fichier", "d.geojson", Self.departmentShapes)])
            XCTAssertEqual(upload.status, .forbidden)
            let shapes = try await TerritoryShape.query(on: app.db).count()
            XCTAssertEqual(shapes, 0)
        }
    }

    func testCancellingAPreviewDropsItsFiles() async throws {
        try await TestApp.run { app, _ in
            let client = WebClient(app)
            try await client.login(Self.admin)
            let upload = try await client.uploadForm("/admin/referentiel/imports", fields: [("type", "contours"), ("niveau", "departement")],
                                                     files: [("fichier", "d.geojson", Self.departmentShapes)])
            let location = try XCTUnwrap(upload.headers.first(name: .location))
            let cancel = try await client.post(location + "/annuler", [])
            XCTAssertEqual(cancel.status, .seeOther)
            let record = try await ReferenceImport.query(on: app.db).first()
            XCTAssertEqual(record?.state, "cancelled")
            let files = try await ReferenceImportFile.query(on: app.db).count()
            XCTAssertEqual(files, 0)
            let confirm = try await client.post(location + "/confirmer", [])
            XCTAssertEqual(confirm.status, .seeOther)
            let shapes = try await TerritoryShape.query(on: app.db).count()
            XCTAssertEqual(shapes, 0, "a cancelled import cannot be confirmed")
        }
    }

    func testContoursDrawTheMapsOfTheTerritoryPages() async throws {
        try await TestApp.run { app, _ in
            let client = WebClient(app)
            try await client.login(Self.admin)
            try await Self.importFiles(client, kind: "territoires", files: [("communes", "communes-cog-2026.csv", Self.communes),
                                                                            ("populations", "populations.csv", Self.populations),
                                                                            ("qpv", "qpv.csv", Self.qpv)], app: app)
            try await Self.importFiles(client, kind: "contours", fields: [("niveau", "departement")],
                                       files: [("fichier", "departements-2018.geojson", Self.departmentShapes)], app: app)
            try await Self.importFiles(client, kind: "contours", fields: [("niveau", "commune")],
                                       files: [("fichier", "communes-93.geojson", Self.communeShapes)], app: app)
            try await Self.importFiles(client, kind: "contours", fields: [("niveau", "qpv")],
                                       files: [("fichier", "qpv-2024.geojson", Self.qpvShapes)], app: app)
            let shapes = try await TerritoryShape.query(on: app.db).count()
            XCTAssertEqual(shapes, 4)
            let vintage = try await TerritoryShape.find("departement:56", on: app.db)?.vintage
            XCTAssertEqual(vintage, "2018", "the vintage comes from the file name")

            // France: the departments coloured by population, the table as text alternative.
            let france = try await client.get("/territoires").body.string
            XCTAssertTrue(france.contains("<svg"))
            XCTAssertTrue(france.contains("<title>Morbihan : 5"), "each shape says its name and value")
            XCTAssertTrue(france.contains("Tableau des données de la carte"))
            // A commune: its contour with its QPV drawn over it.
            let commune = try await client.get("/territoires/communes/93066").body.string
            XCTAssertTrue(commune.contains("<title>Franc-Moisin</title>"), commune)
            XCTAssertTrue(commune.contains("Quartier prioritaire de la politique de la ville"))
            // Importing the same contours again changes nothing.
            let again = try await Self.importFiles(client, kind: "contours", fields: [("niveau", "departement")],
                                                   files: [("fichier", "departements-2018.geojson", Self.departmentShapes)], app: app)
            XCTAssertTrue(again.contains("Contours inchangés</dt><dd>2"), again)
        }
    }

    func testLocalIndicatorsShowOnTheDepartmentPageAndColourTheMap() async throws {
        try await TestApp.run { app, _ in
            let client = WebClient(app)
            try await client.login(Self.admin)
            try await Self.importFiles(client, kind: "territoires", files: [("communes", "communes-cog-2026.csv", Self.communes)], app: app)
            try await Self.importFiles(client, kind: "contours", fields: [("niveau", "departement")],
                                       files: [("fichier", "departements.geojson", Self.departmentShapes)], app: app)
            let indicators = Data(("\u{FEFF}Insee - Statistiques locales; ; \r\nRéférentiel géographique : France par département; ; \r\n"
                                   + "Code;Libellé;Taux de pauvreté 2021;Médiane du niveau de vie 2021\r\n"
                                   + "56;Morbihan;11.2;22870\r\n93;Seine-Saint-Denis;27.6;N/A - secret statistique\r\n").utf8)
            try await Self.importFiles(client, kind: "indicateurs", files: [("fichier", "indicateurs-departements.csv", indicators)], app: app)
            let stored = try await TerritoryIndicator.query(on: app.db).filter(\.$level == "departement").count()
            XCTAssertEqual(stored, 4)
            let department = try await client.get("/territoires/departements/93").body.string
            XCTAssertTrue(department.contains("Taux de pauvreté (2021)"))
            XCTAssertTrue(department.contains("27,6"))
            XCTAssertTrue(department.contains("non disponible (secret statistique"))
            let map = try await client.get("/territoires?indicateur=taux-de-pauvrete-2021").body.string
            XCTAssertTrue(map.contains("<title>Seine-Saint-Denis : 27,6</title>"), map)
        }
    }

    func testRealContoursAndIndicatorsImportWithTheirCounts() async throws {
        let folder = PlanImportTests.sharedData
        guard FileManager.default.fileExists(atPath: folder.appendingPathComponent("geo").path) else {
            throw XCTSkip("../shared/data/geo is absent: the real contour files cannot be imported here (CI provides them).")
        }
        try await TestApp.run(loadDemo: false) { app, _ in
            let system = Mutations(database: app.db, actor: .system)
            let expected: [(ShapeLevel, String, Int, Int)] = [(.department, "departements-simplifie-2018.geojson", 96, 0),
                                                              (.region, "regions-simplifie-2018.geojson", 13, 0),
                                                              (.commune, "communes-93-2018.geojson", 40, 0),
                                                              (.qpv, "qpv-2024.geojson", 1_584, -1)]
            for (level, name, count, overseas) in expected {
                let source = try TerritoryAssembler.Source(contentsOf: folder.appendingPathComponent("geo/\(name)"))
                let prepared = try PreparedReferenceImport.prepare(.shapes, files: ["fichier": source], vintage: nil, level: level)
                _ = try await prepared.apply(system)
                let stored = try await TerritoryShape.query(on: app.db).filter(\.$level == level.rawValue).count()
                XCTAssertEqual(stored, count, name)
                if overseas == 0 {
                    XCTAssertFalse(prepared.summary.contains { $0.label.hasPrefix("dont outre-mer") && $0.value != "0" }, "\(name) is mainland only")
                }
                let again = try await prepared.apply(system)
                XCTAssertEqual(again.first { $0.label == "Contours inchangés" }?.value, FrenchFormat.integer(count), "a second import changes nothing")
            }
            let paris = try await TerritoryShape.find("departement:75", on: app.db)
            XCTAssertEqual(paris?.name, "Paris")
            let qpvWithCommune = try await TerritoryShape.query(on: app.db).filter(\.$level == "qpv").filter(\.$communeCode == "93066").count()
            XCTAssertGreaterThan(qpvWithCommune, 0, "QPV contours keep their commune")

            for (name, rows) in [("indicateurs-departements.csv", 101 * 22), ("apl-generalistes-2023-bassins-de-vie.csv", 2_931),
                                 ("determinants-sociaux-bassins-de-vie.csv", 1_707 * 16), ("offre-de-soins-bassins-de-vie.csv", 1_709 * 8)] {
                let source = try TerritoryAssembler.Source(contentsOf: folder.appendingPathComponent("indicateurs/\(name)"))
                let prepared = try PreparedReferenceImport.prepare(.indicators, files: ["fichier": source], vintage: nil, level: nil)
                let changes = try await prepared.apply(system)
                XCTAssertEqual(changes.first { $0.label == "Valeurs nouvelles" }?.value, FrenchFormat.integer(rows), name)
            }
            let levels = try await TerritoryIndicator.query(on: app.db).unique().all(\.$level)
            XCTAssertEqual(Set(levels), ["departement", "bassin_de_vie", "bassin_de_vie_canton_ville"])

            let communes = try TerritoryAssembler.Source(contentsOf: folder.appendingPathComponent("indicateurs/filosofi-communes-2021.json"))
            let iris = try TerritoryAssembler.Source(contentsOf: folder.appendingPathComponent("indicateurs/filosofi-iris-2021.json.gz"))
            let incomes = try PreparedReferenceImport.prepare(.incomes, files: ["communes": communes, "iris": iris], vintage: nil, level: nil)
            _ = try await incomes.apply(system)
            let irisCount = try await IRISIncome.query(on: app.db).count()
            XCTAssertEqual(irisCount, 14_490)
        }
    }
}
