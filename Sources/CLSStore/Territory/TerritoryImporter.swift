import CLSCore
import FluentKit
import Foundation
import SQLKit

/// Writes the official territorial reference into the database in one transaction: rows are
/// upserted by their official code, so importing the same files again changes nothing, and a newer
/// vintage updates in place. Communes that left the geography (merged) are kept, marked retired,
/// because contract perimeters may still name them.
public enum TerritoryImporter {
    public struct Report: Sendable, Equatable {
        public var regions = 0
        public var departments = 0
        public var communesByKind: [String: Int] = [:]
        public var epcis = 0
        public var memberships = 0
        public var qpvs = 0
        public var qpvCommuneLinks = 0
        public var added: [String] = []
        public var renamed: [String] = []
        public var retired: [String] = []
        /// Lines of the COG history new to the platform.
        public var newEvents = 0
    }

    static let batchSize = 400

    /// Delegated and associated communes share their INSEE code with the commune they merged into:
    /// they are stored under "COMD:02360", "COMA:…", so the code alone always names the live commune.
    public static func key(of commune: ReferenceCommune) -> String {
        commune.kind == "COMD" || commune.kind == "COMA" ? "\(commune.kind):\(commune.code)" : commune.code
    }
    static let retiredKind = "RETIRED"

    public static func apply(_ records: TerritoryRecords, using mutations: Mutations) async throws -> Report {
        try AccessPolicy.require(mutations.actor.subject, .importReferenceData)
        return try await mutations.transaction { tx in
            guard let sql = tx.database as? any SQLDatabase else { throw StoreError.sqlUnavailable }
            var report = Report()
            let vintage = records.vintage

            for chunk in records.regions.chunked(batchSize) {
                let insert = sql.insert(into: RegionArea.schema).columns("code", "name", "vintage")
                for region in chunk { insert.values(SQLBind(region.code), SQLBind(region.name), SQLBind(vintage)) }
                try await insert.onConflict(with: ["code"]) { try $0.set(excludedValueOf: "name").set(excludedValueOf: "vintage") }.run()
            }
            report.regions = records.regions.count
            for chunk in records.departments.chunked(batchSize) {
                let insert = sql.insert(into: DepartmentArea.schema).columns("code", "name", "region_code", "vintage")
                for department in chunk {
                    insert.values(SQLBind(department.code), SQLBind(department.name), SQLBind(department.regionCode), SQLBind(vintage))
                }
                try await insert.onConflict(with: ["code"]) {
                    try $0.set(excludedValueOf: "name").set(excludedValueOf: "region_code").set(excludedValueOf: "vintage")
                }.run()
            }
            report.departments = records.departments.count

            // What changes, for the report: compared with the communes already known.
            let existing = try await sql.select().column("code").column("name").column("kind").from(Commune.schema).all()
            var known: [String: (name: String, kind: String)] = [:]
            for row in existing {
                known[try row.decode(column: "code", as: String.self)] = (try row.decode(column: "name", as: String.self),
                                                                          try row.decode(column: "kind", as: String.self))
            }
            var epciOfCommune: [String: String] = [:]
            for epci in records.epcis { for code in epci.memberCodes { epciOfCommune[code] = epci.siren } }
            let incoming = Set(records.communes.map(key))
            for commune in records.communes {
                report.communesByKind[commune.kind, default: 0] += 1
                if let previous = known[key(of: commune)] {
                    if previous.name != commune.name { report.renamed.append("\(commune.code) \(previous.name) → \(commune.name)") }
                } else if !known.isEmpty {
                    report.added.append("\(commune.code) \(commune.name)")
                }
            }
            report.retired = known.filter { !incoming.contains($0.key) && $0.value.kind != retiredKind }.map { "\($0.key) \($0.value.name)" }.sorted()
            // What the communes that left became, when the COG history says it.
            var absorbedInto: [String: ReferenceCommuneEvent] = [:]
            for event in records.communeEvents where event.absorbsBeforeCommune {
                if let code = event.beforeCode, (absorbedInto[code]?.date ?? "") <= event.date { absorbedInto[code] = event }
            }
            let retiredLines = report.retired

            for chunk in records.communes.chunked(batchSize) {
                let insert = sql.insert(into: Commune.schema)
                    .columns("code", "kind", "name", "department_code", "region_code", "parent_code", "epci_siren", "population", "vintage")
                for commune in chunk {
                    insert.values(SQLBind(key(of: commune)), SQLBind(commune.kind), SQLBind(commune.name), SQLBind(commune.departmentCode),
                                  SQLBind(commune.regionCode), SQLBind(commune.parentCode), SQLBind(commune.kind == "COM" ? epciOfCommune[commune.code] : nil),
                                  SQLBind(commune.population), SQLBind(vintage))
                }
                try await insert.onConflict(with: ["code"]) {
                    try $0.set(excludedValueOf: "kind").set(excludedValueOf: "name").set(excludedValueOf: "department_code")
                        .set(excludedValueOf: "region_code").set(excludedValueOf: "parent_code").set(excludedValueOf: "epci_siren")
                        .set(excludedValueOf: "population").set(excludedValueOf: "vintage")
                }.run()
            }
            report.retired = retiredLines.map { line in
                let code = String(line.prefix { $0 != " " })
                guard let event = absorbedInto[code], let into = event.afterName else { return line }
                return "\(line) (fusionnée le \(event.date) dans \(into), \(event.afterCode ?? ""))"
            }
            for chunk in retiredLines.map({ String($0.prefix { $0 != " " }) }).chunked(batchSize) {
                try await sql.update(Commune.schema).set("kind", to: retiredKind).set("epci_siren", to: SQLLiteral.null)
                    .where("code", .in, Array(chunk)).run()
            }

            for chunk in records.epcis.chunked(batchSize) {
                let insert = sql.insert(into: EPCI.schema).columns("siren", "name", "nature", "vintage")
                for epci in chunk { insert.values(SQLBind(epci.siren), SQLBind(epci.name), SQLBind(epci.nature), SQLBind(vintage)) }
                try await insert.onConflict(with: ["siren"]) {
                    try $0.set(excludedValueOf: "name").set(excludedValueOf: "nature").set(excludedValueOf: "vintage")
                }.run()
            }
            report.epcis = records.epcis.count
            report.memberships = records.epcis.reduce(0) { $0 + $1.memberCodes.count }

            for chunk in records.qpvs.chunked(batchSize) {
                let insert = sql.insert(into: QPV.schema).columns("code", "name", "vintage")
                for qpv in chunk { insert.values(SQLBind(qpv.code), SQLBind(qpv.name), SQLBind(vintage)) }
                try await insert.onConflict(with: ["code"]) { try $0.set(excludedValueOf: "name").set(excludedValueOf: "vintage") }.run()
            }
            report.qpvs = records.qpvs.count
            if !records.qpvs.isEmpty {
                try await sql.delete(from: QPVCommune.schema).run()
                let links = records.qpvs.flatMap { qpv in qpv.communeCodes.map { (qpv.code, $0) } }
                for chunk in links.chunked(batchSize) {
                    let insert = sql.insert(into: QPVCommune.schema).columns("id", "qpv_code", "commune_code")
                    for link in chunk { insert.values(SQLBind(UUID()), SQLBind(link.0), SQLBind(link.1)) }
                    try await insert.run()
                }
                report.qpvCommuneLinks = links.count
            }

            if !records.communeEvents.isEmpty {
                let knownEvents = Set(try await sql.select().column("key").from(CommuneHistoryEvent.schema).all()
                    .map { try $0.decode(column: "key", as: String.self) })
                let fresh = records.communeEvents.filter { !knownEvents.contains($0.key) }
                var seen = Set<String>()
                for chunk in fresh.filter({ seen.insert($0.key).inserted }).chunked(batchSize) {
                    let insert = sql.insert(into: CommuneHistoryEvent.schema)
                        .columns("key", "movement", "label", "effective_on", "before_code", "before_name", "after_code", "after_name", "absorbs_before")
                    for event in chunk {
                        insert.values(SQLBind(event.key), SQLBind(event.code), SQLBind(event.label), SQLBind(event.date),
                                      SQLBind(event.beforeCode), SQLBind(event.beforeName), SQLBind(event.afterCode), SQLBind(event.afterName),
                                      SQLBind(event.absorbsBeforeCommune))
                    }
                    try await insert.run()
                }
                report.newEvents = seen.count
            }

            let summary = [FieldChange(field: "vintage", label: "Millésime", old: nil, new: vintage),
                           FieldChange(field: "communes", label: "Communes et arrondissements", old: nil, new: String(records.communes.count)),
                           FieldChange(field: "epcis", label: "EPCI", old: nil, new: String(report.epcis)),
                           FieldChange(field: "qpvs", label: "QPV", old: nil, new: String(report.qpvs)),
                           FieldChange(field: "changes", label: "Évolutions", old: nil,
                                       new: "\(report.added.count) ajoutées, \(report.renamed.count) renommées, \(report.retired.count) disparues")]
            try await tx.recordEvent(.create, entityType: "territories", entityId: vintage, entityLabel: "Référentiel territorial \(vintage)",
                                     changes: summary)
            return report
        }
    }
}

extension Array {
    /// Consecutive slices of at most `size` elements.
    func chunked(_ size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
