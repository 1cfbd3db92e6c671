/// The free-text parts of the contract document, in their order, each with its heading and a
/// default French text the coordinator may replace for their contract.
public enum ContractDocumentPart: String, CaseIterable, Sendable, Codable {
    case preamble = "preambule"
    case object = "objet"
    case perimeter = "perimetre"
    case duration = "duree"
    case commitments = "engagements"
    case governance = "gouvernance"
    case evaluation = "suivi_evaluation"
    case revision = "revision"

    public var heading: String {
        switch self {
        case .preamble: "Préambule"
        case .object: "Article 1 – Objet du contrat"
        case .perimeter: "Article 2 – Périmètre géographique"
        case .duration: "Article 3 – Durée"
        case .commitments: "Article 4 – Engagements des signataires"
        case .governance: "Article 5 – Gouvernance"
        case .evaluation: "Article 6 – Suivi et évaluation"
        case .revision: "Article 7 – Révision et avenants"
        }
    }

    /// What the contract needs to fill the default texts.
    public struct Context: Sendable {
        public let name: String
        public let territory: String
        public let durationYears: Int?
        public let startsOn: CalendarDay?
        public let diagnosticOn: CalendarDay?
        public init(name: String, territory: String, durationYears: Int?, startsOn: CalendarDay?, diagnosticOn: CalendarDay?) {
            self.name = name
            self.territory = territory
            self.durationYears = durationYears
            self.startsOn = startsOn
            self.diagnosticOn = diagnosticOn
        }
    }

    public func defaultText(_ context: Context) -> String {
        let territory = context.territory.isEmpty ? "le territoire du contrat" : context.territory
        switch self {
        case .preamble:
            let diagnosis = context.diagnosticOn.map { "Le diagnostic local de santé partagé, achevé le \(FrenchFormat.date($0)), " }
                ?? "Le diagnostic local de santé partagé "
            return """
            Vu le code de la santé publique, notamment ses articles L1434-2 (le projet régional de santé) et L1434-10 (les contrats locaux de santé, conclus par l'agence régionale de santé avec les collectivités territoriales et leurs groupements pour mettre en œuvre le projet régional de santé) ;
            Vu le projet régional de santé en vigueur ;
            Les contrats locaux de santé visent à réduire les inégalités sociales et territoriales de santé en coordonnant, sur un territoire, les politiques de santé, de prévention, d'accompagnement médico-social et les politiques qui agissent sur les déterminants de la santé (logement, éducation, environnement, transports, emploi).
            \(diagnosis)a mis en évidence les besoins de santé de \(territory) ; les priorités du présent contrat en découlent et ont été négociées entre les signataires.
            """
        case .object:
            return "Le présent contrat, « \(context.name) », a pour objet de mettre en œuvre sur \(territory) les priorités de santé partagées par les signataires, déclinées en axes stratégiques, en objectifs et en fiches actions (annexe). Il porte une attention particulière aux publics et aux quartiers les plus éloignés de la santé, selon le principe d'universalisme proportionné."
        case .perimeter:
            return "Le contrat s'applique à \(territory). La liste des communes concernées figure ci-dessous."
        case .duration:
            let years = context.durationYears.map { FrenchFormat.count($0, singular: "an", plural: "ans") } ?? "cinq ans"
            let start = context.startsOn.map { " à compter du \(FrenchFormat.date($0))" } ?? " à compter de sa signature"
            return "Le contrat est conclu pour une durée de \(years)\(start). Il peut être prolongé ou renouvelé après son évaluation finale."
        case .commitments:
            return "Chaque signataire s'engage à participer à la gouvernance du contrat, à mobiliser ses moyens humains, techniques et financiers pour la réalisation des fiches actions qui le concernent, dans la limite de ses compétences et de ses disponibilités budgétaires, et à partager les informations utiles au suivi et à l'évaluation. L'agence régionale de santé apporte son appui méthodologique et peut cofinancer des actions, notamment au titre du fonds d'intervention régional."
        case .governance:
            return "Le contrat est piloté par un comité de pilotage, réuni au moins une fois par an, qui valide le programme, suit sa réalisation et arrête le bilan annuel. Un comité technique prépare ses travaux. La coordination du contrat est assurée par le coordinateur ou la coordinatrice du contrat local de santé. Les instances sont décrites ci-dessous."
        case .evaluation:
            return "La réalisation des actions est suivie chaque année à l'aide des indicateurs de chaque fiche action, dans un bilan annuel adressé à l'ensemble des signataires. Une évaluation finale, conduite au terme du contrat, en mesure les effets au regard des inégalités sociales et territoriales de santé et éclaire son renouvellement."
        case .revision:
            return "Le contrat peut être modifié par avenant, approuvé par les signataires, notamment pour ajouter, modifier ou retirer des actions, accueillir un nouveau signataire ou modifier le périmètre. Les fiches actions peuvent être ajustées chaque année par le comité de pilotage sans avenant, dès lors que les axes stratégiques ne sont pas modifiés."
        }
    }
}
