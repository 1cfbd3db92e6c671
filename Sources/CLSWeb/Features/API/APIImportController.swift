import CLSCore
import CLSFormats
import CLSStore
import Vapor

/// `POST /api/v1/contracts/{id}/imports/plan`: the body is the .xlsx workbook. Without
/// `?commit=true` it answers the preview (counts and issues) and changes nothing; with it, it
/// imports all or nothing (refused with 422 when the workbook has errors or no action), added to
/// the programme or, with `&replace=true`, replacing it.
struct APIImportController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.post(.api(.contract(.key, .importPlan)), body: .collect(maxSize: PlanImportController.maxUpload), use: importPlan)
    }

    struct IssueJSON: Content {
        let severity: String
        let sheet: String
        let row: Int?
        let column: String?
        let value: String?
        let message: String
    }

    struct ImportJSON: Content {
        let committed: Bool
        let sheet: String
        let sections: Int
        let actions: Int
        let subActions: Int
        /// The columns nothing reads, as "AC (Mesures liées)".
        let unreadColumns: [String]
        let issues: [IssueJSON]
    }

    struct ImportQuery: Content {
        var commit: Bool?
        /// Replaces the programme instead of adding to it (refused once a year is locked).
        var replace: Bool?
    }

    func importPlan(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.editProgramme)
        guard let body = req.body.data, body.readableBytes > 0 else {
            throw WebError.invalid("Envoyez le classeur .xlsx dans le corps de la requête.")
        }
        let result: PlanReadResult
        let themes = try await RegionalTheme.catalogue(regionCode: contract.regionCode, on: req.db)
        switch try await PlanImportOperation.read(Data(buffer: body), themes: themes, on: req.application.threadPool) {
        case .failure(let message): throw WebError.invalid(message)
        case .success(let read): result = read
        }
        let query = try? req.query.decode(ImportQuery.self)
        let commit = query?.commit ?? false
        var issues = result.issues.map {
            IssueJSON(severity: $0.severity.rawValue, sheet: $0.sheet, row: $0.row, column: $0.column, value: $0.value, message: $0.message)
        }
        let empty = PlanImportOperation.emptyPlanMessage(result)
        if let empty { issues.append(IssueJSON(severity: PlanIssue.Severity.error.rawValue, sheet: result.sheetName, row: nil, column: nil, value: nil, message: empty)) }
        var committed = false
        if commit && !result.hasErrors && empty == nil {
            _ = try await PlanImporter.apply(result.document, to: contract, mode: query?.replace == true ? .replace : .add,
                                             using: req.backgroundMutations)
            committed = true
        }
        let json = ImportJSON(committed: committed, sheet: result.sheetName, sections: result.document.sectionCount,
                              actions: result.document.actionCount, subActions: result.document.subActionCount,
                              unreadColumns: result.unreadColumns, issues: issues)
        let response = try await json.encodeResponse(for: req)
        if commit && !committed { response.status = .unprocessableEntity }
        return response
    }
}
