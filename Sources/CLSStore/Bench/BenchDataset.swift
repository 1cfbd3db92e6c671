import CLSCore
import FluentKit
import Foundation
import SQLKit

/// A deterministic national-scale dataset for benchmarks (issue 7): contracts with their
/// programme (axes, objectives, fiches actions and sub-actions coded on the ISTS grid, budget
/// lines and indicators over six years), governance (bodies, meetings, decisions, coordinator
/// posts), signatories, perimeters and accounts. The same seed gives the same rows, ids included.
///
/// Territories: the imported reference when there is one (each contract covers an EPCI and its
/// communes), otherwise the departments of `AdministrativeAreas` without perimeters.
///
/// The dataset is written in bulk (multi-row inserts, one transaction per batch of contracts; the
/// big tables as plain rows, `BulkRow`),
/// not through `Mutations`: it is synthetic data for an empty database, not users' work, so it
/// carries no audit trail. It refuses a database that already holds contracts.
public enum BenchDataset {
    public struct Sizes: Sendable, Equatable {
        public var contracts = 1_000
        public var actionsPerContract = 40
        public var subActionsPerAction = 2
        public var budgetLinesPerYear = 3
        public var years = 6
        public var indicatorsPerAction = 5
        public var meetingsPerContract = 10
        public var decisionsPerContract = 20
        public var users = 2_000
        public var seed: UInt64 = 20_261_123

        public init() {}
    }

    public struct Summary: Sendable {
        public var rows: [(table: String, count: Int)] = []
        public var territories = ""
        /// The region holding the most contracts: the bench's ARS account steers it.
        public var regionCode = ""
        public var departmentCode = ""
        /// A running contract of that region with a full programme.
        public var contractId: UUID?
        /// An EPCI covered by a contract, when the reference is imported.
        public var epciSiren: String?
    }

    public enum Failure: Error, CustomStringConvertible {
        case notEmpty
        public var description: String {
            "La base contient déjà des contrats : le jeu de données de mesure se génère dans une base vide (CLS_DATA_DIR ou DATABASE_URL dédiés)."
        }
    }

    public static let password = "Bench-CLS-2026"
    public static let adminEmail = "admin@bench.cls-pilot.fr"
    public static let arsEmail = "ars@bench.cls-pilot.fr"
    public static let coordinatorEmail = "coordination-1@bench.cls-pilot.fr"

    /// Contracts written per transaction.
    static let batch = 25

    public static func generate(_ sizes: Sizes, passwordHash: String, on database: any Database,
                                progress: @Sendable (String) -> Void = { _ in }) async throws -> Summary {
        guard try await Contract.query(on: database).count() == 0 else { throw Failure.notEmpty }
        var random = SeededGenerator(seed: sizes.seed)
        let places = try await territories(on: database, random: &random)
        var summary = Summary()
        summary.territories = places.isReference
            ? "référentiel importé (\(places.areas.count) EPCI)" : "synthétiques (\(places.areas.count) départements, sans périmètre)"

        // Who steers what: one organisation per contract, one ARS per region.
        let plans = (0..<sizes.contracts).map { index in ContractPlan(index: index, area: places.areas[index % places.areas.count], random: &random) }
        var regionCounts: [String: Int] = [:]
        for plan in plans { regionCounts[plan.area.regionCode, default: 0] += 1 }
        summary.regionCode = regionCounts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key ?? "11"
        let focus = plans.first { $0.area.regionCode == summary.regionCode && $0.state == .miseEnOeuvre } ?? plans.first
        summary.contractId = focus?.id
        summary.departmentCode = focus?.area.departmentCode ?? ""
        summary.epciSiren = places.isReference ? focus?.area.epciSiren : nil

        var counts: [String: Int] = [:]
        func count(_ table: String, _ n: Int) { counts[table, default: 0] += n }

        // Organisations and accounts.
        let arsOrganisations = Dictionary(uniqueKeysWithValues: Set(plans.map(\.area.regionCode)).sorted().map { region in
            (region, Organisation(id: random.uuid(), name: "ARS \(AdministrativeAreas.region(region)?.name ?? region)", kind: .ars, regionCode: region))
        })
        let users = makeUsers(sizes, plans: plans, focusRegion: summary.regionCode, passwordHash: passwordHash, random: &random)
        try await database.transaction { tx in
            try await insert(Array(arsOrganisations.values), on: tx)
            try await insert(plans.map(\.organisation), on: tx)
            try await insert(users.accounts, on: tx)
            try await insert(users.grants, on: tx)
        }
        count(Organisation.schema, arsOrganisations.count + plans.count)
        count(User.schema, users.accounts.count)
        count(RoleAssignment.schema, users.grants.count)

        // Contracts, by batches.
        for start in stride(from: 0, to: plans.count, by: batch) {
            let slice = plans[start..<min(start + batch, plans.count)]
            var rows = Rows()
            for plan in slice {
                rows.add(plan: plan, ars: arsOrganisations[plan.area.regionCode]!, sizes: sizes,
                         pilots: users.pilotsByContract[plan.index] ?? [], random: &random)
            }
            let batchRows = rows
            try await database.transaction { tx in try await batchRows.write(on: tx) }
            for (table, n) in batchRows.counts { count(table, n) }
            progress("\(min(start + batch, plans.count)) contrats sur \(plans.count)")
        }
        summary.rows = counts.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        return summary
    }

    // MARK: - Territories

    struct Area: Sendable {
        let regionCode: String
        let departmentCode: String
        let label: String
        let epciSiren: String?
        let communes: [String]
    }

    struct Places {
        let areas: [Area]
        let isReference: Bool
    }

    /// The EPCI of the imported reference with their communes, shuffled; else the departments.
    static func territories(on database: any Database, random: inout SeededGenerator) async throws -> Places {
        guard let sql = database as? any SQLDatabase else { throw StoreError.sqlUnavailable }
        let rows = try await sql.select().column("code").column("department_code").column("region_code").column("epci_siren")
            .from(Commune.schema).where("kind", .equal, SQLBind("COM")).where("epci_siren", .isNot, SQLLiteral.null)
            .orderBy("code").all()
        var communesByEPCI: [String: [(code: String, department: String, region: String)]] = [:]
        for row in rows {
            let siren = try row.decode(column: "epci_siren", as: String.self)
            communesByEPCI[siren, default: []].append((try row.decode(column: "code", as: String.self),
                                                       try row.decode(column: "department_code", as: String.self),
                                                       try row.decode(column: "region_code", as: String.self)))
        }
        if !communesByEPCI.isEmpty {
            let names = try await EPCI.query(on: database).all().reduce(into: [String: String]()) { $0[$1.id ?? ""] = $1.name }
            var areas = communesByEPCI.keys.sorted().compactMap { siren -> Area? in
                guard let communes = communesByEPCI[siren], let first = communes.first,
                      AdministrativeAreas.department(first.department) != nil else { return nil }
                return Area(regionCode: first.region, departmentCode: first.department, label: names[siren] ?? siren,
                            epciSiren: siren, communes: communes.map(\.code))
            }
            areas.shuffle(using: &random)
            if !areas.isEmpty { return Places(areas: areas, isReference: true) }
        }
        var departments = AdministrativeAreas.departments.map {
            Area(regionCode: $0.regionCode, departmentCode: $0.code, label: $0.name, epciSiren: nil, communes: [])
        }
        departments.shuffle(using: &random)
        return Places(areas: departments, isReference: false)
    }

    // MARK: - Accounts

    struct Accounts {
        var accounts: [User] = []
        var grants: [RoleAssignment] = []
        var pilotsByContract: [Int: [UUID]] = [:]
    }

    /// An administrator, an ARS account for the busiest region, one coordinator per contract
    /// (as long as `users` allows), then pilots spread over the contracts.
    static func makeUsers(_ sizes: Sizes, plans: [ContractPlan], focusRegion: String, passwordHash: String,
                          random: inout SeededGenerator) -> Accounts {
        var result = Accounts()
        func add(_ email: String, _ name: String, _ grant: RoleGrant, organisation: UUID?) -> UUID {
            let user = User(id: random.uuid(), email: email, displayName: name, passwordHash: passwordHash, organisationId: organisation)
            result.accounts.append(user)
            result.grants.append(RoleAssignment(userId: user.id!, grant: grant))
            result.grants.last!.id = random.uuid()
            return user.id!
        }
        _ = add(adminEmail, "Administration (mesure)", RoleGrant(role: .admin, scope: nil), organisation: nil)
        _ = add(arsEmail, "ARS (mesure)", RoleGrant(role: .arsRegional, scope: focusRegion), organisation: nil)
        var remaining = max(0, sizes.users - 2)
        for plan in plans where remaining > 0 {
            _ = add("coordination-\(plan.index + 1)@bench.cls-pilot.fr", "Coordination \(plan.index + 1)",
                    RoleGrant(role: .coordinator, scope: plan.id.uuidString), organisation: plan.organisation.id)
            remaining -= 1
        }
        var pilot = 0
        while remaining > 0, !plans.isEmpty {
            let plan = plans[pilot % plans.count]
            let id = add("pilote-\(pilot + 1)@bench.cls-pilot.fr", "Pilote \(pilot + 1)",
                         RoleGrant(role: .pilot, scope: plan.id.uuidString), organisation: plan.organisation.id)
            result.pilotsByContract[plan.index, default: []].append(id)
            pilot += 1
            remaining -= 1
        }
        return result
    }

    // MARK: - Writing

    /// Multi-row inserts, in chunks that stay under SQLite's limit of bound parameters.
    static func insert<M: Model>(_ models: [M], on database: any Database) async throws {
        guard let first = models.first else { return }
        let columns = max(1, first.properties.count)
        let chunk = max(1, 30_000 / columns)
        for start in stride(from: 0, to: models.count, by: chunk) {
            try await Array(models[start..<min(start + chunk, models.count)]).create(on: database)
        }
    }
}
