import CLSCore
import CLSStore
import Fluent
import Vapor
import XCTest
import XCTVapor
@testable import CLSWeb

final class AccessControlTests: XCTestCase {
    func testReaderCannotEditTheContractTheyRead() async throws {
        try await TestApp.run { app, _ in
            let contract = try await TestApp.contract(named: "CLS 2 de Belle-Île-en-Mer", on: app)
            let id = contract.id!.uuidString
            let reader = WebClient(app)
            try await reader.login("lecture.belle-ile@demo.cls-pilot.fr")

            let value1 = try await reader.get("/contrats/\(id)").status
            XCTAssertEqual(value1, .ok)
            let value2 = try await reader.get("/contrats/\(id)/modifier").status
            XCTAssertEqual(value2, .forbidden)
            let edit = try await reader.post("/contrats/\(id)/modifier", [
                ("name", "Renommé par un lecteur"), ("generation", "2"), ("regionCode", "53"), ("departmentCode", "56"),
            ])
            XCTAssertEqual(edit.status, .forbidden)
            XCTAssertTrue(edit.body.string.contains("Accès refusé"))
            let value3 = try await reader.post("/contrats/\(id)/etat", [("toState", "signe")]).status
            XCTAssertEqual(value3, .forbidden)
            let value4 = try await reader.post("/contrats/\(id)/membres", [("email", "lecture.belle-ile@demo.cls-pilot.fr"), ("role", "coordinator")]).status
            XCTAssertEqual(value4, .forbidden)

            let reloaded = try await Contract.find(contract.id, on: app.db)
            XCTAssertEqual(reloaded?.name, "CLS 2 de Belle-Île-en-Mer")
            XCTAssertEqual(reloaded?.state, ContractState.elaboration.rawValue)
        }
    }

    func testCoordinatorCannotTouchAnotherContract() async throws {
        try await TestApp.run { app, _ in
            let own = try await TestApp.contract(named: "CLS 2 de Belle-Île-en-Mer", on: app)
            let other = try await TestApp.contract(named: "CLS de Bobigny", on: app)
            let coordinator = WebClient(app)
            try await coordinator.login("coordination.belle-ile@demo.cls-pilot.fr")

            // Another contract is not even visible: same answer as an id that does not exist.
            let value5 = try await coordinator.get("/contrats/\(other.id!.uuidString)").status
            XCTAssertEqual(value5, .notFound)
            let edit = try await coordinator.post("/contrats/\(other.id!.uuidString)/modifier", [
                ("name", "Détourné"), ("generation", "1"), ("regionCode", "11"), ("departmentCode", "93"),
            ])
            XCTAssertEqual(edit.status, .notFound)
            let value6 = try await Contract.find(other.id, on: app.db)?.name
            XCTAssertEqual(value6, "CLS de Bobigny")

            // Their own contract they may edit.
            let ownEdit = try await coordinator.post("/contrats/\(own.id!.uuidString)/modifier", [
                ("name", "CLS 2 de Belle-Île-en-Mer (2026-2030)"), ("generation", "2"), ("regionCode", "53"), ("departmentCode", "56"),
                ("previousContractId", own.$previousContract.id!.uuidString),
            ])
            XCTAssertEqual(ownEdit.status, .seeOther)
            let value7 = try await Contract.find(own.id, on: app.db)?.name
            XCTAssertEqual(value7, "CLS 2 de Belle-Île-en-Mer (2026-2030)")

            // The list shows only what they may see.
            let list = try await coordinator.get("/contrats")
            XCTAssertTrue(list.body.string.contains("CLS 2 de Belle-Île-en-Mer"))
            XCTAssertFalse(list.body.string.contains("CLS de Bobigny"))
        }
    }

    func testAnonymousVisitorsReachOnlyPublicPages() async throws {
        try await TestApp.run { app, _ in
            let published = try await TestApp.contract(named: "CLS de Bobigny", on: app)
            let unpublished = try await TestApp.contract(named: "CLS de Stains", on: app)
            let confidential = try await TestApp.contract(named: "CLS d'Asnières-sur-Seine", on: app)
            let visitor = WebClient(app)

            for path in ["/contrats", "/contrats/\(published.id!.uuidString)", "/organisations", "/admin/utilisateurs",
                         "/admin/journal", "/compte/mot-de-passe", "/contrats/nouveau"] {
                let response = try await visitor.get(path)
                XCTAssertEqual(response.status, .seeOther, path)
                XCTAssertTrue(response.headers.first(name: .location)?.hasPrefix("/connexion") ?? false, path)
            }
            let api = try await visitor.get("/api/v1/contracts")
            XCTAssertEqual(api.status, .unauthorized)
            XCTAssertTrue(api.body.string.contains("\"message\""))

            let value8 = try await visitor.get("/").status
            XCTAssertEqual(value8, .ok)
            let value9 = try await visitor.get("/connexion").status
            XCTAssertEqual(value9, .ok)
            let publicPage = try await visitor.get("/public/contrats/\(published.id!.uuidString)")
            XCTAssertEqual(publicPage.status, .ok)
            XCTAssertTrue(publicPage.body.string.contains("CLS de Bobigny"))
            let value10 = try await visitor.get("/public/contrats/\(unpublished.id!.uuidString)").status
            XCTAssertEqual(value10, .notFound)
            let value11 = try await visitor.get("/public/contrats/\(confidential.id!.uuidString)").status
            XCTAssertEqual(value11, .notFound)

            // A state-changing request from a visitor (with a valid session token) is sent to the login page.
            let post = try await visitor.post("/contrats/\(published.id!.uuidString)/etat", [("toState", "evaluation")])
            XCTAssertEqual(post.status, .seeOther)
            XCTAssertTrue(post.headers.first(name: .location)?.hasPrefix("/connexion") ?? false)
            let value12 = try await Contract.find(published.id, on: app.db)?.state
            XCTAssertEqual(value12, ContractState.miseEnOeuvre.rawValue)
        }
    }

    func testAdministrationIsForAdministratorsOnly() async throws {
        try await TestApp.run { app, _ in
            let ars = WebClient(app)
            try await ars.login("ars.bretagne@demo.cls-pilot.fr")
            let value13 = try await ars.get("/admin/utilisateurs").status
            XCTAssertEqual(value13, .forbidden)
            let value14 = try await ars.get("/admin/journal").status
            XCTAssertEqual(value14, .forbidden)
            let admin = WebClient(app)
            try await admin.login("admin@demo.cls-pilot.fr")
            let value15 = try await admin.get("/admin/utilisateurs").status
            XCTAssertEqual(value15, .ok)
            let value16 = try await admin.get("/admin/journal").status
            XCTAssertEqual(value16, .ok)
        }
    }

    func testMissingOrForgedCSRFTokenIsRefused() async throws {
        try await TestApp.run { app, _ in
            let contract = try await TestApp.contract(named: "CLS 2 de Belle-Île-en-Mer", on: app)
            let path = "/contrats/\(contract.id!.uuidString)/etat"
            let coordinator = WebClient(app)
            try await coordinator.login("coordination.belle-ile@demo.cls-pilot.fr")
            try await coordinator.get("/contrats/\(contract.id!.uuidString)")

            let missing = try await coordinator.post(path, [("toState", "suspendu")], csrf: .some(nil))
            XCTAssertEqual(missing.status, .forbidden)
            XCTAssertTrue(missing.body.string.contains("Rechargez la page"))
            let forged = try await coordinator.post(path, [("toState", "suspendu")], csrf: "0123456789abcdef0123456789abcdef0123456789abcdef")
            XCTAssertEqual(forged.status, .forbidden)
            let value17 = try await Contract.find(contract.id, on: app.db)?.state
            XCTAssertEqual(value17, ContractState.elaboration.rawValue)

            // The genuine token goes through.
            let value18 = try await coordinator.post(path, [("toState", "suspendu"), ("effectiveOn", "2026-11-02")]).status
            XCTAssertEqual(value18, .seeOther)
            let value19 = try await Contract.find(contract.id, on: app.db)?.state
            XCTAssertEqual(value19, ContractState.suspendu.rawValue)

            // Even the login form needs the token.
            let fresh = WebClient(app)
            let value20 = try await fresh.post("/connexion", [("email", "admin@demo.cls-pilot.fr"), ("password", DemoDataset.password)]).status
            XCTAssertEqual(value20, .forbidden)
        }
    }

    func testAPITokenActsAsItsUser() async throws {
        try await TestApp.run { app, _ in
            let value21 = try await User.query(on: app.db).filter(\.$email == "dt93@demo.cls-pilot.fr").first()
            let user = try XCTUnwrap(value21)
            let token = try await APITokens.issue(for: user, label: "test", using: Mutations(database: app.db, actor: .system))
            var headers = HTTPHeaders()
            headers.bearerAuthorization = BearerAuthorization(token: token)
            let client = WebClient(app)
            let response = try await client.get("/api/v1/contracts", headers: headers)
            XCTAssertEqual(response.status, .ok)
            let contracts = try JSONDecoder().decode([ContractJSON].self, from: Data(response.body.string.utf8))
            XCTAssertEqual(Set(contracts.map(\.name)), ["CLS de Bobigny", "CLS de Stains", "CLS de Saint-Ouen-sur-Seine"])
            XCTAssertTrue(contracts.allSatisfy { !$0.id.isEmpty && $0.generation >= 1 && ContractState(rawValue: $0.state) != nil })

            let one = try await client.get("/api/v1/contracts/\(contracts[0].id)", headers: headers)
            XCTAssertEqual(one.status, .ok)
            XCTAssertTrue(one.body.string.contains("\"signatories\""))

            let organisations = try await client.get("/api/v1/organisations", headers: headers)
            XCTAssertEqual(organisations.status, .ok)
            XCTAssertTrue(organisations.body.string.contains("ARS Bretagne"))

            var wrong = HTTPHeaders()
            wrong.bearerAuthorization = BearerAuthorization(token: "clsp_not-a-token")
            let refused = try await client.get("/api/v1/contracts", headers: wrong)
            XCTAssertEqual(refused.status, .unauthorized)
            XCTAssertTrue(refused.body.string.contains("Jeton d'API invalide"))
        }
    }

    func testLoginIsThrottledAfterRepeatedFailures() async throws {
        try await TestApp.run { app, _ in
            let client = WebClient(app)
            try await client.get("/connexion")
            for _ in 0..<LoginThrottle.maxFailuresPerAccount {
                let failed = try await client.post("/connexion", [("email", "ars.idf@demo.cls-pilot.fr"), ("password", "mauvais")])
                XCTAssertEqual(failed.status, .unauthorized)
                XCTAssertTrue(failed.body.string.contains("incorrect"))
            }
            let locked = try await client.post("/connexion", [("email", "ars.idf@demo.cls-pilot.fr"), ("password", DemoDataset.password)])
            XCTAssertEqual(locked.status, .tooManyRequests)
            XCTAssertTrue(locked.body.string.contains("Trop de tentatives"))
            // Another account is not affected.
            try await client.login("ars.bretagne@demo.cls-pilot.fr")
        }
    }

    func testSecurityHeadersAndFrenchErrorPages() async throws {
        try await TestApp.run { app, _ in
            let client = WebClient(app)
            let response = try await client.get("/connexion")
            XCTAssertEqual(response.headers.first(name: "Content-Security-Policy")?.contains("default-src 'self'"), true)
            XCTAssertEqual(response.headers.first(name: "Content-Security-Policy")?.contains("frame-ancestors 'none'"), true)
            XCTAssertEqual(response.headers.first(name: "X-Content-Type-Options"), "nosniff")
            XCTAssertEqual(response.headers.first(name: "Referrer-Policy"), "same-origin")
            let cookie = try XCTUnwrap(response.headers.first(name: .setCookie))
            XCTAssertTrue(cookie.contains("HttpOnly"))
            XCTAssertTrue(cookie.lowercased().contains("samesite=lax"))

            let missing = try await client.get("/nulle-part")
            XCTAssertEqual(missing.status, .notFound)
            XCTAssertTrue(missing.body.string.contains("Page introuvable"))
            XCTAssertTrue(missing.body.string.contains("lang=\"fr\""))
        }
    }

    func testUsersManageTheirOwnTokensFromTheAccountPage() async throws {
        try await TestApp.run { app, _ in
            let coordinator = WebClient(app)
            try await coordinator.login("coordination.bobigny@demo.cls-pilot.fr")
            try await coordinator.get("/compte/jetons")
            let created = try await coordinator.post("/compte/jetons", [("label", "Tableau de bord")])
            XCTAssertEqual(created.status, .seeOther)
            let page = try await coordinator.get("/compte/jetons")
            let html = page.body.string
            let start = try XCTUnwrap(html.range(of: APITokens.prefix))
            let token = String(html[start.lowerBound...].prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" })
            XCTAssertTrue(html.contains("Tableau de bord"))

            var headers = HTTPHeaders()
            headers.bearerAuthorization = BearerAuthorization(token: token)
            let api = WebClient(app)
            let before = try await api.get("/api/v1/contracts", headers: headers)
            XCTAssertEqual(before.status, .ok)
            XCTAssertTrue(before.body.string.contains("CLS de Bobigny"))
            XCTAssertFalse(before.body.string.contains("Belle-Île"))

            let found = try await APIToken.query(on: app.db).filter(\.$label == "Tableau de bord").first()
            let record = try XCTUnwrap(found)
            let revoked = try await coordinator.post("/compte/jetons/\(record.id!.uuidString)/revoquer", [])
            XCTAssertEqual(revoked.status, .seeOther)
            let after = try await api.get("/api/v1/contracts", headers: headers)
            XCTAssertEqual(after.status, .unauthorized)
            let audit = try await AuditEntry.query(on: app.db).filter(\.$entityType == APIToken.auditEntityType).all()
            XCTAssertEqual(audit.map(\.action).sorted(), ["create", "update"])

            // Someone else's token cannot be revoked by guessing its id.
            let other = WebClient(app)
            try await other.login("dt93@demo.cls-pilot.fr")
            try await other.get("/compte/jetons")
            let foreign = try await other.post("/compte/jetons/\(record.id!.uuidString)/revoquer", [])
            XCTAssertEqual(foreign.status, .notFound)
        }
    }

    func testLoginStartsANewSession() async throws {
        try await TestApp.run { app, _ in
            let client = WebClient(app)
            try await client.get("/connexion")
            let before = try XCTUnwrap(client.cookie)
            let tokenBefore = try XCTUnwrap(client.csrf)
            try await client.login("ars.idf@demo.cls-pilot.fr")
            XCTAssertNotEqual(client.cookie, before, "the pre-login session id is not kept")
            // The planted session id no longer signs anyone in.
            let planted = WebClient(app)
            planted.cookie = before
            let response = try await planted.get("/contrats")
            XCTAssertEqual(response.status, .seeOther)
            // And the old CSRF token no longer works with the new session.
            let page = try await client.get("/contrats")
            XCTAssertEqual(page.status, .ok)
            XCTAssertNotEqual(client.csrf, tokenBefore)
        }
    }
}
