import CLSCore
import FluentKit
import Foundation

/// The running contract of the demo (`clspilot demo`): the CLS de Bobigny in implementation, with
/// its programme, its COPIL and COTECH, meetings with attendance and decisions (one overdue, one
/// due within days), its coordination posts (one left vacant), the 2025 review checked in COTECH
/// and waiting for the ARS's approval in COPIL, and the 2026 review being filled in by the pilots
/// (some entries sent, one returned, one still in draft). The base dataset, which the tests use,
/// leaves Bobigny without them so that the tests build their own.
enum DemoCycle {
    static let pilotEmail = "pilote.bobigny@demo.cls-pilot.fr"

    static let axes: [DemoProgramme.AxisSpec] = [
        ("Favoriser l'accès aux droits et aux soins", "Faire connaître et ouvrir les droits de santé des habitants des quartiers", [
            .init(title: "Permanences d'accès aux droits de santé dans les centres sociaux", status: .inProgress, priority: .high,
                  startsOn: "2025-01-06", endsOn: "2027-12-31",
                  summary: "Une médiatrice santé tient chaque semaine une permanence dans trois centres sociaux pour ouvrir les droits (complémentaire santé solidaire, AME) et orienter vers un médecin traitant.",
                  logicProblem: "Un habitant sur cinq des quartiers prioritaires sans complémentaire santé.",
                  themes: ["acces_aux_soins"], determinants: ["D5.1.1"], strategies: ["S4.2"], publics: ["tout_public"],
                  approach: .proportionateUniversalism, participation: .consultation,
                  leadPeople: "Médiatrice santé de la ville", pilotEmail: pilotEmail,
                  budget: [("ARS Île-de-France", 2025, 28_000, 27_500, .fir, .paid), ("ARS Île-de-France", 2026, 30_000, nil, .fir, .granted),
                           ("CPAM de la Seine-Saint-Denis", 2026, 8_000, nil, .commonLaw, .granted)],
                  indicator: ("Personnes accompagnées dans l'ouverture de leurs droits", "personnes", 120, [(2025, 200, 214), (2026, 240, nil)])),
            .init(title: "Bilans bucco-dentaires dans les écoles élémentaires", status: .late, priority: .medium,
                  startsOn: "2025-09-01", endsOn: "2026-06-30",
                  summary: "Dépistage dans les classes de CP et orientation des enfants vers un chirurgien-dentiste.",
                  themes: ["sante_bucco_dentaire"], determinants: ["D5.1.1"], strategies: ["S3.1"], publics: ["enfants", "eleves"],
                  approach: .targeted, participation: .information, leadPeople: "Service de santé scolaire", pilotEmail: pilotEmail,
                  budget: [("CPAM de la Seine-Saint-Denis", 2026, 12_000, nil, .commonLaw, .requested)]),
        ]),
        ("Promouvoir la santé mentale", "Repérer tôt la souffrance psychique et orienter", [
            .init(title: "Conseil local de santé mentale", status: .inProgress, priority: .high,
                  startsOn: "2024-01-01", endsOn: "2028-12-31",
                  summary: "Réunir élus, psychiatrie de secteur, bailleurs et associations pour les situations complexes et la prévention.",
                  themes: ["sante_mentale"], determinants: ["D3.1"], strategies: ["S3.3"], publics: ["tout_public"],
                  approach: .universal, participation: .concertation, leadPeople: "Coordinatrice du CLS",
                  budget: [("Ville de Bobigny", 2026, 15_000, nil, .ownFunds, .granted)]),
            .init(title: "Formations aux premiers secours en santé mentale", status: .upcoming, priority: .medium,
                  startsOn: "2027-01-15", endsOn: "2027-12-31",
                  summary: "Former gardiens d'immeubles, animateurs et agents d'accueil au repérage et à l'orientation.",
                  themes: ["sante_mentale"], determinants: ["D4.2.2"], strategies: ["S2.2"], publics: ["salaries"],
                  approach: .universal, participation: .information, leadPeople: "Coordinatrice du CLS"),
        ]),
    ]

    /// Loads the running contract's cycle into `bobigny`; returns the accounts it adds.
    static func load(into bobigny: Contract, organisations: [String: Organisation], passwordHash: String,
                     using tx: Mutations) async throws -> [DemoDataset.Account] {
        let id = try bobigny.requireID()
        let scope = bobigny.accessScope
        let edit = Permission.editContract(scope)

        let pilot = User(email: pilotEmail, displayName: "Karim Haddad", passwordHash: passwordHash,
                         organisationId: organisations["bobigny"]?.id)
        try await tx.create(pilot, permission: .manageUsers)
        try await tx.create(RoleAssignment(userId: try pilot.requireID(), grant: RoleGrant(role: .pilot, scope: id.uuidString)),
                            permission: .manageUsers)

        try await DemoProgramme.load(axes, into: bobigny, organisations: organisations, using: tx)

        // Governance: bodies, members, meetings, attendance, decisions.
        let copil = GovernanceBody(contractId: id, kind: GovernanceBodyKind.copil.rawValue, name: "Comité de pilotage (COPIL)",
                                   chairs: "Maire de Bobigny et directrice de la délégation départementale de l'ARS",
                                   purpose: "Fixe les priorités, approuve le bilan annuel et les avenants.")
        let cotech = GovernanceBody(contractId: id, kind: GovernanceBodyKind.cotech.rawValue, name: "Comité technique (COTECH)",
                                    chairs: "Coordinatrice du CLS", purpose: "Suit les fiches actions et vérifie le bilan annuel.")
        try await tx.create(copil, permission: edit)
        try await tx.create(cotech, permission: edit)
        let members: [(GovernanceBody, String?, String, String, Bool)] = [
            (copil, "bobigny", "Adjointe au maire chargée de la santé", "Présidente", false),
            (copil, "dt93", "Directrice de la délégation départementale", "Co-présidente", false),
            (copil, "cpam-93", "Responsable de la mission accompagnement santé", "Membre", false),
            (copil, nil, "Aïcha Benmoussa", "Habitante du quartier de l'Abreuvoir", true),
            (cotech, "bobigny", "Fatou Diallo", "Coordinatrice du CLS", false),
            (cotech, "cpam-93", "Conseillère service santé", "Membre", false),
        ]
        var bodyMembers: [BodyMember] = []
        for (body, organisation, person, role, inhabitant) in members {
            let member = BodyMember(contractId: id, bodyId: try body.requireID(), organisationId: organisation.flatMap { organisations[$0]?.id },
                                    organisationName: organisation.flatMap { organisations[$0]?.name } ?? "", personName: person, role: role,
                                    representsSignatory: organisation != nil, isInhabitant: inhabitant, joinedOn: "2024-01-01")
            try await tx.create(member, permission: edit)
            bodyMembers.append(member)
        }
        let copilMarch = try await meeting(copil, id, "2026-03-20", "14:00", "16:30", "Hôtel de ville, salle du conseil",
                                           "Bilan 2025 ; priorités 2026 ; conseil local de santé mentale", held: true, edit, tx,
                                           minutes: "Le COPIL a pris connaissance du bilan 2025 et retenu trois priorités pour 2026 : l'accès aux droits, la santé bucco-dentaire des enfants et la santé mentale.")
        for member in bodyMembers where member.$body.id == copil.id {
            try await tx.create(MeetingAttendance(contractId: id, meetingId: try copilMarch.requireID(), memberId: member.id,
                                                  organisationName: member.organisationName, personName: member.personName,
                                                  isInhabitant: member.isInhabitant, invited: true,
                                                  present: member.personName != "Responsable de la mission accompagnement santé"),
                                permission: edit)
        }
        let cotechJune = try await meeting(cotech, id, "2026-06-12", "09:30", "12:00", "Centre municipal de santé",
                                           "Vérification du bilan 2025", held: true, edit, tx)
        _ = try await meeting(copil, id, "2027-01-28", "14:00", "16:00", "Hôtel de ville, salle du conseil",
                              "Approbation du bilan 2025 ; avenant n° 1", held: false, edit, tx)
        let decisions: [(Meeting, String, String, String, Decision.Status)] = [
            (copilMarch, "Présenter au COPIL un avenant intégrant le conseil local de santé mentale", "Coordinatrice du CLS", "2026-11-30", .inProgress),
            (copilMarch, "Obtenir l'accord de l'Éducation nationale pour les bilans bucco-dentaires", "Service de santé scolaire", "2026-12-12", .open),
            (cotechJune, "Compléter les indicateurs de la permanence d'accès aux droits", "Médiatrice santé de la ville", "2026-07-15", .done),
        ]
        for (meeting, text, owner, due, status) in decisions {
            let decision = Decision(contractId: id, meetingId: try meeting.requireID(), text: text, sectionId: nil, actionId: nil,
                                    owner: owner, dueOn: due)
            decision.status = status.rawValue
            try await tx.create(decision, permission: edit)
        }

        // Coordination posts: the coordinator, and a mission post left vacant since September.
        let coordinator = CoordinatorPost(contractId: id, personName: "Fatou Diallo", fte: 1, employer: "Ville de Bobigny",
                                          reportingLine: "Direction de la santé", startsOn: "2022-01-03", endsOn: nil)
        try await tx.create(coordinator, permission: edit)
        for (funder, amount) in [("ARS Île-de-France", 30_000.0), ("Ville de Bobigny", 25_000.0)] {
            try await tx.create(PostFunding(contractId: id, postId: try coordinator.requireID(), funder: funder, year: 2026, amount: amount),
                                permission: edit)
        }
        try await tx.create(CoordinatorPost(contractId: id, personName: "", fte: 0.5, employer: "Ville de Bobigny",
                                            reportingLine: "Conseil local de santé mentale", startsOn: "2024-03-01", endsOn: "2026-09-30"),
                            permission: edit)

        // The 2025 review, checked in COTECH and waiting for the COPIL's approval by the ARS.
        let review2025 = try await AnnualReviews.open(contract: bobigny, year: 2025, using: tx)
        for entry in try await ReviewEntry.query(on: tx.database).filter(\.$review.$id == review2025.requireID()).all() {
            try await tx.update(entry, permission: .manageReview(scope)) {
                $0.state = ReviewEntryState.submitted.rawValue
                $0.comment = "Action menée comme prévu ; voir les indicateurs."
            }
        }
        try await AnnualReviews.take(.consolidate, on: review2025, contract: bobigny, context: ReviewTransitionContext(), using: tx)
        try await AnnualReviews.take(.check, on: review2025, contract: bobigny,
                                     context: ReviewTransitionContext(meetingDate: CalendarDay(parsing: "2026-06-12")), using: tx)

        // The 2026 review, being filled in: sent, returned, in draft.
        let review2026 = try await AnnualReviews.open(contract: bobigny, year: 2026, using: tx)
        let entries = try await ReviewEntry.query(on: tx.database).filter(\.$review.$id == review2026.requireID()).all()
        let titles = Dictionary(uniqueKeysWithValues: try await Action.query(on: tx.database).filter(\.$contract.$id == id).all()
            .compactMap { action in action.id.map { ($0, action.title) } })
        for entry in entries {
            let title = titles[entry.actionId] ?? ""
            try await tx.update(entry, permission: .manageReview(scope)) {
                if title.hasPrefix("Permanences") {
                    $0.state = ReviewEntryState.submitted.rawValue
                    $0.comment = "214 personnes accompagnées en 2025, déjà 190 fin novembre 2026 ; la CPAM tient désormais une permanence mensuelle."
                } else if title.hasPrefix("Bilans bucco") {
                    $0.state = ReviewEntryState.returned.rawValue
                    $0.comment = "Dépistages reportés."
                    $0.returnComment = "Précisez le nombre d'écoles visitées et la date de reprise prévue."
                } else if title.hasPrefix("Conseil local") {
                    $0.state = ReviewEntryState.submitted.rawValue
                    $0.comment = "Quatre séances plénières et onze situations complexes étudiées."
                }
            }
        }
        return [DemoDataset.Account(email: pilotEmail, name: "Karim Haddad", roleDescription: "pilote d'actions du CLS de Bobigny")]
    }

    private static func meeting(_ body: GovernanceBody, _ contractId: UUID, _ day: String, _ start: String, _ end: String,
                                _ place: String, _ agenda: String, held: Bool, _ permission: Permission,
                                _ tx: Mutations, minutes: String = "") async throws -> Meeting {
        let meeting = Meeting(contractId: contractId, bodyId: try body.requireID(), heldOn: day, startsAt: start, endsAt: end,
                              place: place, agenda: agenda)
        meeting.status = (held ? Meeting.Status.held : .planned).rawValue
        meeting.minutes = minutes
        try await tx.create(meeting, permission: permission)
        return meeting
    }
}
