import XCTest
@testable import CLSCore

final class ProgrammeStructureTests: XCTestCase {
    private func refusal(_ child: ProgrammeNodeKind, _ parent: ProgrammeNodeKind?, depth: Int = 0) -> ProgrammeStructureError? {
        do throws(ProgrammeStructureError) {
            try ProgrammeStructure.canAttach(child: child, to: parent, objectiveDepth: depth)
            return nil
        } catch {
            return error
        }
    }

    func testAllowedPlacements() {
        XCTAssertNil(refusal(.axis, nil))
        XCTAssertNil(refusal(.objective, .axis))
        XCTAssertNil(refusal(.objective, .objective, depth: 1))
        XCTAssertNil(refusal(.objective, .objective, depth: 2))
        XCTAssertNil(refusal(.objective, .objective, depth: 0))   // a parent objective counts at least 1
        XCTAssertNil(refusal(.action, .axis))
        XCTAssertNil(refusal(.action, .objective, depth: 1))
        XCTAssertNil(refusal(.action, .objective, depth: 3))      // actions under the deepest objective
        XCTAssertNil(refusal(.subAction, .action))
    }

    func testRefusedPlacements() {
        XCTAssertEqual(refusal(.axis, .axis), .misplaced(child: .axis, parent: .axis))
        XCTAssertEqual(refusal(.axis, .objective, depth: 1), .misplaced(child: .axis, parent: .objective))
        XCTAssertEqual(refusal(.axis, .action), .misplaced(child: .axis, parent: .action))
        XCTAssertEqual(refusal(.axis, .subAction), .misplaced(child: .axis, parent: .subAction))

        XCTAssertEqual(refusal(.objective, nil), .misplaced(child: .objective, parent: nil))
        XCTAssertEqual(refusal(.objective, .action), .misplaced(child: .objective, parent: .action))
        XCTAssertEqual(refusal(.objective, .subAction), .misplaced(child: .objective, parent: .subAction))
        XCTAssertEqual(refusal(.objective, .objective, depth: 3), .objectiveTooDeep(maxDepth: 3))
        XCTAssertEqual(refusal(.objective, .objective, depth: 5), .objectiveTooDeep(maxDepth: 3))

        XCTAssertEqual(refusal(.action, nil), .misplaced(child: .action, parent: nil))
        XCTAssertEqual(refusal(.action, .action), .misplaced(child: .action, parent: .action))
        XCTAssertEqual(refusal(.action, .subAction), .misplaced(child: .action, parent: .subAction))

        XCTAssertEqual(refusal(.subAction, nil), .misplaced(child: .subAction, parent: nil))
        XCTAssertEqual(refusal(.subAction, .axis), .misplaced(child: .subAction, parent: .axis))
        XCTAssertEqual(refusal(.subAction, .objective, depth: 1), .misplaced(child: .subAction, parent: .objective))
        XCTAssertEqual(refusal(.subAction, .subAction), .misplaced(child: .subAction, parent: .subAction))
    }

    func testAllowedChildrenForMenus() {
        XCTAssertEqual(ProgrammeStructure.allowedChildren(of: nil, objectiveDepth: 0), [.axis])
        XCTAssertEqual(ProgrammeStructure.allowedChildren(of: .axis, objectiveDepth: 0), [.objective, .action])
        XCTAssertEqual(ProgrammeStructure.allowedChildren(of: .objective, objectiveDepth: 2), [.objective, .action])
        XCTAssertEqual(ProgrammeStructure.allowedChildren(of: .objective, objectiveDepth: 3), [.action])
        XCTAssertEqual(ProgrammeStructure.allowedChildren(of: .action, objectiveDepth: 0), [.subAction])
        XCTAssertEqual(ProgrammeStructure.allowedChildren(of: .subAction, objectiveDepth: 0), [])
    }

    func testFrenchMessages() {
        XCTAssertEqual(refusal(.axis, .objective, depth: 1)?.message,
                       "Un axe stratégique se place à la racine du programme, pas sous un objectif.")
        XCTAssertEqual(refusal(.action, nil)?.message,
                       "Une fiche action ne peut pas se placer à la racine du programme : rattachez-la à un axe stratégique ou à un objectif.")
        XCTAssertEqual(refusal(.objective, .action)?.message,
                       "Un objectif ne peut pas se placer sous une fiche action : rattachez-le à un axe stratégique ou à un autre objectif.")
        XCTAssertEqual(refusal(.subAction, .subAction)?.message,
                       "Une sous-action ne peut pas avoir de sous-action : rattachez-la à la fiche action.")
        XCTAssertEqual(refusal(.subAction, .axis)?.message,
                       "Une sous-action ne peut pas se placer sous un axe stratégique : rattachez-la à une fiche action.")
        XCTAssertEqual(refusal(.objective, .objective, depth: 3)?.message,
                       "Les objectifs s'emboîtent sur 3 niveaux au plus. Rattachez ce nouvel objectif à un objectif de niveau supérieur, ou créez plutôt une fiche action.")
        XCTAssertEqual(ProgrammeNodeKind.allCases.map(\.label), ["Axe stratégique", "Objectif", "Fiche action", "Sous-action"])
    }
}
