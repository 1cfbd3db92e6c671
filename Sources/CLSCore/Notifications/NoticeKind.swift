/// What a notification tells: each kind has its French name, shown in lists and e-mail subjects.
public enum NoticeKind: String, CaseIterable, Codable, Sendable {
    case pilotAssigned = "pilote_designe"
    case reviewOpened = "bilan_ouvert"
    case reviewSubmitted = "bilan_soumis"
    case reviewReturned = "bilan_renvoye"
    case reviewApproved = "bilan_approuve"
    case entryReturned = "saisie_renvoyee"
    case meetingScheduled = "reunion_programmee"
    case minutesPublished = "compte_rendu_publie"
    case decisionDueSoon = "decision_a_echeance"
    case decisionOverdue = "decision_en_retard"
    case alertRaised = "alerte"
    case importFinished = "import_termine"

    public var label: String {
        switch self {
        case .pilotAssigned: "Désignation comme pilote"
        case .reviewOpened: "Bilan ouvert"
        case .reviewSubmitted: "Bilan à approuver"
        case .reviewReturned: "Bilan renvoyé"
        case .reviewApproved: "Bilan approuvé"
        case .entryReturned: "Bilan de fiche action renvoyé"
        case .meetingScheduled: "Réunion programmée"
        case .minutesPublished: "Compte rendu publié"
        case .decisionDueSoon: "Décision à échéance"
        case .decisionOverdue: "Décision en retard"
        case .alertRaised: "Alerte"
        case .importFinished: "Import terminé"
        }
    }
}
