import CLSCore
import CLSStore
import Fluent
import Vapor

/// JSON API of the contract's documents: `GET /api/v1/contracts/{id}/amendments` (signed versions
/// and amendments with their changes), `/evaluation` (the final evaluation and its evidence) and
/// `/documents` (every document, generated and deposited). Same access rules as the pages.
struct DocumentsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.api(.contract(.key, .amendments)), use: amendments)
        routes.get(.api(.contract(.key, .evaluation)), use: evaluation)
        routes.get(.api(.contract(.key, .documents)), use: documents)
    }

    struct VersionJSON: Content {
        let number: Int
        let label: String
        let effectiveOn: String
        let document: String
    }

    struct ChangeJSON: Content {
        let subject: String
        let subjectLabel: String
        let kind: String
        let kindLabel: String
        let name: String
        let sentence: String
        let details: [String]
    }

    struct AmendmentJSON: Content {
        let number: Int
        let title: String
        let text: String
        let state: String
        let stateLabel: String
        let draftedOn: String
        let signedOn: String?
        let signedBy: [String]
        let baseVersion: Int
        let changes: [ChangeJSON]
        let document: String
    }

    struct AmendmentsJSON: Content {
        let versions: [VersionJSON]
        let amendments: [AmendmentJSON]
    }

    func amendments(req: Request) async throws -> AmendmentsJSON {
        let contract = try await req.contract(requiring: Permission.viewContract)
        let id = try contract.requireID()
        let versions = try await ContractVersions.list(contractId: id, on: req.db)
        var amendments: [AmendmentJSON] = []
        for amendment in try await Amendments.list(contractId: id, on: req.db) {
            let changes = try await Amendments.changes(of: amendment, contract: contract, on: req.db)
            amendments.append(AmendmentJSON(
                number: amendment.number, title: amendment.title, text: amendment.text, state: amendment.state,
                stateLabel: amendment.amendmentState.label, draftedOn: amendment.draftedOn, signedOn: amendment.signedOn,
                signedBy: amendment.signers, baseVersion: amendment.baseVersion,
                changes: changes.map { ChangeJSON(subject: $0.subject.rawValue, subjectLabel: $0.subject.heading, kind: $0.kind.rawValue,
                                                  kindLabel: $0.kind.label, name: $0.name, sentence: $0.sentence, details: $0.details) },
                document: SitePath.contract(id, .amendment(amendment.number, .document)).href))
        }
        return AmendmentsJSON(
            versions: versions.map { VersionJSON(number: $0.number, label: $0.label, effectiveOn: $0.effectiveOn,
                                                 document: SitePath.contract(id, .version($0.number, .document)).href) },
            amendments: amendments)
    }

    struct CellJSON: Content {
        let text: String
        let number: Double?
    }

    struct LineJSON: Content {
        let label: String
        let value: CellJSON
    }

    struct TableJSON: Content {
        let title: String
        let header: [String]
        let rows: [[CellJSON]]
    }

    struct QuestionJSON: Content {
        let purpose: String
        let purposeLabel: String
        let question: String
        let findings: String
        let recommendations: [String]
    }

    struct EvidenceJSON: Content {
        let day: String
        let isFrozen: Bool
        let actions: [LineJSON]
        let lateActions: [String]
        let abandonedActions: [String]
        let ists: [LineJSON]
        let governance: [LineJSON]
        let tables: [TableJSON]
    }

    struct EvaluationJSON: Content {
        let evaluator: String
        let method: String
        let startsOn: String?
        let endsOn: String?
        let evidenceOn: String?
        let questions: [QuestionJSON]
        let evidence: EvidenceJSON
    }

    func evaluation(req: Request) async throws -> EvaluationJSON {
        let contract = try await req.contract(requiring: Permission.viewContract)
        let id = try contract.requireID()
        let record = try await FinalEvaluations.find(contractId: id, on: req.db)
        let report = try await FinalEvaluations.report(of: contract, today: req.today, on: req.db)
        func cell(_ cell: EvaluationEvidence.Cell) -> CellJSON { CellJSON(text: cell.text, number: cell.number) }
        func lines(_ lines: [EvaluationEvidence.Line]) -> [LineJSON] { lines.map { LineJSON(label: $0.label, value: cell($0.value)) } }
        let evidence = report.evidence
        return EvaluationJSON(
            evaluator: report.evaluator, method: report.method, startsOn: record?.startsOn, endsOn: record?.endsOn, evidenceOn: record?.evidenceOn,
            questions: report.questions.map { question in
                QuestionJSON(purpose: question.purpose.rawValue, purposeLabel: question.purpose.label, question: question.question,
                             findings: question.findings,
                             recommendations: question.recommendations.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
            },
            evidence: EvidenceJSON(day: evidence.day, isFrozen: report.evidenceIsFrozen, actions: lines(evidence.actions),
                                   lateActions: evidence.lateActions, abandonedActions: evidence.abandonedActions, ists: lines(evidence.ists),
                                   governance: lines(evidence.governance),
                                   tables: evidence.tables.map { TableJSON(title: $0.title, header: $0.header, rows: $0.rows.map { $0.map(cell) }) }))
    }

    struct GeneratedJSON: Content {
        let kind: String
        let label: String
        let detail: String
        let href: String
    }

    struct DepositedJSON: Content {
        let kind: String
        let kindLabel: String
        let title: String
        let version: Int
        let filename: String
        let size: Int
        let uploadedBy: String
        let uploadedAt: Date?
        let href: String
    }

    struct DocumentsJSON: Content {
        let contract: String
        let generated: [GeneratedJSON]
        let deposited: [DepositedJSON]
    }

    func documents(req: Request) async throws -> DocumentsJSON {
        let contract = try await req.contract(requiring: Permission.viewContract)
        let id = try contract.requireID()
        let generated = try await GeneratedDocument.load(contract, on: req.db)
        let deposited = try await ContractFiles.list(contractId: id, on: req.db).flatMap { series in
            try series.versions.map { file in
                DepositedJSON(kind: file.kind, kindLabel: series.kind.label, title: file.title, version: file.version, filename: file.filename,
                              size: file.size, uploadedBy: file.uploadedBy, uploadedAt: file.createdAt,
                              href: SitePath.contract(id, .documentFile(try file.requireID())).href)
            }
        }
        return DocumentsJSON(contract: SitePath.contract(id, .contractDocument).href,
                             generated: generated.map { GeneratedJSON(kind: $0.kind, label: $0.label, detail: $0.detail, href: $0.href) },
                             deposited: deposited)
    }
}
