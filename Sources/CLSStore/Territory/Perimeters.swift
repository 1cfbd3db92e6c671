import CLSCore
import FluentKit
import Foundation
import SQLKit

/// Contract perimeters: setting one (checked against the territorial reference) and reading what
/// it covers — communes, population, QPV — in a fixed number of queries.
public enum Perimeters {
    public enum Failure: Error, Sendable, Equatable {
        case noReference
        case unknownEPCI(String)
        case unknownCommunes([String])
        case empty
        case qpvOutside([String])
        case beforeCurrent(String)

        public var message: String {
            switch self {
            case .noReference:
                "Le référentiel territorial n'est pas encore importé : l'administrateur doit lancer « clspilot import territoires » avant de définir un périmètre."
            case .unknownEPCI(let siren):
                "Aucun EPCI de SIREN « \(siren) » dans le référentiel : vérifiez le numéro (9 chiffres, par exemple 245600465)."
            case .unknownCommunes(let codes):
                "Codes INSEE inconnus : \(codes.joined(separator: ", ")). Un code commune compte 5 caractères (56152, 2A004, 97101)."
            case .empty:
                "Indiquez un EPCI (son SIREN) ou au moins une commune (code INSEE)."
            case .qpvOutside(let codes):
                "Ces QPV ne sont pas situés dans le périmètre choisi : \(codes.joined(separator: ", "))."
            case .beforeCurrent(let date):
                "Le nouveau périmètre doit commencer après le début du périmètre actuel (\(date))."
            }
        }
    }

    public struct CommuneLine: Sendable {
        public let code: String
        public let name: String
        public let population: Int?
        /// For a commune that has left the geography: what it became, from the COG history.
        public var becameNote: String? = nil
    }
    public struct QPVLine: Sendable { public let code: String; public let name: String; public let isFocus: Bool }

    public struct Coverage: Sendable {
        public let perimeter: ContractPerimeter
        public let communes: [CommuneLine]
        public let population: Int
        public let qpvs: [QPVLine]
    }

    public static func current(contractId: UUID, on database: any Database) async throws -> ContractPerimeter? {
        try await ContractPerimeter.query(on: database).filter(\.$contract.$id == contractId)
            .filter(\.$validTo == nil).sort(\.$validFrom, .descending).first()
    }

    public static func history(contractId: UUID, on database: any Database) async throws -> [ContractPerimeter] {
        try await ContractPerimeter.query(on: database).filter(\.$contract.$id == contractId)
            .sort(\.$validFrom, .descending).sort(\.$createdAt, .descending).all()
    }

    public static func coverage(of perimeter: ContractPerimeter, on database: any Database) async throws -> Coverage {
        let codes = perimeter.communes
        let communes = codes.isEmpty ? [] : try await Commune.query(on: database).filter(\.$id ~~ codes).sort(\.$name).all()
        let links = codes.isEmpty ? [] : try await QPVCommune.query(on: database).filter(\.$communeCode ~~ codes).all()
        let qpvCodes = Array(Set(links.map(\.qpvCode)))
        let qpvs = qpvCodes.isEmpty ? [] : try await QPV.query(on: database).filter(\.$id ~~ qpvCodes).sort(\.$name).all()
        let focus = Set(perimeter.focusQPVs)
        // Communes merged since the perimeter was drawn: the COG history says into which commune.
        let retired = communes.filter { $0.kind == TerritoryImporter.retiredKind }.compactMap(\.id)
        var became: [String: String] = [:]
        if !retired.isEmpty {
            let events = try await CommuneHistoryEvent.query(on: database).filter(\.$beforeCode ~~ retired)
                .filter(\.$absorbsBefore == true).sort(\.$effectiveOn).all()
            for event in events {
                guard let code = event.beforeCode, let into = event.afterName else { continue }
                became[code] = "\(event.label.lowercased()) le \(CalendarDay(parsing: event.effectiveOn).map { FrenchFormat.date($0) } ?? event.effectiveOn) : fait désormais partie de \(into) (\(event.afterCode ?? ""))"
            }
            for code in retired where became[code] == nil { became[code] = "ne figure plus au Code officiel géographique" }
        }
        let lines = communes.map { CommuneLine(code: $0.id ?? "", name: $0.name, population: $0.kind == TerritoryImporter.retiredKind ? nil : $0.population,
                                               becameNote: became[$0.id ?? ""]) }
        return Coverage(perimeter: perimeter, communes: lines, population: lines.compactMap(\.population).reduce(0, +),
                        qpvs: qpvs.map { QPVLine(code: $0.id ?? "", name: $0.name, isFocus: focus.contains($0.id ?? "")) })
    }

    /// Opens a new perimeter from `validFrom`, closing the current one. Returns the new perimeter.
    @discardableResult
    public static func set(contract: Contract, epciSiren: String?, communeCodes: [String], focusQPVCodes: [String],
                           validFrom: CalendarDay, using mutations: Mutations) async throws -> ContractPerimeter {
        let permission = Permission.editContract(contract.accessScope)
        try AccessPolicy.require(mutations.actor.subject, permission)
        let database = mutations.database
        guard try await Commune.query(on: database).count() > 0 else { throw Failure.noReference }
        let contractId = try contract.requireID()
        let siren = epciSiren?.filter { !$0.isWhitespace }
        var codes: [String]
        var label: String
        var kind: ContractPerimeter.Kind
        if let siren, !siren.isEmpty {
            guard let epci = try await EPCI.find(siren, on: database) else { throw Failure.unknownEPCI(siren) }
            codes = try await Commune.query(on: database).filter(\.$epciSiren == siren).sort(\.$id).all().compactMap(\.id)
            label = epci.name
            kind = .epci
        } else {
            let wanted = Array(Set(communeCodes.map { $0.trimmingCharacters(in: .whitespaces).uppercased() }.filter { !$0.isEmpty })).sorted()
            guard !wanted.isEmpty else { throw Failure.empty }
            let found = try await Commune.query(on: database).filter(\.$id ~~ wanted).sort(\.$name).all()
            let missing = Set(wanted).subtracting(found.compactMap(\.id))
            guard missing.isEmpty else { throw Failure.unknownCommunes(missing.sorted()) }
            codes = wanted
            label = found.count == 1 ? found[0].name : found.prefix(3).map(\.name).joined(separator: ", ") + (found.count > 3 ? "…" : "")
            kind = .communes
        }
        let focus = Array(Set(focusQPVCodes.map { $0.trimmingCharacters(in: .whitespaces).uppercased() }.filter { !$0.isEmpty })).sorted()
        if !focus.isEmpty {
            let inside = Set(try await QPVCommune.query(on: database).filter(\.$communeCode ~~ codes).all().map(\.qpvCode))
            let outside = focus.filter { !inside.contains($0) }
            guard outside.isEmpty else { throw Failure.qpvOutside(outside) }
        }
        let previous = try await current(contractId: contractId, on: database)
        if let previous, let start = CalendarDay(parsing: previous.validFrom), validFrom <= start {
            throw Failure.beforeCurrent(FrenchFormat.date(start))
        }
        let perimeter = ContractPerimeter(contractId: contractId, kind: kind, epciSiren: kind == .epci ? siren : nil,
                                          communeCodes: codes, focusQPVCodes: focus, validFrom: validFrom, label: label)
        try await mutations.transaction { tx in
            if let previous {
                try await tx.update(previous, permission: permission) { $0.validTo = validFrom.iso }
            }
            try await tx.create(perimeter, permission: permission)
        }
        return perimeter
    }

    /// The contracts whose current perimeter includes one of `communeCodes` (one query on the
    /// perimeter communes index, one for the contracts).
    public static func contractsCovering(communeCodes: [String], on database: any Database) async throws -> [Contract] {
        guard !communeCodes.isEmpty, let sql = database as? any SQLDatabase else { return [] }
        var ids = Set<UUID>()
        for chunk in Array(Set(communeCodes)).sorted().chunked(1_000) {
            let rows = try await sql.select().distinct().column(SQLColumn("contract_id", table: "pc"))
                .from(SQLAlias(SQLIdentifier(PerimeterCommune.schema), as: SQLIdentifier("pc")))
                .join(SQLAlias(SQLIdentifier(ContractPerimeter.schema), as: SQLIdentifier("p")),
                      on: SQLColumn("id", table: "p"), .equal, SQLColumn("perimeter_id", table: "pc"))
                .where(SQLColumn("valid_to", table: "p"), .is, SQLLiteral.null)
                .where(SQLColumn("commune_code", table: "pc"), .in, SQLBind.group(Array(chunk)))
                .all()
            for row in rows { ids.insert(try row.decode(column: "contract_id", as: UUID.self)) }
        }
        guard !ids.isEmpty else { return [] }
        return try await Contract.query(on: database).filter(\.$id ~~ Array(ids)).sort(\.$name).all()
    }

    /// For the communes of a region or department: the contracts whose current perimeter covers each.
    public static func coverage(regionCode: String?, departmentCode: String?, on database: any Database) async throws -> [String: Set<UUID>] {
        guard let sql = database as? any SQLDatabase else { throw StoreError.sqlUnavailable }
        var query = sql.select().column(SQLColumn("commune_code", table: "pc")).column(SQLColumn("contract_id", table: "pc"))
            .from(SQLAlias(SQLIdentifier(PerimeterCommune.schema), as: SQLIdentifier("pc")))
            .join(SQLAlias(SQLIdentifier(ContractPerimeter.schema), as: SQLIdentifier("p")),
                  on: SQLColumn("id", table: "p"), .equal, SQLColumn("perimeter_id", table: "pc"))
            .join(SQLAlias(SQLIdentifier(Commune.schema), as: SQLIdentifier("c")),
                  on: SQLColumn("code", table: "c"), .equal, SQLColumn("commune_code", table: "pc"))
            .where(SQLColumn("valid_to", table: "p"), .is, SQLLiteral.null)
        if let departmentCode { query = query.where(SQLColumn("department_code", table: "c"), .equal, SQLBind(departmentCode)) }
        else if let regionCode { query = query.where(SQLColumn("region_code", table: "c"), .equal, SQLBind(regionCode)) }
        var result: [String: Set<UUID>] = [:]
        for row in try await query.all() {
            result[try row.decode(column: "commune_code", as: String.self), default: []].insert(try row.decode(column: "contract_id", as: UUID.self))
        }
        return result
    }
}
