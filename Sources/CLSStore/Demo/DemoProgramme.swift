import CLSCore
import FluentKit
import Foundation

/// A small programme for the demo's second-generation Belle-Île contract, built on the three
/// orientations of its first contract (DOMAIN.md §7), coded with the ISTS grid.
enum DemoProgramme {
    struct ActionSpec {
        let title: String
        let status: ActionStatus
        var priority: ActionPriority? = nil
        var startsOn: String? = nil
        var endsOn: String? = nil
        var summary = ""
        var logicProblem = ""
        var themes: [String] = []
        var determinants: [String] = []
        var strategies: [String] = []
        var publics: [String] = []
        var approach: InterventionApproach? = nil
        var participation: ParticipationLevel? = nil
        var leadPeople = ""
        var pilotEmail: String? = nil
        var budget: [(funder: String, year: Int, planned: Double, actual: Double?, channel: FundingChannel, status: BudgetStatus)] = []
        var indicator: (name: String, unit: String, baseline: Double, values: [(year: Int, target: Double, actual: Double?)])? = nil
        var subActions: [String] = []
    }

    typealias AxisSpec = (title: String, objective: String, actions: [ActionSpec])

    static let axes: [AxisSpec] = [
        ("Améliorer l'organisation et l'accès aux soins", "Maintenir une offre de premier recours toute l'année", [
            ActionSpec(title: "Créer une maison de santé pluriprofessionnelle au Palais", status: .inProgress, priority: .high,
                       startsOn: "2026-01-15", endsOn: "2027-12-31",
                       summary: "Réunir médecins, infirmiers et kinésithérapeutes dans un lieu commun pour fidéliser les professionnels.",
                       logicProblem: "Deux départs en retraite de médecins généralistes non remplacés depuis 2024.",
                       themes: ["acces_aux_soins", "amelioration_systeme_soins"], determinants: ["D5.1.1", "D5.1.5"],
                       strategies: ["S3.3", "S4.2"], publics: ["tout_public"], approach: .universal, participation: .consultation,
                       leadPeople: "Coordinatrice du CLS",
                       budget: [("ARS Bretagne", 2026, 30_000, 30_000, .fir, .paid), ("Communauté de communes de Belle-Île-en-Mer", 2026, 15_000, 12_400, .ownFunds, .granted),
                                ("ARS Bretagne", 2027, 20_000, nil, .fir, .requested)],
                       indicator: ("Médecins généralistes installés sur l'île", "médecins", 3, [(2026, 4, 3), (2027, 5, nil)])),
            ActionSpec(title: "Renforcer l'offre de soins estivale", status: .upcoming, priority: .medium,
                       startsOn: "2026-03-01", endsOn: "2026-06-30",
                       summary: "Recruter des médecins saisonniers pour absorber les 30 000 habitants de l'été.",
                       themes: ["acces_aux_soins"], determinants: ["D5.1.1"], strategies: ["S4.1"], publics: ["tout_public"],
                       budget: [("Conseil départemental du Morbihan", 2026, 8_000, nil, .commonLaw, .refused)]),
        ]),
        ("Accompagner les soins et le maintien à domicile des personnes âgées", "Coordonner le parcours des personnes âgées", [
            ActionSpec(title: "Coordonner le parcours de santé des personnes âgées", status: .inProgress, priority: .high,
                       startsOn: "2026-02-01", endsOn: "2028-12-31",
                       themes: ["sante_bien_etre"], determinants: ["D5.4", "D2.3.3"], strategies: ["S4.2"],
                       publics: ["personnes_agees", "aidants"], approach: .targeted, participation: .concertation,
                       leadPeople: "Responsable du service d'aide à domicile", pilotEmail: "pilote.belle-ile@demo.cls-pilot.fr",
                       indicator: ("Personnes âgées suivies par la coordination", "personnes", 0, [(2026, 40, 28)]),
                       subActions: ["Former les aides à domicile au repérage de la fragilité"]),
        ]),
        ("Développer la prévention et la promotion de la santé", "Agir sur les comportements favorables à la santé dès l'enfance", [
            ActionSpec(title: "Ateliers nutrition et activité physique dans les écoles", status: .done, priority: .medium,
                       startsOn: "2025-09-01", endsOn: "2026-06-30",
                       themes: ["nutrition"], determinants: ["D4.1.5", "D4.1.6", "D4.2.2"], strategies: ["S1.2", "S2.1"],
                       publics: ["enfants", "parents"], approach: .proportionateUniversalism, participation: .coConstruction,
                       budget: [("ARS Bretagne", 2026, 6_000, 5_800, .callForProjects, .paid)]),
        ]),
    ]

    /// Creates `axes` (Belle-Île's by default), each with one operational objective holding its actions.
    static func load(_ axes: [AxisSpec] = axes, into contract: Contract, organisations: [String: Organisation],
                     using tx: Mutations) async throws {
        let contractId = try contract.requireID()
        let permission = Permission.editProgramme(contract.accessScope)
        for (axisIndex, axisSpec) in axes.enumerated() {
            let axis = ProgrammeSection(contractId: contractId, parentId: nil, kind: .axis, title: axisSpec.title, position: axisIndex + 1)
            try await tx.create(axis, permission: permission)
            let objective = ProgrammeSection(contractId: contractId, parentId: try axis.requireID(), kind: .objective,
                                             title: axisSpec.objective, position: 1)
            objective.objectiveKind = ObjectiveKind.operational.rawValue
            try await tx.create(objective, permission: permission)
            for (index, spec) in axisSpec.actions.enumerated() {
                let action = Action(contractId: contractId, sectionId: try objective.requireID(), title: spec.title, position: index + 1)
                action.status = spec.status.rawValue
                action.priority = spec.priority?.rawValue ?? ""
                action.startsOn = spec.startsOn
                action.endsOn = spec.endsOn
                action.summary = spec.summary
                action.logicProblem = spec.logicProblem
                action.themeCodes = Action.join(spec.themes)
                action.determinantCodes = Action.join(spec.determinants)
                action.strategyCodes = Action.join(spec.strategies)
                action.publicCodes = Action.join(spec.publics)
                action.approach = spec.approach?.rawValue ?? ""
                action.participation = spec.participation?.rawValue ?? ""
                action.leadPeople = spec.leadPeople
                if let email = spec.pilotEmail {
                    action.$pilotUser.id = try await User.query(on: tx.database).filter(\.$email == email).first()?.id
                }
                try await tx.create(action, permission: permission)
                let actionId = try action.requireID()
                for (subIndex, title) in spec.subActions.enumerated() {
                    try await tx.create(Action(contractId: contractId, sectionId: try objective.requireID(), parentActionId: actionId,
                                               title: title, position: subIndex + 1), permission: permission)
                }
                for line in spec.budget {
                    let budgetLine = BudgetLine(actionId: actionId, contractId: contractId, funderName: line.funder, year: line.year, planned: line.planned)
                    budgetLine.$funderOrganisation.id = organisations.values.first { $0.name == line.funder }?.id
                    budgetLine.actual = line.actual
                    budgetLine.channel = line.channel.rawValue
                    budgetLine.status = line.status.rawValue
                    if line.status == .refused {
                        budgetLine.refusalReason = "Hors des priorités de financement du département pour 2026"
                        budgetLine.suggestedFunder = "ARS Bretagne (FIR)"
                    }
                    try await tx.create(budgetLine, permission: permission)
                }
                if let spec = spec.indicator {
                    let indicator = Indicator(actionId: actionId, contractId: contractId, name: spec.name)
                    indicator.kind = IndicatorType.result.rawValue
                    indicator.unit = spec.unit
                    indicator.baselineValue = spec.baseline
                    indicator.baselineOn = "2025-12-31"
                    try await tx.create(indicator, permission: permission)
                    for value in spec.values {
                        let row = IndicatorValue(indicatorId: try indicator.requireID(), contractId: contractId, year: value.year)
                        row.target = value.target
                        row.actual = value.actual
                        try await tx.create(row, permission: permission)
                    }
                }
            }
        }
    }
}
