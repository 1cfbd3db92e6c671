import CLSCore
import CLSStore
import Fluent
import Foundation
import XCTest
@testable import CLSFormats
@testable import CLSWeb

/// Mutated plan workbooks taken through the whole import (read, then write when the reading has
/// no error): an import either lands whole or leaves no trace. Cells get hostile values (overlong
/// texts, impossible dates, huge or negative amounts, unknown vocabularies, controls), and some
/// parts get flipped bytes. `CLS_FUZZ_CASES` scales it like the format fuzzer (a twentieth of it here).
final class ImportFuzzTests: XCTestCase {
    static let hostileValues: [String] = [
        String(repeating: "x", count: TextLimits.line + 1), String(repeating: "é", count: 120_000), "", " ", "\u{0}", "\u{7}",
        "31/02/2026", "2026-13-45", "00/00/0000", "1e309", "-1", "-99999999999999999999", "NaN", "12,5 €", "=HYPERLINK(\"x\")",
        "statut inconnu", "Terminé", "en cours", "<script>alert(1)</script>", "\u{202E}txt.exe", "Axe 1", "Axe 1 > Objectif", "😀",
    ]

    func testMutatedWorkbooksImportWholeOrLeaveNoTrace() async throws {
        let cases = max(40, (ProcessInfo.processInfo.environment["CLS_FUZZ_CASES"].flatMap(Int.init) ?? 2_400) / 20)
        try await TestApp.run { app, _ in
            let source = try await TestApp.contract(named: "CLS 2 de Belle-Île-en-Mer", on: app)
            let target = try await TestApp.contract(named: "CLS de Stains", on: app)
            let targetId = try target.requireID()
            let workbook = try PlanSpreadsheetWriter.write(try await PlanExporter.document(contractId: source.requireID(), on: app.db),
                                                          title: source.name)
            let directory = try ZipDirectory(data: workbook, maxEntries: 100)
            let extractor = ZipExtractor(directory: directory, limits: XLSXLimits())
            var parts: [String: Data] = [:]
            for entry in directory.entries { parts[entry.path] = try extractor.contents(of: entry) }
            let strings = try XCTUnwrap(parts["xl/sharedStrings.xml"].map { String(decoding: $0, as: UTF8.self) })
            let mutations = Mutations(database: app.db, actor: .system)
            var seed = UInt64(ProcessInfo.processInfo.environment["CLS_FUZZ_SEED"].flatMap(UInt64.init) ?? 0x1A7E)
            func next() -> UInt64 { seed = seed &* 6364136223846793005 &+ 1442695040888963407; return seed >> 33 }
            var outcomes = (unreadable: 0, refusedOnRead: 0, refusedOnWrite: 0, imported: 0)

            for _ in 0..<cases {
                var mutated = parts
                // Replace a few cells' texts with hostile values.
                var text = strings
                let cells = text.ranges(of: "<t")
                for _ in 0..<(1 + Int(next() % 4)) where !cells.isEmpty {
                    guard let open = text.ranges(of: "<t").dropFirst(Int(next() % UInt64(max(1, cells.count)))).first,
                          let start = text[open.upperBound...].firstIndex(of: ">"),
                          let end = text[start...].range(of: "</t>") else { continue }
                    let value = Self.hostileValues[Int(next() % UInt64(Self.hostileValues.count))]
                    text.replaceSubrange(text.index(after: start)..<end.lowerBound, with: XMLText.escaped(value))
                }
                mutated["xl/sharedStrings.xml"] = Data(text.utf8)
                // Sometimes a flipped byte in the sheet itself.
                if next() % 4 == 0, var sheet = mutated["xl/worksheets/sheet1.xml"], !sheet.isEmpty {
                    let index = Int(next() % UInt64(sheet.count))
                    sheet[sheet.startIndex + index] ^= UInt8(1 << (next() % 8))
                    mutated["xl/worksheets/sheet1.xml"] = sheet
                }
                let data = try ZipPackageWriter.archive(mutated.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })

                let before = try await Self.counts(targetId, on: app.db)
                guard case .success(let result) = PlanImportOperation.read(data, themes: Theme.defaults) else {
                    outcomes.unreadable += 1
                    continue
                }
                if result.hasErrors { outcomes.refusedOnRead += 1; continue }
                do {
                    let summary = try await PlanImporter.apply(result.document, to: target, using: mutations)
                    let after = try await Self.counts(targetId, on: app.db)
                    XCTAssertEqual(after.actions - before.actions, summary.actions + summary.subActions)
                    XCTAssertEqual(after.lines - before.lines, summary.budgetLines)
                    outcomes.imported += 1
                } catch {
                    let after = try await Self.counts(targetId, on: app.db)
                    XCTAssertEqual(after, before, "a refused import left a trace: \(error)")
                    outcomes.refusedOnWrite += 1
                }
            }
            print("import fuzz: \(cases) workbooks: \(outcomes.imported) imported whole, \(outcomes.refusedOnWrite) refused on writing "
                  + "with nothing written, \(outcomes.refusedOnRead) refused on reading, \(outcomes.unreadable) unreadable")
            XCTAssertGreaterThan(outcomes.imported, 0)
            XCTAssertGreaterThan(outcomes.refusedOnWrite + outcomes.refusedOnRead + outcomes.unreadable, 0)
        }
    }

    struct Counts: Equatable {
        let actions: Int
        let sections: Int
        let lines: Int
        let journal: Int
    }

    static func counts(_ contractId: UUID, on database: any Database) async throws -> Counts {
        Counts(actions: try await Action.query(on: database).filter(\.$contract.$id == contractId).count(),
               sections: try await ProgrammeSection.query(on: database).filter(\.$contract.$id == contractId).count(),
               lines: try await BudgetLine.query(on: database).filter(\.$contractId == contractId).count(),
               journal: try await AuditEntry.query(on: database).count())
    }
}
