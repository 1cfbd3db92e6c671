import CLSCore
import Foundation

/// Puts the official files together into the reference the store imports: the COG gives the
/// communes, the legal populations their population (arrondissements summed into Paris, Lyon and
/// Marseille), the DGCL file the EPCI and their members, the ANCT file the QPV.
public enum TerritoryAssembler {
    public struct Files: Sendable {
        public var communes: URL
        public var populations: URL?
        public var epci: URL?
        public var qpv: URL?
        public var departments: URL?
        public var regions: URL?

        public init(communes: URL, populations: URL? = nil, epci: URL? = nil, qpv: URL? = nil,
                    departments: URL? = nil, regions: URL? = nil) {
            self.communes = communes
            self.populations = populations
            self.epci = epci
            self.qpv = qpv
            self.departments = departments
            self.regions = regions
        }
    }

    public static func assemble(_ files: Files, vintage: String) throws -> TerritoryRecords {
        var records = TerritoryRecords(vintage: vintage)
        let cog = try COGCommunesReader.read(contentsOf: files.communes)
        var population: [String: Int] = [:]
        if let url = files.populations {
            let rows = try LegalPopulationsReader.read(contentsOf: url)
            // Arrondissements keep their own figure; the city gets their sum.
            for row in rows { population[row.code] = row.municipalPopulation }
            for row in LegalPopulationsReader.communes(from: rows) { population[row.code] = row.municipalPopulation }
        }
        let byCode = Dictionary(cog.records.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        records.communes = cog.records.compactMap { row in
            // Delegated communes and arrondissements carry their department through their parent.
            let parent = row.parentCode.flatMap { byCode[$0] }
            guard let department = row.departmentCode ?? parent?.departmentCode,
                  let region = row.regionCode ?? parent?.regionCode ?? AdministrativeAreas.department(department)?.regionCode else { return nil }
            return ReferenceCommune(kind: row.kind.rawValue, code: row.code, name: row.name, departmentCode: department,
                                    regionCode: region, parentCode: row.parentCode,
                                    population: row.kind == .commune || row.kind == .municipalArrondissement ? population[row.code] : nil)
        }
        records.regions = try files.regions.map { try RegionsReader.read(contentsOf: $0).map { Region(code: $0.code, name: $0.name) } }
            ?? AdministrativeAreas.regions
        records.departments = try files.departments.map {
            try DepartmentsReader.read(contentsOf: $0).map { Department(code: $0.code, name: $0.name, regionCode: $0.regionCode) }
        } ?? AdministrativeAreas.departments
        if let url = files.epci {
            let perimeter = try EPCIPerimeterReader.read(contentsOf: url)
            let members = Dictionary(grouping: perimeter.members, by: \.epciSiren)
            records.epcis = perimeter.epcis.map { epci in
                ReferenceEPCI(siren: epci.siren, name: epci.name, nature: epci.nature.rawValue,
                              memberCodes: (members[epci.siren] ?? []).map(\.communeCode))
            }
        }
        if let url = files.qpv {
            records.qpvs = try QPVReader.read(contentsOf: url).map { ReferenceQPV(code: $0.code, name: $0.name, communeCodes: $0.communeCodes) }
        }
        return records
    }
}
