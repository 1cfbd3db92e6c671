import CLSCore
import FluentKit
import Foundation

/// The diagnosis figures of a contract: its perimeter's indicators (an EPCI's own values when an
/// observatory gives them, else its communes' sums) against its department, its region and
/// France; and the indicators published only for departments (suicides, vaccination…), its
/// department's against the region and France.
public struct PerimeterDiagnosis: Sendable {
    public let perimeterLabel: String
    public let communeCount: Int
    public let perimeter: AreaDiagnosis
    /// The department's figures for the indicators the perimeter has none of.
    public let department: AreaDiagnosis

    public static let confidence = 0.95

    /// The perimeter's lines (every indicator and period).
    public var lines: [AreaDiagnosis.Line] { perimeter.lines }

    /// Nil when the contract has no perimeter.
    public static func load(_ contract: Contract, confidence: Double = confidence, on database: any Database) async throws -> PerimeterDiagnosis? {
        guard let perimeter = try await Perimeters.current(contractId: try contract.requireID(), on: database) else { return nil }
        let codes = perimeter.communes
        let departmentName = AdministrativeAreas.department(contract.departmentCode)?.name ?? contract.departmentCode
        let region = AreaDiagnosis.Area(name: AdministrativeAreas.region(contract.regionCode)?.name ?? contract.regionCode, level: .region,
                                        code: contract.regionCode, communes: [])
        let france = AreaDiagnosis.Area(name: "France", level: .france, code: "FR", communes: [])
        let departmentArea = AreaDiagnosis.Area(name: departmentName, level: .department, code: contract.departmentCode, communes: [])
        let area = AreaDiagnosis.Area(name: perimeter.label, level: perimeter.epciSiren == nil ? nil : .epci,
                                      code: perimeter.epciSiren ?? "", communes: codes)
        let figures = try await AreaDiagnosis.load(area, benchmarks: [departmentArea, region, france], regionCode: contract.regionCode,
                                                   confidence: confidence, on: database)
        let covered = Set(figures.lines.map(\.indicator.code))
        let departmental = try await AreaDiagnosis.load(departmentArea, benchmarks: [region, france], regionCode: contract.regionCode,
                                                        confidence: confidence, on: database)
        return PerimeterDiagnosis(perimeterLabel: perimeter.label, communeCount: codes.count, perimeter: figures,
                                  department: AreaDiagnosis(area: departmental.area, lines: departmental.lines.filter { !covered.contains($0.indicator.code) }))
    }
}
