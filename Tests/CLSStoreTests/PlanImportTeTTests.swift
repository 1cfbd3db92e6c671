import CLSCore
import CLSFormats
import FluentKit
import XCTest
@testable import CLSStore

/// A plan moving in from Territoires en Transitions, written into the database field by field;
/// replacing a programme; exact round trips of the demo programmes.
final class PlanImportTeTTests: XCTestCase {
    typealias Export = TerritoiresEnTransitionsExport

    private func row(_ values: [(String, XLSXCell)]) -> [XLSXCell?] {
        var cells = [XLSXCell?](repeating: nil, count: Export.headers.count)
        var used = Set<Int>()
        for (header, value) in values {
            // Repeated headers ("Montant € TTC") take their next free column.
            let index = Export.headers.indices.first { Export.headers[$0] == header && !used.contains($0) }!
            used.insert(index)
            cells[index] = value
        }
        return cells
    }

    private func tetExport() throws -> PlanDocument {
        let data = try Export.workbook(rows: [
            row([("Axe (x)", .text("1. Accès aux soins")), ("Titre de la fiche action", .text("Maison de santé")),
                 ("Thématique principale", .text("Accès aux soins")), ("Sous-thématiques", .text("Numérique en santé")),
                 ("Cibles", .text("Jeunes, Agents")), ("Structure pilote", .text("Commune inconnue du répertoire")),
                 ("Financeur 1", .text("ARS Bretagne")), ("Montant € TTC", .number(120_000)),
                 ("Financeur 2", .text("Commune")), ("Montant € TTC", .number(30_000)),
                 ("Financeur 3", .text("ARS Bretagne")), ("Montant € TTC", .number(50_000)),
                 ("Budget prévisionnel total € TTC", .number(200_000)), ("Date de début", .text("01/09/2025")),
                 ("Action en amélioration continue", .bool(true)), ("Calendrier", .text("Ouverture en 2027")),
                 ("Actions liées", .text("Prévention\nFiche d'un autre plan")), ("Fiches des plans liées", .text("PCAET 2.3")),
                 ("Notes complémentaires", .text("Terrain trouvé")),
                 ("Documents et liens", .text("Étude : https://exemple.fr/etude.pdf\nwww.exemple.fr\nDossier partagé de la mairie"))]),
            row([("Axe (x)", .text("1. Accès aux soins")), ("Titre de la fiche action", .text("Prévention")),
                 ("Statut ", .text("En cours"))]),
        ])
        let result = try PlanSpreadsheetReader.read(data: data)
        XCTAssertEqual(result.errors, [])
        return result.document
    }

    func testAPlanFromTheExportLandsFieldByField() async throws {
        try await StoreTestDatabase.run { database, _ in
            let contract = try await StoreTestDatabase.contract(named: "CLS de Stains", on: database)
            let contractId = try contract.requireID()
            // A coordinator of the contract: may edit the programme, not the region's themes.
            let coordinator = Actor(userId: nil, label: "coordination",
                                    subject: AccessSubject(userId: UUID().uuidString, grants: [RoleGrant(role: .coordinator, scope: contractId.uuidString)]))
            let summary = try await PlanImporter.apply(try self.tetExport(), to: contract, using: Mutations(database: database, actor: coordinator))
            XCTAssertEqual(summary.actions, 2)
            XCTAssertEqual(summary.budgetLines, 3)
            XCTAssertEqual(summary.links, 3, "one link to « Prévention », two web links")
            XCTAssertEqual(summary.keptInNotes, ["Numérique en santé", "Agents"])
            XCTAssertEqual(summary.themesAdded, [])
            XCTAssertEqual(summary.unresolvedLinks, ["Fiche d'un autre plan"])

            let actionFound = try await Action.query(on: database).filter(\.$contract.$id == contractId)
                .filter(\.$title == "Maison de santé").first()
            let action = try XCTUnwrap(actionFound)
            XCTAssertEqual(action.status, "", "no status given, none invented")
            XCTAssertEqual(action.plannedTotal, 200_000)
            XCTAssertTrue(action.amountsIncludeTax)
            XCTAssertTrue(action.isContinuous)
            XCTAssertEqual(action.schedule, "Ouverture en 2027")
            XCTAssertEqual(action.themeCodes, "acces_aux_soins")
            XCTAssertEqual(action.publicCodes, "jeunes")
            XCTAssertEqual(action.leadOrganisationName, "Commune inconnue du répertoire")
            XCTAssertEqual(action.linkedPlanActions, "PCAET 2.3\nFiche d'un autre plan")
            XCTAssertEqual(action.notes, "Terrain trouvé\nThème : Numérique en santé\nCibles : Agents\nDocuments et liens : Dossier partagé de la mairie")
            // Funder lines in their order and number, the same funder twice kept twice, the year of the start.
            let lines = try await BudgetLine.query(on: database).filter(\.$action.$id == action.id!).sort(\.$position).all()
            XCTAssertEqual(lines.map(\.funderName), ["ARS Bretagne", "Commune", "ARS Bretagne"])
            XCTAssertEqual(lines.map(\.planned), [120_000, 30_000, 50_000])
            XCTAssertEqual(lines.map(\.year), [2025, 2025, 2025])
            let links = try await ActionLink.query(on: database).filter(\.$action.$id == action.id!).sort(\.$label).all()
            let preventionFound = try await Action.query(on: database).filter(\.$contract.$id == contractId)
                .filter(\.$title == "Prévention").first()
            let prevention = try XCTUnwrap(preventionFound)
            XCTAssertEqual(links.map(\.label), ["Prévention", "www.exemple.fr", "Étude"])
            XCTAssertEqual(links.map(\.url), ["", "https://www.exemple.fr", "https://exemple.fr/etude.pdf"])
            XCTAssertEqual(links.map { $0.$relatedAction.id }, [prevention.id, nil, nil])
            XCTAssertEqual(prevention.status, ActionStatus.inProgress.rawValue)

            // Exported again: the same plan, links and order included.
            let exported = try await PlanExporter.document(contractId: contractId, on: database)
            let axis = try XCTUnwrap(exported.axes.first { $0.title == "Accès aux soins" })
            let back = try XCTUnwrap(axis.actions.first { $0.title == "Maison de santé" })
            XCTAssertEqual(back.fundings, [PlanFunding(funder: "ARS Bretagne", amount: 120_000, year: 2025),
                                           PlanFunding(funder: "Commune", amount: 30_000, year: 2025),
                                           PlanFunding(funder: "ARS Bretagne", amount: 50_000, year: 2025)])
            XCTAssertEqual(back.linkedActions, ["Prévention"])
            XCTAssertEqual(back.documentLinks, "www.exemple.fr : https://www.exemple.fr\nÉtude : https://exemple.fr/etude.pdf")
            XCTAssertNil(back.status)
        }
    }

    func testAnARSOfficerAddsUnlistedThemesToTheRegion() async throws {
        try await StoreTestDatabase.run { database, _ in
            let contract = try await StoreTestDatabase.contract(named: "CLS de Stains", on: database)
            let ars = Actor(userId: nil, label: "ARS",
                            subject: AccessSubject(userId: UUID().uuidString, grants: [RoleGrant(role: .arsRegional, scope: contract.regionCode)]))
            let summary = try await PlanImporter.apply(try self.tetExport(), to: contract, using: Mutations(database: database, actor: ars))
            XCTAssertEqual(summary.themesAdded, ["Numérique en santé"])
            XCTAssertEqual(summary.keptInNotes, ["Agents"])
            let themeFound = try await RegionalTheme.query(on: database).filter(\.$regionCode == contract.regionCode)
                .filter(\.$label == "Numérique en santé").first()
            let theme = try XCTUnwrap(themeFound)
            let actionFound = try await Action.query(on: database).filter(\.$title == "Maison de santé").first()
            let action = try XCTUnwrap(actionFound)
            XCTAssertEqual(action.themeCodes, "acces_aux_soins,\(theme.code)")
            let journaled = try await AuditEntry.query(on: database).filter(\.$entityType == RegionalTheme.auditEntityType).count()
            XCTAssertEqual(journaled, 1)
        }
    }

    func testReplacingAProgrammeIsOneAuditedChangeRefusedOnceAYearIsLocked() async throws {
        try await StoreTestDatabase.run { database, _ in
            let contract = try await StoreTestDatabase.contract(named: "CLS 2 de Belle-Île-en-Mer", on: database)
            let contractId = try contract.requireID()
            let mutations = Mutations(database: database, actor: .system)
            let before = try await Action.query(on: database).filter(\.$contract.$id == contractId).all()
            XCTAssertFalse(before.isEmpty)
            let summary = try await PlanImporter.apply(try self.tetExport(), to: contract, mode: .replace, using: mutations)
            XCTAssertEqual(summary.actionsReplaced, before.filter { $0.$parentAction.id == nil }.count)
            let titles = try await Action.query(on: database).filter(\.$contract.$id == contractId).all().map(\.title).sorted()
            XCTAssertEqual(titles, ["Maison de santé", "Prévention"])
            let sections = try await ProgrammeSection.query(on: database).filter(\.$contract.$id == contractId).all().map(\.title)
            XCTAssertEqual(sections, ["Accès aux soins"])
            let deletions = try await AuditEntry.query(on: database).filter(\.$contractId == contractId)
                .filter(\.$entityType == Action.auditEntityType).filter(\.$action == AuditAction.delete.rawValue).count()
            XCTAssertEqual(deletions, before.count, "every action removed is in the journal")

            // Once a year is approved, the programme stays: nothing changes.
            try await AnnualReview(contractId: contractId, year: 2025, state: YearLock.approvedState).create(on: database)
            let journalBefore = try await AuditEntry.query(on: database).count()
            do {
                _ = try await PlanImporter.apply(try self.tetExport(), to: contract, mode: .replace, using: mutations)
                XCTFail("replacing a programme with an approved year must be refused")
            } catch let locked as YearLockedError {
                XCTAssertEqual(locked.year, 2025)
            }
            let after = try await Action.query(on: database).filter(\.$contract.$id == contractId).count()
            let journalAfter = try await AuditEntry.query(on: database).count()
            XCTAssertEqual(after, 2)
            XCTAssertEqual(journalAfter, journalBefore)
        }
    }

    /// Every demo programme: export → import → export gives the same programme and the same
    /// workbook, cell by cell.
    func testExportImportExportOfTheDemoProgrammesIsExact() async throws {
        try await StoreTestDatabase.run(loadDemo: false) { database, _ in
            // The demo as `clspilot demo` loads it: Belle-Île's programme and Bobigny's running contract.
            _ = try await DemoDataset.loadIfEmpty(on: database, hasher: PlainTestHasher(), runningContract: true)
            let contracts = try await Contract.query(on: database).sort(\.$name).all()
            var compared = 0
            for contract in contracts {
                let contractId = try contract.requireID()
                let first = try await PlanExporter.document(contractId: contractId, on: database)
                guard first.actionCount > 0 else { continue }
                let themes = try await RegionalTheme.catalogue(regionCode: contract.regionCode, on: database)
                let workbook = try PlanSpreadsheetWriter.write(first, title: "Programme", themes: themes)
                let read = try PlanSpreadsheetReader.read(data: workbook, themes: themes)
                XCTAssertEqual(read.errors, [], contract.name)
                XCTAssertEqual(read.warnings, [], contract.name)
                XCTAssertEqual(read.document, first, "\(contract.name): the workbook reads back as the programme")

                let copy = Contract(name: contract.name + " (copie)", regionCode: contract.regionCode, departmentCode: contract.departmentCode)
                try await copy.create(on: database)
                _ = try await PlanImporter.apply(read.document, to: copy, using: Mutations(database: database, actor: .system))
                let second = try await PlanExporter.document(contractId: copy.requireID(), on: database)
                XCTAssertEqual(second, first, "\(contract.name): export → import gives the same programme")
                let again = try PlanSpreadsheetWriter.write(second, title: "Programme", themes: themes)
                let cells = { (data: Data) throws -> [[[XLSXCell?]]] in try XLSXWorkbook(data: data).sheets.map(\.rows) }
                XCTAssertEqual(try cells(again), try cells(workbook), "\(contract.name): the same workbook, cell by cell")
                XCTAssertEqual(again, workbook, "\(contract.name): byte for byte")
                compared += 1
            }
            XCTAssertEqual(compared, 2, "the demo's two programmes")
        }
    }
}
