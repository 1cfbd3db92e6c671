import CLSCore
import CLSStore
import Vapor

/// A contract's fields as its form posts them, kept as typed so a refused form comes back whole.
struct ContractForm: Content {
    var name: String?
    var generation: String?
    var previousContractId: String?
    var regionCode: String?
    var departmentCode: String?
    var territoryLabel: String?
    var initiative: String?
    var isARSPriority: String?
    var summary: String?
    var prsReferences: String?
    var linkedSchemes: [String]?
    var firstContactOn: String?
    var diagnosticOn: String?
    var signedOn: String?
    var startsOn: String?
    var endsOn: String?
    var durationYears: String?
    var isConfidential: String?
    var isPublished: String?

    var input: ContractDraft.Input {
        var input = ContractDraft.Input()
        input.name = name ?? ""
        input.generation = generation ?? "1"
        input.previousContractId = previousContractId ?? ""
        input.regionCode = regionCode ?? ""
        input.departmentCode = departmentCode ?? ""
        input.territoryLabel = territoryLabel ?? ""
        input.initiative = initiative ?? ""
        input.isARSPriority = isARSPriority != nil
        input.summary = summary ?? ""
        input.prsReferences = prsReferences ?? ""
        input.linkedSchemes = linkedSchemes ?? []
        input.firstContactOn = firstContactOn ?? ""
        input.diagnosticOn = diagnosticOn ?? ""
        input.signedOn = signedOn ?? ""
        input.startsOn = startsOn ?? ""
        input.endsOn = endsOn ?? ""
        input.durationYears = durationYears ?? ""
        input.isConfidential = isConfidential != nil
        input.isPublished = isPublished != nil
        return input
    }

    init(_ contract: Contract) {
        name = contract.name
        generation = String(contract.generation)
        previousContractId = contract.$previousContract.id?.uuidString
        regionCode = contract.regionCode
        departmentCode = contract.departmentCode
        territoryLabel = contract.territoryLabel
        initiative = contract.initiative
        isARSPriority = contract.isARSPriority ? "on" : nil
        summary = contract.summary
        prsReferences = contract.prsReferences
        linkedSchemes = contract.linkedSchemes.map(\.rawValue)
        firstContactOn = contract.firstContactOn
        diagnosticOn = contract.diagnosticOn
        signedOn = contract.signedOn
        startsOn = contract.startsOn
        endsOn = contract.endsOn
        durationYears = contract.durationYears.map(String.init)
        isConfidential = contract.isConfidential ? "on" : nil
        isPublished = contract.isPublished ? "on" : nil
    }

    init(regionCode: String?, departmentCode: String?) {
        self.generation = "1"
        self.regionCode = regionCode
        self.departmentCode = departmentCode
    }
}
