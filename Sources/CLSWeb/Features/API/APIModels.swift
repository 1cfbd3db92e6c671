import CLSCore
import CLSStore
import Vapor

/// JSON shapes of API v1. Ids are stable strings (UUIDs); dates are ISO `YYYY-MM-DD`.
struct ContractJSON: Content {
    let id: String
    let name: String
    let state: String
    let stateLabel: String
    let generation: Int
    let previousContractId: String?
    let regionCode: String
    let departmentCode: String
    let territory: String
    let initiative: String?
    let signedOn: String?
    let startsOn: String?
    let endsOn: String?
    let isConfidential: Bool
    let isPublished: Bool

    init(_ contract: Contract) {
        id = contract.id?.uuidString ?? ""
        name = contract.name
        state = contract.state
        stateLabel = contract.contractState.label
        generation = contract.generation
        previousContractId = contract.$previousContract.id?.uuidString
        regionCode = contract.regionCode
        departmentCode = contract.departmentCode
        territory = contract.territoryLabel
        initiative = contract.initiative
        signedOn = contract.signedOn
        startsOn = contract.startsOn
        endsOn = contract.endsOn
        isConfidential = contract.isConfidential
        isPublished = contract.isPublished
    }
}

struct ContractDetailJSON: Content {
    struct Party: Content {
        let organisationId: String
        let organisationName: String
        let representative: String?
        let role: String
        let deliberationOn: String?
        let signedOn: String?
    }

    struct Step: Content {
        let from: String?
        let to: String
        let effectiveOn: String
        let comment: String
        let recordedBy: String
    }

    let contract: ContractJSON
    let description: String
    let linkedSchemes: [String]
    let signatories: [Party]
    let partners: [Party]
    let history: [Step]
    let allowedTransitions: [String]
}

struct OrganisationJSON: Content {
    let id: String
    let name: String
    let kind: String
    let kindLabel: String
    let siren: String?
    let regionCode: String?
    let departmentCode: String?
    let competences: [String]

    init(_ organisation: Organisation) {
        id = organisation.id?.uuidString ?? ""
        name = organisation.name
        kind = organisation.kind
        kindLabel = organisation.organisationKind.label
        siren = organisation.siren
        regionCode = organisation.regionCode
        departmentCode = organisation.departmentCode
        competences = organisation.competences.map(\.rawValue)
    }
}
