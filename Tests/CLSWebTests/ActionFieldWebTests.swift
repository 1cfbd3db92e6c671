import CLSCore
import CLSStore
import Fluent
import Foundation
import Vapor
import XCTest
@testable import CLSWeb

/// The edit form and the JSON API of a fiche action against its description (`ActionField`).
final class ActionFieldWebTests: XCTestCase {
    static var resources: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Resources")
    }

    /// A fiche whose every field holds a valid value of its own.
    static func filledAction() -> Action {
        let action = Action(contractId: UUID(), sectionId: UUID(), title: "Titre", position: 1)
        action.id = UUID()
        for field in ActionField.all {
            if let path = Action.textFields[field.key], field != .title { action[keyPath: path] = "valeur de \(field.key)" }
        }
        func code(_ field: ActionField) -> String { field.vocabulary!.defaultCodes.last! }
        action.status = code(.status); action.priority = code(.priority)
        action.approach = code(.approach); action.istsAim = code(.istsAim); action.participation = code(.participation)
        action.themeCodes = code(.themes); action.determinantCodes = code(.determinants); action.strategyCodes = code(.strategies)
        action.publicCodes = code(.publics); action.sectorCodes = code(.sectors); action.lifeStageCodes = code(.lifeStages)
        action.startsOn = "2026-01-02"; action.endsOn = "2026-12-30"; action.plannedTotal = 1_234.5
        action.isRecurring = true; action.isNew = true; action.isConfidential = true
        action.isContinuous = true; action.amountsIncludeTax = true
        action.$leadOrganisation.id = UUID(); action.$pilotUser.id = UUID()
        return action
    }

    func testEveryEditableFieldIsInTheFormWithItsFrenchLabel() throws {
        let form = try String(contentsOf: Self.resources.appendingPathComponent("Views/actions/form.leaf"), encoding: .utf8)
        for field in ActionField.all {
            guard let name = field.formName else { continue }
            XCTAssertTrue(form.contains("name=\"\(name)\"") || form.contains("name=\"\(name)[]\""), "\(field.key): a control named \(name)")
            XCTAssertTrue(form.contains("<label for=\"\(name)\">\(field.label)</label>") || form.contains("<legend>\(field.label)</legend>"),
                          "\(field.key): labelled « \(field.label) »")
        }
    }

    /// What the form shows of an action, sent back, validated and assigned, gives the same action.
    func testTheFormCarriesEveryEditableFieldThroughToTheAction() throws {
        let action = Self.filledAction()
        let form = ActionController.ActionForm(action)
        let encoded = try JSONSerialization.jsonObject(with: JSONEncoder().encode(form)) as? [String: Any] ?? [:]
        for field in ActionField.all where field.formName != nil {
            XCTAssertNotNil(encoded[field.formName!], "\(field.key): the form holds \(field.formName!)")
        }
        let draft = try ActionDraft.validate(form.input).get()
        let assigned = Action(contractId: UUID(), sectionId: UUID(), title: "", position: 1)
        ActionController.assign(draft, to: assigned)
        assigned.$leadOrganisation.id = action.$leadOrganisation.id  // checked against the registry by the handler
        assigned.$pilotUser.id = action.$pilotUser.id                // checked against the contract's members
        let before = Dictionary(uniqueKeysWithValues: action.auditSnapshot().map { ($0.code, $0.value) })
        let after = Dictionary(uniqueKeysWithValues: assigned.auditSnapshot().map { ($0.code, $0.value) })
        for field in ActionField.all where field.formName != nil {
            XCTAssertEqual(after[field.storageColumn!], before[field.storageColumn!], "\(field.key) goes through the form")
        }
    }

    func testTheProgrammeAPIGivesEveryDescribedFieldUnderItsKey() async throws {
        try await TestApp.run { app, _ in
            let contract = try await TestApp.contract(named: "CLS 2 de Belle-Île-en-Mer", on: app)
            let contractId = try contract.requireID()
            let value1 = try await Action.query(on: app.db).filter(\.$contract.$id == contractId).filter(\.$parentAction.$id == nil).first()
            let action = try XCTUnwrap(value1)
            let filled = Self.filledAction()
            let value2 = try await Organisation.query(on: app.db).first()
            let value3 = try await User.query(on: app.db).first()
            let organisation = try XCTUnwrap(value2), pilot = try XCTUnwrap(value3)
            try await Mutations(database: app.db, actor: .system).update(action, permission: .editProgramme(contract.accessScope)) { changed in
                for (key, path) in Action.textFields where key != ActionField.title.key { changed[keyPath: path] = filled[keyPath: path] }
                changed.status = filled.status; changed.priority = filled.priority; changed.approach = filled.approach
                changed.istsAim = filled.istsAim; changed.participation = filled.participation; changed.themeCodes = filled.themeCodes
                changed.determinantCodes = filled.determinantCodes; changed.strategyCodes = filled.strategyCodes
                changed.publicCodes = filled.publicCodes; changed.sectorCodes = filled.sectorCodes; changed.lifeStageCodes = filled.lifeStageCodes
                changed.startsOn = filled.startsOn; changed.endsOn = filled.endsOn; changed.plannedTotal = filled.plannedTotal
                changed.isRecurring = true; changed.isConfidential = true
                changed.$leadOrganisation.id = organisation.id; changed.$pilotUser.id = pilot.id
            }

            let tree = try await ProgrammeTree.load(contractId: contractId, on: app.db)
            let json = ProgrammeJSON(contractId: contractId, tree: tree, budgetLines: [], today: CalendarDay(year: 2026, month: 6, day: 1)!)
            let object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(json)) as? [String: Any]
            func actions(_ sections: [[String: Any]]) -> [[String: Any]] {
                sections.flatMap { ($0["actions"] as? [[String: Any]] ?? []) + actions($0["objectives"] as? [[String: Any]] ?? []) }
            }
            let encoded = try XCTUnwrap(actions(object?["axes"] as? [[String: Any]] ?? []).first { $0["id"] as? String == action.id!.uuidString })
            func value(at key: String) -> Any? {
                key.split(separator: ".").reduce(encoded as Any?) { ($0 as? [String: Any])?[String($1)] }
            }
            for field in ActionField.all {
                guard let key = field.jsonKey else { continue }
                XCTAssertNotNil(value(at: key), "\(field.key) is « \(key) »")
                if field.kind.isText {
                    XCTAssertEqual(value(at: key) as? String, field == .title ? action.title : "valeur de \(field.key)", "\(field.key) is « \(key) »")
                }
            }
            // Every key of an action is a described field, or part of the tree's structure.
            let structural: Set<String> = ["id", "isLate", "leadOrganisationName", "logicModel", "budgetLines", "links", "subActions"]
            let described = Set(ActionField.all.compactMap(\.jsonKey))
            for key in encoded.keys where !structural.contains(key) {
                XCTAssertTrue(described.contains(key), "« \(key) » of the API is described")
            }
            for key in (encoded["logicModel"] as? [String: Any] ?? [:]).keys {
                XCTAssertTrue(described.contains("logicModel." + key), "« logicModel.\(key) » of the API is described")
            }

            // And the API's description (OpenAPI) names each of them.
            let document = try JSONSerialization.jsonObject(with: Data(contentsOf: Self.resources.appendingPathComponent("OpenAPI/openapi.json")))
            let schema = ((((document as? [String: Any])?["components"] as? [String: Any])?["schemas"] as? [String: Any])?["Action"] as? [String: Any])
            let properties = try XCTUnwrap(schema?["properties"] as? [String: Any])
            for key in described {
                let parts = key.split(separator: ".").map(String.init)
                let property = parts.count == 1 ? properties[key]
                    : ((properties[parts[0]] as? [String: Any])?["properties"] as? [String: Any])?[parts[1]]
                XCTAssertNotNil(property, "openapi.json describes « \(key) »")
            }
        }
    }
}
