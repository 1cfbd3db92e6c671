import CLSCore
import FluentKit
import Foundation

/// The final evaluation of Belle-Île's first contract (2015-2016), which led to its renewal: the
/// evaluator, the method, a question per purpose with findings and recommendations drawn from the
/// seed documents (a coordination post to create, a first steering committee five months after
/// the signature, the summer population), and the evidence frozen at the end of the evaluation.
enum DemoEvaluation {
    static let questions: [(EvaluationPurpose, String, String, String)] = [
        (.strategic, "Les trois orientations répondaient-elles aux besoins d'une île de 4 500 habitants, 30 000 en été ?",
         "L'accès aux soins et le maintien à domicile restent les priorités ; la saison touristique double les besoins de premier recours.",
         "Garder l'accès aux soins comme premier axe, avec un volet estival\nFaire du parcours des personnes âgées un axe à part entière"),
        (.operational, "Le contrat a-t-il été conduit avec les moyens nécessaires ?",
         "Sans coordinateur, l'animation a reposé sur la communauté de communes ; le premier comité de pilotage s'est tenu cinq mois après la signature.",
         "Créer un poste de coordination financé par l'ARS et la communauté de communes\nRéunir le comité de pilotage dans les trois mois qui suivent la signature"),
        (.democratic, "Les habitants et les professionnels ont-ils pris part aux décisions ?",
         "Les professionnels de santé se sont mobilisés dans les groupes de travail ; les habitants n'ont été associés qu'au diagnostic.",
         "Associer des habitants au comité technique"),
        (.accountability, "Les engagements des signataires ont-ils été tenus ?",
         "Les engagements de l'ARS et du Département ont été tenus ; le suivi financier n'était pas consolidé.",
         "Présenter chaque année un bilan consolidé à tous les signataires"),
    ]

    static func load(into contract: Contract, using tx: Mutations) async throws {
        try await FinalEvaluations.saveFrame(of: contract, evaluator: "Observatoire régional de la santé de Bretagne",
                                             method: "Analyse des comptes rendus et des bilans, entretiens avec les signataires et les porteurs d'actions, atelier avec les professionnels de santé de l'île.",
                                             startsOn: CalendarDay(parsing: "2015-09-01"), endsOn: CalendarDay(parsing: "2016-01-15"), using: tx)
        for (purpose, question, findings, recommendations) in questions {
            let row = try await FinalEvaluations.addQuestion(to: contract, purpose: purpose, question: question, using: tx)
            try await FinalEvaluations.answer(row, of: contract, question: question, findings: findings, recommendations: recommendations, using: tx)
        }
        try await FinalEvaluations.freezeEvidence(of: contract, on: CalendarDay(parsing: "2016-01-15")!, using: tx)
    }
}
