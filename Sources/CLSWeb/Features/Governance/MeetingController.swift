import CLSCore
import CLSStore
import Fluent
import Vapor

/// A meeting of a governance body: scheduling, invitations and attendance, minutes (text and file),
/// decisions with their follow-up, and the printable relevé de décisions.
struct MeetingController: RouteCollection {
    static let maxMinutesUpload: ByteCount = "10mb"

    func boot(routes: any RoutesBuilder) throws {
        routes.post(.contract(.key, .governance(.meetings)), use: create, refusedOn: GovernanceController().overview)
        routes.get(.contract(.key, .governance(.meeting(.key, .page))), use: show)
        routes.post(.contract(.key, .governance(.meeting(.key, .page))), use: update, refusedOn: show)
        routes.post(.contract(.key, .governance(.meeting(.key, .attendance))), use: saveAttendance, refusedOn: show)
        routes.post(.contract(.key, .governance(.meeting(.key, .participants))), use: addParticipant, refusedOn: show)
        routes.post(.contract(.key, .governance(.meeting(.key, .minutes))), body: .collect(maxSize: Self.maxMinutesUpload), use: saveMinutes, refusedOn: show)
        routes.get(.contract(.key, .governance(.meeting(.key, .minutes))), use: downloadMinutes)
        routes.post(.contract(.key, .governance(.meeting(.key, .decisions))), use: addDecision, refusedOn: show)
        routes.get(.contract(.key, .governance(.meeting(.key, .record))), use: record)
        routes.post(.contract(.key, .governance(.decision(.key))), use: updateDecision, refusedOn: decisionPage)
    }

    struct MeetingForm: Content {
        var bodyId: String?
        var heldOn: String?
        var startsAt: String?
        var endsAt: String?
        var place: String?
        var agenda: String?
        var status: String?
    }

    static func time(_ text: String?, field: String) throws -> String {
        let value = (text ?? "").trimmingCharacters(in: .whitespaces)
        guard !value.isEmpty else { return "" }
        let parts = value.split(separator: ":").compactMap { Int($0) }
        guard parts.count == 2, (0...23).contains(parts[0]), (0...59).contains(parts[1]) else {
            throw WebError.invalid("L'heure « \(value) » n'est pas valide : saisissez-la sous la forme HH:MM, par exemple 14:30.", field: field)
        }
        return String(format: "%02d:%02d", parts[0], parts[1])
    }

    static func checkTimes(_ startsAt: String, _ endsAt: String) throws {
        guard !startsAt.isEmpty, !endsAt.isEmpty, endsAt <= startsAt else { return }
        throw WebError.invalid("L'heure de fin (\(endsAt)) n'est pas après l'heure de début (\(startsAt)) : corrigez l'une ou l'autre.", field: "endsAt")
    }

    /// Schedules a meeting; the body's current members are invited.
    func create(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.editContract)
        let id = try contract.requireID()
        let form = try req.content.decode(MeetingForm.self)
        guard let body = try await GovernanceBody.find(form.bodyId.flatMap(UUID.init(uuidString:)), inContract: id, on: req.db),
              let bodyId = body.id else {
            throw WebError.invalid("Choisissez l'instance qui se réunit (créez-la d'abord si besoin).", field: "bodyId")
        }
        guard let day = try req.day(form.heldOn, field: "heldOn", label: "date de la réunion") else { throw WebError.invalid("Indiquez la date de la réunion.", field: "heldOn") }
        let startsAt = try Self.time(form.startsAt, field: "startsAt")
        let endsAt = try Self.time(form.endsAt, field: "endsAt")
        try Self.checkTimes(startsAt, endsAt)
        let meeting = Meeting(contractId: id, bodyId: bodyId, heldOn: day.iso, startsAt: startsAt,
                              endsAt: endsAt, place: form.place?.trimmingCharacters(in: .whitespaces) ?? "",
                              agenda: form.agenda?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "")
        let invited = try await MeetingEditing.schedule(meeting, in: contract, using: req.mutations)
        req.flash(.success, "\(body.name) du \(FrenchFormat.date(day)) programmé ; \(FrenchFormat.count(invited, singular: "membre invité", plural: "membres invités")).")
        return req.redirect(to: .contract(id, .governance(.meeting(try meeting.requireID()))))
    }

    func findMeeting(_ req: Request, of contract: Contract) async throws -> Meeting {
        let meeting = try await req.record(Meeting.self, "meetingID", of: contract)
        try await meeting.$body.load(on: req.db)
        return meeting
    }

    func show(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.viewContract)
        let meeting = try await findMeeting(req, of: contract)
        let content = try await MeetingPage.load(contract, meeting: meeting, req.pageContext)
        return try await req.renderPage("governance/meeting", title: "\(content.bodyName) du \(content.date)", content)
    }

    func update(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.editContract)
        let id = try contract.requireID()
        let meeting = try await findMeeting(req, of: contract)
        let form = try req.content.decode(MeetingForm.self)
        guard let day = try req.day(form.heldOn, field: "heldOn", label: "date de la réunion") else { throw WebError.invalid("Indiquez la date de la réunion.", field: "heldOn") }
        guard let status = form.status.flatMap(Meeting.Status.init(rawValue:)) else { throw WebError.invalid("Choisissez le statut de la réunion.", field: "status") }
        let startsAt = try Self.time(form.startsAt, field: "startsAt")
        let endsAt = try Self.time(form.endsAt, field: "endsAt")
        try Self.checkTimes(startsAt, endsAt)
        try await req.mutations.update(meeting, permission: .editContract(contract.accessScope)) {
            $0.heldOn = day.iso
            $0.startsAt = startsAt
            $0.endsAt = endsAt
            $0.place = form.place?.trimmingCharacters(in: .whitespaces) ?? ""
            $0.agenda = form.agenda?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            $0.status = status.rawValue
        }
        req.flash(.success, "Réunion enregistrée.")
        return req.redirect(to: .contract(id, .governance(.meeting(try meeting.requireID()))))
    }

    struct AttendanceForm: Content {
        var invited: [String]?
        var present: [String]?
    }

    /// Invited and present, checked in one table; a person present was invited (or came anyway).
    func saveAttendance(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.editContract)
        let id = try contract.requireID()
        let meeting = try await findMeeting(req, of: contract)
        let form = try req.content.decode(AttendanceForm.self)
        let invited = Set(form.invited ?? [])
        let present = Set(form.present ?? [])
        try await MeetingEditing.saveAttendance(of: meeting, invited: invited, present: present, in: contract, using: req.mutations)
        req.flash(.success, "Présences enregistrées : \(FrenchFormat.count(present.count, singular: "personne présente", plural: "personnes présentes")).")
        return req.redirect(to: .contract(id, .governance(.meeting(try meeting.requireID()))), fragment: "presences")
    }

    struct ParticipantForm: Content {
        var personName: String?
        var organisationName: String?
        var isInhabitant: String?
        var present: String?
    }

    func addParticipant(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.editContract)
        let id = try contract.requireID()
        let meeting = try await findMeeting(req, of: contract)
        let form = try req.content.decode(ParticipantForm.self)
        let person = form.personName?.trimmingCharacters(in: .whitespaces) ?? ""
        let organisation = form.organisationName?.trimmingCharacters(in: .whitespaces) ?? ""
        guard !person.isEmpty || !organisation.isEmpty else { throw WebError.invalid("Indiquez la personne ou l'organisation.", field: "personName") }
        try await req.mutations.create(MeetingAttendance(contractId: id, meetingId: try meeting.requireID(), memberId: nil, organisationName: organisation,
                                                         personName: person, isInhabitant: form.isInhabitant != nil, invited: true,
                                                         present: form.present != nil),
                                       permission: .editContract(contract.accessScope))
        req.flash(.success, "Participant ajouté.")
        return req.redirect(to: .contract(id, .governance(.meeting(try meeting.requireID()))), fragment: "presences")
    }

    struct MinutesForm: Content {
        var minutes: String?
        var file: File?
    }

    func saveMinutes(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.editContract)
        let id = try contract.requireID()
        let meeting = try await findMeeting(req, of: contract)
        let form = try req.content.decode(MinutesForm.self)
        let file = form.file.flatMap { $0.data.readableBytes > 0 ? $0 : nil }
        try await req.mutations.update(meeting, permission: .editContract(contract.accessScope)) {
            $0.minutes = form.minutes?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            if let file {
                $0.minutesFilename = file.filename
                $0.minutesFile = Data(buffer: file.data)
            }
            // A meeting with minutes was held.
            if $0.meetingStatus == .planned, $0.hasMinutes { $0.status = Meeting.Status.held.rawValue }
        }
        req.flash(.success, "Compte rendu enregistré.")
        return req.redirect(to: .contract(id, .governance(.meeting(try meeting.requireID()))), fragment: "compte-rendu")
    }

    func downloadMinutes(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.viewContract)
        let meeting = try await findMeeting(req, of: contract)
        guard let data = meeting.minutesFile, let name = meeting.minutesFilename else { throw WebError.notFound }
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.contentType = .binary
        response.headers.contentDisposition = .init(.attachment, filename: name)
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        return response
    }

    struct DecisionForm: Content {
        var text: String?
        var owner: String?
        var dueOn: String?
        var actionId: String?
        var sectionId: String?
    }

    func addDecision(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.editContract)
        let id = try contract.requireID()
        let meeting = try await findMeeting(req, of: contract)
        let form = try req.content.decode(DecisionForm.self)
        let text = form.text?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        guard !text.isEmpty else { throw WebError.invalid("Rédigez la décision prise.", field: "text") }
        let due = try req.day(form.dueOn, field: "dueOn", label: "échéance")
        var actionId: UUID?
        if let value = form.actionId, !value.isEmpty {
            guard let uuid = try await Action.find(UUID(uuidString: value), inContract: id, on: req.db)?.id else {
                throw WebError.invalid("La fiche action choisie n'appartient pas à ce contrat.", field: "actionId")
            }
            actionId = uuid
        }
        var sectionId: UUID?
        if let value = form.sectionId, !value.isEmpty {
            guard let uuid = try await ProgrammeSection.find(UUID(uuidString: value), inContract: id, on: req.db)?.id else {
                throw WebError.invalid("L'axe choisi n'appartient pas à ce contrat.", field: "sectionId")
            }
            sectionId = uuid
        }
        try await req.mutations.create(Decision(contractId: id, meetingId: try meeting.requireID(), text: text, sectionId: sectionId, actionId: actionId,
                                                owner: form.owner?.trimmingCharacters(in: .whitespaces) ?? "", dueOn: due?.iso),
                                       permission: .editContract(contract.accessScope))
        req.flash(.success, "Décision enregistrée.")
        return req.redirect(to: .contract(id, .governance(.meeting(try meeting.requireID()))), fragment: "decisions")
    }

    struct DecisionUpdateForm: Content {
        var status: String?
        var followUp: String?
        var back: String?
    }

    func updateDecision(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.editContract)
        let id = try contract.requireID()
        let decision = try await req.record(Decision.self, "decisionID", of: contract)
        let form = try req.content.decode(DecisionUpdateForm.self)
        guard let status = form.status.flatMap(Decision.Status.init(rawValue:)) else { throw WebError.invalid("Choisissez le suivi de la décision.", field: "status") }
        try await req.mutations.update(decision, permission: .editContract(contract.accessScope)) {
            $0.status = status.rawValue
            if let followUp = form.followUp { $0.followUp = followUp.trimmingCharacters(in: .whitespacesAndNewlines) }
        }
        req.flash(.success, "Suivi de la décision enregistré : \(status.label).")
        let back: SitePath = form.back == "gouvernance" ? .contract(id, .governance(.overview)) : .contract(id, .governance(.meeting(decision.$meeting.id)))
        return req.redirect(to: back, fragment: "decisions")
    }

    /// Where a decision's follow-up is typed: the governance overview or the decision's meeting.
    func decisionPage(req: Request) async throws -> Response {
        if (try? req.content.get(String.self, at: "back")) == "gouvernance" { return try await GovernanceController().overview(req: req) }
        let contract = try await req.contract(requiring: Permission.viewContract)
        let decision = try await req.record(Decision.self, "decisionID", of: contract)
        req.parameters.set("meetingID", to: decision.$meeting.id.uuidString)
        return try await show(req: req)
    }

    /// The relevé de décisions: one printable page for the members.
    func record(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.viewContract)
        let meeting = try await findMeeting(req, of: contract)
        let content = try await MeetingPage.load(contract, meeting: meeting, req.pageContext)
        return try await req.renderPage("governance/record", title: "Relevé de décisions – \(content.bodyName) du \(content.date)", content)
    }
}
