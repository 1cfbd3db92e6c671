/// The one place that decides who may do what. Denied unless a rule below allows it.
public enum AccessPolicy {
    public static func allows(_ subject: AccessSubject, _ permission: Permission) -> Bool {
        if subject.isAdmin { return true }
        switch permission {
        case .viewPublicContract(let contract):
            return contract.isPublished && !contract.isConfidential
        case .viewContract(let contract):
            return actsForARS(subject, on: contract) || !subject.contractRoles(contract.id).isEmpty
        case .editContract(let contract):
            return actsForARS(subject, on: contract)
                || !subject.contractRoles(contract.id).isDisjoint(with: [.coordinator, .editor])
        case .editProgramme(let contract):
            return allows(subject, .editContract(contract))
        case .followUpAction(let contract, let pilotUserId):
            if allows(subject, .editProgramme(contract)) { return true }
            guard let pilotUserId, pilotUserId == subject.userId else { return false }
            return subject.contractRoles(contract.id).contains(.pilot)
        case .changeContractState(let contract), .manageContractMembers(let contract):
            return actsForARS(subject, on: contract) || subject.contractRoles(contract.id).contains(.coordinator)
        case .takeReviewTransition(let contract, let transition):
            return ReviewWorkflow.mayTake(transition, subject: subject, scope: contract)
        case .manageReview(let contract):
            return ReviewWorkflow.steers(subject, contract)
        case .createContract(let region, let department):
            return subject.arsRegions.contains(region) || subject.arsDepartments.contains(department)
        case .useWorkspace:
            return subject.isAuthenticated
        case .viewRegionalPortfolio:
            return subject.isARS
        case .editOrganisations:
            return subject.isARS || subject.grants.contains { $0.role == .coordinator || $0.role == .editor }
        case .manageRegionalThemes(let region):
            return subject.arsRegions.contains(region)
        case .manageOwnAccount(let userId):
            return subject.userId == userId
        case .manageUsers, .viewAuditJournal, .importReferenceData:
            return false
        }
    }

    /// Throws `AccessError.denied` when `allows` says no.
    public static func require(_ subject: AccessSubject, _ permission: Permission) throws(AccessError) {
        guard allows(subject, permission) else { throw .denied }
    }

    /// The ARS sees and steers every contract of its region or department.
    static func actsForARS(_ subject: AccessSubject, on contract: ContractScope) -> Bool {
        subject.arsRegions.contains(contract.regionCode) || subject.arsDepartments.contains(contract.departmentCode)
    }
}
