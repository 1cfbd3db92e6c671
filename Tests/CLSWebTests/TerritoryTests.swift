import CLSCore
import CLSFormats
import CLSStore
import Fluent
import Vapor
import XCTest
import XCTVapor
@testable import CLSWeb

/// The territorial reference written by `TerritoryImporter` and served by the API, on a small
/// hand-made extract (the real national files are read by the format tests and the import command).
final class TerritoryTests: XCTestCase {
    static func records(vintage: String = "2026", belleIleName: String = "Le Palais") -> TerritoryRecords {
        var records = TerritoryRecords(vintage: vintage)
        records.regions = [Region(code: "53", name: "Bretagne"), Region(code: "11", name: "Île-de-France")]
        records.departments = [Department(code: "56", name: "Morbihan", regionCode: "53"), Department(code: "75", name: "Paris", regionCode: "11")]
        records.communes = [
            ReferenceCommune(kind: "COM", code: "56152", name: belleIleName, departmentCode: "56", regionCode: "53", population: 2_545),
            ReferenceCommune(kind: "COM", code: "56009", name: "Bangor", departmentCode: "56", regionCode: "53", population: 1_018),
            ReferenceCommune(kind: "COM", code: "56114", name: "Locmaria", departmentCode: "56", regionCode: "53", population: 877),
            ReferenceCommune(kind: "COM", code: "56241", name: "Sauzon", departmentCode: "56", regionCode: "53", population: 903),
            ReferenceCommune(kind: "COM", code: "75056", name: "Paris", departmentCode: "75", regionCode: "11", population: 2_113_705),
            ReferenceCommune(kind: "ARM", code: "75119", name: "Paris 19e Arrondissement", departmentCode: "75", regionCode: "11",
                          parentCode: "75056", population: 181_616),
        ]
        records.epcis = [ReferenceEPCI(siren: "245600465", name: "CC de Belle-Île-en-Mer", nature: "CC",
                                    memberCodes: ["56009", "56114", "56152", "56241"])]
        records.qpvs = [ReferenceQPV(code: "QN07501M", name: "Stalingrad Riquet", communeCodes: ["75056"])]
        return records
    }

    func testTerritoryAPIShapes() async throws {
        try await TestApp.run { app, _ in
            _ = try await TerritoryImporter.apply(Self.records(), using: Mutations(database: app.db, actor: .system))
            let user = try await User.query(on: app.db).filter(\.$email == "lecture.belle-ile@demo.cls-pilot.fr").first()
            let token = try await APITokens.issue(for: try XCTUnwrap(user), label: "t", using: Mutations(database: app.db, actor: .system))
            var headers = HTTPHeaders()
            headers.bearerAuthorization = BearerAuthorization(token: token)
            let client = WebClient(app)

            let epci = try await client.get("/api/v1/territories/epci/245600465", headers: headers)
            XCTAssertEqual(epci.status, .ok)
            let epciJSON = try JSONDecoder().decode(TerritoryAPIController.EPCIJSON.self, from: Data(epci.body.string.utf8))
            XCTAssertEqual(epciJSON.population, 2_545 + 1_018 + 877 + 903)
            XCTAssertEqual(epciJSON.communes.map(\.code), ["56009", "56152", "56114", "56241"], "sorted by name")

            let paris = try await client.get("/api/v1/territories/communes/75056", headers: headers)
            XCTAssertEqual(paris.status, .ok, paris.body.string)
            let parisJSON = try JSONDecoder().decode(TerritoryAPIController.CommuneJSON.self, from: Data(paris.body.string.utf8))
            XCTAssertEqual(parisJSON.qpv.map(\.code), ["QN07501M"])
            XCTAssertNil(parisJSON.epci)
            let palais = try await client.get("/api/v1/territories/communes/56152", headers: headers)
            XCTAssertTrue(palais.body.string.contains("\"siren\":\"245600465\""))

            let morbihan = try await client.get("/api/v1/territories/departements/56", headers: headers)
            XCTAssertEqual(morbihan.status, .ok, morbihan.body.string)
            let morbihanJSON = try JSONDecoder().decode(TerritoryAPIController.DepartmentJSON.self, from: Data(morbihan.body.string.utf8))
            XCTAssertEqual(morbihanJSON.communeCount, 4)
            XCTAssertEqual(morbihanJSON.epciCount, 1)
            XCTAssertEqual(morbihanJSON.region.name, "Bretagne")

            let unknown = try await client.get("/api/v1/territories/communes/99999", headers: headers)
            XCTAssertEqual(unknown.status, .notFound)
            XCTAssertTrue(unknown.body.string.contains("référentiel territorial"))
        }
    }

    func testAPerimeterSaysWhatAMergedCommuneBecame() async throws {
        try await TestApp.run { app, _ in
            let system = Mutations(database: app.db, actor: .system)
            _ = try await TerritoryImporter.apply(Self.records(), using: system)
            let contract = try await TestApp.contract(named: "CLS 2 de Belle-Île-en-Mer", on: app)
            let path = "/contrats/\(contract.id!.uuidString)/perimetre"
            let coordinator = WebClient(app)
            try await coordinator.login("coordination.belle-ile@demo.cls-pilot.fr")
            try await coordinator.get(path)
            let set = try await coordinator.post(path, [("communeCodes", "56152, 56241"), ("validFrom", "2026-01-01")])
            XCTAssertEqual(set.status, .seeOther)

            // The next vintage: Sauzon merged into Le Palais, as the COG history records it.
            var next = Self.records(vintage: "2027")
            next.communes.removeAll { $0.code == "56241" }
            next.epcis[0].memberCodes.removeAll { $0 == "56241" }
            next.communeEvents = [ReferenceCommuneEvent(code: 32, label: "Création de commune nouvelle", date: "2027-01-01", beforeCode: "56241",
                                                        beforeName: "Sauzon", beforeKind: "COM", afterCode: "56152", afterName: "Le Palais",
                                                        afterKind: "COM", absorbsBeforeCommune: true)]
            _ = try await TerritoryImporter.apply(next, using: system)
            let page = try await coordinator.get(path).body.string
            XCTAssertTrue(page.contains("Sauzon</a> <span class=\"muted\">(création de commune nouvelle le 1er janvier 2027 : fait désormais partie de Le Palais (56152))"), page)
        }
    }

    func testAContractGetsADatedPerimeterFromTheReference() async throws {
        try await TestApp.run { app, _ in
            let contract = try await TestApp.contract(named: "CLS 2 de Belle-Île-en-Mer", on: app)
            let path = "/contrats/\(contract.id!.uuidString)/perimetre"
            let coordinator = WebClient(app)
            try await coordinator.login("coordination.belle-ile@demo.cls-pilot.fr")

            // Without the reference, the page explains who must import it.
            let before = try await coordinator.get(path)
            XCTAssertTrue(before.body.string.contains("référentiel territorial"))
            _ = try await TerritoryImporter.apply(Self.records(), using: Mutations(database: app.db, actor: .system))

            try await coordinator.get(path)
            let set = try await coordinator.post(path, [("epciSiren", "245 600 465"), ("validFrom", "2026-01-01")])
            XCTAssertEqual(set.status, .seeOther)
            let page = try await coordinator.get(path)
            let html = page.body.string
            XCTAssertTrue(html.contains("CC de Belle-Île-en-Mer"))
            XCTAssertTrue(html.contains("5\u{202F}343"), "population of the four communes")
            XCTAssertTrue(html.contains("Sauzon"))

            // Income figures, weighted by population: (2 545 × 20 000 + 1 018 × 18 000) / 3 563 = 19 428,6, shown 19 429 €
            // for the two communes with a figure; the contract page shows them with the perimeter.
            _ = try await IncomeImporter.apply([CommuneIncome(code: "56152", medianIncome: 20_000, minimaShare: 3),
                                                CommuneIncome(code: "56009", medianIncome: 18_000, minimaShare: nil)],
                                               vintage: "2021", using: Mutations(database: app.db, actor: .system))
            let withIncomes = try await coordinator.get(path).body.string
            XCTAssertTrue(withIncomes.contains(FrenchFormat.euros(19_429)), withIncomes)
            let contractPage = try await coordinator.get("/contrats/\(contract.id!.uuidString)").body.string
            XCTAssertTrue(contractPage.contains("<dt>Population municipale</dt><dd>5\u{202F}343</dd>"), "the contract page summarises its perimeter")
            XCTAssertTrue(contractPage.contains(FrenchFormat.euros(19_429)))

            // A QPV outside the perimeter is refused, nothing changes.
            let refused = try await coordinator.post(path, [("communeCodes", "56152"), ("focusQPVCodes", "QN07501M"), ("validFrom", "2026-06-01")])
            XCTAssertEqual(refused.status, .unprocessableEntity)
            XCTAssertTrue(refused.body.string.contains("QN07501M"))
            let value301 = try await ContractPerimeter.query(on: app.db).count()
            XCTAssertEqual(value301, 1)

            // A later change closes the current perimeter and keeps it in the history.
            let value302 = try await coordinator.post(path, [("communeCodes", "56152, 56009"), ("validFrom", "2026-06-01")]).status
            XCTAssertEqual(value302, .seeOther)
            let perimeters = try await ContractPerimeter.query(on: app.db).sort(\.$validFrom).all()
            XCTAssertEqual(perimeters.map(\.validTo), ["2026-06-01", nil])
            XCTAssertEqual(perimeters.last?.communes, ["56009", "56152"])
            let unknown = try await coordinator.post(path, [("communeCodes", "99999"), ("validFrom", "2026-09-01")])
            XCTAssertTrue(unknown.body.string.contains("99999"))

            // The territory pages list the communes and the contracts covering them.
            let epciPage = try await coordinator.get("/territoires/epci/245600465")
            XCTAssertEqual(epciPage.status, .ok)
            XCTAssertTrue(epciPage.body.string.contains("CC de Belle-Île-en-Mer"))
            XCTAssertTrue(epciPage.body.string.contains("CLS 2 de Belle-Île-en-Mer"), "its contract, covering Le Palais and Bangor")
            let communePage = try await coordinator.get("/territoires/communes/56009")
            XCTAssertTrue(communePage.body.string.contains("CLS 2 de Belle-Île-en-Mer"))
            let sauzonPage = try await coordinator.get("/territoires/communes/56241")
            XCTAssertFalse(sauzonPage.body.string.contains("CLS 2 de Belle-Île-en-Mer"), "Sauzon left the perimeter")
            let departmentPage = try await coordinator.get("/territoires/departements/56")
            XCTAssertEqual(departmentPage.status, .ok)
            XCTAssertTrue(departmentPage.body.string.contains("Morbihan"))

            // A reader sees it but cannot change it; each change is in the history.
            let reader = WebClient(app)
            try await reader.login("lecture.belle-ile@demo.cls-pilot.fr")
            let value303 = try await reader.get(path).status
            XCTAssertEqual(value303, .ok)
            let value304 = try await reader.post(path, [("communeCodes", "56152")]).status
            XCTAssertEqual(value304, .forbidden)
            let journaled = try await AuditEntry.query(on: app.db).filter(\.$entityType == ContractPerimeter.auditEntityType).count()
            XCTAssertEqual(journaled, 3, "two creations and the closing of the first")
        }
    }

    func testPriorityTerritoriesRankUncoveredDeprivedEPCI() async throws {
        try await TestApp.run { app, _ in
            var records = Self.records()
            records.communes.append(ReferenceCommune(kind: "COM", code: "56260", name: "Vannes", departmentCode: "56", regionCode: "53", population: 54_000))
            records.epcis.append(ReferenceEPCI(siren: "200067932", name: "Golfe du Morbihan - Vannes agglomération", nature: "CA", memberCodes: ["56260"]))
            let system = Mutations(database: app.db, actor: .system)
            _ = try await TerritoryImporter.apply(records, using: system)
            _ = try await IncomeImporter.apply([
                CommuneIncome(code: "56152", medianIncome: 19_000, minimaShare: 5), CommuneIncome(code: "56009", medianIncome: 19_500, minimaShare: 4),
                CommuneIncome(code: "56114", medianIncome: 20_000, minimaShare: 4), CommuneIncome(code: "56241", medianIncome: 20_500, minimaShare: 3),
                CommuneIncome(code: "56260", medianIncome: 23_000, minimaShare: 2),
            ], vintage: "2021", using: system)

            let ars = WebClient(app)
            try await ars.login("ars.bretagne@demo.cls-pilot.fr")
            let page = try await ars.get("/territoires/priorites?region=53&qpv=0")
            XCTAssertEqual(page.status, .ok)
            let html = page.body.string
            let belleIle = try XCTUnwrap(html.range(of: "CC de Belle-Île-en-Mer"))
            let vannes = try XCTUnwrap(html.range(of: "Golfe du Morbihan"))
            XCTAssertLessThan(belleIle.lowerBound, vannes.lowerBound, "the poorer EPCI ranks first")
            XCTAssertTrue(html.contains("2 EPCI</strong>, dont 2 sans contrat"))

            // Once Belle-Île 2 covers its EPCI, only Vannes is left uncovered.
            let contract = try await TestApp.contract(named: "CLS 2 de Belle-Île-en-Mer", on: app)
            try await Perimeters.set(contract: contract, epciSiren: "245600465", communeCodes: [], focusQPVCodes: [],
                                     validFrom: CalendarDay(year: 2026, month: 1, day: 1)!, using: system)
            let uncovered = try await ars.get("/territoires/priorites?region=53&nonCouverts=1")
            XCTAssertTrue(uncovered.body.string.contains("Golfe du Morbihan"))
            XCTAssertFalse(uncovered.body.string.contains("CC de Belle-Île-en-Mer</a>"))
            let csv = try await ars.get("/territoires/priorites.csv?region=53&qpv=0")
            let lines = csv.body.string.split(separator: "\r\n")
            XCTAssertEqual(lines.count, 3)
            XCTAssertTrue(lines[1].contains("245600465") && lines[1].contains("oui"))
            XCTAssertTrue(lines[2].contains("200067932") && lines[2].contains("non"))
        }
    }
}
