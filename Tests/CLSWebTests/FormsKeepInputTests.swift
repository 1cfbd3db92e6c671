import CLSCore
import CLSStore
import Fluent
import Vapor
import XCTest
@testable import CLSWeb

/// Every form of the platform, sent with one value wrong, comes back as the page it lives on
/// (422) with a French message next to the field and everything else typed kept; nothing is
/// written.
final class FormsKeepInputTests: XCTestCase {
    /// One refused submission: who sends it, where, what, the message expected and the typed
    /// values that must come back.
    struct Case {
        let name: String
        let user: String
        /// The page the form lives on (read first, as a browser does, for its token).
        let page: String
        let post: String
        let fields: [(String, String)]
        let message: String
        let kept: [String]
    }

    static let coordinator = "coordination.belle-ile@demo.cls-pilot.fr"
    static let admin = "admin@demo.cls-pilot.fr"
    static let ars = "ars.bretagne@demo.cls-pilot.fr"

    func testEveryFormRefusedComesBackAsTyped() async throws {
        try await TestApp.run { app, _ in
            let fixture = try await Fixture.make(app)
            for refused in fixture.cases {
                let client = WebClient(app)
                if refused.post != SitePath.login.href { try await client.login(refused.user) }
                try await client.get(refused.page)
                let audited = try await AuditEntry.query(on: app.db).count()
                let response = try await client.post(refused.post, refused.fields)
                let html = response.body.string
                XCTAssertEqual(response.status, .unprocessableEntity, "\(refused.name): \(html.prefix(400))")
                XCTAssertTrue(html.contains("class=\"error-summary\""), "\(refused.name): a summary of what to correct")
                let message = refused.message.htmlEscaped()
                XCTAssertTrue(html.contains(message), "\(refused.name): « \(refused.message) » expected in \(Self.errors(in: html))")
                for value in refused.kept {
                    let escaped = value.htmlEscaped()
                    XCTAssertTrue(html.contains("value=\"\(escaped)\"") || html.contains("\(escaped)</textarea>"),
                                  "\(refused.name): « \(value) » typed is lost")
                }
                let after = try await AuditEntry.query(on: app.db).count()
                XCTAssertEqual(after, audited, "\(refused.name): nothing is written")
            }
        }
    }

    /// The messages a page shows, for a readable failure.
    static func errors(in html: String) -> [String] {
        html.components(separatedBy: "<li>").dropFirst().compactMap { $0.components(separatedBy: "</li>").first }.prefix(5).map { $0 }
    }

    /// The refused forms above cover every form of the site; the routes left out take no typed
    /// input (a button that confirms, cancels or signs out) or answer a machine.
    func testEveryFormRouteIsCoveredOrTakesNoTypedInput() async throws {
        try await TestApp.run { app, _ in
            let fixture = try await Fixture.make(app)
            let covered = Set(fixture.cases.map { Self.pattern(of: $0.post) })
            let withoutTypedInput: Set<String> = [
                "/deconnexion",
                // A refused sign-in keeps the address typed and answers 401 (testARefusedSignInKeepsTheAddress).
                "/connexion",
                "/api/v1/contracts/:/imports/plan",
                "/contrats/:/programme/import/:/confirmer",
                "/admin/referentiel/imports/:/confirmer",
                "/admin/referentiel/imports/:/annuler",
                "/admin/utilisateurs/:/roles/:/supprimer",
                "/admin/utilisateurs/:/activation",
                "/admin/utilisateurs/:/mot-de-passe",
                "/compte/jetons/:/revoquer",
                "/notifications/:/lue",
                "/notifications/tout-marquer-lu",
                "/contrats/:/membres/:/supprimer",
                "/contrats/:/signataires/:/supprimer",
                "/contrats/:/partenaires/:/supprimer",
                "/contrats/:/actions/:/supprimer",
                "/contrats/:/actions/:/budget/:/supprimer",
                "/contrats/:/actions/:/indicateurs/:/supprimer",
                "/contrats/:/actions/:/pieces-jointes/:/supprimer",
                "/contrats/:/actions/:/liens/:/supprimer",
                "/contrats/:/actions/:/pieces-jointes", // a file, which no browser fills again
                "/contrats/:/documents/fichiers", // a file, which no browser fills again
                "/contrats/:/avenants/:/supprimer",
                "/contrats/:/evaluation/questions/:/supprimer",
                "/contrats/:/diagnostic/constats/:/supprimer",
                "/contrats/:/diagnostic/priorites/:/axe", // a button, refused only for the priority's state
                "/contrats/:/diagnostic/versions", // a label, never refused (an empty one takes the date)
                "/contrats/:/programme/sections/:/deplacer",
                "/contrats/:/programme/sections/:/supprimer",
                "/contrats/:/bilans/:/actions/:/transmettre",
                "/contrats/:/gouvernance/reunions/:/presences",
                "/contrats/:/gouvernance/reunions/:/compte-rendu", // text and a file; refused only for the file
                "/contrats/:/bilans/:/consolidation", // refused only for the review's state, not for what is typed
                "/admin/referentiel/imports", // files
                "/contrats/:/programme/import", // a file
            ]
            let routes = Set(app.routes.all.filter { $0.method == .POST }
                .map { "/" + $0.path.map { $0.description.hasPrefix(":") ? ":" : $0.description }.joined(separator: "/") })
            let uncovered = routes.subtracting(covered).subtracting(withoutTypedInput)
            XCTAssertEqual(uncovered.sorted(), [], "forms without a refused case")
            XCTAssertEqual(withoutTypedInput.subtracting(routes).sorted(), [], "exemptions for routes that no longer exist")
        }
    }

    func testARefusedSignInKeepsTheAddress() async throws {
        try await TestApp.run { app, _ in
            let client = WebClient(app)
            try await client.get(SitePath.login.href)
            let refused = try await client.post(SitePath.login.href, [("email", "Personne@Exemple.fr"), ("password", "faux")])
            XCTAssertEqual(refused.status, .unauthorized)
            XCTAssertTrue(refused.body.string.contains("value=\"personne@exemple.fr\""), "the address typed is kept")
            XCTAssertTrue(refused.body.string.contains("mot de passe incorrect"))
            XCTAssertFalse(refused.body.string.contains("faux"), "the password is never written back")
        }
    }

    /// A path with its ids replaced by `:`, as the routes are compared.
    static func pattern(of path: String) -> String {
        path.split(separator: "?").first!.split(separator: "/", omittingEmptySubsequences: false).map { segment in
            UUID(uuidString: String(segment)) != nil || Int(segment) != nil ? ":" : String(segment)
        }.joined(separator: "/")
    }

    /// Belle-Île's contract with a body, a post, a meeting, a decision and a yearly review made
    /// through the forms, and the refused submissions of every form.
    struct Fixture {
        let cases: [Case]

        static func make(_ app: Application) async throws -> Fixture {
            let contract = try await TestApp.contract(named: "CLS 2 de Belle-Île-en-Mer", on: app)
            let id = try contract.requireID()
            let actions = try await Action.query(on: app.db).filter(\.$contract.$id == id).sort(\.$position).all()
            let action = try XCTUnwrap(actions.first { $0.$parentAction.id == nil })
            let actionID = try action.requireID()
            let coordinator = WebClient(app)
            try await coordinator.login(FormsKeepInputTests.coordinator)
            func made(_ path: SitePath, _ fields: [(String, String)]) async throws {
                let response = try await coordinator.post(path.href, fields)
                XCTAssertEqual(response.status, .seeOther, "\(path.href): \(response.body.string.prefix(600))")
            }
            try await coordinator.get(SitePath.contract(id, .governance(.overview)).href)
            try await made(.contract(id, .governance(.bodies)), [("kind", "copil"), ("name", "Comité de pilotage")])
            let body = try await XCTUnwrapAsync(try await GovernanceBody.query(on: app.db).filter(\.$contractId == id).first())
            try await made(.contract(id, .governance(.posts)), [("personName", "Morgane Le Floch"), ("fte", "1"), ("startsOn", "2026-01-01")])
            let post = try await XCTUnwrapAsync(try await CoordinatorPost.query(on: app.db).filter(\.$contractId == id).first())
            try await made(.contract(id, .governance(.meetings)), [("bodyId", try body.requireID().uuidString), ("heldOn", "2026-03-12"),
                                                                   ("startsAt", "14:00"), ("endsAt", "16:00")])
            let meeting = try await XCTUnwrapAsync(try await Meeting.query(on: app.db).filter(\.$contractId == id).first())
            let meetingID = try meeting.requireID()
            try await made(.contract(id, .governance(.meeting(meetingID, .decisions))), [("text", "Relancer la CPAM"), ("dueOn", "2026-06-01")])
            let decision = try await XCTUnwrapAsync(try await Decision.query(on: app.db).filter(\.$meeting.$id == meetingID).first())
            try await made(.contract(id, .reviews), [("year", "2026")])
            let line = try await XCTUnwrapAsync(try await BudgetLine.query(on: app.db).filter(\.$action.$id == actionID).first())
            let indicator = try await XCTUnwrapAsync(try await Indicator.query(on: app.db).filter(\.$action.$id == actionID).first())
            let organisation = try await XCTUnwrapAsync(try await Organisation.query(on: app.db).filter(\.$name == "ARS Bretagne").first())
            try await made(.contract(id, .governance(.bodyMembers(try body.requireID()))), [("personName", "Anne Le Bihan"), ("joinedOn", "2026-01-01")])
            let member = try await XCTUnwrapAsync(try await BodyMember.query(on: app.db).filter(\.$body.$id == body.requireID()).first())
            try await made(.contract(id, .equity), [("heldOn", "2026-02-01"), ("participants", "COTECH"), ("score_P1", "2")])
            let session = try await XCTUnwrapAsync(try await ReflexSession.query(on: app.db).filter(\.$contractId == id).first())
            let section = try await XCTUnwrapAsync(try await ProgrammeSection.query(on: app.db).filter(\.$contract.$id == id).first())
            let hasReference = try await Commune.query(on: app.db).count() > 0
            let longTitle = String(repeating: "Axe très long ", count: 40)
            let user = try await XCTUnwrapAsync(try await User.query(on: app.db).filter(\.$email == "lecture.belle-ile@demo.cls-pilot.fr").first())

            let submittedID = try XCTUnwrap(actions.filter { $0.$parentAction.id == nil }.dropFirst().first?.requireID())
            try await coordinator.get(SitePath.contract(id, .review(2026, .entry(submittedID, .page))).href)
            try await made(.contract(id, .review(2026, .entry(submittedID, .submit))), [])
            let submittedEntryPage = SitePath.contract(id, .review(2026, .entry(submittedID, .page))).href
            let actionPage = SitePath.contract(id, .action(actionID, .page)).href
            let contractPage = SitePath.contract(id).href
            let governance = SitePath.contract(id, .governance(.overview)).href
            let meetingPage = SitePath.contract(id, .governance(.meeting(meetingID, .page))).href
            let entryPage = SitePath.contract(id, .review(2026, .entry(actionID, .page))).href
            let reviewPage = SitePath.contract(id, .review(2026, .page)).href
            let coordinatorEmail = FormsKeepInputTests.coordinator
            // Amendments: one signed contract without a draft, another with one.
            let signedID = try await TestApp.contract(named: "CLS de Stains", on: app).requireID()
            let evaluatedID = try await TestApp.contract(named: "CLS d'Alès Pays Cévennes", on: app).requireID()
            let priorityID = try await DiagnosisWork.propose(in: contract, findingId: nil, title: "Prévenir les chutes", prsReference: "", domain: nil,
                                                             using: Mutations(database: app.db, actor: .system)).requireID()
            let questionID = try await FinalEvaluations.addQuestion(to: contract, purpose: .strategic, question: "Les priorités étaient-elles les bonnes ?",
                                                                    using: Mutations(database: app.db, actor: .system)).requireID()
            let amended = try await TestApp.contract(named: "CLS du Sud-Ouest Mayennais", on: app)
            let amendedID = try amended.requireID()
            _ = try await Amendments.draft(amended, title: "Premier avenant", text: "", on: CalendarDay(Date()),
                                           using: Mutations(database: app.db, actor: .system))
            func c(_ name: String, _ page: String, _ post: SitePath, _ fields: [(String, String)], _ message: String,
                   kept: [String], as user: String = coordinatorEmail) -> Case {
                Case(name: name, user: user, page: page, post: post.href, fields: fields, message: message, kept: kept)
            }
            let cases = [
                c("contract texts", SitePath.contract(id, .documents).href, .contract(id, .documentTexts),
                  [("preambule", String(repeating: "Vu le code de la santé publique. ", count: 3_100)), ("objet", "Notre objet, tel que négocié")],
                  "Préambule", kept: ["Notre objet, tel que négocié"]),
                c("budget line", actionPage, .contract(id, .action(actionID, .budget)),
                  [("funderName", "CAF du Morbihan"), ("year", "2026"), ("planned", "12 personnes")],
                  "montant prévu", kept: ["CAF du Morbihan", "12 personnes"]),
                c("actual spending", actionPage, .contract(id, .action(actionID, .budgetLine(try line.requireID(), .actual))),
                  [("actual", "beaucoup")], "montant réalisé", kept: ["beaucoup"]),
                c("indicator", actionPage, .contract(id, .action(actionID, .indicators)),
                  [("name", "Personnes suivies"), ("baselineValue", "vingt"), ("source", "Registre du CCAS")],
                  "valeur de référence", kept: ["Personnes suivies", "vingt", "Registre du CCAS"]),
                c("indicator value", actionPage, .contract(id, .action(actionID, .indicator(try indicator.requireID(), .values))),
                  [("year", "2026"), ("actual", "12 personnes"), ("comment", "Chiffre du registre")],
                  "valeur réalisée", kept: ["12 personnes", "Chiffre du registre"]),
                c("link", actionPage, .contract(id, .action(actionID, .links)),
                  [("label", "Rapport d'activité"), ("url", "pas une adresse")], "n'est pas un lien web",
                  kept: ["Rapport d'activité", "pas une adresse"]),
                c("follow-up", actionPage, .contract(id, .action(actionID, .followUp)),
                  [("status", "en_cours"), ("note", "Point d'étape avec les partenaires"), ("writtenOn", "demain")],
                  "date de la note", kept: ["Point d'étape avec les partenaires", "demain"]),
                c("action fields", SitePath.contract(id, .action(actionID, .edit)).href, .contract(id, .action(actionID, .edit)),
                  [("title", ""), ("summary", "Un résumé soigné")], "titre", kept: ["Un résumé soigné"]),
                c("section", SitePath.contract(id, .programme(.tree)).href, .contract(id, .programme(.sections)),
                  [("title", longTitle)], "raccourcissez", kept: [longTitle]),
                c("section edit", SitePath.contract(id, .programme(.tree)).href, .contract(id, .programme(.section(try section.requireID(), .edit))),
                  [("title", longTitle), ("description", "Axe réécrit")], "raccourcissez", kept: [longTitle, "Axe réécrit"]),
                c("body", governance, .contract(id, .governance(.bodies)),
                  [("kind", ""), ("name", "Comité de suivi santé"), ("purpose", "Suivre le contrat")],
                  "type d'instance", kept: ["Comité de suivi santé", "Suivre le contrat"]),
                c("body member", SitePath.contract(id, .governance(.body(try body.requireID()))).href,
                  .contract(id, .governance(.bodyMembers(try body.requireID()))),
                  [("personName", "Marie Le Goff"), ("role", "Élue à la santé"), ("joinedOn", "hier")],
                  "date d'entrée", kept: ["Marie Le Goff", "Élue à la santé", "hier"]),
                c("post", governance, .contract(id, .governance(.posts)),
                  [("personName", "Yann Kerouac"), ("fte", "beaucoup"), ("employer", "Mairie du Palais"), ("startsOn", "2026-01-01")],
                  "ETP", kept: ["Yann Kerouac", "beaucoup", "Mairie du Palais", "2026-01-01"]),
                c("post funding", governance, .contract(id, .governance(.postFundings(try post.requireID()))),
                  [("funder", "ARS Bretagne"), ("year", "2026"), ("amount", "vingt mille")],
                  "montant", kept: ["vingt mille"]),
                c("end of post", governance, .contract(id, .governance(.endPost(try post.requireID()))),
                  [("endsOn", "2025-01-01")], "précède son début", kept: ["2025-01-01"]),
                c("meeting", governance, .contract(id, .governance(.meetings)),
                  [("bodyId", try body.requireID().uuidString), ("heldOn", "2026-05-12"), ("startsAt", "quatorze heures"),
                   ("place", "Salle Arletty"), ("agenda", "Bilan de l'année")],
                  "quatorze heures", kept: ["2026-05-12", "quatorze heures", "Salle Arletty", "Bilan de l'année"]),
                c("meeting update", meetingPage, .contract(id, .governance(.meeting(meetingID, .page))),
                  [("heldOn", ""), ("status", "prevue"), ("place", "Salle B"), ("agenda", "Ordre du jour revu")],
                  "date de la réunion", kept: ["Salle B", "Ordre du jour revu"]),
                c("participant", meetingPage, .contract(id, .governance(.meeting(meetingID, .participants))),
                  [("personName", ""), ("organisationName", "")], "la personne ou l'organisation", kept: []),
                c("decision", meetingPage, .contract(id, .governance(.meeting(meetingID, .decisions))),
                  [("text", ""), ("owner", "Mairie de Sauzon"), ("dueOn", "2026-06-01")],
                  "Rédigez la décision", kept: ["Mairie de Sauzon", "2026-06-01"]),
                c("decision follow-up", meetingPage, .contract(id, .governance(.decision(try decision.requireID()))),
                  [("status", "")], "suivi de la décision", kept: []),
                c("member leaving", SitePath.contract(id, .governance(.body(try body.requireID()))).href,
                  .contract(id, .governance(.memberLeaves(body: try body.requireID(), member: try member.requireID()))),
                  [("leftOn", "la semaine dernière")], "date de sortie", kept: ["la semaine dernière"]),
                c("review entry", entryPage, .contract(id, .review(2026, .entry(actionID, .page))),
                  [("status", "en_cours"), ("comment", "Quarante personnes repérées"),
                   ("indicator[\(try indicator.requireID().uuidString)]", "12 personnes")],
                  "valeur réalisée", kept: ["Quarante personnes repérées", "12 personnes"]),
                c("review step", reviewPage, .contract(id, .review(2026, .steps)),
                  [("transition", "consolider"), ("meetingDate", "le mois prochain")], "date de la réunion",
                  // A date is asked only at the steps held in a meeting, not at this one.
                  kept: []),
                c("review opening", SitePath.contract(id, .reviews).href, .contract(id, .reviews),
                  [("year", "deux mille vingt-sept")], "quatre chiffres", kept: ["deux mille vingt-sept"]),
                c("perimeter", SitePath.contract(id, .perimeter).href, .contract(id, .perimeter),
                  [("communeCodes", "56152"), ("validFrom", "au printemps")], "date d'effet",
                  // The form is offered once the territorial reference is imported.
                  kept: hasReference ? ["56152", "au printemps"] : []),
                c("signatory", contractPage, .contract(id, .signatories),
                  [("organisationId", try organisation.requireID().uuidString), ("representative", ""), ("representativeRole", "Directeur général")],
                  "qui signe", kept: ["Directeur général"]),
                c("partner", contractPage, .contract(id, .partners),
                  [("organisationId", ""), ("contribution", "Prêt de salles")], "Choisissez une organisation", kept: ["Prêt de salles"]),
                c("contract state", contractPage, .contract(id, .state),
                  [("toState", "clos"), ("effectiveOn", "2026-11-01"), ("comment", "Fin du contrat")], "impossible",
                  kept: ["2026-11-01", "Fin du contrat"], as: FormsKeepInputTests.ars),
                c("contract members", SitePath.contract(id, .members).href, .contract(id, .members),
                  [("email", "personne@exemple.fr"), ("role", "")], "rôle du membre", kept: ["personne@exemple.fr"]),
                c("contract fields", SitePath.contract(id, .edit).href, .contract(id, .edit),
                  [("name", ""), ("territoryLabel", "Les quatre communes de l'île")], "nom", kept: ["Les quatre communes de l'île"]),
                c("RÉFLEX-ISS session", SitePath.contract(id, .newEquitySession).href, .contract(id, .equity),
                  [("heldOn", "2026-04-01"), ("participants", "COTECH élargi"), ("score_P1", "7")], "entre 0 et 4",
                  kept: ["2026-04-01", "COTECH élargi"]),
                c("RÉFLEX-ISS session edit", SitePath.contract(id, .editEquitySession(try session.requireID())).href,
                  .contract(id, .equitySession(try session.requireID())),
                  [("heldOn", "en mars"), ("participants", "COTECH restreint"), ("score_P1", "2")], "date de la séance",
                  kept: ["en mars", "COTECH restreint"]),
                c("entry sent back", submittedEntryPage, .contract(id, .review(2026, .entry(submittedID, .sendBack))),
                  [("comment", " ")], "ce qu'il doit reprendre", kept: []),
                c("new contract", SitePath.newContract.href, .contracts,
                  [("name", ""), ("territoryLabel", "Quiberon")], "nom", kept: ["Quiberon"], as: FormsKeepInputTests.ars),
                c("organisation", SitePath.newOrganisation.href, .organisations,
                  [("name", ""), ("siren", "123")], "nom", kept: ["123"], as: FormsKeepInputTests.admin),
                c("organisation edit", SitePath.editOrganisation(try organisation.requireID()).href, .editOrganisation(try organisation.requireID()),
                  [("name", ""), ("siren", "123")], "nom", kept: ["123"], as: FormsKeepInputTests.admin),
                c("account", SitePath.newUser.href, .users,
                  [("email", "pas-une-adresse"), ("displayName", "Anne Martin")], "adresse", kept: ["pas-une-adresse", "Anne Martin"],
                  as: FormsKeepInputTests.admin),
                c("account role", SitePath.user(try user.requireID(), .page).href, .user(try user.requireID(), .roles),
                  [("role", ""), ("scope", "")], "Choisissez un rôle", kept: [], as: FormsKeepInputTests.admin),
                c("API token", SitePath.tokens.href, .tokens, [("label", "")], "libellé", kept: []),
                c("mail preferences", SitePath.notifications.href, .notificationPreferences, [("frequency", "hebdomadaire")],
                  "Choisissez comment recevoir vos notifications", kept: []),
                c("password", SitePath.password.href, .password,
                  [("currentPassword", "faux"), ("newPassword", "Nouveau-mot-2026"), ("confirmation", "Nouveau-mot-2026")],
                  "actuel", kept: []),
                c("regional theme", SitePath.regionalThemes.href, .regionalThemes,
                  [("region", "53"), ("label", "x")], "de 2 à 120 caractères", kept: ["x"], as: FormsKeepInputTests.ars),
                c("bulk edit", SitePath.contract(id, .programme(.table)).href, .contract(id, .programme(.bulkEdit)),
                  [("status", "realise")], "Cochez", kept: []),
                c("new action", SitePath.contract(id, .programme(.tree)).href, .contract(id, .programme(.actions)),
                  [("title", ""), ("summary", "Résumé de l'action")], "titre", kept: []),
                c("diagnosis narrative", SitePath.contract(id, .diagnosis(.page)).href, .contract(id, .diagnosis(.narrative)),
                  [("author", "ORS Bretagne"), ("startedOn", "2016-06-30"), ("finishedOn", "2016-02-01"), ("portrait", "Une île")],
                  "ne peut précéder", kept: ["ORS Bretagne", "Une île"]),
                c("diagnosis finding", SitePath.contract(id, .diagnosis(.page)).href, .contract(id, .diagnosis(.findings)),
                  [("text", "   ")], "Écrivez le constat", kept: []),
                c("priority", SitePath.contract(id, .diagnosis(.page)).href, .contract(id, .diagnosis(.priorities)),
                  [("title", ""), ("prsReference", "PRS Bretagne, objectif 2.3")], "intitulé de la priorité", kept: ["PRS Bretagne, objectif 2.3"]),
                c("priority decision", SitePath.contract(id, .diagnosis(.page)).href, .contract(id, .diagnosis(.priority(priorityID))),
                  [("status", "ecartee"), ("reason", "")], "Donnez le motif", kept: []),
                c("evaluation frame", SitePath.contract(id, .evaluation(.page)).href, .contract(id, .evaluation(.frame)),
                  [("evaluator", "ORS Bretagne"), ("method", "Entretiens"), ("startsOn", "2022-01-15"), ("endsOn", "2021-09-01")],
                  "ne peut précéder", kept: ["ORS Bretagne", "Entretiens"]),
                c("evaluation question", SitePath.contract(id, .evaluation(.page)).href, .contract(id, .evaluation(.questions)),
                  [("question", "Les habitants ont-ils pris part ?")], "Choisissez la finalité", kept: ["Les habitants ont-ils pris part ?"]),
                c("evaluation answer", SitePath.contract(id, .evaluation(.page)).href, .contract(id, .evaluation(.question(questionID))),
                  [("question", ""), ("findings", "Deux habitants au COPIL"), ("recommendations", "Un collège d'habitants")],
                  "Écrivez la question", kept: ["Deux habitants au COPIL", "Un collège d'habitants"]),
                c("evaluation evidence", SitePath.contract(id, .evaluation(.page)).href, .contract(id, .evaluation(.evidence)),
                  [("day", "le 15 janvier")], "n'est pas valide", kept: ["le 15 janvier"]),
                c("renewal", SitePath.contract(evaluatedID, .renewal).href, .contract(evaluatedID, .renewal),
                  [("name", String(repeating: "Contrat local de santé ", count: 30)), ("carriesPerimeter", "1")], "raccourcissez",
                  kept: [String(repeating: "Contrat local de santé ", count: 30)], as: FormsKeepInputTests.admin),
                c("amendment", SitePath.contract(signedID, .amendments).href, .contract(signedID, .amendments),
                  [("title", ""), ("text", "Le comité de pilotage a décidé")], "intitulé", kept: ["Le comité de pilotage a décidé"],
                  as: FormsKeepInputTests.admin),
                c("amendment text", SitePath.contract(amendedID, .amendment(1)).href, .contract(amendedID, .amendment(1)),
                  [("title", ""), ("text", "Nos raisons, gardées")], "intitulé", kept: ["Nos raisons, gardées"], as: FormsKeepInputTests.admin),
                c("amendment signature", SitePath.contract(amendedID, .amendment(1)).href, .contract(amendedID, .amendment(1, .sign)),
                  [("signedOn", "le 3 mai")], "n'est pas valide", kept: ["le 3 mai"], as: FormsKeepInputTests.admin),
            ]
            return Fixture(cases: cases)
        }
    }
}

/// `XCTUnwrap` for a value read with `await`.
func XCTUnwrapAsync<T>(_ value: @autoclosure () async throws -> T?, file: StaticString = #filePath, line: UInt = #line) async throws -> T {
    let result = try await value()
    return try XCTUnwrap(result, file: file, line: line)
}
