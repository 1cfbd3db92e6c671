import CLSCore
import FluentKit
import Foundation

/// The diagnosis of a territory of the reference — a commune, an EPCI, a department, a region —
/// against the areas above it: a commune and an EPCI against their department, region and
/// France; a department against its region and France; a region against France.
public enum TerritoryDiagnosis {
    /// Nil when the territory is unknown.
    public static func load(_ level: DiagnosticValue.Level, code: String, confidence: Double = PerimeterDiagnosis.confidence,
                            on database: any Database) async throws -> AreaDiagnosis? {
        let france = AreaDiagnosis.Area(name: "France", level: .france, code: "FR", communes: [])
        func region(_ code: String) -> AreaDiagnosis.Area {
            AreaDiagnosis.Area(name: AdministrativeAreas.region(code)?.name ?? code, level: .region, code: code, communes: [])
        }
        func department(_ code: String) -> AreaDiagnosis.Area {
            AreaDiagnosis.Area(name: AdministrativeAreas.department(code)?.name ?? code, level: .department, code: code, communes: [])
        }
        let area: AreaDiagnosis.Area, benchmarks: [AreaDiagnosis.Area], regionCode: String?
        switch level {
        case .france:
            return try await AreaDiagnosis.load(france, benchmarks: [], regionCode: nil, confidence: confidence, on: database)
        case .region:
            guard AdministrativeAreas.region(code) != nil else { return nil }
            (area, benchmarks, regionCode) = (region(code), [france], code)
        case .department:
            guard let known = AdministrativeAreas.department(code) else { return nil }
            (area, benchmarks, regionCode) = (department(code), [region(known.regionCode), france], known.regionCode)
        case .epci:
            guard let epci = try await EPCI.find(code, on: database) else { return nil }
            let members = try await Commune.query(on: database).filter(\.$epciSiren == code).filter(\.$kind == "COM").all()
            // The department holding most of its inhabitants.
            var populations: [String: Int] = [:]
            for member in members { populations[member.departmentCode, default: 0] += member.population ?? 0 }
            guard let main = populations.max(by: { $0.value < $1.value })?.key, let known = AdministrativeAreas.department(main) else { return nil }
            area = AreaDiagnosis.Area(name: epci.name, level: .epci, code: code, communes: members.compactMap(\.id))
            (benchmarks, regionCode) = ([department(main), region(known.regionCode), france], known.regionCode)
        case .commune:
            guard let commune = try await Commune.find(code, on: database) else { return nil }
            area = AreaDiagnosis.Area(name: commune.name, level: .commune, code: code, communes: [])
            (benchmarks, regionCode) = ([department(commune.departmentCode), region(commune.regionCode), france], commune.regionCode)
        }
        return try await AreaDiagnosis.load(area, benchmarks: benchmarks, regionCode: regionCode, confidence: confidence, on: database)
    }
}
