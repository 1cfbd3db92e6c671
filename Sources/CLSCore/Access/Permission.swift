/// The facts about a contract that decide who may see or change it.
public struct ContractScope: Sendable, Equatable {
    public let id: String
    public let regionCode: String
    public let departmentCode: String
    public let isConfidential: Bool
    public let isPublished: Bool

    public init(id: String, regionCode: String, departmentCode: String, isConfidential: Bool, isPublished: Bool) {
        self.id = id
        self.regionCode = regionCode
        self.departmentCode = departmentCode
        self.isConfidential = isConfidential
        self.isPublished = isPublished
    }
}

/// Everything a subject may ask to do. Each case names the object it is about.
public enum Permission: Sendable, Equatable {
    /// See the public page of a published contract.
    case viewPublicContract(ContractScope)
    case viewContract(ContractScope)
    case editContract(ContractScope)
    case changeContractState(ContractScope)
    /// Write the programme: axes, objectives, fiches actions, their budgets and indicators.
    case editProgramme(ContractScope)
    /// Follow an action up (status, notes, indicator values, actual spending): the programme's
    /// editors, and the pilot the action names.
    case followUpAction(ContractScope, pilotUserId: String?)
    case manageContractMembers(ContractScope)
    /// Move a yearly review from one state to the next (consolidate, check, approve, unlock…).
    case takeReviewTransition(ContractScope, ReviewTransition)
    /// Open a yearly review, write its consolidation comment, send an entry back to its pilot.
    case manageReview(ContractScope)
    /// Create a contract in a region and department.
    case createContract(regionCode: String, departmentCode: String)
    /// Open the workspace pages (contract list, organisations) at all.
    case useWorkspace
    /// Open the regional portfolio (what it shows is still limited to the contracts one may see).
    case viewRegionalPortfolio
    case editOrganisations
    case manageUsers
    case viewAuditJournal
    /// Import the official reference data (territories, incomes).
    case importReferenceData
    /// Extend a region's list of themes.
    case manageRegionalThemes(regionCode: String)
    /// Change one's own password and API tokens.
    case manageOwnAccount(userId: String)
}

extension Permission {
    /// Whether an anonymous visitor may ever be granted this permission.
    public var isOpenToAnonymous: Bool {
        if case .viewPublicContract = self { return true }
        return false
    }
}
