import CLSCore
import CLSStore
import Fluent
import Vapor

/// The organisations directory, filtered by kind and text.
struct OrganisationListPage: Encodable {
    struct Query: Content {
        var type: String?
        var q: String?
        var page: Int?
    }

    static let pageSize = 50

    let organisations: [OrganisationView]
    let total: String
    let totalCount: Int
    let kindOptions: [SelectOption]
    let q: String
    let canEdit: Bool
    let pagination: Pagination
    let links = Links()

    struct Links: Encodable {
        let list = SitePath.organisations.href
        let newOrganisation = SitePath.newOrganisation.href
    }

    static func load(_ query: Query, _ context: PageContext) async throws -> OrganisationListPage {
        let kind = query.type.flatMap(OrganisationKind.init(rawValue:))
        let text = (query.q ?? "").trimmingCharacters(in: .whitespaces)
        let page = Pagination.pageNumber(query.page)
        let found = try await OrganisationQueries.list(kind: kind, text: text, page: page, pageSize: pageSize, on: context.db)
        return OrganisationListPage(
            organisations: found.organisations.map(OrganisationView.init),
            total: FrenchFormat.count(found.total, singular: "organisation", plural: "organisations"),
            totalCount: found.total, kindOptions: Options.organisationKinds(selected: kind?.rawValue), q: text,
            canEdit: context.allows(.editOrganisations),
            pagination: Pagination(page: page, total: found.total, pageSize: pageSize) {
                SitePath.organisations.href(query: [("type", kind?.rawValue ?? ""), ("q", text), ("page", String($0))])
            })
    }
}

/// The form creating or editing an organisation.
struct OrganisationFormPage: Encodable, BreadcrumbProviding {
    let action: String
    let isNew: Bool
    let values: OrganisationForm
    let errors: [String: String]
    let kindOptions: [SelectOption]
    let regionOptions: OptionList
    let departmentOptions: OptionList
    let competenceOptions: [SelectOption]
    let breadcrumb: [Breadcrumb]
    let cancel = SitePath.organisations.href

    init(_ values: OrganisationForm, errors: FormErrors = FormErrors(), organisation: Organisation?) {
        action = organisation.map { SitePath.editOrganisation($0.id!).href } ?? SitePath.organisations.href
        isNew = organisation == nil
        self.values = values
        self.errors = errors.messages
        kindOptions = Options.organisationKinds(selected: values.kind)
        regionOptions = Options.regions(selected: values.regionCode)
        departmentOptions = Options.departments(selected: values.departmentCode)
        competenceOptions = Options.competences(selected: values.competences ?? [])
        breadcrumb = [Breadcrumb(label: "Organisations", href: SitePath.organisations.href)]
    }
}

/// An organisation: its identity, the contracts it signed or supports, and its history.
struct OrganisationPage: Encodable, BreadcrumbProviding {
    let organisation: OrganisationView
    let signedContracts: [ContractSummaryView]
    let partnerContracts: [ContractSummaryView]
    let history: [AuditEntryView]
    let canEdit: Bool
    let breadcrumb = [Breadcrumb(label: "Organisations", href: SitePath.organisations.href)]

    static func load(_ organisation: Organisation, _ context: PageContext) async throws -> OrganisationPage {
        let id = try organisation.requireID()
        let contracts = try await OrganisationQueries.contracts(of: id, on: context.db)
        let visible = { (contract: Contract) in context.allows(.viewContract(contract.accessScope)) }
        let history = try await AuditEntry.query(on: context.db)
            .filter(\.$entityType == Organisation.auditEntityType).filter(\.$entityId == id.uuidString)
            .sort(\.$occurredAt, .descending).limit(100).all()
        return OrganisationPage(
            organisation: OrganisationView(organisation),
            signedContracts: contracts.signed.filter(visible).map(ContractSummaryView.init),
            partnerContracts: contracts.partnered.filter(visible).map(ContractSummaryView.init),
            history: try await AuditEntryView.all(history, on: context.db),
            canEdit: context.allows(.editOrganisations))
    }
}
