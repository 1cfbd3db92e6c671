/// The state of a contract's yearly review (bilan annuel, DOMAIN.md §4), inspired by DHIS2 data
/// approval: pilots enter, the coordination consolidates, COTECH checks, COPIL approves and the
/// year is locked. Raw values are stable codes stored in the database.
public enum ReviewState: String, CaseIterable, Codable, Sendable {
    case open = "saisie"
    case consolidated = "consolide"
    case checked = "verifie"
    case approved = "approuve"

    /// The French label a user reads.
    public var label: String {
        switch self {
        case .open: "Saisie par les pilotes"
        case .consolidated: "Consolidé par la coordination"
        case .checked: "Vérifié en COTECH"
        case .approved: "Approuvé en COPIL — année verrouillée"
        }
    }

    /// A one-line explanation shown next to the state.
    public var explanation: String {
        switch self {
        case .open: "Chaque pilote renseigne le bilan de ses fiches actions puis le transmet."
        case .consolidated: "La coordination a rassemblé les bilans des actions ; seul son commentaire reste modifiable."
        case .checked: "Le comité technique a vérifié le bilan consolidé ; il reste à le faire approuver en COPIL."
        case .approved: "Le COPIL a approuvé le bilan : les valeurs de l'année ne peuvent plus être modifiées sans déverrouillage motivé par l'ARS."
        }
    }
}

/// The state of one fiche action's part of a yearly review. Raw values are stable codes.
public enum ReviewEntryState: String, CaseIterable, Codable, Sendable {
    case draft = "brouillon"
    case submitted = "transmis"
    case returned = "renvoye"

    /// The French label a user reads.
    public var label: String {
        switch self {
        case .draft: "Brouillon"
        case .submitted: "Transmis"
        case .returned: "Renvoyé au pilote"
        }
    }

    /// Whether the pilot still has to send this entry.
    public var isPending: Bool { self != .submitted }
}
