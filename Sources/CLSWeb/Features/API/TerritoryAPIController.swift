import CLSStore
import Fluent
import Vapor

/// `GET /api/v1/territories/…`: the official reference, to any signed-in user or token.
struct TerritoryAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.api(.commune(.key)), use: commune)
        routes.get(.api(.epci(.key)), use: epci)
        routes.get(.api(.department(.key)), use: department)
    }

    struct Reference: Content { let code: String; let name: String }
    struct EPCIReference: Content { let siren: String; let name: String }
    struct CommuneMember: Content { let code: String; let name: String; let population: Int? }

    struct CommuneJSON: Content {
        let code: String
        let name: String
        let kind: String
        let department: String
        let region: String
        let population: Int?
        let epci: EPCIReference?
        let qpv: [Reference]
    }

    struct EPCIJSON: Content {
        let siren: String
        let name: String
        let nature: String
        let population: Int
        let communes: [CommuneMember]
    }

    struct DepartmentJSON: Content {
        let code: String
        let name: String
        let region: Reference
        let population: Int
        let communeCount: Int
        let epciCount: Int
        let qpvCount: Int
    }

    func commune(req: Request) async throws -> CommuneJSON {
        try req.require(.useWorkspace)
        guard let code = req.parameters.get("code"), let detail = try await TerritoryQueries.commune(code, on: req.db) else {
            throw WebError.invalidTerritory("commune", req.parameters.get("code") ?? "")
        }
        let commune = detail.commune
        return CommuneJSON(code: commune.id ?? "", name: commune.name, kind: commune.kind, department: commune.departmentCode,
                           region: commune.regionCode, population: commune.population,
                           epci: detail.epci.map { EPCIReference(siren: $0.id ?? "", name: $0.name) },
                           qpv: detail.qpvs.map { Reference(code: $0.id ?? "", name: $0.name) })
    }

    func epci(req: Request) async throws -> EPCIJSON {
        try req.require(.useWorkspace)
        guard let siren = req.parameters.get("siren"), let detail = try await TerritoryQueries.epci(siren, on: req.db) else {
            throw WebError.invalidTerritory("EPCI", req.parameters.get("siren") ?? "")
        }
        return EPCIJSON(siren: detail.epci.id ?? "", name: detail.epci.name, nature: detail.epci.nature, population: detail.population,
                        communes: detail.communes.map { CommuneMember(code: $0.code, name: $0.name, population: $0.population) })
    }

    func department(req: Request) async throws -> DepartmentJSON {
        try req.require(.useWorkspace)
        guard let code = req.parameters.get("code"), let detail = try await TerritoryQueries.department(code, on: req.db) else {
            throw WebError.invalidTerritory("département", req.parameters.get("code") ?? "")
        }
        return DepartmentJSON(code: detail.department.id ?? "", name: detail.department.name,
                              region: Reference(code: detail.department.regionCode, name: detail.regionName ?? ""),
                              population: detail.population, communeCount: detail.communeCount,
                              epciCount: detail.epciCount, qpvCount: detail.qpvCount)
    }
}
