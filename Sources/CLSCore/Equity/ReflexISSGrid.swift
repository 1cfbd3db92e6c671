/// The RÉFLEX-ISS self-assessment grid (DOMAIN.md §5, from the Québec tool): for each stage of
/// a contract's life, elements a team rates from 0 (not considered) to 4 (fully accounted for),
/// with a comment. A discussion tool for the team, not a measure of impact.
///
/// The elements are data with stable codes (`P1`…`S4`): sessions store codes and scores, so the
/// wording can improve without losing history. The list follows the tool's logic: know the
/// inequalities, involve the people concerned, act on the social determinants, adapt the
/// actions, observe their differential effects, and make what works last.
public enum ReflexISSGrid {
    public enum Stage: String, CaseIterable, Sendable, Codable {
        case planning = "planification"
        case implementation = "mise_en_oeuvre"
        case evaluation
        case sustainability = "perennisation"

        public var label: String {
            switch self {
            case .planning: "Planification"
            case .implementation: "Mise en œuvre"
            case .evaluation: "Évaluation"
            case .sustainability: "Pérennisation"
            }
        }
    }

    public struct Element: Sendable, Equatable, Identifiable {
        public let code: String
        public let stage: Stage
        public let label: String
        /// The question the team discusses.
        public let question: String
        public var id: String { code }
    }

    /// The scale, 0 to 4, with its French labels.
    public static let scale: [(score: Int, label: String)] = [
        (0, "Non pris en compte"), (1, "Peu pris en compte"), (2, "Partiellement pris en compte"),
        (3, "Largement pris en compte"), (4, "Pleinement pris en compte"),
    ]

    public static func scaleLabel(_ score: Int) -> String? { scale.first { $0.score == score }?.label }

    public static let elements: [Element] = [
        Element(code: "P1", stage: .planning, label: "Connaissance des inégalités sur le territoire",
                question: "Le diagnostic décrit-il les écarts de santé selon la position sociale et le lieu de vie (gradient, quartiers, communes) ?"),
        Element(code: "P2", stage: .planning, label: "Populations en situation de vulnérabilité",
                question: "Les groupes les plus exposés sont-ils nommés, avec des critères sociaux explicites (revenus, isolement, précarité, QPV…) ?"),
        Element(code: "P3", stage: .planning, label: "Participation des personnes concernées aux choix",
                question: "Les habitants et les personnes concernées ont-ils contribué à définir les besoins et les priorités ?"),
        Element(code: "P4", stage: .planning, label: "Action sur les déterminants sociaux",
                question: "Le programme agit-il au-delà du système de soins : conditions de vie, environnement social, éducation, logement ?"),
        Element(code: "P5", stage: .planning, label: "Choix de l'approche",
                question: "L'approche est-elle choisie sciemment (ciblée, universelle, universalisme proportionné) selon l'écart à réduire ?"),
        Element(code: "P6", stage: .planning, label: "Partenariats intersectoriels",
                question: "Les secteurs hors santé (social, éducation, urbanisme, emploi, transport) sont-ils associés dès la conception ?"),
        Element(code: "P7", stage: .planning, label: "Effets non souhaités anticipés",
                question: "A-t-on examiné le risque qu'une action profite surtout aux plus favorisés et creuse les écarts ?"),
        Element(code: "M1", stage: .implementation, label: "Accessibilité des actions",
                question: "Lieux, horaires, coût, transports, langue : les actions sont-elles accessibles aux publics visés ?"),
        Element(code: "M2", stage: .implementation, label: "Adaptation aux publics",
                question: "Les actions vont-elles vers les publics éloignés (aller-vers, médiation, littératie en santé) ?"),
        Element(code: "M3", stage: .implementation, label: "Participation à la mise en œuvre",
                question: "Les personnes concernées participent-elles à la conduite des actions (pairs, relais, habitants) ?"),
        Element(code: "M4", stage: .implementation, label: "Compétences des intervenants",
                question: "Les professionnels et bénévoles sont-ils formés aux inégalités sociales de santé ?"),
        Element(code: "M5", stage: .implementation, label: "Moyens proportionnés aux besoins",
                question: "Les moyens sont-ils répartis selon l'ampleur des besoins plutôt qu'à parts égales ?"),
        Element(code: "E1", stage: .evaluation, label: "Indicateurs ventilés",
                question: "Les indicateurs sont-ils suivis selon la position sociale, le territoire ou le genre ?"),
        Element(code: "E2", stage: .evaluation, label: "Portée des actions",
                question: "Sait-on qui les actions atteignent et qui elles n'atteignent pas ?"),
        Element(code: "E3", stage: .evaluation, label: "Effets différenciés",
                question: "Les effets sont-ils analysés séparément pour les groupes les plus défavorisés ?"),
        Element(code: "E4", stage: .evaluation, label: "Participation à l'évaluation",
                question: "Les personnes concernées donnent-elles leur avis sur les actions et leurs effets ?"),
        Element(code: "S1", stage: .sustainability, label: "Inscription dans les politiques locales",
                question: "Les actions qui réduisent les écarts sont-elles inscrites dans les politiques des signataires ?"),
        Element(code: "S2", stage: .sustainability, label: "Financements durables",
                question: "Les actions utiles ont-elles des financements au-delà d'un appel à projets annuel ?"),
        Element(code: "S3", stage: .sustainability, label: "Appropriation par les partenaires",
                question: "Les partenaires et les habitants peuvent-ils poursuivre les actions sans la coordination ?"),
        Element(code: "S4", stage: .sustainability, label: "Capitalisation et diffusion",
                question: "Les enseignements sont-ils écrits, partagés et repris dans le contrat suivant ?"),
    ]

    public static func element(_ code: String) -> Element? { elements.first { $0.code == code } }

    public static func elements(of stage: Stage) -> [Element] { elements.filter { $0.stage == stage } }
}
