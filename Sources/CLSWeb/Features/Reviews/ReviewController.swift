import CLSCore
import CLSStore
import Fluent
import Vapor

/// The yearly review of a contract: each pilot reports on their fiches actions (status, indicator
/// values, actual spending, comment), the coordination consolidates, COTECH checks, COPIL approves —
/// which locks the year until the ARS unlocks it with a reason.
struct ReviewController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.contract(.key, .reviews), use: list)
        routes.post(.contract(.key, .reviews), use: open)
        routes.get(.contract(.key, .review(.key, .page)), use: show)
        routes.post(.contract(.key, .review(.key, .steps)), use: transition)
        routes.post(.contract(.key, .review(.key, .consolidation)), use: consolidation)
        routes.get(.contract(.key, .review(.key, .entry(.key, .page))), use: entry)
        routes.post(.contract(.key, .review(.key, .entry(.key, .page))), use: saveEntry)
        routes.post(.contract(.key, .review(.key, .entry(.key, .submit))), use: submitEntry)
        routes.post(.contract(.key, .review(.key, .entry(.key, .sendBack))), use: returnEntry)
    }

    static func base(_ contractId: UUID) -> String { "/contrats/\(contractId.uuidString)/bilans" }

    struct ReviewRow: Encodable { let year: Int; let href: String; let stateLabel: String; let isLocked: Bool }

    struct ListContent: Encodable, BreadcrumbProviding {
        let contract: ContractSummaryView
        let tabs: [TabLink]
        let breadcrumb: [Breadcrumb]
        let reviews: [ReviewRow]
        let canOpen: Bool
        let suggestedYear: Int
    }

    func list(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.viewContract)
        let id = try contract.requireID()
        let reviews = try await AnnualReview.query(on: req.db).filter(\.$contractId == id).sort(\.$year, .descending).all()
        let content = ListContent(
            contract: ContractSummaryView(contract), tabs: ContractTab.links(for: id, current: .reviews),
            breadcrumb: [Breadcrumb(label: "Contrats", href: "/contrats"), Breadcrumb(label: contract.name, href: "/contrats/\(id.uuidString)")],
            reviews: reviews.map { review in
                let state = ReviewState(rawValue: review.state) ?? .open
                return ReviewRow(year: review.year, href: "\(Self.base(id))/\(review.year)", stateLabel: state.label,
                                 isLocked: ReviewWorkflow.isLocked(state: state))
            },
            canOpen: AccessPolicy.allows(req.subject, .manageReview(contract.accessScope)),
            suggestedYear: req.today.year - 1)
        return try await req.renderPage("reviews/list", title: "Bilans annuels – \(contract.name)", content)
    }

    struct OpenForm: Content { var year: String? }

    func open(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.manageReview)
        let id = try contract.requireID()
        guard let year = Int((try req.content.decode(OpenForm.self).year ?? "").trimmingCharacters(in: .whitespaces)) else {
            throw WebError.invalid("Indiquez l'année du bilan sur quatre chiffres.")
        }
        do {
            try await AnnualReviews.open(contract: contract, year: year, using: req.mutations)
        } catch let failure as AnnualReviews.Failure {
            throw WebError.invalid(failure.message)
        }
        req.flash(.success, "Bilan \(year) ouvert : les pilotes peuvent saisir le bilan de leurs fiches actions.")
        return req.redirect(to: "\(Self.base(id))/\(year)")
    }

    func load(_ req: Request, requiring permission: (ContractScope) -> Permission = Permission.viewContract) async throws -> (Contract, AnnualReview) {
        let contract = try await req.contract(requiring: permission)
        guard let year = req.parameters.get("year", as: Int.self),
              let review = try await AnnualReviews.find(contractId: contract.requireID(), year: year, on: req.db) else {
            throw WebError.notFound
        }
        return (contract, review)
    }

    struct EntryRow: Encodable {
        let actionId: String
        let href: String
        let title: String
        let pilot: String
        let state: String
        let stateLabel: String
        let reportedStatus: String
        let comment: String
        let canEdit: Bool
    }

    struct TransitionOption: Encodable {
        let code: String
        let label: String
        let requiresReason: Bool
        let meetingLabel: String?
        let isConsolidate: Bool
    }

    struct EventRow: Encodable { let label: String; let author: String; let date: String; let reason: String }

    struct ShowContent: Encodable, BreadcrumbProviding {
        let contract: ContractSummaryView
        let tabs: [TabLink]
        let breadcrumb: [Breadcrumb]
        let year: Int
        let base: String
        let state: String
        let stateLabel: String
        let stateExplanation: String
        let isLocked: Bool
        let entries: [EntryRow]
        let submittedCount: Int
        let transitions: [TransitionOption]
        let consolidationComment: String
        let canEditConsolidation: Bool
        let cotechOn: String
        let copilOn: String
        let events: [EventRow]
        let today: String
    }

    func show(req: Request) async throws -> Response {
        let (contract, review) = try await load(req)
        let id = try contract.requireID()
        let state = ReviewState(rawValue: review.state) ?? .open
        let scope = contract.accessScope
        let entries = try await ReviewEntry.query(on: req.db).filter(\.$review.$id == review.requireID()).all()
        let actions = try await Action.query(on: req.db).filter(\.$contract.$id == id).with(\.$pilotUser).all()
        let actionById = Dictionary(uniqueKeysWithValues: actions.compactMap { action in action.id.map { ($0, action) } })
        let events = try await ReviewEvent.query(on: req.db).filter(\.$review.$id == review.requireID()).sort(\.$createdAt).all()
        let base = "\(Self.base(id))/\(review.year)"
        let rows = entries.compactMap { entry -> EntryRow? in
            guard let action = actionById[entry.actionId] else { return nil }
            let entryState = ReviewEntryState(rawValue: entry.state) ?? .draft
            return EntryRow(actionId: entry.actionId.uuidString, href: "\(base)/actions/\(entry.actionId.uuidString)", title: action.title,
                            pilot: action.pilotUser?.displayName ?? action.leadPeople, state: entry.state, stateLabel: entryState.label,
                            reportedStatus: CodeLabels.status(entry.reportedStatus), comment: entry.comment,
                            canEdit: ReviewWorkflow.mayEditEntry(state: state, entryState: entryState, subject: req.subject, scope: scope,
                                                                 pilotUserId: action.$pilotUser.id?.uuidString))
        }.sorted { $0.title.localizedStandardCompare($1.title) == .orderedAscending }
        let content = ShowContent(
            contract: ContractSummaryView(contract), tabs: ContractTab.links(for: id, current: .reviews),
            breadcrumb: [Breadcrumb(label: "Contrats", href: "/contrats"), Breadcrumb(label: contract.name, href: "/contrats/\(id.uuidString)"),
                         Breadcrumb(label: "Bilans annuels", href: Self.base(id))],
            year: review.year, base: base, state: state.rawValue, stateLabel: state.label, stateExplanation: state.explanation,
            isLocked: ReviewWorkflow.isLocked(state: state), entries: rows,
            submittedCount: entries.filter { $0.state == ReviewEntryState.submitted.rawValue }.count,
            transitions: ReviewWorkflow.allowedTransitions(from: state, subject: req.subject, scope: scope).map {
                TransitionOption(code: $0.rawValue, label: $0.label, requiresReason: $0.requiresReason,
                                 meetingLabel: $0.meetingKind.map { "Date du \($0.shortLabel)" }, isConsolidate: $0 == .consolidate)
            },
            consolidationComment: review.consolidationComment,
            canEditConsolidation: ReviewWorkflow.mayEditConsolidation(state: state, subject: req.subject, scope: scope),
            cotechOn: review.cotechOn.map { CodeLabels.day($0) } ?? "", copilOn: review.copilOn.map { CodeLabels.day($0) } ?? "",
            events: events.map { event in
                EventRow(label: ReviewTransition(rawValue: event.transition)?.pastLabel ?? event.transition, author: event.author,
                         date: event.createdAt.map { FrenchFormat.dateTime($0) } ?? "", reason: event.reason)
            },
            today: req.today.iso)
        return try await req.renderPage("reviews/show", title: "Bilan \(review.year) – \(contract.name)", content)
    }

    struct TransitionForm: Content {
        var transition: String?
        var meetingDate: String?
        var reason: String?
        var force: String?
    }

    func transition(req: Request) async throws -> Response {
        let (contract, review) = try await load(req)
        let id = try contract.requireID()
        let form = try req.content.decode(TransitionForm.self)
        guard let transition = form.transition.flatMap(ReviewTransition.init(rawValue:)) else { throw WebError.invalid("Étape inconnue.") }
        let meetingDate = try req.day(form.meetingDate, label: "date de la réunion")
        do {
            try await AnnualReviews.take(transition, on: review, contract: contract,
                                         context: ReviewTransitionContext(force: form.force != nil, meetingDate: meetingDate, reason: form.reason),
                                         using: req.mutations)
        } catch let failure as AnnualReviews.Failure {
            if failure.isForbidden { throw AccessError.denied }
            req.flash(.error, failure.message)
            return req.redirect(to: "\(Self.base(id))/\(review.year)")
        }
        req.flash(.success, "\(transition.pastLabel).")
        return req.redirect(to: "\(Self.base(id))/\(review.year)")
    }

    struct ConsolidationForm: Content { var comment: String? }

    func consolidation(req: Request) async throws -> Response {
        let (contract, review) = try await load(req, requiring: Permission.manageReview)
        let id = try contract.requireID()
        let state = ReviewState(rawValue: review.state) ?? .open
        if let refusal = ReviewWorkflow.checkConsolidationEdit(state: state, subject: req.subject, scope: contract.accessScope) {
            req.flash(.error, refusal.message)
            return req.redirect(to: "\(Self.base(id))/\(review.year)")
        }
        let comment = (try req.content.decode(ConsolidationForm.self).comment ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        try await req.mutations.update(review, permission: .manageReview(contract.accessScope)) { $0.consolidationComment = comment }
        req.flash(.success, "Commentaire de la coordination enregistré.")
        return req.redirect(to: "\(Self.base(id))/\(review.year)")
    }

    // MARK: - One action's entry

    struct Loaded {
        let contract: Contract
        let review: AnnualReview
        let action: Action
        let entry: ReviewEntry
        var state: ReviewState { ReviewState(rawValue: review.state) ?? .open }
        var entryState: ReviewEntryState { ReviewEntryState(rawValue: entry.state) ?? .draft }
        var pilotUserId: String? { action.$pilotUser.id?.uuidString }
    }

    func loadEntry(_ req: Request) async throws -> Loaded {
        let (contract, review) = try await load(req)
        guard let actionId = req.parameters.get("actionID", as: UUID.self),
              let entry = try await ReviewEntry.query(on: req.db).filter(\.$review.$id == review.requireID()).filter(\.$actionId == actionId).first(),
              let action = try await Action.query(on: req.db).filter(\.$id == actionId).with(\.$pilotUser).first() else {
            throw WebError.notFound
        }
        return Loaded(contract: contract, review: review, action: action, entry: entry)
    }

    struct IndicatorLine: Encodable {
        let id: String
        let name: String
        let unit: String
        let target: String
        let actual: String
        let previous: String
    }

    struct BudgetLineView: Encodable {
        let id: String
        let funder: String
        let planned: String
        let actual: String
        let unit: String
    }

    struct EntryContent: Encodable, BreadcrumbProviding {
        let contract: ContractSummaryView
        let tabs: [TabLink]
        let breadcrumb: [Breadcrumb]
        let year: Int
        let previousYear: Int
        let base: String
        let actionTitle: String
        let actionHref: String
        let pilot: String
        let reviewStateLabel: String
        let entryState: String
        let entryStateLabel: String
        let returnComment: String
        let statusOptions: [SelectOption]
        let comment: String
        let indicators: [IndicatorLine]
        let budgetLines: [BudgetLineView]
        let canEdit: Bool
        let canSubmit: Bool
        let canReturn: Bool
        let lockMessage: String
    }

    func entry(req: Request) async throws -> Response {
        let loaded = try await loadEntry(req)
        let id = try loaded.contract.requireID()
        let scope = loaded.contract.accessScope
        let year = loaded.review.year
        let indicators = try await Indicator.query(on: req.db).filter(\.$action.$id == loaded.action.requireID()).sort(\.$name).all()
        let values = try await IndicatorValue.query(on: req.db).filter(\.$indicator.$id ~~ indicators.compactMap(\.id))
            .filter(\.$year ~~ [year, year - 1]).all()
        let budget = try await BudgetLine.query(on: req.db).filter(\.$action.$id == loaded.action.requireID()).filter(\.$year == year).all()
        func number(_ value: Double?) -> String { value.map { FrenchFormat.number($0) } ?? "" }
        let canEdit = ReviewWorkflow.mayEditEntry(state: loaded.state, entryState: loaded.entryState, subject: req.subject, scope: scope,
                                                  pilotUserId: loaded.pilotUserId)
        let content = EntryContent(
            contract: ContractSummaryView(loaded.contract), tabs: ContractTab.links(for: id, current: .reviews),
            breadcrumb: [Breadcrumb(label: "Contrats", href: "/contrats"), Breadcrumb(label: loaded.contract.name, href: "/contrats/\(id.uuidString)"),
                         Breadcrumb(label: "Bilan \(year)", href: "\(Self.base(id))/\(year)")],
            year: year, previousYear: year - 1, base: "\(Self.base(id))/\(year)/actions/\(loaded.entry.actionId.uuidString)",
            actionTitle: loaded.action.title, actionHref: "/contrats/\(id.uuidString)/actions/\(loaded.entry.actionId.uuidString)",
            pilot: loaded.action.pilotUser?.displayName ?? loaded.action.leadPeople,
            reviewStateLabel: loaded.state.label, entryState: loaded.entry.state, entryStateLabel: loaded.entryState.label,
            returnComment: loaded.entry.returnComment,
            statusOptions: ActionStatus.allCases.map { SelectOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == loaded.entry.reportedStatus) },
            comment: loaded.entry.comment,
            indicators: indicators.map { indicator in
                let current = values.first { $0.$indicator.id == indicator.id && $0.year == year }
                let previous = values.first { $0.$indicator.id == indicator.id && $0.year == year - 1 }
                return IndicatorLine(id: indicator.id?.uuidString ?? "", name: indicator.name, unit: indicator.unit,
                                     target: number(current?.target), actual: number(current?.actual), previous: number(previous?.actual))
            },
            budgetLines: budget.map { BudgetLineView(id: $0.id?.uuidString ?? "", funder: $0.funderName, planned: number($0.planned),
                                                      actual: number($0.actual), unit: $0.unit == "etp" ? "ETP" : "€") },
            canEdit: canEdit,
            canSubmit: ReviewWorkflow.maySubmitEntry(state: loaded.state, entryState: loaded.entryState, subject: req.subject, scope: scope,
                                                     pilotUserId: loaded.pilotUserId),
            canReturn: ReviewWorkflow.mayReturnEntry(state: loaded.state, entryState: loaded.entryState, subject: req.subject, scope: scope),
            lockMessage: ReviewWorkflow.isLocked(state: loaded.state) ? ReviewLock.message(year: year) : "")
        return try await req.renderPage("reviews/entry", title: "Bilan \(year) – \(loaded.action.title)", content)
    }

    struct EntryForm: Content {
        var status: String?
        var comment: String?
        var indicator: [String: String]?
        var budget: [String: String]?
    }

    /// Saves the pilot's entry: status and comment on the entry, the indicator actuals and the
    /// actual spending of the year on the action itself — all in one transaction.
    func saveEntry(req: Request) async throws -> Response {
        let loaded = try await loadEntry(req)
        let scope = loaded.contract.accessScope
        if let refusal = ReviewWorkflow.checkEntryEdit(state: loaded.state, entryState: loaded.entryState, subject: req.subject, scope: scope,
                                                       pilotUserId: loaded.pilotUserId) {
            if case .notAllowed = refusal { throw AccessError.denied }
            req.flash(.error, refusal.message)
            return req.redirect(to: try reviewPage(loaded))
        }
        let form = try req.content.decode(EntryForm.self)
        guard let status = form.status.flatMap(ActionStatus.init(rawValue:)) else { throw WebError.invalid("Choisissez le statut de la fiche action.") }
        let year = loaded.review.year
        let followUp = loaded.action.followUpPermission(loaded.contract)
        let indicators = try await Indicator.query(on: req.db).filter(\.$action.$id == loaded.action.requireID()).all()
        let budget = try await BudgetLine.query(on: req.db).filter(\.$action.$id == loaded.action.requireID()).filter(\.$year == year).all()
        var actuals: [UUID: Double?] = [:]
        for indicator in indicators {
            guard let id = indicator.id, let text = form.indicator?[id.uuidString] else { continue }
            actuals[id] = try FrenchNumber.amount(text, label: "valeur réalisée de « \(indicator.name) »")
        }
        var spending: [UUID: Double?] = [:]
        for line in budget {
            guard let id = line.id, let text = form.budget?[id.uuidString] else { continue }
            spending[id] = try FrenchNumber.amount(text, label: "dépense réalisée (\(line.funderName))")
        }
        let existingValues = try await IndicatorValue.query(on: req.db).filter(\.$indicator.$id ~~ Array(actuals.keys)).filter(\.$year == year).all()
        let entry = loaded.entry
        let comment = (form.comment ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        try await req.mutations.transaction { [actuals, spending] tx in
            try await tx.update(entry, permission: followUp) {
                $0.reportedStatus = status.rawValue
                $0.comment = comment
            }
            for (indicatorId, actual) in actuals {
                if let value = existingValues.first(where: { $0.$indicator.id == indicatorId }) {
                    try await tx.update(value, permission: followUp) { $0.actual = actual }
                } else if let actual {
                    let value = IndicatorValue(indicatorId: indicatorId, contractId: entry.contractId, year: year)
                    value.actual = actual
                    try await tx.create(value, permission: followUp)
                }
            }
            for line in budget {
                guard let id = line.id, let actual = spending[id] else { continue }
                try await tx.update(line, permission: followUp) { $0.actual = actual }
            }
        }
        req.flash(.success, "Bilan \(year) de « \(loaded.action.title) » enregistré.")
        return req.redirect(to: try entryPage(loaded))
    }

    func submitEntry(req: Request) async throws -> Response {
        let loaded = try await loadEntry(req)
        let scope = loaded.contract.accessScope
        switch ReviewWorkflow.submitEntry(state: loaded.state, entryState: loaded.entryState, subject: req.subject, scope: scope,
                                          pilotUserId: loaded.pilotUserId) {
        case .failure(.notAllowed): throw AccessError.denied
        case .failure(let refusal):
            req.flash(.error, refusal.message)
        case .success(let next):
            let author = req.actor.label
            try await req.mutations.update(loaded.entry, permission: loaded.action.followUpPermission(loaded.contract), action: .transition) {
                $0.state = next.rawValue
                $0.submittedBy = author
                $0.submittedAt = req.now
            }
            req.flash(.success, "Bilan de « \(loaded.action.title) » transmis à la coordination.")
        }
        return req.redirect(to: try reviewPage(loaded))
    }

    struct ReturnForm: Content { var comment: String? }

    func returnEntry(req: Request) async throws -> Response {
        let loaded = try await loadEntry(req)
        let comment = try req.content.decode(ReturnForm.self).comment
        switch ReviewWorkflow.returnEntry(state: loaded.state, entryState: loaded.entryState, subject: req.subject,
                                          scope: loaded.contract.accessScope, comment: comment) {
        case .failure(.notAllowed): throw AccessError.denied
        case .failure(let refusal):
            req.flash(.error, refusal.message)
        case .success(let next):
            try await req.mutations.update(loaded.entry, permission: .manageReview(loaded.contract.accessScope), action: .transition) {
                $0.state = next.rawValue
                $0.returnComment = comment?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            }
            req.flash(.success, "Bilan de « \(loaded.action.title) » renvoyé au pilote.")
        }
        return req.redirect(to: try reviewPage(loaded))
    }

    func reviewPage(_ loaded: Loaded) throws -> String { "\(Self.base(try loaded.contract.requireID()))/\(loaded.review.year)" }
    func entryPage(_ loaded: Loaded) throws -> String { "\(try reviewPage(loaded))/actions/\(loaded.entry.actionId.uuidString)" }
}
