import CLSCore
import CLSFormats
import CLSStore
import Fluent
import Vapor

/// The consolidated yearly report, one document for all signatories: a printable page, a Word
/// document and a workbook.
struct ReviewReportController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.contract(.key, .review(.key, .report)), use: page)
        routes.get(.contract(.key, .review(.key, .reportWorkbook)), use: workbook)
        routes.get(.contract(.key, .review(.key, .reportDocument)), use: document)
    }

    func document(req: Request) async throws -> Response {
        let (contract, report) = try await load(req)
        let data = try DOCXWriter.write(ReviewReportDocument.document(report, contractName: contract.name))
        return DocumentsController.word(data, filename: "bilan-\(report.year).docx")
    }

    func load(_ req: Request) async throws -> (Contract, ReviewReport) {
        let contract = try await req.contract(requiring: Permission.viewContract)
        guard let year = req.parameters.get("year", as: Int.self),
              let review = try await AnnualReviews.find(contractId: contract.requireID(), year: year, on: req.db) else {
            throw WebError.notFound
        }
        return (contract, try await ReviewReport.load(review: review, on: req.db))
    }

    func page(req: Request) async throws -> Response {
        let (contract, report) = try await load(req)
        return try await req.renderPage("reviews/report", title: "Rapport annuel \(report.year) – \(contract.name)",
                                        try ReviewReportPage.make(contract, report))
    }

    /// The same report as a workbook: a summary, the actions, the indicators and the finances.
    func workbook(req: Request) async throws -> Response {
        let (contract, report) = try await load(req)
        var summary = XLSXWriter.Sheet(name: "Synthèse", headerRowCount: 1, columnWidths: [0: 40, 1: 60])
        summary.append(texts: ["Rapport annuel consolidé", contract.name])
        summary.append(texts: ["Année", String(report.year)])
        summary.append(texts: ["État du bilan", ReviewState(rawValue: report.state)?.label ?? report.state])
        summary.append(texts: ["Vérifié en COTECH le", report.cotechOn.map { CodeLabels.day($0) } ?? ""])
        summary.append(texts: ["Approuvé en COPIL le", report.copilOn.map { CodeLabels.day($0) } ?? ""])
        summary.append(texts: ["Commentaire de la coordination", report.consolidationComment])
        summary.append([.text("Budget prévu (€)"), .number(report.plannedTotal)])
        summary.append([.text("Budget réalisé (€)"), .number(report.actualTotal)])

        var actions = XLSXWriter.Sheet(name: "Actions", headerRowCount: 1, frozenRowCount: 1, columnWidths: [0: 30, 1: 40, 2: 25, 3: 15, 4: 60])
        actions.append(texts: ["Axe", "Fiche action", "Pilote", "Statut", "Commentaire du pilote", "Prévu (€)", "Réalisé (€)"])
        var indicators = XLSXWriter.Sheet(name: "Indicateurs", headerRowCount: 1, frozenRowCount: 1, columnWidths: [0: 40, 1: 40])
        indicators.append(texts: ["Fiche action", "Indicateur", "Unité", "Réalisé \(report.year - 1)", "Cible \(report.year)", "Réalisé \(report.year)", "Appréciation"])
        func number(_ value: Double?) -> XLSXCell? { value.map { .number($0) } }
        for axis in report.axes {
            for action in axis.actions {
                actions.append([.text(axis.title), .text(action.title), .text(action.pilot), .text(CodeLabels.status(action.reportedStatus)),
                                action.comment.isEmpty ? nil : .text(action.comment), .number(action.planned), .number(action.actual)])
                for line in action.indicators {
                    indicators.append([.text(action.title), .text(line.name), line.unit.isEmpty ? nil : .text(line.unit),
                                       number(line.previous), number(line.target), number(line.actual), .text(ReviewReportPage.verdict(line))])
                }
            }
        }
        var finances = XLSXWriter.Sheet(name: "Finances", headerRowCount: 1, frozenRowCount: 1, columnWidths: [0: 40])
        finances.append(texts: ["Financeur", "Prévu (€)", "Réalisé (€)"])
        for line in report.funders { finances.append([.text(line.funder), .number(line.planned), .number(line.actual)]) }
        finances.append([.text("Total"), .number(report.plannedTotal), .number(report.actualTotal)])
        if !report.coordinationFunding.isEmpty {
            finances.append([])
            finances.append(texts: ["Financement de la coordination", "Montant (€)"])
            for line in report.coordinationFunding { finances.append([.text(line.funder), .number(line.actual)]) }
        }
        var governance = XLSXWriter.Sheet(name: "Gouvernance", headerRowCount: 1, columnWidths: [0: 40])
        governance.append(texts: ["Instance", "Réunions tenues", "avec compte rendu", "Décisions"])
        for body in report.governance {
            governance.append([.text(body.body), .number(Double(body.meetingsHeld)), .number(Double(body.withMinutes)), .number(Double(body.decisions))])
        }
        let data = try XLSXWriter(sheets: [summary, actions, indicators, finances, governance]).data()
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.replaceOrAdd(name: .contentType, value: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        response.headers.contentDisposition = .init(.attachment, filename: "bilan-\(report.year).xlsx")
        return response
    }
}
