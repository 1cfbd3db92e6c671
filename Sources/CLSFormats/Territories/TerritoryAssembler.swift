import CLSCore
import Foundation

/// Puts the official files together into the reference the store imports: the COG gives the
/// communes, the legal populations their population (arrondissements summed into Paris, Lyon and
/// Marseille), the DGCL file the EPCI and their members, the ANCT file the QPV.
public enum TerritoryAssembler {
    /// A file to read: its name (for the messages) and its bytes, from a path or an upload.
    public struct Source: Sendable {
        public var fileName: String
        public var data: Data

        public init(fileName: String, data: Data) {
            self.fileName = fileName
            self.data = data
        }

        public init(contentsOf url: URL) throws {
            self.init(fileName: url.lastPathComponent, data: try TerritoryFileLoader.load(url, maxBytes: DelimitedTextOptions.defaultMaxBytes))
        }
    }

    public struct Files: Sendable {
        public var communes: Source
        public var populations: Source?
        public var epci: Source?
        public var qpv: Source?
        public var departments: Source?
        public var regions: Source?
        /// The COG history of the communes (mouvements des communes).
        public var events: Source?

        public init(communes: Source, populations: Source? = nil, epci: Source? = nil, qpv: Source? = nil,
                    departments: Source? = nil, regions: Source? = nil, events: Source? = nil) {
            self.communes = communes
            self.populations = populations
            self.epci = epci
            self.qpv = qpv
            self.departments = departments
            self.regions = regions
            self.events = events
        }

        public init(communes: URL, populations: URL? = nil, epci: URL? = nil, qpv: URL? = nil,
                    departments: URL? = nil, regions: URL? = nil, events: URL? = nil) throws {
            func source(_ url: URL?) throws -> Source? { try url.map(Source.init(contentsOf:)) }
            self.init(communes: try Source(contentsOf: communes), populations: try source(populations), epci: try source(epci),
                      qpv: try source(qpv), departments: try source(departments), regions: try source(regions),
                      events: try source(events))
        }
    }

    public static func assemble(_ files: Files, vintage: String) throws -> TerritoryRecords {
        var records = TerritoryRecords(vintage: vintage)
        let cog = try COGCommunesReader.read(data: files.communes.data, fileName: files.communes.fileName)
        var population: [String: Int] = [:]
        if let source = files.populations {
            let rows = try LegalPopulationsReader.read(data: source.data, fileName: source.fileName)
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
        records.regions = try files.regions.map { try RegionsReader.read(data: $0.data, fileName: $0.fileName).map { Region(code: $0.code, name: $0.name) } }
            ?? AdministrativeAreas.regions
        records.departments = try files.departments.map {
            try DepartmentsReader.read(data: $0.data, fileName: $0.fileName).map { Department(code: $0.code, name: $0.name, regionCode: $0.regionCode) }
        } ?? AdministrativeAreas.departments
        if let source = files.epci {
            let perimeter = try EPCIPerimeterReader.read(data: source.data, fileName: source.fileName)
            let members = Dictionary(grouping: perimeter.members, by: \.epciSiren)
            records.epcis = perimeter.epcis.map { epci in
                ReferenceEPCI(siren: epci.siren, name: epci.name, nature: epci.nature.rawValue,
                              memberCodes: (members[epci.siren] ?? []).map(\.communeCode))
            }
        }
        if let source = files.qpv {
            records.qpvs = try QPVReader.read(data: source.data, fileName: source.fileName).map { ReferenceQPV(code: $0.code, name: $0.name, communeCodes: $0.communeCodes) }
        }
        if let source = files.events {
            records.communeEvents = try CommuneEventsReader.read(data: source.data, fileName: source.fileName).map { event in
                ReferenceCommuneEvent(code: event.code, label: event.label, date: event.date,
                                      beforeCode: event.before?.code, beforeName: event.before?.name, beforeKind: event.before?.kind,
                                      afterCode: event.after?.code, afterName: event.after?.name, afterKind: event.after?.kind,
                                      absorbsBeforeCommune: event.absorbsBeforeCommune)
            }
        }
        return records
    }
}
