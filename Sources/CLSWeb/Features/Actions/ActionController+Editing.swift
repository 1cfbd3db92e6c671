import CLSCore
import CLSStore
import Fluent
import Vapor

/// The full edit form of a fiche action, the pilot's follow-up, and deletion.
extension ActionController {
    struct ActionForm: Content {
        var title: String?, summary: String?, objectives: String?, expectedResults: String?
        var logicProblem: String?, logicDeterminant: String?, logicStrategy: String?, logicIntermediateResults: String?
        var status: String?, priority: String?, startsOn: String?, endsOn: String?, isRecurring: String?
        var leadOrganisationId: String?, pilotUserId: String?
        var leadPeople: String?, leadService: String?, electedReferent: String?, partners: String?, means: String?
        var governanceBody: String?, places: String?, territoryScope: String?
        var themes: [String]?, determinants: [String]?, strategies: [String]?, publics: [String]?, sectors: [String]?, lifeStages: [String]?
        var approach: String?, istsAim: String?, participation: String?, financingNotes: String?, plannedTotal: String?
        var isNew: String?, isConfidential: String?
        var isContinuous: String?, schedule: String?, linkedPlanActions: String?, notes: String?, amountsIncludeTax: String?

        var input: ActionDraft.Input {
            var input = ActionDraft.Input()
            input.title = title ?? ""; input.summary = summary ?? ""; input.objectives = objectives ?? ""
            input.expectedResults = expectedResults ?? ""; input.logicProblem = logicProblem ?? ""
            input.logicDeterminant = logicDeterminant ?? ""; input.logicStrategy = logicStrategy ?? ""
            input.logicIntermediateResults = logicIntermediateResults ?? ""; input.status = status ?? ""
            input.priority = priority ?? ""; input.startsOn = startsOn ?? ""; input.endsOn = endsOn ?? ""
            input.isRecurring = isRecurring != nil; input.leadPeople = leadPeople ?? ""; input.leadService = leadService ?? ""
            input.electedReferent = electedReferent ?? ""; input.partners = partners ?? ""; input.means = means ?? ""
            input.governanceBody = governanceBody ?? ""; input.places = places ?? ""; input.territoryScope = territoryScope ?? ""
            input.themes = themes ?? []; input.determinants = determinants ?? []; input.strategies = strategies ?? []
            input.publics = publics ?? []; input.sectors = sectors ?? []; input.lifeStages = lifeStages ?? []
            input.approach = approach ?? ""; input.istsAim = istsAim ?? ""; input.participation = participation ?? ""
            input.financingNotes = financingNotes ?? ""; input.plannedTotal = plannedTotal ?? ""
            input.isNew = isNew != nil; input.isConfidential = isConfidential != nil
            input.isContinuous = isContinuous != nil; input.amountsIncludeTax = amountsIncludeTax != nil
            input.schedule = schedule ?? ""; input.linkedPlanActions = linkedPlanActions ?? ""; input.notes = notes ?? ""
            return input
        }

        init(_ action: Action) {
            title = action.title; summary = action.summary; objectives = action.objectives
            expectedResults = action.expectedResults; logicProblem = action.logicProblem
            logicDeterminant = action.logicDeterminant; logicStrategy = action.logicStrategy
            logicIntermediateResults = action.logicIntermediateResults; status = action.status; priority = action.priority
            startsOn = action.startsOn; endsOn = action.endsOn; isRecurring = action.isRecurring ? "on" : nil
            leadOrganisationId = action.$leadOrganisation.id?.uuidString; pilotUserId = action.$pilotUser.id?.uuidString
            leadPeople = action.leadPeople; leadService = action.leadService; electedReferent = action.electedReferent
            partners = action.partners; means = action.means; governanceBody = action.governanceBody
            places = action.places; territoryScope = action.territoryScope
            themes = CodeLabels.split(action.themeCodes); determinants = CodeLabels.split(action.determinantCodes)
            strategies = CodeLabels.split(action.strategyCodes); publics = CodeLabels.split(action.publicCodes)
            sectors = CodeLabels.split(action.sectorCodes); lifeStages = CodeLabels.split(action.lifeStageCodes)
            approach = action.approach; istsAim = action.istsAim; participation = action.participation
            financingNotes = action.financingNotes
            plannedTotal = action.plannedTotal.map { FrenchFormat.number($0).replacingOccurrences(of: FrenchFormat.thousandsSeparator, with: "") }
            isNew = action.isNew ? "on" : nil; isConfidential = action.isConfidential ? "on" : nil
            isContinuous = action.isContinuous ? "on" : nil; amountsIncludeTax = action.amountsIncludeTax ? "on" : nil
            schedule = action.schedule; linkedPlanActions = action.linkedPlanActions; notes = action.notes
        }
    }

    /// A node of a taxonomy as nested checkboxes.
    struct TreeOption: Encodable {
        let code: String
        let label: String
        let checked: Bool
        let children: [TreeOption]
        let hasChildren: Bool

        init(_ node: TaxonomyNode, selected: Set<String>) {
            code = node.code
            label = node.label
            checked = selected.contains(node.code)
            children = node.children.map { TreeOption($0, selected: selected) }
            hasChildren = !node.children.isEmpty
        }
    }

    struct FormContent: Encodable, ContractPageContent {
        let shell: ContractShell
        let action: String
        let cancel: String
        let values: ActionForm
        let errors: [String: String]
        let statusOptions: [SelectOption]
        let priorityOptions: [SelectOption]
        let organisationOptions: OptionList
        let pilotOptions: [SelectOption]
        let themeOptions: [SelectOption]
        let determinantTree: [TreeOption]
        let strategyTree: [TreeOption]
        let publicOptions: [SelectOption]
        let sectorOptions: [SelectOption]
        let lifeStageOptions: [SelectOption]
        let approachOptions: [SelectOption]
        let aimOptions: [SelectOption]
        let participationOptions: [SelectOption]
    }

    func formContent(_ req: Request, contract: Contract, action: Action, values: ActionForm, errors: FormErrors) async throws -> FormContent {
        let contractId = try contract.requireID()
        let themes = try await RegionalTheme.catalogue(regionCode: contract.regionCode, on: req.db)
        let organisations = try await OrganisationChoice.forContract(regionCode: contract.regionCode, on: req.db)
        // Pilots are the accounts holding a role on this contract.
        let pilots = try await ProgrammeEditing.members(of: contractId, on: req.db)
        func options<T: CodedVocabulary>(_ cases: [T], selected: String?) -> [SelectOption] {
            cases.map { SelectOption(value: $0.code, label: $0.label, selected: $0.code == selected) }
        }
        func multi(_ items: [(String, String)], selected: [String]?) -> [SelectOption] {
            items.map { SelectOption(value: $0.0, label: $0.1, selected: selected?.contains($0.0) ?? false) }
        }
        let sheet = SitePath.contract(contractId, .action(action.id!)).href
        return FormContent(
            shell: ContractShell(contract, tab: .programme,
                                 trail: [Breadcrumb(label: "Programme", href: SitePath.contract(contractId, .programme(.tree)).href),
                                         Breadcrumb(label: action.title, href: sheet)]),
            action: SitePath.contract(contractId, .action(action.id!, .edit)).href, cancel: sheet, values: values, errors: errors.messages,
            statusOptions: [SelectOption(value: "", label: CodeLabels.noStatus, selected: (values.status ?? "").isEmpty)]
                + options(ActionStatus.allCases, selected: values.status),
            priorityOptions: options(ActionPriority.allCases, selected: values.priority),
            organisationOptions: OptionList(organisations.map { SelectOption(value: $0.id.uuidString, label: $0.name, selected: $0.id.uuidString == values.leadOrganisationId) }),
            pilotOptions: pilots.map { SelectOption(value: $0.id!.uuidString, label: $0.displayName, selected: $0.id?.uuidString == values.pilotUserId) },
            themeOptions: multi(themes.map { ($0.code, $0.label) }, selected: values.themes),
            determinantTree: ISTSTaxonomy.determinants.classes.map { TreeOption($0, selected: Set(values.determinants ?? [])) },
            strategyTree: ISTSTaxonomy.strategies.classes.map { TreeOption($0, selected: Set(values.strategies ?? [])) },
            publicOptions: multi(PublicTarget.defaults.map { ($0.code, $0.label) }, selected: values.publics),
            sectorOptions: multi(CompetenceDomain.allCases.map { ($0.rawValue, $0.label) }, selected: values.sectors),
            lifeStageOptions: multi(LifeCourseStage.allCases.map { ($0.rawValue, $0.label) }, selected: values.lifeStages),
            approachOptions: options(InterventionApproach.allCases, selected: values.approach),
            aimOptions: options(ISTSAim.allCases, selected: values.istsAim),
            participationOptions: options(ParticipationLevel.allCases, selected: values.participation))
    }

    func editForm(req: Request) async throws -> Response {
        let (contract, action) = try await load(req)
        try req.require(.editProgramme(contract.accessScope))
        return try await req.renderPage("actions/form", title: "Modifier « \(action.title) »",
                                        try await formContent(req, contract: contract, action: action, values: ActionForm(action), errors: FormErrors()))
    }

    func update(req: Request) async throws -> Response {
        let (contract, action) = try await load(req)
        try req.require(.editProgramme(contract.accessScope))
        let form = try req.content.decode(ActionForm.self)
        var errors = FormErrors()
        let leadOrganisation = try await optionalOrganisation(form.leadOrganisationId, req: req, errors: &errors)
        let pilot = try await optionalMember(form.pilotUserId, of: contract, req: req, errors: &errors)
        let result = ActionDraft.validate(form.input, themes: try await RegionalTheme.catalogue(regionCode: contract.regionCode, on: req.db))
        if case .failure(let draftErrors) = result {
            for (field, message) in draftErrors.messages { errors.add(field, message) }
        }
        guard errors.isEmpty, case .success(let draft) = result else {
            return try await req.renderRefusedPage("actions/form", title: "Modifier « \(action.title) »",
                                            try await formContent(req, contract: contract, action: action, values: form, errors: errors),
                                            errors: errors)
        }
        let changed = try await req.mutations.update(action, permission: .editProgramme(contract.accessScope)) {
            Self.assign(draft, to: $0)
            $0.$leadOrganisation.id = leadOrganisation
            $0.$pilotUser.id = pilot
        }
        req.flash(changed ? .success : .info, changed ? "Fiche action enregistrée." : "Aucune modification à enregistrer.")
        return req.redirect(to: page(contract, action))
    }

    static func assign(_ draft: ActionDraft, to action: Action) {
        action.title = draft.title; action.summary = draft.summary; action.objectives = draft.objectives
        action.expectedResults = draft.expectedResults; action.logicProblem = draft.logicProblem
        action.logicDeterminant = draft.logicDeterminant; action.logicStrategy = draft.logicStrategy
        action.logicIntermediateResults = draft.logicIntermediateResults; action.status = draft.status?.rawValue ?? ""
        action.priority = draft.priority?.rawValue ?? ""; action.startsOn = draft.startsOn?.iso; action.endsOn = draft.endsOn?.iso
        action.isRecurring = draft.isRecurring; action.leadPeople = draft.leadPeople; action.leadService = draft.leadService
        action.electedReferent = draft.electedReferent; action.partners = draft.partners; action.means = draft.means
        action.governanceBody = draft.governanceBody; action.places = draft.places; action.territoryScope = draft.territoryScope
        action.themeCodes = Action.join(draft.themes); action.determinantCodes = Action.join(draft.determinants)
        action.strategyCodes = Action.join(draft.strategies); action.publicCodes = Action.join(draft.publics)
        action.sectorCodes = Action.join(draft.sectors); action.lifeStageCodes = Action.join(draft.lifeStages)
        action.approach = draft.approach?.rawValue ?? ""; action.istsAim = draft.istsAim?.rawValue ?? ""
        action.participation = draft.participation?.rawValue ?? ""; action.financingNotes = draft.financingNotes
        action.plannedTotal = draft.plannedTotal; action.isNew = draft.isNew; action.isConfidential = draft.isConfidential
        action.isContinuous = draft.isContinuous; action.amountsIncludeTax = draft.amountsIncludeTax
        action.schedule = draft.schedule; action.linkedPlanActions = draft.linkedPlanActions; action.notes = draft.notes
    }

    func optionalOrganisation(_ id: String?, req: Request, errors: inout FormErrors) async throws -> UUID? {
        guard let id, !id.isEmpty else { return nil }
        guard let uuid = try await OrganisationQueries.find(id, on: req.db)?.id else {
            errors.add("leadOrganisationId", "Choisissez la structure pilote dans la liste.")
            return nil
        }
        return uuid
    }

    /// The pilot account must hold a role on the contract.
    func optionalMember(_ id: String?, of contract: Contract, req: Request, errors: inout FormErrors) async throws -> UUID? {
        guard let id, !id.isEmpty else { return nil }
        guard let uuid = UUID(uuidString: id), try await ProgrammeEditing.isMember(uuid, of: contract.requireID(), on: req.db) else {
            errors.add("pilotUserId", "Le compte du pilote doit être membre du contrat : ajoutez-le d'abord dans l'onglet « Membres » avec le rôle « Pilote d'actions ».")
            return nil
        }
        return uuid
    }

    // MARK: - Follow-up by the pilot

    struct FollowUpForm: Content {
        var status: String?
        var note: String?
        var writtenOn: String?
    }

    func followUp(req: Request) async throws -> Response {
        let (contract, action) = try await load(req)
        let permission = action.followUpPermission(contract)
        try req.require(permission)
        let form = try req.content.decode(FollowUpForm.self)
        // An action without a status (an imported plan gave none) may stay so: "" keeps it.
        let statusCode = form.status ?? action.status
        guard ActionStatus(rawValue: statusCode) != nil || (statusCode.isEmpty && action.status.isEmpty) else {
            throw WebError.invalid("Choisissez le statut de l'action dans la liste.", field: "status")
        }
        let note = (form.note ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let writtenOn = try req.day(form.writtenOn, field: "writtenOn", label: "date de la note") ?? req.today
        let author = req.currentUser?.displayName ?? req.actor.label
        let contractId = try contract.requireID()
        let actionId = try action.requireID()
        let statusChanged = try await req.mutations.transaction { tx -> Bool in
            let changed = try await tx.update(action, permission: permission) { $0.status = statusCode }
            if !note.isEmpty {
                try await tx.create(ActionNote(actionId: actionId, contractId: contractId, writtenOn: writtenOn.iso, author: author, text: note),
                                    permission: permission)
            }
            return changed
        }
        req.flash(statusChanged || !note.isEmpty ? .success : .info,
                  statusChanged || !note.isEmpty ? "Suivi enregistré." : "Aucune modification à enregistrer.")
        return req.redirect(to: page(contract, action) + "#suivi")
    }

    // MARK: - Deletion

    func delete(req: Request) async throws -> Response {
        let (contract, action) = try await load(req)
        try req.require(.editProgramme(contract.accessScope))
        do {
            try await ProgrammeEditing.deleteAction(action, in: contract, using: req.mutations)
        } catch let failure as ProgrammeEditing.Failure {
            throw WebError.invalid(failure.message)
        }
        req.flash(.success, "Fiche action « \(action.title) » supprimée. Elle reste visible dans l'historique du contrat.")
        return req.redirect(to: .contract(try contract.requireID(), .programme(.tree)))
    }
}
