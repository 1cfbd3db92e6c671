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
        routes.post(.contract(.key, .equity), use: create)
        routes.get(.contract(.key, .equitySession(.key)), use: show)
        routes.get(.contract(.key, .editEquitySession(.key)), use: editForm)
        routes.post(.contract(.key, .equitySession(.key)), use: update)
    }

    static func base(_ id: UUID) -> String { "/contrats/\(id.uuidString)/reflex-iss" }

    // MARK: - Loading

    struct Loaded {
        let sessions: [ReflexSession]
        /// Scores and comments by session id, then element code.
        let ratings: [UUID: [String: ReflexRating]]

        func scores(_ session: ReflexSession) -> [String: Int] {
            (ratings[session.id!] ?? [:]).compactMapValues(\.score)
        }

        func previous(of session: ReflexSession) -> ReflexSession? {
            guard let index = sessions.firstIndex(where: { $0.id == session.id }), index > 0 else { return nil }
            return sessions[index - 1]
        }
    }

    /// The contract's sessions, oldest first, and their ratings: two queries.
    static func load(contractId: UUID, on database: any Database) async throws -> Loaded {
        let sessions = try await ReflexSession.query(on: database).filter(\.$contractId == contractId)
            .sort(\.$heldOn).sort(\.$createdAt).all()
        var ratings: [UUID: [String: ReflexRating]] = [:]
        for rating in try await ReflexRating.query(on: database).filter(\.$contractId == contractId).all() {
            ratings[rating.$session.id, default: [:]][rating.elementCode] = rating
        }
        return Loaded(sessions: sessions, ratings: ratings)
    }

    // MARK: - Overview

    struct SessionLine: Encodable {
        let id: String
        let date: String
        let participants: String
        let overall: String
        let stageMeans: [String]
    }

    struct EvolutionRow: Encodable {
        let code: String
        let label: String
        let isStage: Bool
        let values: [String]
    }

    struct OverviewContent: Encodable {
        let contract: ContractSummaryView
        let tabs: [TabLink]
        let canEdit: Bool
        let stages: [String]
        let sessions: [SessionLine]
        let sessionDates: [String]
        let evolution: [EvolutionRow]
        let chart: String
        let latestDate: String
        let scale: [SelectOption]
    }

    static func mean(_ value: Double?) -> String { value.map { FrenchFormat.number($0, fractionDigits: 1) } ?? "—" }

    func overview(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.viewContract)
        let id = try contract.requireID()
        let loaded = try await Self.load(contractId: id, on: req.db)
        let summaries = loaded.sessions.map { session in
            ReflexISSSummary(scores: loaded.scores(session), previous: loaded.previous(of: session).map(loaded.scores))
        }
        let sessions = zip(loaded.sessions, summaries).reversed().map { session, summary in
            SessionLine(id: session.id!.uuidString, date: CodeLabels.day(session.heldOn), participants: session.participants,
                        overall: Self.mean(summary.overallMean), stageMeans: summary.stages.map { Self.mean($0.mean) })
        }
        // Evolution: one column per session, oldest first; a line per stage (its mean) then its elements.
        var evolution: [EvolutionRow] = []
        for (index, stage) in ReflexISSGrid.Stage.allCases.enumerated() {
            evolution.append(EvolutionRow(code: "", label: stage.label, isStage: true,
                                          values: summaries.map { Self.mean($0.stages[index].mean) }))
            for element in ReflexISSGrid.elements(of: stage) {
                evolution.append(EvolutionRow(code: element.code, label: element.label, isStage: false,
                                              values: loaded.sessions.map { loaded.scores($0)[element.code].map(String.init) ?? "—" }))
            }
        }
        var chart = ""
        if let latest = summaries.last {
            chart = HorizontalBarChart(title: "Moyenne par étape à la dernière séance (0 à 4)",
                                       bars: latest.stages.map { .init(label: $0.stage.label, value: $0.mean ?? 0) }).svg()
        }
        let content = OverviewContent(
            contract: ContractSummaryView(contract), tabs: ContractTab.links(for: id, current: .equity),
            canEdit: AccessPolicy.allows(req.subject, .editContract(contract.accessScope)),
            stages: ReflexISSGrid.Stage.allCases.map(\.label), sessions: Array(sessions),
            sessionDates: loaded.sessions.map { CodeLabels.day($0.heldOn) }, evolution: evolution, chart: chart,
            latestDate: loaded.sessions.last.map { CodeLabels.day($0.heldOn) } ?? "",
            scale: ReflexISSGrid.scale.map { SelectOption(value: String($0.score), label: $0.label) })
        return try await req.renderPage("equity/overview", title: "RÉFLEX-ISS – \(contract.name)", content)
    }

    // MARK: - One session

    struct ElementView: Encodable {
        let code: String
        let label: String
        let question: String
        let score: String
        let scoreLabel: String
        let comment: String
        let change: String
        let options: [SelectOption]
    }

    struct StageView: Encodable {
        let code: String
        let label: String
        let mean: String
        let change: String
        let rated: String
        let elements: [ElementView]
    }

    struct SessionContent: Encodable {
        let contract: ContractSummaryView
        let tabs: [TabLink]
        let canEdit: Bool
        let sessionId: String
        let date: String
        let dateValue: String
        let participants: String
        let conclusions: String
        let previousDate: String
        let overall: String
        let stages: [StageView]
        let action: String
        let isNew: Bool
        let prefillNote: String
    }

    static func signed(_ value: Double?) -> String {
        guard let value else { return "" }
        if abs(value) < 0.05 { return "stable" }
        return (value > 0 ? "+" : "−") + FrenchFormat.number(abs(value), fractionDigits: 1)
    }

    func sessionContent(_ req: Request, contract: Contract, loaded: Loaded, session: ReflexSession?, isNew: Bool) -> SessionContent {
        let id = contract.id!
        // A new session starts from the last one's scores (not its comments), to discuss what changed.
        let source = session ?? loaded.sessions.last
        let scores = source.map(loaded.scores) ?? [:]
        let comments = session.map { (loaded.ratings[$0.id!] ?? [:]).mapValues(\.comment) } ?? [:]
        let previous = session.flatMap(loaded.previous(of:)) ?? (isNew ? loaded.sessions.last : nil)
        let previousScores = isNew ? nil : previous.map(loaded.scores)
        let summary = ReflexISSSummary(scores: scores, previous: previousScores)
        let stages = ReflexISSGrid.Stage.allCases.enumerated().map { index, stage in
            let line = summary.stages[index]
            return StageView(
                code: stage.rawValue, label: stage.label, mean: Self.mean(line.mean), change: Self.signed(line.change),
                rated: "\(line.ratedCount) élément\(line.ratedCount > 1 ? "s" : "") noté\(line.ratedCount > 1 ? "s" : "") sur \(line.elementCount)",
                elements: ReflexISSGrid.elements(of: stage).map { element in
                    let score = scores[element.code]
                    let change = ReflexISSSummary.change(of: element.code, scores: scores, previous: previousScores)
                    return ElementView(
                        code: element.code, label: element.label, question: element.question,
                        score: score.map(String.init) ?? "", scoreLabel: score.flatMap(ReflexISSGrid.scaleLabel) ?? "Non noté",
                        comment: comments[element.code] ?? "", change: change.map { Self.signed(Double($0)) } ?? "",
                        options: ReflexISSGrid.scale.map { SelectOption(value: String($0.score), label: "\($0.score) – \($0.label)", selected: $0.score == score) })
                })
        }
        return SessionContent(
            contract: ContractSummaryView(contract), tabs: ContractTab.links(for: id, current: .equity),
            canEdit: AccessPolicy.allows(req.subject, .editContract(contract.accessScope)),
            sessionId: session?.id?.uuidString ?? "", date: session.map { CodeLabels.day($0.heldOn) } ?? "",
            dateValue: session?.heldOn ?? req.today.iso, participants: session?.participants ?? "",
            conclusions: session?.conclusions ?? "", previousDate: previous.map { CodeLabels.day($0.heldOn) } ?? "",
            overall: Self.mean(summary.overallMean), stages: stages,
            action: session.map { "\(Self.base(id))/\($0.id!.uuidString)" } ?? Self.base(id), isNew: isNew,
            prefillNote: isNew && source != nil ? "Les notes de la séance du \(CodeLabels.day(source!.heldOn)) sont reprises : modifiez celles qui ont changé." : "")
    }

    /// The session named in the path, among the contract's own (another contract's is not found).
    func findSession(_ req: Request, loaded: Loaded) throws -> ReflexSession {
        guard let sessionId = req.parameters.get("sessionID", as: UUID.self),
              let session = loaded.sessions.first(where: { $0.id == sessionId }) else { throw WebError.notFound }
        return session
    }

    func show(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.viewContract)
        let loaded = try await Self.load(contractId: try contract.requireID(), on: req.db)
        let session = try findSession(req, loaded: loaded)
        return try await req.renderPage("equity/session", title: "RÉFLEX-ISS du \(CodeLabels.day(session.heldOn)) – \(contract.name)",
                                        sessionContent(req, contract: contract, loaded: loaded, session: session, isNew: false))
    }

    func newForm(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.editContract)
        let loaded = try await Self.load(contractId: try contract.requireID(), on: req.db)
        return try await req.renderPage("equity/form", title: "Nouvelle séance RÉFLEX-ISS – \(contract.name)",
                                        sessionContent(req, contract: contract, loaded: loaded, session: nil, isNew: true))
    }

    func editForm(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.editContract)
        let loaded = try await Self.load(contractId: try contract.requireID(), on: req.db)
        let session = try findSession(req, loaded: loaded)
        return try await req.renderPage("equity/form", title: "Modifier la séance RÉFLEX-ISS – \(contract.name)",
                                        sessionContent(req, contract: contract, loaded: loaded, session: session, isNew: false))
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
        guard let day = try req.day(form["heldOn"], label: "date de la séance") else {
            throw WebError.invalid("Indiquez la date de la séance.")
        }
        func text(_ key: String, label: String) throws -> String {
            let value = (form[key] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard value.count <= maximumText else {
                throw WebError.invalid("Le texte « \(label) » dépasse \(FrenchFormat.integer(maximumText)) caractères : raccourcissez-le.")
            }
            return value
        }
        var ratings: [String: (score: Int?, comment: String)] = [:]
        for element in ReflexISSGrid.elements {
            let raw = (form["score_\(element.code)"] ?? "").trimmingCharacters(in: .whitespaces)
            var score: Int?
            if !raw.isEmpty {
                guard let value = Int(raw), (0...4).contains(value) else {
                    throw WebError.invalid("La note de « \(element.code) \(element.label) » doit être comprise entre 0 et 4.")
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
        return req.redirect(to: "\(Self.base(id))/\(sessionId.uuidString)")
    }

    func update(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.editContract)
        let id = try contract.requireID()
        let loaded = try await Self.load(contractId: id, on: req.db)
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
        return req.redirect(to: "\(Self.base(id))/\(session.id!.uuidString)")
    }
}
