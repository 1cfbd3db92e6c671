import CLSCharts
import CLSCore
import CLSFormats
import CLSStore
import Fluent
import Vapor

/// The ISTS reports (DOMAIN.md §5): for a contract, a department, a region or every contract the
/// user sees, computed live from the coded fiches actions — themes, determinants × strategies,
/// approaches, aims, participation, sectors, publics — with the counting rules stated, charts with
/// their tables, CSV and XLSX exports, a side-by-side comparison, and the JSON API.
struct ISTSReportController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.istsReport, use: page)
        routes.get(.istsReportCSV, use: csv)
        routes.get(.istsReportWorkbook, use: workbook)
        routes.get(.api(.istsReport), use: api)
    }

    typealias Query = ISTSReportPage.Query

    func compute(_ req: Request) async throws -> ISTSReportPage.Computed {
        try req.require(.useWorkspace)
        return try await ISTSReportPage.compute(req.pageContext, scope: ISTSReportPage.scope(try req.query.decode(Query.self)))
    }

    func page(req: Request) async throws -> Response {
        // Checked before the kept page is looked up, not only when it is computed.
        try req.require(.useWorkspace)
        let query = try req.query.decode(Query.self)
        // Computed once per query, set of grants and state of the data (`RegionalPageCache`).
        let key = [query.region, query.departement, query.contrat, query.contracts, query.comparer].map { $0 ?? "" }.joined(separator: "&")
        return try await req.renderRegionalPage("reports/ists-content", key: key) { try await ISTSReportPage.load(query, req.pageContext) }
    }

    func csv(req: Request) async throws -> Response {
        let computed = try await compute(req)
        var writer = CSVWriter()
        for row in ISTSReportPage.rows(computed) { writer.append(row) }
        let response = Response(status: .ok, body: .init(data: writer.data))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        response.headers.contentDisposition = .init(.attachment, filename: "profil-ists.csv")
        return response
    }

    func workbook(req: Request) async throws -> Response {
        let data = try ISTSReportPage.workbook(try await compute(req))
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.replaceOrAdd(name: .contentType, value: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        response.headers.contentDisposition = .init(.attachment, filename: "profil-ists.xlsx")
        return response
    }

    struct APIResponse: Content {
        let scope: String
        let contracts: [UUID]
        let report: ISTSReport
    }

    /// `GET /api/v1/reports/ists?contracts=…|departement=…|region=…`.
    func api(req: Request) async throws -> Response {
        let computed = try await compute(req)
        // The report's own keys at the top level (actionCount, themes, crossTable…), with the scope.
        var object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(computed.report)) as? [String: Any] ?? [:]
        object["scope"] = computed.title
        object["contracts"] = computed.contracts.map(\.id.uuidString)
        let response = Response(status: .ok, body: .init(data: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])))
        response.headers.contentType = .json
        return response
    }
}
