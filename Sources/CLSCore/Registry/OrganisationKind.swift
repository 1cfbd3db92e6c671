/// The kinds of organisation that sign or take part in a contract (DOMAIN.md §4).
public enum OrganisationKind: String, CaseIterable, Codable, Sendable {
    case ars
    case arsDelegation = "ars_delegation"
    case commune
    case epci
    case departement
    case region
    case pays
    case stateService = "state_service"
    case healthInsurance = "health_insurance"
    case caf
    case education
    case hospital
    case healthCentre = "health_centre"
    case association
    case observatory
    case other

    public var label: String {
        switch self {
        case .ars: "Agence régionale de santé"
        case .arsDelegation: "Délégation départementale de l'ARS"
        case .commune: "Commune"
        case .epci: "EPCI (intercommunalité)"
        case .departement: "Conseil départemental"
        case .region: "Conseil régional"
        case .pays: "Pays ou PETR"
        case .stateService: "Service de l'État (préfecture, DDETS…)"
        case .healthInsurance: "Assurance maladie (CPAM, MSA)"
        case .caf: "Caisse d'allocations familiales"
        case .education: "Éducation nationale"
        case .hospital: "Établissement de santé"
        case .healthCentre: "Maison ou centre de santé"
        case .association: "Association"
        case .observatory: "ORS, IREPS, université"
        case .other: "Autre"
        }
    }

    /// Local authorities (collectivités) are the ARS's counterparts in a contract.
    public var isLocalAuthority: Bool {
        [.commune, .epci, .departement, .region, .pays].contains(self)
    }

    public var isARS: Bool { self == .ars || self == .arsDelegation }
}
