import CLSCore
import CLSStore
import Fluent
import Vapor

/// The organisations registry: ARS, collectivités, State services, health insurance, associations...
struct OrganisationController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.organisations, use: list)
        routes.get(.newOrganisation, use: newForm)
        routes.post(.organisations, use: create)
        routes.get(.organisation(.key), use: show)
        routes.get(.editOrganisation(.key), use: editForm)
        routes.post(.editOrganisation(.key), use: update)
    }

    struct OrganisationView: Encodable {
        let id: String
        let name: String
        let kind: String
        let siren: String
        let region: String
        let department: String
        let competences: [String]
        let notes: String

        init(_ organisation: Organisation) {
            id = organisation.id?.uuidString ?? ""
            name = organisation.name
            kind = organisation.organisationKind.label
            siren = organisation.siren ?? "—"
            region = organisation.regionCode.flatMap { AdministrativeAreas.region($0)?.name } ?? "—"
            department = organisation.departmentCode.flatMap { code in AdministrativeAreas.department(code).map { "\(code) – \($0.name)" } } ?? "—"
            competences = organisation.competences.map(\.label)
            notes = organisation.notes
        }
    }

    struct ListQuery: Content {
        var type: String?
        var q: String?
        var page: Int?
    }

    struct ListContent: Encodable {
        let organisations: [OrganisationView]
        let total: String
        let totalCount: Int
        let kindOptions: [SelectOption]
        let q: String
        let canEdit: Bool
        let page: Int
        let pageCount: Int
        let previousPageQuery: String?
        let nextPageQuery: String?
    }

    static let pageSize = 50

    func list(req: Request) async throws -> Response {
        try req.require(.useWorkspace)
        let query = try req.query.decode(ListQuery.self)
        let kind = query.type.flatMap(OrganisationKind.init(rawValue:))
        let text = (query.q ?? "").trimmingCharacters(in: .whitespaces)
        let page = min(max(1, query.page ?? 1), ContractFilter.maxPage)
        func filtered() -> QueryBuilder<Organisation> {
            let builder = Organisation.query(on: req.db)
            if let kind { builder.filter(\.$kind == kind.rawValue) }
            if !text.isEmpty { builder.filter(\.$searchText, .contains(inverse: false, .anywhere), SearchText.fold(text)) }
            return builder
        }
        let total = try await filtered().count()
        let organisations = try await filtered().sort(\.$name).range((page - 1) * Self.pageSize ..< page * Self.pageSize).all()
        let pageCount = max(1, (total + Self.pageSize - 1) / Self.pageSize)
        func pageQuery(_ number: Int) -> String {
            var components = URLComponents()
            components.queryItems = [URLQueryItem(name: "type", value: kind?.rawValue ?? ""),
                                     URLQueryItem(name: "q", value: text), URLQueryItem(name: "page", value: String(number))]
            return "?" + (components.percentEncodedQuery ?? "")
        }
        return try await req.renderPage("organisations/list", title: "Organisations", ListContent(
            organisations: organisations.map(OrganisationView.init),
            total: FrenchFormat.count(total, singular: "organisation", plural: "organisations"),
            totalCount: total, kindOptions: Options.organisationKinds(selected: kind?.rawValue), q: text,
            canEdit: AccessPolicy.allows(req.subject, .editOrganisations),
            page: page, pageCount: pageCount,
            previousPageQuery: page > 1 ? pageQuery(page - 1) : nil,
            nextPageQuery: page < pageCount ? pageQuery(page + 1) : nil))
    }

    struct OrganisationForm: Content {
        var name: String?
        var kind: String?
        var siren: String?
        var regionCode: String?
        var departmentCode: String?
        var competences: [String]?
        var notes: String?

        var input: OrganisationDraft.Input {
            var input = OrganisationDraft.Input()
            input.name = name ?? ""
            input.kind = kind ?? ""
            input.siren = siren ?? ""
            input.regionCode = regionCode ?? ""
            input.departmentCode = departmentCode ?? ""
            input.competences = competences ?? []
            input.notes = notes ?? ""
            return input
        }

        init() {}

        init(_ organisation: Organisation) {
            name = organisation.name
            kind = organisation.kind
            siren = organisation.siren
            regionCode = organisation.regionCode
            departmentCode = organisation.departmentCode
            competences = organisation.competences.map(\.rawValue)
            notes = organisation.notes
        }
    }

    struct FormContent: Encodable, BreadcrumbProviding {
        let action: String
        let isNew: Bool
        let values: OrganisationForm
        let errors: [String: String]
        let kindOptions: [SelectOption]
        let regionOptions: OptionList
        let departmentOptions: OptionList
        let competenceOptions: [SelectOption]
        let breadcrumb: [Breadcrumb]
    }

    func formContent(_ values: OrganisationForm, errors: FormErrors, organisation: Organisation?) -> FormContent {
        FormContent(
            action: organisation.map { "/organisations/\($0.id!.uuidString)/modifier" } ?? "/organisations",
            isNew: organisation == nil, values: values, errors: errors.messages,
            kindOptions: Options.organisationKinds(selected: values.kind),
            regionOptions: Options.regions(selected: values.regionCode),
            departmentOptions: Options.departments(selected: values.departmentCode),
            competenceOptions: Options.competences(selected: values.competences ?? []),
            breadcrumb: [Breadcrumb(label: "Organisations", href: "/organisations")])
    }

    func newForm(req: Request) async throws -> Response {
        try req.require(.editOrganisations)
        return try await req.renderPage("organisations/form", title: "Nouvelle organisation",
                                        formContent(OrganisationForm(), errors: FormErrors(), organisation: nil))
    }

    func create(req: Request) async throws -> Response {
        try req.require(.editOrganisations)
        let form = try req.content.decode(OrganisationForm.self)
        switch OrganisationDraft.validate(form.input) {
        case .failure(let errors):
            return try await req.renderPage("organisations/form", title: "Nouvelle organisation",
                                            formContent(form, errors: errors, organisation: nil),
                                            status: .unprocessableEntity, extraFlashes: [Flash(kind: .error, text: errors.summary)])
        case .success(let draft):
            let organisation = Organisation(name: draft.name, kind: draft.kind)
            Self.assign(draft, to: organisation)
            try await req.mutations.create(organisation, permission: .editOrganisations)
            req.flash(.success, "Organisation créée.")
            return req.redirect(to: "/organisations/\(try organisation.requireID().uuidString)")
        }
    }

    static func assign(_ draft: OrganisationDraft, to organisation: Organisation) {
        organisation.name = draft.name
        organisation.kind = draft.kind.rawValue
        organisation.siren = draft.siren?.digits
        organisation.regionCode = draft.regionCode
        organisation.departmentCode = draft.departmentCode
        organisation.competences = draft.competences
        organisation.notes = draft.notes
    }

    func find(_ req: Request) async throws -> Organisation {
        guard let id = req.parameters.get("organisationID", as: UUID.self),
              let organisation = try await Organisation.find(id, on: req.db) else { throw WebError.notFound }
        return organisation
    }

    struct ShowContent: Encodable, BreadcrumbProviding {
        let organisation: OrganisationView
        let signedContracts: [ContractSummaryView]
        let partnerContracts: [ContractSummaryView]
        let history: [AuditEntryView]
        let canEdit: Bool
        let breadcrumb: [Breadcrumb]
    }

    func show(req: Request) async throws -> Response {
        try req.require(.useWorkspace)
        let organisation = try await find(req)
        let id = try organisation.requireID()
        let signed = try await Signatory.query(on: req.db).filter(\.$organisation.$id == id).with(\.$contract).all().map(\.contract)
        let partnered = try await Partner.query(on: req.db).filter(\.$organisation.$id == id).with(\.$contract).all().map(\.contract)
        let visible = { (contract: Contract) in AccessPolicy.allows(req.subject, .viewContract(contract.accessScope)) }
        let history = try await AuditEntry.query(on: req.db)
            .filter(\.$entityType == Organisation.auditEntityType).filter(\.$entityId == id.uuidString)
            .sort(\.$occurredAt, .descending).limit(100).all()
        return try await req.renderPage("organisations/show", title: organisation.name, ShowContent(
            organisation: OrganisationView(organisation),
            signedContracts: signed.filter(visible).map(ContractSummaryView.init),
            partnerContracts: partnered.filter(visible).map(ContractSummaryView.init),
            history: history.map(AuditEntryView.init),
            canEdit: AccessPolicy.allows(req.subject, .editOrganisations),
            breadcrumb: [Breadcrumb(label: "Organisations", href: "/organisations")]))
    }

    func editForm(req: Request) async throws -> Response {
        try req.require(.editOrganisations)
        let organisation = try await find(req)
        return try await req.renderPage("organisations/form", title: "Modifier « \(organisation.name) »",
                                        formContent(OrganisationForm(organisation), errors: FormErrors(), organisation: organisation))
    }

    func update(req: Request) async throws -> Response {
        try req.require(.editOrganisations)
        let organisation = try await find(req)
        let form = try req.content.decode(OrganisationForm.self)
        switch OrganisationDraft.validate(form.input) {
        case .failure(let errors):
            return try await req.renderPage("organisations/form", title: "Modifier « \(organisation.name) »",
                                            formContent(form, errors: errors, organisation: organisation),
                                            status: .unprocessableEntity, extraFlashes: [Flash(kind: .error, text: errors.summary)])
        case .success(let draft):
            let changed = try await req.mutations.update(organisation, permission: .editOrganisations) { Self.assign(draft, to: $0) }
            req.flash(changed ? .success : .info, changed ? "Organisation enregistrée." : "Aucune modification à enregistrer.")
            return req.redirect(to: "/organisations/\(try organisation.requireID().uuidString)")
        }
    }
}
