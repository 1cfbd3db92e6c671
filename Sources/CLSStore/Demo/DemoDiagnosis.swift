import CLSCore
import FluentKit
import Foundation

/// The shared diagnosis of Saint-Ouen-sur-Seine, under way with the regional health observatory:
/// who makes it, at what cost and with whom, its four narrative sections, findings citing the
/// catalogue's indicators, and the priorities negotiated from them — one retained and already an
/// axis, one retained waiting for its axis, one set aside for the local health plan, one proposed.
/// The catalogue holds the Comparateur's indicators, so that the findings name them; their values
/// come when the administrator imports the published file.
enum DemoDiagnosis {
    static func load(into contract: Contract, using tx: Mutations) async throws {
        for definition in DiagnosticImports.comparateurIndicators().map(\.indicator) {
            guard try await DiagnosticIndicator.query(on: tx.database).filter(\.$code == definition.code).first() == nil else { continue }
            try await tx.create(DiagnosticIndicator(definition), permission: .importReferenceData)
        }
        var narrative = DiagnosisWork.Narrative()
        narrative.author = "Observatoire régional de santé d'Île-de-France"
        narrative.startedOn = CalendarDay(parsing: "2026-02-01")
        narrative.finishedOn = CalendarDay(parsing: "2026-11-30")
        narrative.cost = 38_000
        narrative.funders = "ARS Île-de-France (60 %), Ville de Saint-Ouen-sur-Seine (40 %)"
        narrative.sources = "INSEE, Comparateur de territoires (état civil 2020, recensement 2018)\nSanté publique France, décès par suicide 2019-2023 et couvertures vaccinales\nEntretiens avec 24 professionnels ; trois marches exploratoires avec les habitants"
        narrative.portrait = "Une ville de 50 000 habitants en pleine transformation (village olympique, nouveaux quartiers), jeune, avec trois quartiers prioritaires de la politique de la ville où vit près d'un habitant sur deux."
        narrative.healthStatus = "Une mortalité prématurée supérieure à celle de la région ; des besoins de santé mentale exprimés chez les jeunes adultes ; des dépistages organisés des cancers moins suivis qu'ailleurs."
        narrative.resources = "Un centre municipal de santé, deux maisons de santé pluriprofessionnelles, un centre médico-psychologique saturé (huit mois d'attente), l'Atelier Santé Ville."
        narrative.voices = "Les habitants parlent d'abord de l'accès à un médecin traitant et du logement ; les professionnels, de la santé mentale des jeunes et du renoncement aux soins."
        try await DiagnosisWork.save(narrative, of: contract, using: tx)

        let mortality = try await DiagnosisWork.addFinding(
            to: contract, text: "La mortalité toutes causes dépasse celle de l'Île-de-France, surtout avant 65 ans.",
            indicatorCodes: ["mortalite_brute"], using: tx)
        let unemployment = try await DiagnosisWork.addFinding(
            to: contract, text: "Le chômage des 15-64 ans est nettement plus élevé que dans la région ; le renoncement aux soins suit.",
            indicatorCodes: ["chomage_15_64"], using: tx)
        let youth = try await DiagnosisWork.addFinding(
            to: contract, text: "Les professionnels décrivent une souffrance psychique des jeunes adultes sans réponse de proximité.",
            indicatorCodes: [], using: tx)

        let mentalHealth = try await DiagnosisWork.propose(in: contract, findingId: youth.id, title: "Santé mentale des jeunes adultes",
                                                           prsReference: "PRS Île-de-France 2023-2028, axe 3 : santé mentale", domain: .youth, using: tx)
        try await DiagnosisWork.decide(mentalHealth, of: contract, status: .retained, reason: "", forLocalPlan: false, using: tx)
        try await DiagnosisWork.makeAxis(of: mentalHealth, in: contract, using: tx)
        let access = try await DiagnosisWork.propose(in: contract, findingId: unemployment.id, title: "Accès aux droits et aux soins des personnes éloignées",
                                                     prsReference: "PRS Île-de-France 2023-2028, axe 1 : accès aux soins", domain: .social, using: tx)
        try await DiagnosisWork.decide(access, of: contract, status: .retained, reason: "", forLocalPlan: false, using: tx)
        let air = try await DiagnosisWork.propose(in: contract, findingId: mortality.id, title: "Qualité de l'air intérieur des logements",
                                                  prsReference: "", domain: .housing, using: tx)
        try await DiagnosisWork.decide(air, of: contract, status: .rejected,
                                       reason: "Relève du volet habitat du contrat de ville, hors du champ que l'ARS finance.", forLocalPlan: true, using: tx)
        _ = try await DiagnosisWork.propose(in: contract, findingId: mortality.id, title: "Dépistages organisés des cancers",
                                            prsReference: "PRS Île-de-France 2023-2028, axe 2 : prévention", domain: .prevention, using: tx)
    }
}
