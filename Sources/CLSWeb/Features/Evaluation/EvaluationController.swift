import CLSCore
import CLSFormats
import CLSStore
import Fluent
import Vapor

/// The final evaluation: its page, its frame, its questions, the evidence frozen on a day, and
/// the report as a Word document and the evidence as a workbook.
struct EvaluationController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.contract(.key, .evaluation(.page)), use: page)
        routes.post(.contract(.key, .evaluation(.frame)), use: saveFrame, refusedOn: page)
        routes.post(.contract(.key, .evaluation(.evidence)), use: freeze, refusedOn: page)
        routes.post(.contract(.key, .evaluation(.questions)), use: addQuestion, refusedOn: page)
        routes.post(.contract(.key, .evaluation(.question(.key))), use: answer, refusedOn: page)
        routes.post(.contract(.key, .evaluation(.deleteQuestion(.key))), use: deleteQuestion, refusedOn: page)
        routes.get(.contract(.key, .evaluation(.document)), use: document)
        routes.get(.contract(.key, .evaluation(.workbook)), use: workbook)
    }

    struct FrameForm: Content {
        var evaluator: String?
        var method: String?
        var startsOn: String?
        var endsOn: String?
    }

    struct QuestionForm: Content {
        var purpose: String?
        var question: String?
        var findings: String?
        var recommendations: String?
    }

    struct FreezeForm: Content {
        var day: String?
    }

    func page(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.viewContract)
        return try await req.renderPage("evaluation/index", title: "Évaluation finale – \(contract.name)",
                                        try await EvaluationPage.load(contract, req.pageContext))
    }

    func saveFrame(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.editContract)
        let form = try req.content.decode(FrameForm.self)
        let evaluator = try Self.line(form.evaluator, field: "evaluator", label: "Évaluateur")
        let method = try Self.text(form.method, field: "method", label: "Méthode")
        let startsOn = try FormValue.day(form.startsOn, field: "startsOn", label: "début de l'évaluation")
        let endsOn = try FormValue.day(form.endsOn, field: "endsOn", label: "fin de l'évaluation")
        let changed = try await FinalEvaluations.saveFrame(of: contract, evaluator: evaluator, method: method, startsOn: startsOn, endsOn: endsOn,
                                                           using: req.mutations)
        req.flash(changed ? .success : .info, changed ? "Cadre de l'évaluation enregistré." : "Aucune modification à enregistrer.")
        return req.redirect(to: .contract(try contract.requireID(), .evaluation(.page)))
    }

    func freeze(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.editContract)
        let form = try req.content.decode(FreezeForm.self)
        let day = try FormValue.day(form.day, field: "day", label: "date d'arrêt des données") ?? req.today
        guard day <= req.today else { throw WebError.invalid("Les données ne peuvent être arrêtées à une date future.", field: "day") }
        try await FinalEvaluations.freezeEvidence(of: contract, on: day, using: req.mutations)
        req.flash(.success, "Éléments de preuve arrêtés au \(FrenchFormat.date(day)).")
        return req.redirect(to: .contract(try contract.requireID(), .evaluation(.page)), fragment: "preuves-titre")
    }

    func addQuestion(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.editContract)
        let form = try req.content.decode(QuestionForm.self)
        guard let purpose = form.purpose.flatMap(EvaluationPurpose.init(rawValue:)) else {
            throw WebError.invalid("Choisissez la finalité de la question.", field: "purpose")
        }
        let question = try Self.text(form.question, field: "question", label: "Question")
        try await FinalEvaluations.addQuestion(to: contract, purpose: purpose, question: question, using: req.mutations)
        req.flash(.success, "Question évaluative ajoutée.")
        return req.redirect(to: .contract(try contract.requireID(), .evaluation(.page)), fragment: "finalite-\(purpose.rawValue)")
    }

    func answer(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.editContract)
        let question = try await self.question(of: contract, req)
        let form = try req.content.decode(QuestionForm.self)
        let asked = try Self.text(form.question, field: "question", label: "Question")
        let changed = try await FinalEvaluations.answer(question, of: contract, question: asked,
                                                        findings: try Self.text(form.findings, field: "findings", label: "Constats"),
                                                        recommendations: try Self.text(form.recommendations, field: "recommendations", label: "Recommandations"),
                                                        using: req.mutations)
        req.flash(changed ? .success : .info, changed ? "Question, constats et recommandations enregistrés." : "Aucune modification à enregistrer.")
        return req.redirect(to: .contract(try contract.requireID(), .evaluation(.page)), fragment: "finalite-\(question.purpose)")
    }

    func deleteQuestion(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.editContract)
        let question = try await self.question(of: contract, req)
        try await FinalEvaluations.remove(question, of: contract, using: req.mutations)
        req.flash(.success, "Question évaluative retirée.")
        return req.redirect(to: .contract(try contract.requireID(), .evaluation(.page)))
    }

    func document(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.viewContract)
        let report = try await FinalEvaluations.report(of: contract, today: req.today, on: req.db)
        return DocumentsController.word(try EvaluationDocumentWriter.write(report),
                                        filename: "evaluation-\(PlanImportController.slug(contract.name)).docx")
    }

    func workbook(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.viewContract)
        let report = try await FinalEvaluations.report(of: contract, today: req.today, on: req.db)
        let response = Response(status: .ok, body: .init(data: try EvaluationWorkbook.write(report)))
        response.headers.replaceOrAdd(name: .contentType, value: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        response.headers.contentDisposition = .init(.attachment, filename: "evaluation-preuves-\(PlanImportController.slug(contract.name)).xlsx")
        return response
    }

    private func question(of contract: Contract, _ req: Request) async throws -> EvaluationQuestion {
        guard let id = req.parameters.get("questionID", as: UUID.self),
              let question = try await EvaluationQuestion.find(id, on: req.db), question.contractId == contract.id else { throw WebError.notFound }
        return question
    }

    private static func line(_ text: String?, field: String, label: String) throws -> String {
        let value = (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard value.count <= TextLimits.line else {
            throw WebError.invalid("Le champ « \(label) » dépasse \(FrenchFormat.count(TextLimits.line, singular: "caractère", plural: "caractères")) : raccourcissez-le.", field: field)
        }
        return value
    }

    private static func text(_ text: String?, field: String, label: String) throws -> String {
        let value = (text ?? "").replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        guard value.count <= TextLimits.longText else {
            throw WebError.invalid("Le champ « \(label) » dépasse \(FrenchFormat.count(TextLimits.longText, singular: "caractère", plural: "caractères")) : raccourcissez-le.", field: field)
        }
        return value
    }
}
