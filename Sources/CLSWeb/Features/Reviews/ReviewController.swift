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
        routes.post(.contract(.key, .reviews), use: open, refusedOn: list)
        routes.get(.contract(.key, .review(.key, .page)), use: show)
        routes.post(.contract(.key, .review(.key, .steps)), use: transition, refusedOn: show)
        routes.post(.contract(.key, .review(.key, .consolidation)), use: consolidation, refusedOn: show)
        routes.get(.contract(.key, .review(.key, .entry(.key, .page))), use: entry)
        routes.post(.contract(.key, .review(.key, .entry(.key, .page))), use: saveEntry, refusedOn: entry)
        routes.post(.contract(.key, .review(.key, .entry(.key, .submit))), use: submitEntry, refusedOn: entry)
        routes.post(.contract(.key, .review(.key, .entry(.key, .sendBack))), use: returnEntry, refusedOn: entry)
    }

    func list(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.viewContract)
        return try await req.renderPage("reviews/list", title: "Bilans annuels – \(contract.name)",
                                        try await ReviewListPage.load(contract, req.pageContext))
    }

    struct OpenForm: Content { var year: String? }

    func open(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.manageReview)
        let id = try contract.requireID()
        guard let year = Int((try req.content.decode(OpenForm.self).year ?? "").trimmingCharacters(in: .whitespaces)) else {
            throw WebError.invalid("Indiquez l'année du bilan sur quatre chiffres.", field: "year")
        }
        do {
            try await AnnualReviews.open(contract: contract, year: year, using: req.mutations)
        } catch let failure as AnnualReviews.Failure {
            throw WebError.invalid(failure.message, field: "year")
        }
        req.flash(.success, "Bilan \(year) ouvert : les pilotes peuvent saisir le bilan de leurs fiches actions.")
        return req.redirect(to: .contract(id, .review(year)))
    }

    func load(_ req: Request, requiring permission: (ContractScope) -> Permission = Permission.viewContract) async throws -> (Contract, AnnualReview) {
        let contract = try await req.contract(requiring: permission)
        guard let year = req.parameters.get("year", as: Int.self),
              let review = try await AnnualReviews.find(contractId: contract.requireID(), year: year, on: req.db) else {
            throw WebError.notFound
        }
        return (contract, review)
    }

    func show(req: Request) async throws -> Response {
        let (contract, review) = try await load(req)
        return try await req.renderPage("reviews/show", title: "Bilan \(review.year) – \(contract.name)",
                                        try await ReviewPage.load(contract, review: review, req.pageContext))
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
        guard let transition = form.transition.flatMap(ReviewTransition.init(rawValue:)) else { throw WebError.invalid("Étape inconnue.", field: "transition") }
        let meetingDate = try req.day(form.meetingDate, field: "meetingDate", label: "date de la réunion")
        do {
            try await AnnualReviews.take(transition, on: review, contract: contract,
                                         context: ReviewTransitionContext(force: form.force != nil, meetingDate: meetingDate, reason: form.reason),
                                         using: req.mutations)
        } catch let failure as AnnualReviews.Failure {
            if failure.isForbidden { throw AccessError.denied }
            throw WebError.invalid(failure.message)
        }
        req.flash(.success, "\(transition.pastLabel).")
        return req.redirect(to: .contract(id, .review(review.year)))
    }

    struct ConsolidationForm: Content { var comment: String? }

    func consolidation(req: Request) async throws -> Response {
        let (contract, review) = try await load(req, requiring: Permission.manageReview)
        let id = try contract.requireID()
        let state = ReviewState(rawValue: review.state) ?? .open
        if let refusal = ReviewWorkflow.checkConsolidationEdit(state: state, subject: req.subject, scope: contract.accessScope) {
            throw WebError.invalid(refusal.message)
        }
        let comment = (try req.content.decode(ConsolidationForm.self).comment ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        try await req.mutations.update(review, permission: .manageReview(contract.accessScope)) { $0.consolidationComment = comment }
        req.flash(.success, "Commentaire de la coordination enregistré.")
        return req.redirect(to: .contract(id, .review(review.year)))
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
        guard let (entry, action) = try await ReviewEntries.find(req.parameters.get("actionID", as: UUID.self), in: review, on: req.db) else {
            throw WebError.notFound
        }
        return Loaded(contract: contract, review: review, action: action, entry: entry)
    }

    func entry(req: Request) async throws -> Response {
        let loaded = try await loadEntry(req)
        return try await req.renderPage("reviews/entry", title: "Bilan \(loaded.review.year) – \(loaded.action.title)",
                                        try await ReviewEntryPage.load(loaded, req.pageContext))
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
            throw WebError.invalid(refusal.message)
        }
        let form = try req.content.decode(EntryForm.self)
        guard let status = form.status.flatMap(ActionStatus.init(rawValue:)) else { throw WebError.invalid("Choisissez le statut de la fiche action.", field: "status") }
        let year = loaded.review.year
        let followUp = loaded.action.followUpPermission(loaded.contract)
        let (indicators, budget) = try await ReviewEntries.reported(loaded.action, year: year, on: req.db)
        var actuals: [UUID: Double?] = [:]
        for indicator in indicators {
            guard let id = indicator.id, let text = form.indicator?[id.uuidString] else { continue }
            actuals[id] = try FormValue.amount(text, field: "indicator[\(id.uuidString)]", label: "valeur réalisée de « \(indicator.name) »")
        }
        var spending: [UUID: Double?] = [:]
        for line in budget {
            guard let id = line.id, let text = form.budget?[id.uuidString] else { continue }
            spending[id] = try FormValue.amount(text, field: "budget[\(id.uuidString)]", label: "dépense réalisée (\(line.funderName))")
        }
        try await ReviewEntries.save(loaded.entry, year: year, status: status,
                                     comment: (form.comment ?? "").trimmingCharacters(in: .whitespacesAndNewlines),
                                     actuals: actuals, spending: spending, budget: budget, permission: followUp, using: req.mutations)
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
            throw WebError.invalid(refusal.message)
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
            throw WebError.invalid(refusal.message, field: "comment")
        case .success(let next):
            try await req.mutations.update(loaded.entry, permission: .manageReview(loaded.contract.accessScope), action: .transition) {
                $0.state = next.rawValue
                $0.returnComment = comment?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            }
            req.flash(.success, "Bilan de « \(loaded.action.title) » renvoyé au pilote.")
        }
        return req.redirect(to: try reviewPage(loaded))
    }

    func reviewPage(_ loaded: Loaded) throws -> SitePath { .contract(try loaded.contract.requireID(), .review(loaded.review.year)) }
    func entryPage(_ loaded: Loaded) throws -> SitePath {
        .contract(try loaded.contract.requireID(), .review(loaded.review.year, .entry(loaded.entry.actionId)))
    }
}
