import CLSCharts
import CLSCore
import CLSStore
import Foundation

/// The Diagnostic tab: the indicators of the contract's perimeter, each with its interval, its
/// count, and its verdict against the department, the region and France (colour and words), the
/// method written under the table.
struct DiagnosisPage: Encodable, ContractPageContent {
    let shell: ContractShell
    let hasPerimeter: Bool
    let perimeter: String
    /// The perimeter's table, then the department's indicators the perimeter has none of.
    let indicatorTables: [IndicatorTable]
    let hasIndicators: Bool
    let methods: [String]
    let sources: [String]
    let perimeterPage: String
    let exportSpreadsheet: String
    let exportCSV: String
    /// The spine chart (SVG), empty when no indicator has a regional range to draw.
    let spine: String
    let work: DiagnosisWorkView

    static func load(_ contract: Contract, _ context: PageContext) async throws -> DiagnosisPage {
        let id = try contract.requireID()
        let diagnosis = try await PerimeterDiagnosis.load(contract, on: context.db)
        let departmentName = AdministrativeAreas.department(contract.departmentCode)?.name ?? "Département"
        let regionName = AdministrativeAreas.region(contract.regionCode)?.name ?? "Région"
        var tables: [IndicatorTable] = []
        if let diagnosis, !diagnosis.lines.isEmpty {
            tables.append(IndicatorTable(
                id: "indicateurs-perimetre", title: "Le périmètre",
                intro: "Les indicateurs du périmètre \(diagnosis.perimeterLabel), comparés à ceux de \(departmentName), de la région \(regionName) et de la France. Un écart est dit significatif quand l'intervalle de confiance du périmètre ne contient pas la valeur comparée.",
                diagnosis: diagnosis.perimeter, benchmarks: [(.department, departmentName), (.region, regionName), (.france, "France")]))
        }
        if let diagnosis, !diagnosis.department.lines.isEmpty {
            tables.append(IndicatorTable(
                id: "indicateurs-departement", title: "Le département",
                intro: "Ces indicateurs ne sont publiés que par département : ceux de \(departmentName), comparés à la région \(regionName) et à la France.",
                diagnosis: diagnosis.department, benchmarks: [(.region, regionName), (.france, "France")]))
        }
        let latest = diagnosis?.perimeter.latest ?? []
        let spineRows: [SpineChart.Row] = latest.compactMap { line in
            guard !line.area.isSuppressed, let value = line.area.estimate?.value,
                  let region = line.benchmarks.first(where: { $0.figure.level == .region }), let benchmark = region.figure.estimate?.value,
                  line.regionalDepartments.count >= 2 else { return nil }
            return SpineChart.Row(label: "\(line.indicator.label) (\(line.period))", value: value, benchmark: benchmark,
                                  comparables: line.regionalDepartments, verdict: region.verdict, polarity: line.indicator.indicatorPolarity)
        }
        let indicators = (diagnosis?.perimeter.latest ?? []).map(\.indicator) + (diagnosis?.department.latest ?? []).map(\.indicator)
        let methods = Array(Set(indicators.map(\.indicatorMethod))).sorted { $0.rawValue < $1.rawValue }.map { "\($0.label) : \($0.intervalMethod)." }
        return DiagnosisPage(
            shell: ContractShell(contract, tab: .diagnosis),
            hasPerimeter: diagnosis != nil, perimeter: diagnosis.map { "\($0.perimeterLabel) (\(FrenchFormat.count($0.communeCount, singular: "commune", plural: "communes")))" } ?? "",
            indicatorTables: tables, hasIndicators: !tables.isEmpty,
            methods: methods, sources: Array(Set(indicators.map(\.source))).sorted(),
            perimeterPage: SitePath.contract(id, .perimeter).href,
            exportSpreadsheet: SitePath.contract(id, .diagnosis(.spreadsheet)).href,
            exportCSV: SitePath.contract(id, .diagnosis(.csv)).href,
            spine: spineRows.isEmpty ? "" : SpineChart(title: "Le périmètre face à la région et à ses départements", rows: spineRows).svg(),
            work: try await DiagnosisWorkView.load(contract, context))
    }
}
