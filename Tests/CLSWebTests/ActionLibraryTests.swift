import CLSCore
import CLSStore
import Fluent
import Vapor
import XCTest
import XCTVapor
@testable import CLSWeb

/// The library of actions: French queries find the relevant action first on SQLite (FTS5) and on
/// PostgreSQL (tsvector) alike; filters; who sees what; the API's shape.
final class ActionLibraryTests: XCTestCase {
    struct Spec {
        let key: String
        let title: String
        let summary: String
        var themes: [String] = []
        var determinants: [String] = []
        var strategies: [String] = []
        var approach: InterventionApproach? = nil
        var status: ActionStatus = .inProgress
        var confidential = false
    }

    /// Fourteen fiches actions of the kind French CLS hold, in the published CLS de Bobigny.
    static let bobigny: [Spec] = [
        Spec(key: "cancer", title: "Dépistage organisé du cancer du sein",
             summary: "Sensibiliser les femmes de 50 à 74 ans au dépistage par mammographie avec les centres de santé.",
             themes: ["cancer"], determinants: ["D4.3.2"], strategies: ["S1.1", "S4.1"], approach: .proportionateUniversalism),
        Spec(key: "bus", title: "Bus santé dans les quartiers prioritaires",
             summary: "Un bus itinérant propose des consultations de prévention et l'ouverture des droits au plus près des habitants.",
             themes: ["acces_aux_soins"], determinants: ["D5.1.1", "D5.1.2"], strategies: ["S4.1"], approach: .targeted),
        Spec(key: "cuisine", title: "Ateliers cuisine et nutrition pour les familles",
             summary: "Des ateliers hebdomadaires pour apprendre à cuisiner des repas équilibrés à petit budget.",
             themes: ["nutrition"], determinants: ["D4.1.5"], strategies: ["S1.2"], approach: .targeted, status: .done),
        Spec(key: "addictions", title: "Prévention des addictions chez les jeunes",
             summary: "Interventions en collège et lycée sur l'alcool, le tabac et le cannabis avec des pairs relais.",
             themes: ["addictions"], determinants: ["D4.1.3"], strategies: ["S1.2", "S2.2"], approach: .universal),
        Spec(key: "habitat", title: "Repérage de l'habitat indigne et du saturnisme",
             summary: "Visites à domicile pour repérer le plomb, l'humidité et les logements insalubres.",
             themes: ["sante_environnement"], determinants: ["D2.2.4"], strategies: ["S3.1"], approach: .targeted),
        Spec(key: "clsm", title: "Conseil local de santé mentale",
             summary: "Animer le CLSM : cellule de cas complexes, semaine d'information sur la santé mentale, formation des gardiens.",
             themes: ["sante_mentale"], determinants: ["D5.4"], strategies: ["S4.2", "S5.1"], confidential: true),
        Spec(key: "vaccination", title: "Vaccination contre la rougeole et le papillomavirus",
             summary: "Séances de vaccination gratuites en centre social et rattrapage du calendrier vaccinal.",
             themes: ["vaccination"], determinants: ["D4.3.2"], strategies: ["S4.3"], approach: .universal, status: .upcoming),
        Spec(key: "droits", title: "Accès aux droits de santé des personnes âgées isolées",
             summary: "Accompagner les démarches de complémentaire santé solidaire et d'ouverture des droits à domicile.",
             themes: ["acces_aux_soins"], determinants: ["D5.1.2"], strategies: ["S4.1"], approach: .targeted),
        Spec(key: "sport", title: "Activité physique adaptée sur prescription",
             summary: "Sport sur ordonnance pour les patients atteints de maladies chroniques, diabète et obésité.",
             themes: ["maladies_cardio_metaboliques"], determinants: ["D4.1.6"], strategies: ["S4.1"]),
        Spec(key: "dents", title: "Santé bucco-dentaire des enfants en maternelle",
             summary: "Dépistage dentaire et brossage des dents à l'école maternelle.",
             themes: ["sante_bucco_dentaire"], determinants: ["D4.2.1"], strategies: ["S1.2"], approach: .universal),
        Spec(key: "coordination", title: "Coordination du contrat local de santé",
             summary: "Poste de coordinateur, animation des instances et observation locale de la santé.",
             themes: ["autre"], determinants: ["D6.2"], strategies: ["S5.1", "S5.2"]),
        Spec(key: "air", title: "Qualité de l'air intérieur dans les écoles",
             summary: "Mesure de la qualité de l'air et formation des agents d'entretien aux produits ménagers.",
             themes: ["sante_environnement"], determinants: ["D2.2.1"], strategies: ["S3.1", "S1.3"]),
        Spec(key: "msp", title: "Maison de santé pluriprofessionnelle",
             summary: "Soutenir l'installation de médecins généralistes et l'exercice coordonné.",
             themes: ["amelioration_systeme_soins"], determinants: ["D5.1.1"], strategies: ["S4.2"]),
        Spec(key: "sexualite", title: "Santé sexuelle des jeunes",
             summary: "Information sur la contraception, les IST et le dépistage du VIH.",
             themes: ["sante_sexuelle"], determinants: ["D4.1.4"], strategies: ["S1.1"], approach: .universal),
    ]

    /// French queries and the action that must come first.
    static let queries: [(query: String, first: String)] = [
        ("dépistage cancer du sein", "cancer"),
        ("CANCERS", "cancer"),
        ("dépistage", "cancer"),
        ("bus santé quartiers", "bus"),
        ("ateliers de cuisine", "cuisine"),
        ("nutrition des familles", "cuisine"),
        ("addiction jeunes", "addictions"),
        ("habitat insalubre", "habitat"),
        ("saturnisme", "habitat"),
        ("santé mentale", "clsm"),
        ("vaccins", "vaccination"),
        ("complémentaire santé solidaire", "droits"),
        ("sport sur ordonnance", "sport"),
        ("diabète", "sport"),
        ("brossage des dents", "dents"),
        ("coordinateur", "coordination"),
        ("qualité de l'air", "air"),
        ("médecins généralistes", "msp"),
        ("contraception", "sexualite"),
    ]

    struct APIResponse: Decodable {
        struct Result: Decodable {
            struct ContractRef: Decodable { let id: String; let name: String; let departmentCode: String }
            let id: String
            let title: String
            let themes: [String]
            let confidential: Bool
            let contract: ContractRef
            let href: String
        }
        let terms: [String]
        let total: Int
        let matchedAnyWord: Bool
        let results: [Result]
    }

    /// Creates the fixture; returns the ids by key.
    static func load(on app: Application) async throws -> [String: UUID] {
        let bobigny = try await TestApp.contract(named: "CLS de Bobigny", on: app)
        let stains = try await TestApp.contract(named: "CLS de Stains", on: app)
        var ids: [String: UUID] = [:]
        let specs = Self.bobigny.map { ($0, bobigny) } + [(Spec(key: "mediation", title: "Médiation en santé à Stains",
            summary: "Une médiatrice accompagne les habitants vers les soins.", themes: ["acces_aux_soins"]), stains)]
        let tx = Mutations(database: app.db, actor: .system)
        var sections: [UUID: ProgrammeSection] = [:]
        for (index, (spec, contract)) in specs.enumerated() {
            let contractId = try contract.requireID()
            let permission = Permission.editProgramme(contract.accessScope)
            if sections[contractId] == nil {
                let axis = ProgrammeSection(contractId: contractId, parentId: nil, kind: .axis, title: "Axe de test", position: 9)
                try await tx.create(axis, permission: permission)
                sections[contractId] = axis
            }
            let action = Action(contractId: contractId, sectionId: try sections[contractId]!.requireID(), title: spec.title, position: index + 1)
            action.summary = spec.summary
            action.themeCodes = Action.join(spec.themes)
            action.determinantCodes = Action.join(spec.determinants)
            action.strategyCodes = Action.join(spec.strategies)
            action.approach = spec.approach?.rawValue ?? ""
            action.status = spec.status.rawValue
            action.isConfidential = spec.confidential
            try await tx.create(action, permission: permission)
            ids[spec.key] = try action.requireID()
        }
        return ids
    }

    static func search(_ client: WebClient, _ query: String) async throws -> APIResponse {
        let response = try await client.get("/api/v1/actions/search?" + query)
        XCTAssertEqual(response.status, .ok, query)
        return try JSONDecoder().decode(APIResponse.self, from: Data(buffer: response.body))
    }

    func testFrenchQueriesFindTheRelevantActionFirst() async throws {
        try await TestApp.run { app, _ in
            let ids = try await Self.load(on: app)
            let admin = WebClient(app)
            try await admin.login("admin@demo.cls-pilot.fr")
            for (query, first) in Self.queries {
                let found = try await Self.search(admin, "q=" + WebClient.encode(query))
                XCTAssertEqual(found.results.first?.id, ids[first]?.uuidString,
                               "« \(query) » should find « \(first) » first, got \(found.results.map(\.title))")
                XCTAssertFalse(found.matchedAnyWord, query)
            }
            // Several actions hold the word: the one with it in its title comes first, all are found.
            let screening = try await Self.search(admin, "q=depistage")
            XCTAssertEqual(Set(screening.results.map(\.id)), Set(["cancer", "dents", "sexualite"].map { ids[$0]!.uuidString }))
            XCTAssertEqual(screening.total, 3)
            XCTAssertEqual(screening.terms, ["depist"])

            // No action holds both words: the search falls back to any word and says so.
            let either = try await Self.search(admin, "q=" + WebClient.encode("cuisine rougeole"))
            XCTAssertTrue(either.matchedAnyWord)
            XCTAssertEqual(Set(either.results.map(\.id)), Set([ids["cuisine"]!.uuidString, ids["vaccination"]!.uuidString]))

            // A word nobody wrote finds nothing; an edited title is found under its new words at once.
            let none = try await Self.search(admin, "q=hippopotame")
            XCTAssertEqual(none.total, 0)
            let action = try await Action.find(ids["bus"], on: app.db)!
            let contract = try await action.$contract.get(on: app.db)
            try await Mutations(database: app.db, actor: .system).update(action, permission: .editProgramme(contract.accessScope)) {
                $0.title = "Camion de prévention itinérant"
            }
            let renamed = try await Self.search(admin, "q=camion")
            XCTAssertEqual(renamed.results.map(\.id), [ids["bus"]!.uuidString])
            let oldTitle = try await Self.search(admin, "q=quartiers")
            XCTAssertEqual(oldTitle.total, 0, "the old title is no longer indexed")
            // A deleted action leaves the index.
            let sport = try await Action.find(ids["sport"], on: app.db)!
            try await Mutations(database: app.db, actor: .system).delete(sport, permission: .editProgramme(contract.accessScope))
            let afterDelete = try await Self.search(admin, "q=ordonnance")
            XCTAssertEqual(afterDelete.total, 0)
        }
    }

    func testFiltersNarrowTheResults() async throws {
        try await TestApp.run { app, _ in
            let ids = try await Self.load(on: app)
            let ars = WebClient(app)
            try await ars.login("ars.idf@demo.cls-pilot.fr")
            let vaccination = try await Self.search(ars, "theme=vaccination&departement=93")
            XCTAssertEqual(vaccination.results.map(\.id), [ids["vaccination"]!.uuidString])
            let livingConditions = try await Self.search(ars, "determinant=D2&departement=93")
            XCTAssertEqual(Set(livingConditions.results.map(\.id)), Set([ids["habitat"]!.uuidString, ids["air"]!.uuidString]),
                           "a class matches its descendants (D2.2.4, D2.2.1)")
            let reorientation = try await Self.search(ars, "strategie=S4.1&departement=93&q=sante")
            XCTAssertEqual(Set(reorientation.results.map(\.id)), Set(["cancer", "bus", "droits"].map { ids[$0]!.uuidString }))
            let targeted = try await Self.search(ars, "approche=ciblee&departement=93")
            XCTAssertEqual(Set(targeted.results.map(\.id)), Set(["bus", "cuisine", "habitat", "droits"].map { ids[$0]!.uuidString }))
            let done = try await Self.search(ars, "statut=\(ActionStatus.done.rawValue)&departement=93")
            XCTAssertTrue(done.results.map(\.id).contains(ids["cuisine"]!.uuidString))
            XCTAssertFalse(done.results.map(\.id).contains(ids["bus"]!.uuidString))
            let elsewhere = try await Self.search(ars, "departement=75&q=vaccination")
            XCTAssertEqual(elsewhere.total, 0)
            // The page shows the same results with their contract.
            let page = try await ars.get("/bibliotheque?q=saturnisme")
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.body.string.contains("Repérage de l&#39;habitat indigne et du saturnisme") || page.body.string.contains("Repérage de l'habitat indigne et du saturnisme"))
            let bobigny = try await TestApp.contract(named: "CLS de Bobigny", on: app)
            XCTAssertTrue(page.body.string.contains("/contrats/\(bobigny.id!.uuidString)/actions/\(ids["habitat"]!.uuidString)"))
        }
    }

    func testConfidentialActionsAppearOnlyToThoseAllowed() async throws {
        try await TestApp.run { app, _ in
            let ids = try await Self.load(on: app)
            let bobigny = try await TestApp.contract(named: "CLS de Bobigny", on: app)
            let clsm = "q=" + WebClient.encode("conseil local de santé mentale")

            // The contract's coordination and the ARS of the area see the confidential action, linked to its sheet.
            for email in ["coordination.bobigny@demo.cls-pilot.fr", "dt93@demo.cls-pilot.fr", "ars.idf@demo.cls-pilot.fr"] {
                let client = WebClient(app)
                try await client.login(email)
                let found = try await Self.search(client, clsm)
                XCTAssertEqual(found.results.first?.id, ids["clsm"]!.uuidString, email)
                XCTAssertEqual(found.results.first?.confidential, true)
                XCTAssertEqual(found.results.first?.href, "/contrats/\(bobigny.id!.uuidString)/actions/\(ids["clsm"]!.uuidString)")
            }

            // Another territory's coordinator and another region's ARS: the published contract's public
            // actions, linked to its public page; never the confidential one, nor an unpublished contract's.
            for email in ["coordination.belle-ile@demo.cls-pilot.fr", "ars.bretagne@demo.cls-pilot.fr"] {
                let client = WebClient(app)
                try await client.login(email)
                let confidential = try await Self.search(client, clsm)
                XCTAssertFalse(confidential.results.contains { $0.id == ids["clsm"]!.uuidString }, email)
                let unpublished = try await Self.search(client, "q=mediation")
                XCTAssertEqual(unpublished.total, 0, email)
                let bus = try await Self.search(client, "q=" + WebClient.encode("bus santé"))
                XCTAssertEqual(bus.results.first?.id, ids["bus"]!.uuidString, email)
                XCTAssertEqual(bus.results.first?.href, "/public/contrats/\(bobigny.id!.uuidString)#action-\(ids["bus"]!.uuidString)")
                let page = try await client.get("/bibliotheque?q=mentale").body.string
                XCTAssertFalse(page.contains("Conseil local de santé mentale"), email)
            }
            // The public page holds the anchor the library links to.
            let anonymous = WebClient(app)
            let publicPage = try await anonymous.get("/public/contrats/\(bobigny.id!.uuidString)").body.string
            XCTAssertTrue(publicPage.contains("id=\"action-\(ids["bus"]!.uuidString)\""))
            XCTAssertFalse(publicPage.contains(ids["clsm"]!.uuidString))

            // Without an account: nothing.
            let api = try await anonymous.get("/api/v1/actions/search?q=sante")
            XCTAssertEqual(api.status, .unauthorized)
        }
    }
}
