import CLSCharts
import CLSCore
import CLSStore
import Fluent
import Vapor

/// RÉFLEX-ISS self-assessment of a contract (DOMAIN.md §5): dated sessions where the team rates
/// each element of the four stages from 0 to 4 with a comment, and the evolution over sessions.
/// The coordination (and the ARS) record sessions; every member of the contract reads them.
struct ReflexISSController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.contract(.key, .equity), use: overview)
        routes.get(.contract(.key, .newEquitySession), use: newForm)
        routes.post(.contract(.key, .equity), use: create, refusedOn: newForm)
        routes.get(.contract(.key, .equitySession(.key)), use: show)
        routes.get(.contract(.key, .editEquitySession(.key)), use: editForm)
        routes.post(.contract(.key, .equitySession(.key)), use: update, refusedOn: editForm)
    }

    func overview(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.viewContract)
        return try await req.renderPage("equity/overview", title: "RÉFLEX-ISS – \(contract.name)",
                                        try await EquityOverviewPage.load(contract, req.pageContext))
    }

    /// The session named in the path, among the contract's own (another contract's is not found).
    func findSession(_ req: Request, loaded: EquitySessions.Sessions) throws -> ReflexSession {
        guard let sessionId = req.parameters.get("sessionID", as: UUID.self),
              let session = loaded.sessions.first(where: { $0.id == sessionId }) else { throw WebError.notFound }
        return session
    }

    func show(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.viewContract)
        let loaded = try await EquitySessions.load(contractId: try contract.requireID(), on: req.db)
        let session = try findSession(req, loaded: loaded)
        return try await req.renderPage("equity/session", title: "RÉFLEX-ISS du \(CodeLabels.day(session.heldOn)) – \(contract.name)",
                                        EquitySessionPage.make(contract, sessions: loaded, session: session, isNew: false, req.pageContext))
    }

    func newForm(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.editContract)
        let loaded = try await EquitySessions.load(contractId: try contract.requireID(), on: req.db)
        return try await req.renderPage("equity/form", title: "Nouvelle séance RÉFLEX-ISS – \(contract.name)",
                                        EquitySessionPage.make(contract, sessions: loaded, session: nil, isNew: true, req.pageContext))
    }

    func editForm(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.editContract)
        let loaded = try await EquitySessions.load(contractId: try contract.requireID(), on: req.db)
        let session = try findSession(req, loaded: loaded)
        return try await req.renderPage("equity/form", title: "Modifier la séance RÉFLEX-ISS – \(contract.name)",
                                        EquitySessionPage.make(contract, sessions: loaded, session: session, isNew: false, req.pageContext))
    }

    // MARK: - Saving

    struct Submitted {
        let heldOn: CalendarDay
        let participants: String
        let conclusions: String
        /// By element code: score (nil when not rated) and comment.
        let ratings: [String: (score: Int?, comment: String)]
    }

    static let maximumText = 4_000

    /// Reads and checks the form: a date, scores 0–4 or none, texts of reasonable length.
    static func read(_ form: [String: String], req: Request) throws -> Submitted {
        guard let day = try req.day(form["heldOn"], field: "heldOn", label: "date de la séance") else {
            throw WebError.invalid("Indiquez la date de la séance.", field: "heldOn")
        }
        func text(_ key: String, label: String) throws -> String {
            let value = (form[key] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard value.count <= maximumText else {
                throw WebError.invalid("Le texte « \(label) » dépasse \(FrenchFormat.integer(maximumText)) caractères : raccourcissez-le.", field: key)
            }
            return value
        }
        var ratings: [String: (score: Int?, comment: String)] = [:]
        for element in ReflexISSGrid.elements {
            let raw = (form["score_\(element.code)"] ?? "").trimmingCharacters(in: .whitespaces)
            var score: Int?
            if !raw.isEmpty {
                guard let value = Int(raw), (0...4).contains(value) else {
                    throw WebError.invalid("La note de « \(element.code) \(element.label) » doit être comprise entre 0 et 4.", field: "score_\(element.code)")
                }
                score = value
            }
            ratings[element.code] = (score, try text("comment_\(element.code)", label: "commentaire \(element.code)"))
        }
        guard ratings.values.contains(where: { $0.score != nil }) else {
            throw WebError.invalid("Notez au moins un élément de la grille (de 0 à 4).")
        }
        return Submitted(heldOn: day, participants: try text("participants", label: "participants"),
                         conclusions: try text("conclusions", label: "conclusions"), ratings: ratings)
    }

    func create(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.editContract)
        let id = try contract.requireID()
        let submitted = try Self.read(try req.content.decode([String: String].self), req: req)
        let permission = Permission.editContract(contract.accessScope)
        let sessionId = try await req.mutations.transaction { tx -> UUID in
            let session = ReflexSession(contractId: id, heldOn: submitted.heldOn.iso, participants: submitted.participants,
                                        conclusions: submitted.conclusions)
            try await tx.create(session, permission: permission)
            let sessionId = try session.requireID()
            for element in ReflexISSGrid.elements {
                guard let rating = submitted.ratings[element.code], rating.score != nil || !rating.comment.isEmpty else { continue }
                try await tx.create(ReflexRating(contractId: id, sessionId: sessionId, elementCode: element.code,
                                                 score: rating.score, comment: rating.comment), permission: permission)
            }
            return sessionId
        }
        req.flash(.success, "Séance RÉFLEX-ISS du \(FrenchFormat.date(submitted.heldOn)) enregistrée.")
        return req.redirect(to: .contract(id, .equitySession(sessionId)))
    }

    func update(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.editContract)
        let id = try contract.requireID()
        let loaded = try await EquitySessions.load(contractId: id, on: req.db)
        let session = try findSession(req, loaded: loaded)
        let submitted = try Self.read(try req.content.decode([String: String].self), req: req)
        let existing = loaded.ratings[session.id!] ?? [:]
        let permission = Permission.editContract(contract.accessScope)
        try await req.mutations.transaction { tx in
            try await tx.update(session, permission: permission) {
                $0.heldOn = submitted.heldOn.iso
                $0.participants = submitted.participants
                $0.conclusions = submitted.conclusions
            }
            for element in ReflexISSGrid.elements {
                let rating = submitted.ratings[element.code] ?? (nil, "")
                let isEmpty = rating.score == nil && rating.comment.isEmpty
                if let current = existing[element.code] {
                    if isEmpty {
                        try await tx.delete(current, permission: permission)
                    } else {
                        try await tx.update(current, permission: permission) {
                            $0.score = rating.score
                            $0.comment = rating.comment
                        }
                    }
                } else if !isEmpty {
                    try await tx.create(ReflexRating(contractId: id, sessionId: session.id!, elementCode: element.code,
                                                     score: rating.score, comment: rating.comment), permission: permission)
                }
            }
        }
        req.flash(.success, "Séance RÉFLEX-ISS mise à jour.")
        return req.redirect(to: .contract(id, .equitySession(session.id!)))
    }
}
