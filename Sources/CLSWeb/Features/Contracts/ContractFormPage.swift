import CLSCore
import CLSStore
import Vapor

/// The form creating or editing a contract, with what was typed and the messages of a refusal.
struct ContractFormPage: Encodable, BreadcrumbProviding {
    let action: String
    let isNew: Bool
    let cancel: String
    let values: ContractForm
    let errors: [String: String]
    let regionOptions: OptionList
    let departmentOptions: OptionList
    let initiativeOptions: [SelectOption]
    let schemeOptions: [SelectOption]
    let previousOptions: [SelectOption]
    let breadcrumb: [Breadcrumb]

    var title: String { contractName.map { "Modifier « \($0) »" } ?? "Nouveau contrat" }
    private let contractName: String?

    static func load(values: ContractForm, errors: FormErrors = FormErrors(), contract: Contract?,
                     _ context: PageContext) async throws -> ContractFormPage {
        // Earlier generations are chosen among the contracts of the same department the subject sees.
        var previousOptions: [SelectOption] = []
        if let department = values.departmentCode, !department.isEmpty {
            let candidates = try await ContractQueries.list(ContractFilter(departmentCode: department, pageSize: 200),
                                                            visibleTo: context.subject, on: context.db)
            previousOptions = candidates.contracts.filter { $0.id != contract?.id }.map {
                SelectOption(value: $0.id!.uuidString, label: "\($0.name) (génération \($0.generation))",
                             selected: $0.id?.uuidString == values.previousContractId)
            }
        }
        let contractPage = contract?.id.map { SitePath.contract($0) }
        return ContractFormPage(
            action: contract?.id.map { SitePath.contract($0, .edit).href } ?? SitePath.contracts.href,
            isNew: contract == nil, cancel: (contractPage ?? .contracts).href, values: values, errors: errors.messages,
            regionOptions: Options.regions(selected: values.regionCode),
            departmentOptions: Options.departments(selected: values.departmentCode),
            initiativeOptions: Options.initiatives(selected: values.initiative),
            schemeOptions: Options.linkedSchemes(selected: values.linkedSchemes ?? []),
            previousOptions: previousOptions,
            breadcrumb: [Breadcrumb(label: "Contrats", href: SitePath.contracts.href)]
                + (contract.map { [Breadcrumb(label: $0.name, href: contractPage?.href)] } ?? []),
            contractName: contract?.name)
    }
}

extension ContractForm {
    /// The earlier generation named by the form, which must exist and be visible to the subject.
    static func previousContract(_ id: String?, for contract: Contract, _ context: PageContext) async throws -> UUID? {
        guard let id else { return nil }
        guard let uuid = UUID(uuidString: id), uuid != contract.id, let previous = try await Contract.find(uuid, on: context.db),
              context.allows(.viewContract(previous.accessScope)) else {
            throw WebError.invalid("Le contrat précédent choisi est introuvable. Choisissez-le dans la liste proposée.", field: "previousContractId")
        }
        return uuid
    }

    static func assign(_ draft: ContractDraft, previous: UUID?, to contract: Contract) {
        contract.name = draft.name
        contract.generation = draft.generation
        contract.$previousContract.id = previous
        contract.regionCode = draft.regionCode
        contract.departmentCode = draft.departmentCode
        contract.territoryLabel = draft.territoryLabel
        contract.initiative = draft.initiative?.rawValue
        contract.isARSPriority = draft.isARSPriority
        contract.summary = draft.summary
        contract.prsReferences = draft.prsReferences
        contract.linkedSchemes = draft.linkedSchemes
        contract.firstContactOn = draft.firstContactOn?.iso
        contract.diagnosticOn = draft.diagnosticOn?.iso
        contract.signedOn = draft.signedOn?.iso
        contract.startsOn = draft.startsOn?.iso
        contract.endsOn = draft.endsOn?.iso
        contract.durationYears = draft.durationYears
        contract.isConfidential = draft.isConfidential
        contract.isPublished = draft.isPublished
    }
}
