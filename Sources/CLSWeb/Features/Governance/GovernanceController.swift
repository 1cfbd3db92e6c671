import CLSCore
import CLSFormats
import CLSStore
import Fluent
import Vapor

/// The governance of a contract: its bodies and their members, the meetings (calendar and
/// iCalendar export), the coordinator posts and their funding, and the alerts.
struct GovernanceController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.contract(.key, .governance(.overview)), use: overview)
        routes.get(.contract(.key, .governance(.calendar)), use: calendar)
        routes.post(.contract(.key, .governance(.bodies)), use: createBody, refusedOn: overview)
        routes.get(.contract(.key, .governance(.body(.key))), use: body)
        routes.post(.contract(.key, .governance(.bodyMembers(.key))), use: addMember, refusedOn: body)
        routes.post(.contract(.key, .governance(.memberLeaves(body: .key, member: .key))), use: memberLeaves, refusedOn: body)
        routes.post(.contract(.key, .governance(.posts)), use: createPost, refusedOn: overview)
        routes.post(.contract(.key, .governance(.endPost(.key))), use: endPost, refusedOn: overview)
        routes.post(.contract(.key, .governance(.postFundings(.key))), use: addFunding, refusedOn: overview)
    }

    func overview(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.viewContract)
        return try await req.renderPage("governance/overview", title: "Gouvernance – \(contract.name)",
                                        try await GovernanceOverviewPage.load(contract, req.pageContext))
    }

    struct BodyForm: Content {
        var kind: String?
        var name: String?
        var sectionId: String?
        var coLeadSector: String?
        var chairs: String?
        var purpose: String?
    }

    func createBody(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.editContract)
        let id = try contract.requireID()
        let form = try req.content.decode(BodyForm.self)
        guard let kind = form.kind.flatMap(GovernanceBodyKind.init(rawValue:)) else {
            throw WebError.invalid("Choisissez le type d'instance (COPIL, COTECH, groupe de travail…).", field: "kind")
        }
        let name = (form.name ?? "").trimmingCharacters(in: .whitespaces)
        var sectionId: UUID?
        if let text = form.sectionId, !text.isEmpty {
            guard let section = try await ProgrammeSection.find(UUID(uuidString: text), inContract: id, on: req.db)?.id else {
                throw WebError.invalid("L'axe choisi n'appartient pas à ce contrat.", field: "sectionId")
            }
            sectionId = section
        }
        let body = GovernanceBody(contractId: id, kind: kind.rawValue, name: name.isEmpty ? kind.label : name, sectionId: sectionId,
                                  coLeadSector: form.coLeadSector?.trimmingCharacters(in: .whitespaces) ?? "",
                                  chairs: form.chairs?.trimmingCharacters(in: .whitespaces) ?? "",
                                  purpose: form.purpose?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "")
        try await req.mutations.create(body, permission: .editContract(contract.accessScope))
        req.flash(.success, "Instance « \(body.name) » créée.")
        return req.redirect(to: .contract(id, .governance(.body(try body.requireID()))))
    }

    func findBody(_ req: Request, of contract: Contract) async throws -> GovernanceBody {
        try await req.record(GovernanceBody.self, "bodyID", of: contract)
    }

    func body(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.viewContract)
        let body = try await findBody(req, of: contract)
        return try await req.renderPage("governance/body", title: body.name,
                                        try await GovernanceBodyPage.load(contract, body: body, req.pageContext))
    }

    struct MemberForm: Content {
        var organisationId: String?
        var organisationName: String?
        var personName: String?
        var role: String?
        var representsSignatory: String?
        var isInhabitant: String?
        var joinedOn: String?
    }

    func addMember(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.editContract)
        let id = try contract.requireID()
        let body = try await findBody(req, of: contract)
        let form = try req.content.decode(MemberForm.self)
        var organisationName = form.organisationName?.trimmingCharacters(in: .whitespaces) ?? ""
        var organisationId: UUID?
        if let organisation = try await OrganisationQueries.find(form.organisationId, on: req.db) {
            organisationId = organisation.id
            organisationName = organisation.name
        }
        let person = form.personName?.trimmingCharacters(in: .whitespaces) ?? ""
        guard !person.isEmpty || !organisationName.isEmpty else {
            throw WebError.invalid("Indiquez la personne ou l'organisation membre de l'instance.", field: "personName")
        }
        let joined = try req.day(form.joinedOn, field: "joinedOn", label: "date d'entrée") ?? req.today
        let member = BodyMember(contractId: id, bodyId: try body.requireID(), organisationId: organisationId, organisationName: organisationName,
                                personName: person, role: form.role?.trimmingCharacters(in: .whitespaces) ?? "Membre",
                                representsSignatory: form.representsSignatory != nil, isInhabitant: form.isInhabitant != nil,
                                joinedOn: joined.iso)
        try await req.mutations.create(member, permission: .editContract(contract.accessScope))
        req.flash(.success, "Membre ajouté : \(member.displayName).")
        return req.redirect(to: .contract(id, .governance(.body(try body.requireID()))))
    }

    struct LeaveForm: Content { var leftOn: String? }

    func memberLeaves(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.editContract)
        let id = try contract.requireID()
        let body = try await findBody(req, of: contract)
        let member = try await req.record(BodyMember.self, "memberID", of: contract) { $0.$body.id == body.id }
        let left = try req.day(try req.content.decode(LeaveForm.self).leftOn, field: "leftOn", label: "date de sortie") ?? req.today
        guard left.iso >= member.joinedOn else { throw WebError.invalid("La date de sortie précède la date d'entrée dans l'instance.", field: "leftOn") }
        try await req.mutations.update(member, permission: .editContract(contract.accessScope)) { $0.leftOn = left.iso }
        req.flash(.success, "\(member.displayName) ne fait plus partie de l'instance depuis le \(FrenchFormat.date(left)) ; son passage reste dans l'historique.")
        return req.redirect(to: .contract(id, .governance(.body(try body.requireID()))))
    }

    struct PostForm: Content {
        var personName: String?
        var fte: String?
        var employer: String?
        var reportingLine: String?
        var startsOn: String?
        var endsOn: String?
    }

    func createPost(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.editContract)
        let id = try contract.requireID()
        let form = try req.content.decode(PostForm.self)
        guard let fte = FrenchNumber.parse(form.fte ?? ""), fte > 0, fte <= 5 else {
            throw WebError.invalid("Le temps de travail (ETP) doit être un nombre positif, par exemple 1 ou 0,5.", field: "fte")
        }
        guard let start = try req.day(form.startsOn, field: "startsOn", label: "début du poste") else { throw WebError.invalid("Indiquez la date de début du poste.", field: "startsOn") }
        let end = try req.day(form.endsOn, field: "endsOn", label: "fin du poste")
        if let end, end < start { throw WebError.invalid("La fin du poste précède son début.", field: "endsOn") }
        let post = CoordinatorPost(contractId: id, personName: form.personName?.trimmingCharacters(in: .whitespaces) ?? "", fte: fte,
                                   employer: form.employer?.trimmingCharacters(in: .whitespaces) ?? "",
                                   reportingLine: form.reportingLine?.trimmingCharacters(in: .whitespaces) ?? "",
                                   startsOn: start.iso, endsOn: end?.iso)
        try await req.mutations.create(post, permission: .editContract(contract.accessScope))
        req.flash(.success, "Poste de coordination enregistré.")
        return req.redirect(to: .contract(id, .governance(.overview)), fragment: "postes")
    }

    func findPost(_ req: Request, of contract: Contract) async throws -> CoordinatorPost {
        try await req.record(CoordinatorPost.self, "postID", of: contract)
    }

    struct EndForm: Content { var endsOn: String? }

    func endPost(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.editContract)
        let id = try contract.requireID()
        let post = try await findPost(req, of: contract)
        guard let end = try req.day(try req.content.decode(EndForm.self).endsOn, field: "endsOn", label: "fin du poste") else {
            throw WebError.invalid("Indiquez la date de fin du poste.", field: "endsOn")
        }
        guard end.iso >= post.startsOn else { throw WebError.invalid("La fin du poste précède son début.", field: "endsOn") }
        try await req.mutations.update(post, permission: .editContract(contract.accessScope)) { $0.endsOn = end.iso }
        req.flash(.success, "Fin du poste enregistrée au \(FrenchFormat.date(end)).")
        return req.redirect(to: .contract(id, .governance(.overview)), fragment: "postes")
    }

    struct FundingForm: Content { var funder: String?; var year: String?; var amount: String? }

    func addFunding(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.editContract)
        let id = try contract.requireID()
        let post = try await findPost(req, of: contract)
        let form = try req.content.decode(FundingForm.self)
        let funder = form.funder?.trimmingCharacters(in: .whitespaces) ?? ""
        guard !funder.isEmpty else { throw WebError.invalid("Indiquez le financeur (un signataire du contrat).", field: "funder") }
        guard let year = Int(form.year ?? ""), (2000...2100).contains(year) else { throw WebError.invalid("L'année doit s'écrire sur quatre chiffres.", field: "year") }
        guard let amount = FrenchNumber.parse(form.amount ?? ""), amount >= 0 else { throw WebError.invalid("Le montant doit être un nombre d'euros positif.", field: "amount") }
        try await req.mutations.create(PostFunding(contractId: id, postId: try post.requireID(), funder: funder, year: year, amount: amount),
                                       permission: .editContract(contract.accessScope))
        req.flash(.success, "Financement du poste enregistré.")
        return req.redirect(to: .contract(id, .governance(.overview)), fragment: "postes")
    }

    /// The contract's meetings as an iCalendar file, for the partners' calendars.
    func calendar(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.viewContract)
        let id = try contract.requireID()
        let data = try await GovernanceQueries.overview(contractId: id, on: req.db)
        var writer = ICalendarWriter(calendarName: "Réunions – \(contract.name)")
        for summary in data.meetings.reversed() {
            if let event = MeetingCalendarEvent.make(summary.meeting, bodyName: summary.bodyName, contractName: contract.name) {
                writer.add(event)
            }
        }
        let response = Response(status: .ok, body: .init(data: writer.data(now: req.now)))
        response.headers.replaceOrAdd(name: .contentType, value: ICalendarWriter.contentType)
        response.headers.contentDisposition = .init(.attachment, filename: "reunions-cls.ics")
        return response
    }
}
