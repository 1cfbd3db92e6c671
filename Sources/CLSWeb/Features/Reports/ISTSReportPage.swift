import CLSCharts
import CLSCore
import CLSFormats
import CLSStore
import Fluent
import Vapor

/// The ISTS report of a scope (DOMAIN.md §5): for a contract, a department, a region or every
/// contract the user sees, computed live from the coded fiches actions — themes, determinants ×
/// strategies, approaches, aims, participation, sectors, publics — with the counting rules stated,
/// charts with their tables, a side-by-side comparison, and the rows of its exports.
struct ISTSReportPage: Encodable, BreadcrumbProviding {
    /// The page's and exports' query: `contrat` (or the API's `contracts`, comma-separated ids),
    /// `departement`, `region`; `comparer` = "region", "departement" or a contract id.
    struct Query: Content {
        var contrat: String?
        var contracts: String?
        var departement: String?
        var region: String?
        var comparer: String?
    }

    struct Computed {
        let title: String
        let contracts: [ISTSQueries.ContractLine]
        let report: ISTSReport
    }

    static func scope(_ query: Query) -> ISTSQueries.Scope {
        let ids = ([query.contrat] + (query.contracts ?? "").split(separator: ",").map(String.init))
            .compactMap { $0.flatMap { UUID(uuidString: $0.trimmingCharacters(in: .whitespaces)) } }
        let department = query.departement.flatMap { AdministrativeAreas.department($0)?.code }
        let region = department == nil ? query.region.flatMap { AdministrativeAreas.region($0)?.code } : nil
        return ISTSQueries.Scope(contractIds: ids, regionCode: region, departmentCode: department)
    }

    static func title(of scope: ISTSQueries.Scope, contracts: [ISTSQueries.ContractLine]) -> String {
        if !scope.contractIds.isEmpty {
            return contracts.count == 1 ? contracts[0].name : "\(contracts.count) contrats choisis"
        }
        if let department = scope.departmentCode { return AdministrativeAreas.department(department).map { "\($0.name) (\($0.code))" } ?? department }
        if let region = scope.regionCode { return AdministrativeAreas.region(region)?.name ?? region }
        return "Tous les contrats visibles"
    }

    static func compute(_ context: PageContext, scope: ISTSQueries.Scope) async throws -> Computed {
        let contracts = try await ISTSQueries.contracts(in: scope, visibleTo: context.subject, on: context.db)
        if !scope.contractIds.isEmpty, contracts.isEmpty { throw WebError.notFound }
        let actions = try await ISTSQueries.codedActions(contractIds: contracts.map(\.id), on: context.db)
        let themes = try await RegionalTheme.catalogue(regionCodes: Array(Set(contracts.map(\.regionCode))), on: context.db)
        return Computed(title: ISTSReportPage.title(of: scope, contracts: contracts), contracts: contracts,
                        report: ISTSReport.compute(actions, themes: themes))
    }

    /// The scope compared with the first: the region or department of the first scope, or another contract.
    static func comparison(_ context: PageContext, query: Query, first: Computed) async throws -> Computed? {
        guard let choice = query.comparer, !choice.isEmpty else { return nil }
        switch choice {
        case "region":
            guard let region = first.contracts.first?.regionCode else { return nil }
            return try await compute(context, scope: .init(regionCode: region))
        case "departement":
            guard let department = first.contracts.first?.departmentCode else { return nil }
            return try await compute(context, scope: .init(departmentCode: department))
        default:
            guard let id = UUID(uuidString: choice) else { return nil }
            return try await compute(context, scope: .init(contractIds: [id]))
        }
    }

    static func percent(_ value: Double) -> String { FrenchFormat.percent(value) }
    static func actions(_ count: Int) -> String { FrenchFormat.count(count, singular: "fiche action", plural: "fiches actions") }

    struct LineView: Encodable { let label: String; let count: Int; let percent: String; let otherCount: String; let otherPercent: String }
    struct CrossRowView: Encodable { let code: String; let label: String; let total: Int; let cells: [Int]; let subCells: [Int] }
    struct HeaderView: Encodable { let code: String; let label: String; let total: Int }
    struct TableView: Encodable { let title: String; let lines: [LineView] }


    static func lines(_ lines: [CountLine], other: [CountLine]?) -> [LineView] {
        var views = lines.map { line -> LineView in
            let match = other?.first { $0.code == line.code }
            return LineView(label: line.label, count: line.count, percent: percent(line.percent),
                            otherCount: other == nil ? "" : String(match?.count ?? 0), otherPercent: other == nil ? "" : percent(match?.percent ?? 0))
        }
        // Lines only the compared scope has.
        for line in other ?? [] where !lines.contains(where: { $0.code == line.code }) {
            views.append(LineView(label: line.label, count: 0, percent: percent(0), otherCount: String(line.count), otherPercent: percent(line.percent)))
        }
        return views
    }

    let title: String
    let otherTitle: String?
    let actionCount: Int
    /// "1 fiche action", "240 fiches actions".
    let actionsLabel: String
    let themeCodeCount: Int
    let themePercentTotal: String
    let otherActionsLabel: String
    let rules: [String]
    let themes: [LineView]
    let themeChart: String
    let columns: [HeaderView]
    let subColumns: [HeaderView]
    let rows: [CrossRowView]
    let livingConditions: String
    let careSystem: String
    let otherLivingConditions: String
    let otherCareSystem: String
    let notCoded: Int
    let tables: [TableView]
    let contracts: [LinkLine]
    let regionOptions: OptionList
    let departmentOptions: OptionList
    let contractOptions: OptionList
    let compareOptions: OptionList
    let csvHref: String
    let workbookHref: String
    let formAction = SitePath.istsReport.href
    let breadcrumb: [Breadcrumb]

    static func load(_ query: Query, _ context: PageContext) async throws -> (title: String, content: ISTSReportPage) {
        let scope = ISTSReportPage.scope(query)
        let first = try await compute(context, scope: scope)
        let other = try await comparison(context, query: query, first: first)
        let report = first.report
        let table = report.crossTable
        let subCodes = table.subColumns.map(\.code)
        let visible = try await ContractQueries.listings(ContractFilter(pageSize: 2_000), visibleTo: context.subject, on: context.db).contracts
        let exportQuery: [(String, String?)] = [("contrat", query.contrat), ("departement", scope.departmentCode), ("region", scope.regionCode)]
            .map { name, value in (name, value.flatMap { $0.isEmpty ? nil : $0 }) }
        let content = ISTSReportPage(
            title: first.title, otherTitle: other?.title,
            actionCount: report.actionCount, actionsLabel: ISTSReportPage.actions(report.actionCount), themeCodeCount: report.themeCodeCount, themePercentTotal: ISTSReportPage.percent(report.themePercentTotal),
            otherActionsLabel: other.map { ISTSReportPage.actions($0.report.actionCount) } ?? "",
            rules: ISTSReport.countingRules,
            themes: ISTSReportPage.lines(report.themes, other: other?.report.themes),
            themeChart: report.themes.isEmpty ? "" : HorizontalBarChart(title: "Part des actions par thème (%)",
                                                                        bars: report.themes.map { .init(label: $0.label, value: ($0.percent * 10).rounded() / 10) }).svg(),
            columns: table.columns.map { HeaderView(code: $0.code, label: $0.label, total: $0.total) },
            subColumns: table.subColumns.map { HeaderView(code: $0.code, label: $0.label, total: $0.total) },
            rows: table.rows.map { row in
                CrossRowView(code: row.code, label: row.label, total: row.total,
                             cells: table.columns.map { row.cells[$0.code] ?? 0 }, subCells: subCodes.map { row.subCells[$0] ?? 0 })
            },
            livingConditions: ISTSReportPage.percent(report.livingConditionsShare), careSystem: ISTSReportPage.percent(report.careSystemShare),
            otherLivingConditions: other.map { ISTSReportPage.percent($0.report.livingConditionsShare) } ?? "",
            otherCareSystem: other.map { ISTSReportPage.percent($0.report.careSystemShare) } ?? "",
            notCoded: report.notCodedDeterminants,
            tables: [TableView(title: "Approche", lines: ISTSReportPage.lines(report.approaches, other: other?.report.approaches)),
                     TableView(title: "Visée ISTS", lines: ISTSReportPage.lines(report.aims, other: other?.report.aims)),
                     TableView(title: "Participation des habitants", lines: ISTSReportPage.lines(report.participation, other: other?.report.participation)),
                     TableView(title: "Secteurs impliqués", lines: ISTSReportPage.lines(report.sectors, other: other?.report.sectors)),
                     TableView(title: "Publics", lines: ISTSReportPage.lines(report.publics, other: other?.report.publics))],
            contracts: first.contracts.map { LinkLine(href: SitePath.contract($0.id).href, label: $0.name, detail: $0.departmentCode) },
            regionOptions: Options.regions(selected: scope.regionCode),
            departmentOptions: Options.departments(selected: scope.departmentCode),
            contractOptions: OptionList(visible.map { SelectOption(value: $0.id?.uuidString ?? "", label: $0.name, selected: $0.id?.uuidString == query.contrat) }),
            compareOptions: OptionList([SelectOption(value: "region", label: "sa région", selected: query.comparer == "region"),
                                        SelectOption(value: "departement", label: "son département", selected: query.comparer == "departement")]
                + visible.map { SelectOption(value: $0.id?.uuidString ?? "", label: $0.name, selected: $0.id?.uuidString == query.comparer) }),
            csvHref: SitePath.istsReportCSV.href(query: exportQuery), workbookHref: SitePath.istsReportWorkbook.href(query: exportQuery),
            breadcrumb: [])
        return ("Profil ISTS – \(first.title)", content)
    }

    /// Every table of the report, as rows (title line, then label / count / percent).
    static func rows(_ computed: Computed) -> [[String]] {
        let report = computed.report
        var rows: [[String]] = [["Profil ISTS", computed.title], ["Actions", String(report.actionCount)],
                                ["Codes thématiques", String(report.themeCodeCount)], []]
        func section(_ title: String, _ lines: [CountLine]) {
            rows.append([title, "Actions", "% des actions"])
            for line in lines { rows.append([line.label, String(line.count), FrenchFormat.number(line.percent)]) }
            rows.append([])
        }
        section("Thème", report.themes)
        // Each strategy by its code and its words: the code alone means nothing to a reader.
        rows.append(["Déterminant \\ Stratégie"] + report.crossTable.columns.map { "\($0.code) \($0.label)" } + ["Total"]
                    + report.crossTable.subColumns.map { "\($0.code) \($0.label)" })
        for row in report.crossTable.rows {
            rows.append(["\(row.code) \(row.label)"] + report.crossTable.columns.map { String(row.cells[$0.code] ?? 0) } + [String(row.total)]
                        + report.crossTable.subColumns.map { String(row.subCells[$0.code] ?? 0) })
        }
        rows.append(["Total"] + report.crossTable.columns.map { String($0.total) } + [String(report.actionCount)]
                    + report.crossTable.subColumns.map { String($0.total) })
        rows.append([])
        section("Approche", report.approaches)
        section("Visée ISTS", report.aims)
        section("Participation", report.participation)
        section("Secteurs", report.sectors)
        section("Publics", report.publics)
        rows.append(["Part des actions sur les conditions de vie (D2)", FrenchFormat.number(report.livingConditionsShare)])
        rows.append(["Part des actions sur le système de soins (D5)", FrenchFormat.number(report.careSystemShare)])
        return rows
    }

    /// The report as a workbook: a summary, then one sheet per table.
    static func workbook(_ computed: Computed) throws -> Data {
        let report = computed.report
        func sheet(_ name: String, _ header: [String], _ lines: [CountLine]) -> XLSXWriter.Sheet {
            var sheet = XLSXWriter.Sheet(name: name, headerRowCount: 1, frozenRowCount: 1, columnWidths: [0: 50])
            sheet.append(texts: header)
            for line in lines { sheet.append([.text(line.label), .number(Double(line.count)), .number(line.percent)]) }
            return sheet
        }
        var summary = XLSXWriter.Sheet(name: "Synthèse", columnWidths: [0: 50, 1: 40])
        summary.append(texts: ["Profil ISTS", computed.title])
        summary.append([.text("Actions"), .number(Double(report.actionCount))])
        summary.append([.text("Codes thématiques"), .number(Double(report.themeCodeCount))])
        summary.append([.text("Part des actions sur les conditions de vie (D2), %"), .number(report.livingConditionsShare)])
        summary.append([.text("Part des actions sur le système de soins (D5), %"), .number(report.careSystemShare)])
        for rule in ISTSReport.countingRules { summary.append(texts: ["Règle de calcul", rule]) }
        var cross = XLSXWriter.Sheet(name: "Déterminants × stratégies", headerRowCount: 1, frozenRowCount: 1, frozenColumnCount: 1, columnWidths: [0: 40])
        cross.append(texts: ["Déterminant \\ Stratégie"] + report.crossTable.columns.map { "\($0.code) \($0.label)" } + ["Total"]
                     + report.crossTable.subColumns.map { "\($0.code) \($0.label)" })
        for row in report.crossTable.rows {
            cross.append([.text("\(row.code) \(row.label)")] + report.crossTable.columns.map { .number(Double(row.cells[$0.code] ?? 0)) }
                         + [.number(Double(row.total))] + report.crossTable.subColumns.map { .number(Double(row.subCells[$0.code] ?? 0)) })
        }
        cross.append([.text("Total")] + report.crossTable.columns.map { .number(Double($0.total)) } + [.number(Double(report.actionCount))]
                     + report.crossTable.subColumns.map { .number(Double($0.total)) })
        let header = ["", "Actions", "% des actions"]
        let data = try XLSXWriter(sheets: [summary, sheet("Thèmes", ["Thème"] + header.dropFirst(), report.themes), cross,
                                           sheet("Approches", ["Approche"] + header.dropFirst(), report.approaches),
                                           sheet("Visées", ["Visée ISTS"] + header.dropFirst(), report.aims),
                                           sheet("Participation", ["Participation"] + header.dropFirst(), report.participation),
                                           sheet("Secteurs", ["Secteur"] + header.dropFirst(), report.sectors),
                                           sheet("Publics", ["Public"] + header.dropFirst(), report.publics)]).data()
        return data
    }
}
