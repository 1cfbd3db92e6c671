import CLSCore
import CLSStore
import Fluent
import Vapor
import XCTVapor
import XCTest
@testable import CLSWeb

/// The findings of the reliability and security campaign (issue 14), each kept closed by a test
/// that failed before its fix.
final class SecurityFindingsTests: XCTestCase {
    // MARK: - An API token is not a web credential

    func testATokenOpensTheAPIButNoPageAndCannotMintAnotherToken() async throws {
        try await TestApp.run { app, _ in
            let found = try await User.query(on: app.db).filter(\.$email == "admin@demo.cls-pilot.fr").first()
            let admin = try XCTUnwrap(found)
            let token = try await APITokens.issue(for: admin, label: "campagne", using: Mutations(database: app.db, actor: .system))
            var bearer = HTTPHeaders()
            bearer.bearerAuthorization = BearerAuthorization(token: token)
            let client = WebClient(app)

            let status1 = try await client.get("/api/v1/contracts", headers: bearer).status
            XCTAssertEqual(status1, .ok)

            // A page: the header is ignored, the visitor is anonymous and sent to sign in.
            let page = try await client.get("/compte/jetons", headers: bearer)
            XCTAssertEqual(page.status, .seeOther)
            XCTAssertTrue(page.headers.first(name: .location)?.hasPrefix("/connexion") ?? false)
            let status2 = try await client.get("/admin/utilisateurs", headers: bearer).status
            XCTAssertEqual(status2, .seeOther)

            // Minting a token or creating an account with the token alone: refused, nothing written.
            let tokensBefore = try await APIToken.query(on: app.db).count()
            let usersBefore = try await User.query(on: app.db).count()
            var form = bearer
            form.contentType = .urlEncodedForm
            let mint = try await client.send(.POST, "/compte/jetons", headers: form, body: ByteBuffer(string: "label=second"))
            XCTAssertNotEqual(mint.status.code / 100, 2)
            XCTAssertNotEqual(mint.status, .seeOther)
            let create = try await client.send(.POST, "/admin/utilisateurs", headers: form,
                                               body: ByteBuffer(string: "email=intrus%40example.org&displayName=Intrus&role=admin"))
            XCTAssertNotEqual(create.status.code / 100, 2)
            XCTAssertNotEqual(create.status, .seeOther)
            let tokensAfter = try await APIToken.query(on: app.db).count()
            let usersAfter = try await User.query(on: app.db).count()
            XCTAssertEqual(tokensAfter, tokensBefore)
            XCTAssertEqual(usersAfter, usersBefore)
        }
    }

    func testATokenReplacesTheSessionUserOnTheAPI() async throws {
        try await TestApp.run { app, _ in
            let found = try await User.query(on: app.db).filter(\.$email == "dt93@demo.cls-pilot.fr").first()
            let dt93 = try XCTUnwrap(found)
            let token = try await APITokens.issue(for: dt93, label: "api", using: Mutations(database: app.db, actor: .system))
            let client = WebClient(app)
            try await client.login("ars.bretagne@demo.cls-pilot.fr")
            var bearer = HTTPHeaders()
            bearer.bearerAuthorization = BearerAuthorization(token: token)
            let contracts = try await client.get("/api/v1/contracts", headers: bearer)
            XCTAssertEqual(contracts.status, .ok)
            XCTAssertTrue(contracts.body.string.contains("CLS de Bobigny"))
            XCTAssertFalse(contracts.body.string.contains("Belle-Île"), "the session's user must not widen the token's view")
        }
    }

    // MARK: - Redirect after login stays on this site

    func testRedirectTargetsAreSameSitePathsWithoutControlCharacters() {
        for hostile in ["/\t/evil.example", "//evil.example", "/\\evil.example", "\\\\evil.example", "https://evil.example",
                        "/\n/evil.example", "/\r\n/evil.example", "/ /evil.example", "/\u{7F}/evil.example",
                        "/\u{200B}/evil.example", "/\u{85}/evil.example", "evil.example", "", "/%09/ok\u{0}"] {
            XCTAssertNil(SameSitePath.validated(hostile), hostile.debugDescription)
        }
        for path in ["/", "/contrats", "/contrats/abc/programme?annee=2026#haut", "/recherche?q=sant%C3%A9"] {
            XCTAssertEqual(SameSitePath.validated(path), path)
        }
    }

    func testLoginNeverRedirectsToAnotherHost() async throws {
        try await TestApp.run { app, _ in
            let client = WebClient(app)
            try await client.get("/connexion")
            for hostile in ["%2F%09%2Fevil.example", "%2F%0A%2Fevil.example", "%2F%5Cevil.example", "%2F%2Fevil.example"] {
                let form = try await client.get("/connexion?suite=\(hostile)")
                XCTAssertFalse(form.body.string.contains("evil.example"), hostile)
            }
            let response = try await client.post("/connexion", [("email", "ars.idf@demo.cls-pilot.fr"),
                                                                ("password", DemoDataset.password), ("suite", "/\t/evil.example")])
            XCTAssertEqual(response.status, .seeOther)
            XCTAssertEqual(response.headers.first(name: .location), "/")
        }
    }

    // MARK: - A password change ends the other sessions

    func testChangingOnesPasswordSignsOutTheOtherSessionsOnly() async throws {
        try await TestApp.run { app, _ in
            let laptop = WebClient(app), phone = WebClient(app)
            try await laptop.login("ars.idf@demo.cls-pilot.fr")
            try await phone.login("ars.idf@demo.cls-pilot.fr")
            let status3 = try await phone.get("/compte/mot-de-passe").status
            XCTAssertEqual(status3, .ok)

            try await laptop.get("/compte/mot-de-passe")
            let newPassword = "Nouveau-mot-de-passe-2026"
            let changed = try await laptop.post("/compte/mot-de-passe", [("currentPassword", DemoDataset.password),
                                                                         ("newPassword", newPassword), ("confirmation", newPassword)])
            XCTAssertEqual(changed.status, .seeOther)

            let status4 = try await laptop.get("/compte/mot-de-passe").status
            XCTAssertEqual(status4, .ok, "the session that changed it goes on")
            let stale = try await phone.get("/compte/mot-de-passe")
            XCTAssertEqual(stale.status, .seeOther, "the other session must be signed out")
            XCTAssertTrue(stale.headers.first(name: .location)?.hasPrefix("/connexion") ?? false)
            try await phone.login("ars.idf@demo.cls-pilot.fr", password: newPassword)
        }
    }

    func testAnAdministratorsResetSignsOutTheUser() async throws {
        try await TestApp.run { app, _ in
            let user = WebClient(app), admin = WebClient(app)
            try await user.login("dt93@demo.cls-pilot.fr")
            let status5 = try await user.get("/compte/mot-de-passe").status
            XCTAssertEqual(status5, .ok)
            try await admin.login("admin@demo.cls-pilot.fr")
            let found = try await User.query(on: app.db).filter(\.$email == "dt93@demo.cls-pilot.fr").first()
            let id = try XCTUnwrap(found?.requireID())
            try await admin.get("/admin/utilisateurs")
            let reset = try await admin.post("/admin/utilisateurs/\(id)/mot-de-passe", [])
            XCTAssertLessThan(reset.status.code, 400)
            let status6 = try await user.get("/compte/mot-de-passe").status
            XCTAssertEqual(status6, .seeOther)
        }
    }

    // MARK: - A stranger cannot lock someone out

    func testFailuresFromOneAddressDoNotLockTheOwnerElsewhere() async throws {
        try await TestApp.run { app, _ in
            app.trustsForwardedFor = true
            let stranger = WebClient(app)
            stranger.defaultHeaders.add(name: "X-Forwarded-For", value: "203.0.113.9")
            try await stranger.get("/connexion")
            for _ in 0..<LoginThrottle.maxFailuresPerAccount {
                let failed = try await stranger.post("/connexion", [("email", "ars.idf@demo.cls-pilot.fr"), ("password", "mauvais")])
                XCTAssertEqual(failed.status, .unauthorized)
            }
            // The stranger's address is now refused for that account, even with the right password…
            let locked = try await stranger.post("/connexion", [("email", "ars.idf@demo.cls-pilot.fr"), ("password", DemoDataset.password)])
            XCTAssertEqual(locked.status, .tooManyRequests)
            XCTAssertTrue(locked.body.string.contains("Trop de tentatives"))

            // …while the owner, from their own address, signs in.
            let owner = WebClient(app)
            owner.defaultHeaders.add(name: "X-Forwarded-For", value: "198.51.100.20")
            try await owner.login("ars.idf@demo.cls-pilot.fr")
        }
    }

    func testOneAddressTryingManyAccountsIsStopped() async throws {
        try await TestApp.run { app, _ in
            app.trustsForwardedFor = true
            let sprayer = WebClient(app)
            sprayer.defaultHeaders.add(name: "X-Forwarded-For", value: "10.0.0.1, 203.0.113.50")
            try await sprayer.get("/connexion")
            for attempt in 0..<LoginThrottle.maxFailuresPerAddress {
                let failed = try await sprayer.post("/connexion", [("email", "personne\(attempt)@example.org"), ("password", "Printemps2026")])
                XCTAssertEqual(failed.status, .unauthorized)
            }
            let stopped = try await sprayer.post("/connexion", [("email", "admin@demo.cls-pilot.fr"), ("password", DemoDataset.password)])
            XCTAssertEqual(stopped.status, .tooManyRequests)
            // The address is the one the trusted proxy appended, not one the client wrote first.
            let neighbour = WebClient(app)
            neighbour.defaultHeaders.add(name: "X-Forwarded-For", value: "203.0.113.50, 198.51.100.7")
            try await neighbour.login("admin@demo.cls-pilot.fr")
        }
    }

    func testForwardedForIsIgnoredUnlessTheProxyIsTrusted() async throws {
        try await TestApp.run { app, _ in
            let liar = WebClient(app)
            try await liar.get("/connexion")
            for attempt in 0..<LoginThrottle.maxFailuresPerAccount {
                liar.defaultHeaders.replaceOrAdd(name: "X-Forwarded-For", value: "192.0.2.\(attempt)")
                _ = try await liar.post("/connexion", [("email", "ars.idf@demo.cls-pilot.fr"), ("password", "mauvais")])
            }
            liar.defaultHeaders.replaceOrAdd(name: "X-Forwarded-For", value: "192.0.2.99")
            let locked = try await liar.post("/connexion", [("email", "ars.idf@demo.cls-pilot.fr"), ("password", DemoDataset.password)])
            XCTAssertEqual(locked.status, .tooManyRequests, "a forged header must not reset the count")
        }
    }

    // MARK: - Restore never runs under a live server

    func testRestoreIsRefusedWhileTheDatabaseIsInUse() async throws {
        if TestApp.postgresURL != nil { throw XCTSkip("Backup/restore is SQLite's; PostgreSQL uses pg_dump/pg_restore (README).") }
        let directory = try TestDirectory()
        let databasePath = directory.path("live.sqlite"), backupPath = directory.path("copy.sqlite")
        let app = try await Application.make(.testing)
        do {
            try configure(app, storage: .sqlite(path: databasePath))
            try await prepareDatabase(app)
            try await DemoDataset.loadIfEmpty(on: app.db, hasher: BcryptHasher())
            try await Backup.write(from: app.db, to: backupPath)
            let contract = try await TestApp.contract(named: "CLS de Stains", on: app)
            try await Mutations(database: app.db, actor: .system).update(contract, permission: .editContract(contract.accessScope)) { $0.name = "Écrit après la sauvegarde" }
            do {
                try await Backup.restore(from: backupPath, to: databasePath)
                XCTFail("a restore under a running server must be refused")
            } catch let failure as DatabaseFileLock.Failure {
                XCTAssertEqual(failure, .databaseInUse)
                XCTAssertTrue(failure.message.contains("arrêtez"))
            }
            // The write acknowledged before is still there, and the server keeps writing.
            let renamed = try await Contract.query(on: app.db).filter(\.$name == "Écrit après la sauvegarde").count()
            XCTAssertEqual(renamed, 1)
            XCTAssertFalse(FileManager.default.fileExists(atPath: databasePath + ".restoring"))
        } catch {
            try await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()

        // Stopped, the restore goes through; while it holds the database, nothing else starts.
        let restoring = try DatabaseFileLock.exclusive(databasePath: databasePath)
        let blocked = try await Application.make(.testing)
        XCTAssertThrowsError(try configure(blocked, storage: .sqlite(path: databasePath))) { error in
            XCTAssertTrue("\(error)".contains("restauration"), "\(error)")
        }
        try await blocked.asyncShutdown()
        restoring.release()
        try await Backup.restore(from: backupPath, to: databasePath)
        let restored = try await Application.make(.testing)
        try configure(restored, storage: .sqlite(path: databasePath))
        let stains = try await Contract.query(on: restored.db).filter(\.$name == "CLS de Stains").count()
        XCTAssertEqual(stains, 1)
        try await restored.asyncShutdown()
    }

    /// The README's first command on a fresh machine: the data folder does not exist yet.
    func testTheFirstStartCreatesTheDataFolder() async throws {
        let directory = try TestDirectory()
        let databasePath = directory.path("absent/sous-dossier/cls-pilot.sqlite")
        let app = try await Application.make(.testing)
        do {
            try configure(app, storage: .sqlite(path: databasePath))
            try await prepareDatabase(app)
            XCTAssertTrue(FileManager.default.fileExists(atPath: DatabaseFileLock.lockPath(forDatabase: databasePath)))
            let contracts = try await Contract.query(on: app.db).count()
            XCTAssertEqual(contracts, 0)
        } catch {
            try await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }

    // MARK: - Text fields are bounded

    func testA100KilobyteLinkLabelIsNotStored() async throws {
        try await TestApp.run { app, _ in
            let contract = try await TestApp.contract(named: "CLS 2 de Belle-Île-en-Mer", on: app)
            let first = try await Action.query(on: app.db).filter(\.$contract.$id == contract.requireID()).first()
            let action = try XCTUnwrap(first)
            let path = "/contrats/\(try contract.requireID())/actions/\(try action.requireID())"
            let coordinator = WebClient(app)
            try await coordinator.login("coordination.belle-ile@demo.cls-pilot.fr")
            try await coordinator.get(path)
            let refused = try await coordinator.post("\(path)/liens", [("label", String(repeating: "é", count: 100_000)),
                                                                        ("url", "https://www.exemple.fr/rapport.pdf")])
            XCTAssertEqual(refused.status, .unprocessableEntity)
            let links = try await ActionLink.query(on: app.db).count()
            XCTAssertEqual(links, 0)
            XCTAssertTrue(refused.body.string.contains("raccourcissez-le"))

            // Whatever the path, the store refuses it too: here an organisation's name.
            let anyOrganisation = try await Organisation.query(on: app.db).first()
            let organisation = try XCTUnwrap(anyOrganisation)
            do {
                try await Mutations(database: app.db, actor: .system).update(organisation, permission: .editOrganisations) {
                    $0.name = String(repeating: "x", count: TextLimits.line + 1)
                }
                XCTFail("an overlong name must be refused")
            } catch let excess as TextTooLong {
                XCTAssertEqual(excess.limit, TextLimits.line)
                XCTAssertTrue(excess.message.hasPrefix("Le champ « "))
            }
            let unchanged = try await Organisation.find(organisation.id, on: app.db)
            XCTAssertLessThanOrEqual(unchanged?.name.count ?? 0, TextLimits.line)
        }
    }

    // MARK: - Upload storage is bounded

    func testPendingUploadsAreBoundedPerUserInTotalAndInTime() async throws {
        try await TestApp.run { app, _ in
            let contract = try await TestApp.contract(named: "CLS 2 de Belle-Île-en-Mer", on: app)
            let users = try await User.query(on: app.db).sort(\.$email).limit(3).all()
            var bounds = PendingUploads.Bounds()
            bounds.perUser = 3
            bounds.totalBytes = 10_000
            let now = Date()
            func upload(_ user: User, bytes: Int, at date: Date) async throws -> ImportUpload {
                let pending = ImportUpload(contractId: try contract.requireID(), userId: try user.requireID(),
                                           filename: "plan.xlsx", content: Data(repeating: 0x41, count: bytes))
                try await PendingUploads.store(pending, on: app.db, now: date, bounds: bounds)
                return pending
            }
            // One user sending five previews keeps the three latest.
            var sent: [ImportUpload] = []
            for index in 0..<5 { sent.append(try await upload(users[0], bytes: 1_000, at: now.addingTimeInterval(Double(index)))) }
            let kept = try await ImportUpload.query(on: app.db).filter(\.$userId == users[0].requireID()).all().compactMap(\.id)
            XCTAssertEqual(Set(kept), Set(sent.suffix(3).compactMap(\.id)))

            // Others' uploads push the oldest out once the total would pass 10,000 bytes.
            _ = try await upload(users[1], bytes: 4_000, at: now.addingTimeInterval(10))
            _ = try await upload(users[2], bytes: 4_000, at: now.addingTimeInterval(11))
            let sizes = try await ImportUpload.query(on: app.db).all().map(\.content.count)
            XCTAssertLessThanOrEqual(sizes.reduce(0, +), 10_000)
            XCTAssertEqual(sizes.filter { $0 == 4_000 }.count, 2, "the newest stay")

            // Past their lifetime, uploads are gone at the next store.
            _ = try await upload(users[1], bytes: 10, at: now.addingTimeInterval(bounds.lifetime + 60))
            let left = try await ImportUpload.query(on: app.db).count()
            XCTAssertEqual(left, 1)
        }
    }

    // MARK: - A large import does not freeze the site

    /// An import writes through the `.background` pool: while its transaction is open (write lock
    /// taken, rows written but not committed), pages are served through their own connections,
    /// on the very event loop of the import's connection, and see the data as it was. (Through
    /// the default pool, one SQLite connection per event loop, that page waited for the import.)
    func testPagesAreServedWhileAnImportTransactionIsOpen() async throws {
        try await TestApp.run { app, _ in
            let contract = try await TestApp.contract(named: "CLS 2 de Belle-Île-en-Mer", on: app)
            let programme = "/contrats/\(try contract.requireID())/programme"
            let coordinator = WebClient(app)
            try await coordinator.login("coordination.belle-ile@demo.cls-pilot.fr")
            let cookie = try XCTUnwrap(coordinator.cookie)
            let actor = Actor(userId: nil, label: "import", subject: AccessSubject(userId: UUID().uuidString, grants: [RoleGrant(role: .admin, scope: nil)]))
            for (index, loop) in app.eventLoopGroup.makeIterator().enumerated() {
                let background = try XCTUnwrap(app.databases.database(.background, logger: app.logger, on: loop))
                try await Mutations(database: background, actor: actor).transaction { tx in
                    _ = try await PlanImporter.apply(PlanImportTests.largePlan(axes: 1, actionsPerAxis: 20 + index), to: contract, using: tx)
                    // Written, not committed: a page on the same event loop answers meanwhile.
                    for path in ["/contrats", programme] {
                        let request = Request(application: app, method: .GET, url: URI(path: path),
                                              headers: ["Cookie": cookie], on: loop)
                        let page = try await app.responder.respond(to: request).get()
                        XCTAssertEqual(page.status, .ok, path)
                        XCTAssertFalse((page.body.string ?? "").contains("Action 1.\(20 + index)"), "uncommitted actions are not shown")
                        XCTAssertTrue((page.body.string ?? "").contains("Belle-Île"), path)
                    }
                }
            }
            let after = try await coordinator.get(programme)
            XCTAssertTrue(after.body.string.contains("Action 1.20"))
        }
    }

    // MARK: - No page number can crash the server

    /// Found by schemathesis on the API: a huge page number overflowed (page - 1) × size and
    /// aborted the process. The web lists computed the same product.
    func testHugePageNumbersAnswerAnEmptyPage() async throws {
        try await TestApp.run { app, _ in
            let admin = WebClient(app)
            try await admin.login("admin@demo.cls-pilot.fr")
            let huge = "922337203685477580"
            for path in ["/contrats?page=\(huge)", "/bibliotheque?q=sante&page=\(huge)", "/organisations?page=\(huge)",
                         "/admin/journal?page=\(huge)", "/api/v1/actions/search?q=sante&offset=\(huge)"] {
                let response = try await admin.get(path)
                XCTAssertLessThan(response.status.code, 500, path)
            }
            let alive = try await admin.get("/contrats")
            XCTAssertEqual(alive.status, .ok)
        }
    }

    // MARK: - Permission before validation

    /// Found while drawing the route × role matrix: these handlers read and validated their input
    /// before their permission, so a user without the right got the form's refusal (or a visitor
    /// a 400) rather than a refusal of access.
    func testPermissionIsCheckedBeforeTheInput() async throws {
        try await TestApp.run { app, _ in
            let visitor = WebClient(app)
            try await visitor.get("/connexion")
            let priorities = try await visitor.get("/territoires/priorites?revenu=abc")
            XCTAssertEqual(priorities.status, .seeOther)
            XCTAssertTrue(priorities.headers.first(name: .location)?.hasPrefix("/connexion?suite=") ?? false)
            let themeByVisitor = try await visitor.post("/referentiels/themes", [])
            XCTAssertEqual(themeByVisitor.status, .seeOther)

            let reader = WebClient(app)
            try await reader.login("lecture.belle-ile@demo.cls-pilot.fr")
            try await reader.get("/contrats")
            let theme = try await reader.post("/referentiels/themes", [])
            XCTAssertEqual(theme.status, .forbidden)
            let contract = try await reader.post("/contrats", [])
            XCTAssertEqual(contract.status, .forbidden)
        }
    }
}
