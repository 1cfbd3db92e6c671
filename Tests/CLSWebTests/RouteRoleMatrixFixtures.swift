import CLSCore
import CLSStore
import Fluent
import Vapor
import XCTest
@testable import CLSWeb

extension RouteRoleMatrixTests {
    /// Real objects of the target contract (CLS 2 de Belle-Île-en-Mer) for every path parameter,
    /// created on the demo database, plus the acting user's own token and import.
    struct Fixtures {
        let contract: Contract
        let scope: ContractScope
        /// The pilot named on the target action: `followUpAction` lets that pilot in.
        let pilotUserId: String?
        let subject: AccessSubject
        let ids: [String: String]
        let roleLessEmail: String

        static let targetContract = "CLS 2 de Belle-Île-en-Mer"
        static let year = 2025

        static func make(_ app: Application, actingAs account: String?) async throws -> Fixtures {
            let db = app.db
            let contract = try await TestApp.contract(named: targetContract, on: app)
            let contractId = try contract.requireID()
            let system = Mutations(database: db, actor: .system)
            _ = try await TerritoryImporter.apply(TerritoryTests.records(), using: system)

            let piloted = try await Action.query(on: db).filter(\.$contract.$id == contractId).filter(\.$pilotUser.$id != nil).first()
            let action = try XCTUnwrap(piloted, "the demo has an action with a named pilot")
            let actionId = try action.requireID()
            let found1 = try await Organisation.query(on: db).sort(\.$name).first()
            let organisation = try XCTUnwrap(found1)
            let organisationId = try organisation.requireID()
            let found2 = try await ProgrammeSection.query(on: db).filter(\.$contract.$id == contractId).first()
            let section = try XCTUnwrap(found2)

            let body = GovernanceBody(contractId: contractId, kind: GovernanceBodyKind.copil.rawValue, name: "Comité de pilotage")
            try await body.create(on: db)
            let member = BodyMember(contractId: contractId, bodyId: try body.requireID(), organisationId: organisationId,
                                    organisationName: organisation.name, personName: "Jeanne Martin", role: "membre",
                                    representsSignatory: false, isInhabitant: false, joinedOn: "2025-01-15")
            try await member.create(on: db)
            let post = CoordinatorPost(contractId: contractId, personName: "Paul Durand", fte: 1, employer: "Commune du Palais",
                                       reportingLine: "", startsOn: "2025-01-01", endsOn: nil)
            try await post.create(on: db)
            let meeting = Meeting(contractId: contractId, bodyId: try body.requireID(), heldOn: "2026-03-12", place: "Le Palais")
            meeting.minutesFilename = "compte-rendu.pdf"
            meeting.minutesFile = Data("%PDF-1.4".utf8)
            try await meeting.create(on: db)
            let decision = Decision(contractId: contractId, meetingId: try meeting.requireID(), text: "Lancer l'appel à projets",
                                    sectionId: nil, actionId: actionId, owner: "Coordination", dueOn: "2026-06-30")
            try await decision.create(on: db)
            try await AnnualReviews.open(contract: contract, year: year, using: system)
            let signatory = Signatory(contractId: contractId, organisationId: organisationId, representative: "Mme la maire",
                                      representativeRole: "Maire")
            try await signatory.create(on: db)
            let partner = Partner(contractId: contractId, organisationId: organisationId, contribution: "Locaux")
            try await partner.create(on: db)
            // A version as signed and a draft amendment (made directly: the fixture's contract is not signed).
            let version = try ContractVersion(contractId: contractId, number: 0, label: "Contrat signé", effectiveOn: CalendarDay(parsing: "2026-01-05")!,
                                              frozenAt: Date(), content: try await ContractDocumentQueries.load(contract, on: db))
            try await version.create(on: db)
            let amendment = Amendment(contractId: contractId, number: 1, title: "Premier avenant", text: "", draftedOn: CalendarDay(parsing: "2026-02-01")!,
                                      baseVersion: 0)
            try await amendment.create(on: db)
            let question = EvaluationQuestion(contractId: contractId, purpose: .democratic, question: "Les habitants ont-ils pris part ?", position: 0)
            try await question.create(on: db)
            let finding = DiagnosisFinding(contractId: contractId, text: "Une mortalité élevée.", indicatorCodes: [], position: 0)
            try await finding.create(on: db)
            let priority = ContractPriority(contractId: contractId, findingId: finding.id, title: "Prévenir", prsReference: "", domain: nil, position: 0)
            try await priority.create(on: db)
            try await DiagnosisVersions.freeze(contract, label: "Diagnostic initial", on: CalendarDay(parsing: "2026-01-15")!,
                                               using: Mutations(database: db, actor: .system))
            let line = BudgetLine(actionId: actionId, contractId: contractId, funderName: "ARS", year: 2026, planned: 1_000)
            try await line.create(on: db)
            let indicator = Indicator(actionId: actionId, contractId: contractId, name: "Personnes accompagnées")
            try await indicator.create(on: db)
            let attachment = ActionAttachment(actionId: actionId, contractId: contractId, filename: "emargement.pdf",
                                              content: Data("%PDF-1.4".utf8), uploadedBy: "Coordination")
            try await attachment.create(on: db)
            let link = ActionLink(actionId: actionId, contractId: contractId, label: "Rapport", url: "https://www.exemple.fr/rapport.pdf")
            try await link.create(on: db)
            let file = ContractFile(contractId: contractId, kind: .signedContract, title: "Contrat signé", version: 1, filename: "contrat.pdf",
                                    content: Data("%PDF-1.4".utf8), uploadedBy: "Coordination")
            try await file.create(on: db)
            let reflex = ReflexSession(contractId: contractId, heldOn: "2026-02-01", participants: "COPIL", conclusions: "")
            try await reflex.create(on: db)

            // A user of no contract, whose grants (none) a region page could be kept for, and a
            // spare account for the administration routes.
            let roleLess = User(email: "sans.role@demo.cls-pilot.fr", displayName: "Sans rôle",
                                passwordHash: try BcryptHasher().hash(DemoDataset.password))
            try await roleLess.create(on: db)
            let spare = User(email: "compte.test@demo.cls-pilot.fr", displayName: "Compte de test",
                             passwordHash: try BcryptHasher().hash(DemoDataset.password))
            try await spare.create(on: db)
            let spareGrant = RoleAssignment(userId: try spare.requireID(), grant: RoleGrant(role: .reader, scope: contractId.uuidString))
            try await spareGrant.create(on: db)
            let spareMembership = RoleAssignment(userId: try spare.requireID(), grant: RoleGrant(role: .editor, scope: contractId.uuidString))
            try await spareMembership.create(on: db)
            let found3 = try await User.query(on: db).filter(\.$email == "admin@demo.cls-pilot.fr").first()
            let admin = try XCTUnwrap(found3)
            let reference = ReferenceImport(kind: "territoires", options: "{}", preview: "{}", userId: try admin.requireID())
            try await reference.create(on: db)

            // The acting user's own token and import (others' answer 404 by design).
            var subject = AccessSubject.anonymous
            var ownerId = try admin.requireID()
            if let account {
                let found4 = try await User.query(on: db).filter(\.$email == account).first()
                let user = try XCTUnwrap(found4)
                ownerId = try user.requireID()
                let loaded = try await AuthenticatedUser.load(ownerId, on: db)
                subject = try XCTUnwrap(loaded).subject
            }
            let token = APIToken(userId: ownerId, label: "matrice", tokenDigest: APITokens.digest(UUID().uuidString))
            try await token.create(on: db)
            let upload = ImportUpload(contractId: contractId, userId: ownerId, filename: "plan.xlsx", content: Data())
            upload.state = ImportUpload.State.done.rawValue
            upload.progress = 100
            upload.progressLabel = "Programme importé."
            try await upload.create(on: db)
            // The acting user's own notification (another's answers 404), and a mail for the administration.
            let notice = Notice(userId: ownerId, kind: .reviewOpened, title: "Bilan ouvert", body: "Bilan ouvert.",
                                place: .review(contract: contractId, year: year), dedupKey: nil, delivery: .immediate, at: Date())
            try await notice.create(on: db)
            let mail = OutboxMail(userId: ownerId, kind: .notice, dedupKey: "matrice:\(UUID().uuidString)", at: Date())
            try await mail.create(on: db)

            let ids: [String: String] = [
                "contractID": contractId.uuidString, "actionID": actionId.uuidString, "sectionID": try section.requireID().uuidString,
                "bodyID": try body.requireID().uuidString, "memberID": try member.requireID().uuidString,
                "postID": try post.requireID().uuidString, "meetingID": try meeting.requireID().uuidString,
                "decisionID": try decision.requireID().uuidString, "year": String(year),
                "signatairesPartyID": try signatory.requireID().uuidString, "partenairesPartyID": try partner.requireID().uuidString,
                "lineID": try line.requireID().uuidString, "indicatorID": try indicator.requireID().uuidString,
                "attachmentID": try attachment.requireID().uuidString, "linkID": try link.requireID().uuidString, "fileID": try file.requireID().uuidString,
                "amendmentNumber": "1", "versionNumber": "0", "diagnosisVersion": "1", "questionID": try question.requireID().uuidString,
                "findingID": try finding.requireID().uuidString, "priorityID": try priority.requireID().uuidString,
                "sessionID": try reflex.requireID().uuidString, "organisationID": organisationId.uuidString,
                "userID": try spare.requireID().uuidString, "userAssignmentID": try spareGrant.requireID().uuidString,
                "contractAssignmentID": try spareMembership.requireID().uuidString,
                "tokenID": try token.requireID().uuidString, "uploadID": try upload.requireID().uuidString,
                "importID": try reference.requireID().uuidString,
                "noticeID": try notice.requireID().uuidString, "mailID": try mail.requireID().uuidString,
                "departementCode": "56", "regionCode": "53", "communeCode": "56152", "siren": "245600465",
            ]
            return Fixtures(contract: contract, scope: contract.accessScope,
                            pilotUserId: action.$pilotUser.id?.uuidString, subject: subject, ids: ids,
                            roleLessEmail: roleLess.email)
        }

        /// The route's path with real ids. A parameter without a fixture fails the test: a new
        /// kind of object needs one here.
        func path(for pattern: String, key: String) throws -> String {
            let segments = pattern.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            var result: [String] = []
            for (index, segment) in segments.enumerated() {
                guard segment.hasPrefix(":") || segment == "**" else { result.append(segment); continue }
                if segment == "**" { result.append("inexistant"); continue }
                let name = String(segment.dropFirst())
                let previous = index > 0 ? segments[index - 1] : ""
                let lookup: String
                switch name {
                case "partyID": lookup = previous + "PartyID"
                case "assignmentID": lookup = previous == "roles" ? "userAssignmentID" : "contractAssignmentID"
                case "code": lookup = ["departements": "departementCode", "regions": "regionCode", "communes": "communeCode"][previous] ?? name
                default: lookup = name
                }
                guard let value = ids[lookup] else { throw MissingFixture(parameter: name, route: key) }
                result.append(value)
            }
            return result.joined(separator: "/")
        }

        /// What a form needs for its permission to be decided: the region of a regional theme.
        func form(for key: String) -> [(String, String)] {
            key == "POST /referentiels/themes" ? [("region", scope.regionCode)] : []
        }

        struct MissingFixture: Error, CustomStringConvertible {
            let parameter: String
            let route: String
            var description: String { "no fixture for :\(parameter) in \(route): add one to RouteRoleMatrixTests.Fixtures" }
        }

        func warmRegionalCache(_ app: Application, path: String) async throws {
            let roleLess = WebClient(app)
            try await roleLess.login(roleLessEmail)
            let page = try await roleLess.get(path)
            XCTAssertEqual(page.status, .ok)
        }
    }
}
