import CLSCore
import CLSStore
import Fluent
import Vapor
import XCTVapor
import XCTest
@testable import CLSWeb

/// Every route of the application, requested by every kind of user, with real ids and a valid
/// CSRF token: the answer must be a denial exactly when the access policy denies. The routes
/// come from the application's route table, so a route added without its rule here fails.
///
/// A denial is a redirection to sign in, 401, 403 or 404 (a contract one may not see answers
/// 404, so that ids cannot be probed); anything else is an answer, and a 5xx is always a failure.
/// Forms are sent empty (an allowed user gets the form's refusal, 400 or 422, or a redirection).
final class RouteRoleMatrixTests: XCTestCase {
    /// The access rule of a route, as its handler checks it first.
    indirect enum Rule {
        case anyone
        case signedIn
        /// A change to the signed-in user's own account.
        case ownAccount
        /// A permission that names no contract.
        case global(Permission)
        /// A permission on the target contract.
        case contract(@Sendable (ContractScope) -> Permission)
        /// The same under /api/v1 (401 instead of the sign-in page).
        case apiContract(@Sendable (ContractScope) -> Permission)
        case apiSignedIn
        /// Following up the target action: its pilot, or whoever edits the programme.
        case followUp
        /// A permission on the region sent in the form (the target contract's here).
        case region(@Sendable (String) -> Permission)
        /// The public page of a published, non-confidential contract, the same for everyone.
        case publicContract
        /// The contract creation form: the ARS and the administrator.
        case arsOrAdmin
        /// Decided by the body: only the check made before the body matters is asserted.
        case bodyDependent(minimum: Rule)
        /// The API's catch-all.
        case alwaysNotFound
    }

    static var rules: [String: Rule] {
        [
            "GET /": .anyone,
            "GET /connexion": .anyone,
            "POST /connexion": .anyone,
            "POST /deconnexion": .anyone,
            "GET /compte/mot-de-passe": .signedIn,
            "POST /compte/mot-de-passe": .ownAccount,
            "GET /compte/jetons": .signedIn,
            "POST /compte/jetons": .ownAccount,
            "POST /compte/jetons/:tokenID/revoquer": .ownAccount,
            "GET /notifications": .signedIn,
            "POST /notifications/:noticeID/lue": .ownAccount,
            "POST /notifications/tout-marquer-lu": .ownAccount,
            "POST /notifications/preferences": .ownAccount,
            "GET /contrats": .signedIn,
            "GET /contrats/export.csv": .signedIn,
            "GET /contrats/nouveau": .arsOrAdmin,
            "POST /contrats": .bodyDependent(minimum: .arsOrAdmin),
            "GET /contrats/:contractID": .contract { .viewContract($0) },
            "GET /contrats/:contractID/modifier": .contract { .editContract($0) },
            "POST /contrats/:contractID/modifier": .contract { .editContract($0) },
            "POST /contrats/:contractID/etat": .contract { .changeContractState($0) },
            "GET /contrats/:contractID/historique": .contract { .viewContract($0) },
            "GET /contrats/:contractID/indicateurs": .contract { .viewContract($0) },
            "GET /contrats/:contractID/documents": .contract { .viewContract($0) },
            "GET /contrats/:contractID/documents/contrat.docx": .contract { .viewContract($0) },
            "POST /contrats/:contractID/documents/textes": .contract { .editContract($0) },
            "POST /contrats/:contractID/documents/fichiers": .contract { .editContract($0) },
            "GET /contrats/:contractID/documents/fichiers/:fileID": .contract { .viewContract($0) },
            // Renewing creates the next contract: those who may create one in the contract's territory.
            "GET /contrats/:contractID/renouvellement": .global(.createContract(regionCode: "53", departmentCode: "56")),
            "POST /contrats/:contractID/renouvellement": .global(.createContract(regionCode: "53", departmentCode: "56")),
            "GET /contrats/:contractID/diagnostic": .contract { .viewContract($0) },
            "GET /contrats/:contractID/diagnostic/indicateurs.xlsx": .contract { .viewContract($0) },
            "GET /contrats/:contractID/diagnostic/indicateurs.csv": .contract { .viewContract($0) },
            "POST /contrats/:contractID/diagnostic/versions": .contract { .editContract($0) },
            "GET /contrats/:contractID/diagnostic/versions/:diagnosisVersion": .contract { .viewContract($0) },
            "POST /contrats/:contractID/diagnostic/partage": .contract { .editContract($0) },
            "POST /contrats/:contractID/diagnostic/constats": .contract { .editContract($0) },
            "POST /contrats/:contractID/diagnostic/constats/:findingID/supprimer": .contract { .editContract($0) },
            "POST /contrats/:contractID/diagnostic/priorites": .contract { .editContract($0) },
            "POST /contrats/:contractID/diagnostic/priorites/:priorityID": .contract { .editContract($0) },
            "POST /contrats/:contractID/diagnostic/priorites/:priorityID/axe": .contract { .editProgramme($0) },
            "GET /contrats/:contractID/evaluation": .contract { .viewContract($0) },
            "POST /contrats/:contractID/evaluation/cadre": .contract { .editContract($0) },
            "POST /contrats/:contractID/evaluation/preuves": .contract { .editContract($0) },
            "POST /contrats/:contractID/evaluation/questions": .contract { .editContract($0) },
            "POST /contrats/:contractID/evaluation/questions/:questionID": .contract { .editContract($0) },
            "POST /contrats/:contractID/evaluation/questions/:questionID/supprimer": .contract { .editContract($0) },
            "GET /contrats/:contractID/evaluation/evaluation.docx": .contract { .viewContract($0) },
            "GET /contrats/:contractID/evaluation/preuves.xlsx": .contract { .viewContract($0) },
            "GET /contrats/:contractID/avenants": .contract { .viewContract($0) },
            "POST /contrats/:contractID/avenants": .contract { .editContract($0) },
            "GET /contrats/:contractID/avenants/:amendmentNumber": .contract { .viewContract($0) },
            "POST /contrats/:contractID/avenants/:amendmentNumber": .contract { .editContract($0) },
            "POST /contrats/:contractID/avenants/:amendmentNumber/signer": .contract { .changeContractState($0) },
            "POST /contrats/:contractID/avenants/:amendmentNumber/supprimer": .contract { .editContract($0) },
            "GET /contrats/:contractID/avenants/:amendmentNumber/avenant.docx": .contract { .viewContract($0) },
            "GET /contrats/:contractID/versions/:versionNumber": .contract { .viewContract($0) },
            "GET /contrats/:contractID/versions/:versionNumber/contrat.docx": .contract { .viewContract($0) },
            "POST /contrats/:contractID/signataires": .contract { .editContract($0) },
            "POST /contrats/:contractID/signataires/:partyID/supprimer": .contract { .editContract($0) },
            "POST /contrats/:contractID/partenaires": .contract { .editContract($0) },
            "POST /contrats/:contractID/partenaires/:partyID/supprimer": .contract { .editContract($0) },
            "GET /contrats/:contractID/membres": .contract { .viewContract($0) },
            "POST /contrats/:contractID/membres": .contract { .manageContractMembers($0) },
            "POST /contrats/:contractID/membres/:assignmentID/supprimer": .contract { .manageContractMembers($0) },
            "GET /contrats/:contractID/perimetre": .contract { .viewContract($0) },
            "POST /contrats/:contractID/perimetre": .contract { .editContract($0) },
            "GET /contrats/:contractID/gouvernance": .contract { .viewContract($0) },
            "GET /contrats/:contractID/gouvernance/calendrier.ics": .contract { .viewContract($0) },
            "POST /contrats/:contractID/gouvernance/instances": .contract { .editContract($0) },
            "GET /contrats/:contractID/gouvernance/instances/:bodyID": .contract { .viewContract($0) },
            "POST /contrats/:contractID/gouvernance/instances/:bodyID/membres": .contract { .editContract($0) },
            "POST /contrats/:contractID/gouvernance/instances/:bodyID/membres/:memberID/sortie": .contract { .editContract($0) },
            "POST /contrats/:contractID/gouvernance/postes": .contract { .editContract($0) },
            "POST /contrats/:contractID/gouvernance/postes/:postID/fin": .contract { .editContract($0) },
            "POST /contrats/:contractID/gouvernance/postes/:postID/financements": .contract { .editContract($0) },
            "POST /contrats/:contractID/gouvernance/reunions": .contract { .editContract($0) },
            "GET /contrats/:contractID/gouvernance/reunions/:meetingID": .contract { .viewContract($0) },
            "POST /contrats/:contractID/gouvernance/reunions/:meetingID": .contract { .editContract($0) },
            "POST /contrats/:contractID/gouvernance/reunions/:meetingID/presences": .contract { .editContract($0) },
            "POST /contrats/:contractID/gouvernance/reunions/:meetingID/participants": .contract { .editContract($0) },
            "POST /contrats/:contractID/gouvernance/reunions/:meetingID/compte-rendu": .contract { .editContract($0) },
            "GET /contrats/:contractID/gouvernance/reunions/:meetingID/compte-rendu": .contract { .viewContract($0) },
            "POST /contrats/:contractID/gouvernance/reunions/:meetingID/decisions": .contract { .editContract($0) },
            "GET /contrats/:contractID/gouvernance/reunions/:meetingID/releve": .contract { .viewContract($0) },
            "POST /contrats/:contractID/gouvernance/decisions/:decisionID": .contract { .editContract($0) },
            "GET /contrats/:contractID/bilans": .contract { .viewContract($0) },
            "POST /contrats/:contractID/bilans": .contract { .manageReview($0) },
            "GET /contrats/:contractID/bilans/:year": .contract { .viewContract($0) },
            "POST /contrats/:contractID/bilans/:year/etapes": .bodyDependent(minimum: .contract { .viewContract($0) }),
            "POST /contrats/:contractID/bilans/:year/consolidation": .contract { .manageReview($0) },
            "GET /contrats/:contractID/bilans/:year/actions/:actionID": .contract { .viewContract($0) },
            "POST /contrats/:contractID/bilans/:year/actions/:actionID": .followUp,
            "POST /contrats/:contractID/bilans/:year/actions/:actionID/transmettre": .followUp,
            "POST /contrats/:contractID/bilans/:year/actions/:actionID/renvoyer": .contract { .manageReview($0) },
            "GET /contrats/:contractID/bilans/:year/rapport": .contract { .viewContract($0) },
            "GET /contrats/:contractID/bilans/:year/rapport.xlsx": .contract { .viewContract($0) },
            "GET /contrats/:contractID/bilans/:year/rapport.docx": .contract { .viewContract($0) },
            "GET /contrats/:contractID/tableau-de-bord": .contract { .viewContract($0) },
            "GET /alertes": .signedIn,
            "GET /rapports/ists": .signedIn,
            "GET /rapports/ists.csv": .signedIn,
            "GET /rapports/ists.xlsx": .signedIn,
            "GET /api/v1/reports/ists": .apiSignedIn,
            "GET /bibliotheque": .signedIn,
            "GET /api/v1/actions/search": .apiSignedIn,
            "GET /portefeuille": .global(.viewRegionalPortfolio),
            "GET /contrats/:contractID/reflex-iss": .contract { .viewContract($0) },
            "GET /contrats/:contractID/reflex-iss/nouvelle": .contract { .editContract($0) },
            "POST /contrats/:contractID/reflex-iss": .contract { .editContract($0) },
            "GET /contrats/:contractID/reflex-iss/:sessionID": .contract { .viewContract($0) },
            "GET /contrats/:contractID/reflex-iss/:sessionID/modifier": .contract { .editContract($0) },
            "POST /contrats/:contractID/reflex-iss/:sessionID": .contract { .editContract($0) },
            "GET /territoires/departements/:code": .signedIn,
            "GET /territoires/epci/:siren": .signedIn,
            "GET /territoires/communes/:code": .signedIn,
            "GET /territoires": .signedIn,
            "GET /territoires/regions/:code": .signedIn,
            "GET /territoires/priorites": .signedIn,
            "GET /territoires/priorites.csv": .signedIn,
            "GET /contrats/:contractID/programme": .contract { .viewContract($0) },
            "POST /contrats/:contractID/programme/sections": .contract { .editProgramme($0) },
            "POST /contrats/:contractID/programme/sections/:sectionID/modifier": .contract { .editProgramme($0) },
            "POST /contrats/:contractID/programme/sections/:sectionID/deplacer": .contract { .editProgramme($0) },
            "POST /contrats/:contractID/programme/sections/:sectionID/supprimer": .contract { .editProgramme($0) },
            "POST /contrats/:contractID/programme/actions": .contract { .editProgramme($0) },
            "GET /contrats/:contractID/programme/tableau": .contract { .viewContract($0) },
            "POST /contrats/:contractID/programme/lot": .contract { .editProgramme($0) },
            "GET /contrats/:contractID/programme/import": .contract { .editProgramme($0) },
            "POST /contrats/:contractID/programme/import": .contract { .editProgramme($0) },
            "POST /contrats/:contractID/programme/import/:uploadID/confirmer": .contract { .editProgramme($0) },
            "GET /contrats/:contractID/programme/export.xlsx": .contract { .viewContract($0) },
            "GET /contrats/:contractID/programme/export.csv": .contract { .viewContract($0) },
            "GET /programme/modele.xlsx": .signedIn,
            "GET /referentiels/themes": .signedIn,
            "POST /referentiels/themes": .region { .manageRegionalThemes(regionCode: $0) },
            "POST /api/v1/contracts/:contractID/imports/plan": .apiContract { .editProgramme($0) },
            "GET /contrats/:contractID/actions/:actionID": .contract { .viewContract($0) },
            "GET /contrats/:contractID/actions/:actionID/modifier": .contract { .editProgramme($0) },
            "POST /contrats/:contractID/actions/:actionID/modifier": .contract { .editProgramme($0) },
            "POST /contrats/:contractID/actions/:actionID/suivi": .followUp,
            "POST /contrats/:contractID/actions/:actionID/supprimer": .contract { .editProgramme($0) },
            "POST /contrats/:contractID/actions/:actionID/budget": .contract { .editProgramme($0) },
            "POST /contrats/:contractID/actions/:actionID/budget/:lineID/realise": .followUp,
            "POST /contrats/:contractID/actions/:actionID/budget/:lineID/supprimer": .contract { .editProgramme($0) },
            "POST /contrats/:contractID/actions/:actionID/indicateurs": .contract { .editProgramme($0) },
            "POST /contrats/:contractID/actions/:actionID/indicateurs/:indicatorID/valeurs": .followUp,
            "POST /contrats/:contractID/actions/:actionID/indicateurs/:indicatorID/supprimer": .contract { .editProgramme($0) },
            "POST /contrats/:contractID/actions/:actionID/pieces-jointes": .followUp,
            "GET /contrats/:contractID/actions/:actionID/pieces-jointes/:attachmentID": .contract { .viewContract($0) },
            "POST /contrats/:contractID/actions/:actionID/pieces-jointes/:attachmentID/supprimer": .contract { .editProgramme($0) },
            "POST /contrats/:contractID/actions/:actionID/liens": .contract { .editProgramme($0) },
            "POST /contrats/:contractID/actions/:actionID/liens/:linkID/supprimer": .contract { .editProgramme($0) },
            "GET /contrats/:contractID/actions/:actionID/historique": .contract { .viewContract($0) },
            "GET /contrats/:contractID/actions/:actionID/fiche.docx": .contract { .viewContract($0) },
            "GET /organisations": .signedIn,
            "GET /organisations/nouvelle": .global(.editOrganisations),
            "POST /organisations": .global(.editOrganisations),
            "GET /organisations/:organisationID": .signedIn,
            "GET /organisations/:organisationID/modifier": .global(.editOrganisations),
            "POST /organisations/:organisationID/modifier": .global(.editOrganisations),
            "GET /admin/utilisateurs": .global(.manageUsers),
            "GET /admin/utilisateurs/nouveau": .global(.manageUsers),
            "POST /admin/utilisateurs": .global(.manageUsers),
            "GET /admin/utilisateurs/:userID": .global(.manageUsers),
            "POST /admin/utilisateurs/:userID/roles": .global(.manageUsers),
            "POST /admin/utilisateurs/:userID/roles/:assignmentID/supprimer": .global(.manageUsers),
            "POST /admin/utilisateurs/:userID/activation": .global(.manageUsers),
            "POST /admin/utilisateurs/:userID/mot-de-passe": .global(.manageUsers),
            "GET /admin/journal": .global(.viewAuditJournal),
            "GET /admin/courriels": .global(.manageUsers),
            "GET /admin/courriels/:mailID": .global(.manageUsers),
            "GET /admin/referentiel": .global(.importReferenceData),
            "POST /admin/referentiel/imports": .global(.importReferenceData),
            "GET /admin/referentiel/imports/:importID": .global(.importReferenceData),
            "GET /admin/referentiel/imports/:importID/etat": .global(.importReferenceData),
            "POST /admin/referentiel/imports/:importID/confirmer": .global(.importReferenceData),
            "POST /admin/referentiel/imports/:importID/annuler": .global(.importReferenceData),
            "GET /public/contrats/:contractID": .publicContract,
            "GET /public/contrats/:contractID/donnees.json": .publicContract,
            "GET /public/contrats/:contractID/donnees.csv": .publicContract,
            "GET /api/v1/openapi.json": .anyone,
            "GET /api/v1/contracts": .apiSignedIn,
            "GET /api/v1/contracts/:contractID": .apiContract { .viewContract($0) },
            "GET /api/v1/contracts/:contractID/programme": .apiContract { .viewContract($0) },
            "GET /api/v1/contracts/:contractID/document.docx": .apiContract { .viewContract($0) },
            "GET /api/v1/contracts/:contractID/amendments": .apiContract { .viewContract($0) },
            "GET /api/v1/contracts/:contractID/evaluation": .apiContract { .viewContract($0) },
            "GET /api/v1/contracts/:contractID/documents": .apiContract { .viewContract($0) },
            "GET /api/v1/contracts/:contractID/diagnostic": .apiContract { .viewContract($0) },
            "GET /api/v1/indicators": .apiSignedIn,
            "GET /api/v1/contracts/:contractID/priorities": .apiContract { .viewContract($0) },
            "GET /api/v1/territories/communes/:code/indicators": .apiSignedIn,
            "GET /api/v1/territories/epci/:siren/indicators": .apiSignedIn,
            "GET /api/v1/territories/departements/:code/indicators": .apiSignedIn,
            "GET /api/v1/territories/regions/:code/indicators": .apiSignedIn,
            "GET /api/v1/organisations": .apiSignedIn,
            "GET /api/v1/**": .alwaysNotFound,
            "GET /api/v1/territories/communes/:code": .apiSignedIn,
            "GET /api/v1/territories/epci/:siren": .apiSignedIn,
            "GET /api/v1/territories/departements/:code": .apiSignedIn,
            "GET /api/v1/contracts/:contractID/governance": .apiContract { .viewContract($0) },
            "GET /api/v1/contracts/:contractID/dashboard": .apiContract { .viewContract($0) },
            "GET /api/v1/contracts/:contractID/reviews/:year": .apiContract { .viewContract($0) },
            "GET /contrats/:contractID/programme/import/:uploadID": .contract { .editProgramme($0) },
            "GET /contrats/:contractID/programme/import/:uploadID/etat": .contract { .editProgramme($0) },
        ]
    }

    /// The kinds of user: every role, inside and outside the target contract's scope.
    static let accounts: [String?] = [
        nil, "admin@demo.cls-pilot.fr", "ars.bretagne@demo.cls-pilot.fr", "ars.idf@demo.cls-pilot.fr", "dt93@demo.cls-pilot.fr",
        "coordination.belle-ile@demo.cls-pilot.fr", "redaction.belle-ile@demo.cls-pilot.fr", "pilote.belle-ile@demo.cls-pilot.fr",
        "lecture.belle-ile@demo.cls-pilot.fr", "coordination.bobigny@demo.cls-pilot.fr",
    ]

    enum Outcome: String { case allowed = "permis", denied = "refusé", either = "selon le formulaire" }

    func testEveryRouteAnswersEveryRoleAsThePolicySays() async throws {
        var violations: [String] = []
        var requests = 0
        var routeCount = 0
        for account in Self.accounts {
            try await TestApp.run { app, _ in
                let routes = Self.routeKeys(app)
                routeCount = routes.count
                let rules = Self.rules
                let missing = routes.filter { rules[$0] == nil }
                XCTAssertEqual(missing, [], "routes without a rule in the matrix: add them to RouteRoleMatrixTests.rules")
                let stale = Set(rules.keys).subtracting(routes).sorted()
                XCTAssertEqual(stale, [], "rules for routes that no longer exist")

                let fixtures = try await Fixtures.make(app, actingAs: account)
                let client = WebClient(app)
                if let account { try await client.login(account) } else { try await client.get("/connexion") }
                let subject = fixtures.subject

                for key in Self.ordered(routes) {
                    guard let rule = rules[key] else { continue }
                    let method = String(key.prefix { $0 != " " })
                    let path = try fixtures.path(for: String(key.dropFirst(method.count + 1)), key: key)
                    if key == "GET /rapports/ists", account == nil {
                        // The region pages are kept: a page kept for a user without roles must not be served to a visitor.
                        try await fixtures.warmRegionalCache(app, path: path)
                    }
                    let response = method == "GET"
                        ? try await client.get(path)
                        : try await client.post(path, fixtures.form(for: key))
                    requests += 1
                    let expected = Self.expectation(rule, subject: subject, fixtures: fixtures)
                    let denied = Self.isDenial(response)
                    let who = account ?? "visiteur anonyme"
                    if response.status.code >= 500 {
                        violations.append("\(key) as \(who): \(response.status.code)")
                    } else if expected == .allowed && denied {
                        violations.append("\(key) as \(who): refused (\(response.status.code) \(response.headers.first(name: .location) ?? "")) but the policy allows")
                    } else if expected == .denied && !denied {
                        violations.append("\(key) as \(who): answered \(response.status.code) but the policy denies")
                    }
                    // A sign-out ends the session: sign in again for the routes that follow.
                    if key == "POST /deconnexion", let account { try await client.login(account) }
                }
            }
        }
        print("matrix: \(routeCount) routes × \(Self.accounts.count) roles = \(requests) requests, \(violations.count) violations")
        XCTAssertEqual(violations, [], violations.joined(separator: "\n"))
    }

    // MARK: - The oracle

    static func expectation(_ rule: Rule, subject: AccessSubject, fixtures: Fixtures) -> Outcome {
        func verdict(_ allowed: Bool) -> Outcome { allowed ? .allowed : .denied }
        switch rule {
        case .anyone: return .allowed
        case .signedIn, .ownAccount, .apiSignedIn: return verdict(subject.isAuthenticated)
        case .global(let permission): return verdict(AccessPolicy.allows(subject, permission))
        case .contract(let permission), .apiContract(let permission): return verdict(AccessPolicy.allows(subject, permission(fixtures.scope)))
        case .followUp:
            return verdict(AccessPolicy.allows(subject, .followUpAction(fixtures.scope, pilotUserId: fixtures.pilotUserId)))
        case .region(let permission): return verdict(AccessPolicy.allows(subject, permission(fixtures.scope.regionCode)))
        case .publicContract: return verdict(AccessPolicy.allows(.anonymous, .viewPublicContract(fixtures.scope)))
        case .arsOrAdmin: return verdict(subject.isAdmin || subject.isARS)
        case .bodyDependent(let minimum):
            return expectation(minimum, subject: subject, fixtures: fixtures) == .denied ? .denied : .either
        case .alwaysNotFound: return .denied
        }
    }

    /// Refused: sent to sign in, 401, 403 or 404.
    static func isDenial(_ response: XCTHTTPResponse) -> Bool {
        if [401, 403, 404].contains(response.status.code) { return true }
        if (300..<400).contains(response.status.code), let location = response.headers.first(name: .location) {
            return location.hasPrefix("/connexion?suite=")
        }
        return false
    }

    /// "GET /contrats/:contractID" for each route of the application.
    static func routeKeys(_ app: Application) -> [String] {
        app.routes.all.map { route in
            "\(route.method.rawValue) /" + route.path.map { component -> String in
                switch component {
                case .constant(let text): return text
                case .parameter(let name): return ":" + name
                case .anything: return "*"
                case .catchall: return "**"
                }
            }.joined(separator: "/")
        }
    }

    /// Reads first, then writes, then what removes or ends things, the sign-out last: a role's
    /// requests share one database and one session.
    static func ordered(_ keys: [String]) -> [String] {
        let ending = ["supprimer", "revoquer", "sortie", "/fin", "annuler", "activation", "mot-de-passe", "confirmer"]
        func rank(_ key: String) -> Int {
            if key == "POST /deconnexion" { return 3 }
            if key.hasPrefix("GET ") { return 0 }
            return ending.contains { key.contains($0) } ? 2 : 1
        }
        return keys.sorted { (rank($0), $0) < (rank($1), $1) }
    }
}
