import XCTest
@testable import CLSCore

final class ISTSTaxonomyTests: XCTestCase {
    /// The codes are stored in the database: renaming, removing or reordering one must break this test.
    func testDeterminantCodesAreStable() {
        XCTAssertEqual(ISTSTaxonomy.determinants.allCodes, [
            "D1", "D1.1", "D1.2",
            "D2", "D2.1", "D2.2", "D2.2.1", "D2.2.2", "D2.2.3", "D2.2.4", "D2.2.5",
            "D2.3", "D2.3.1", "D2.3.2", "D2.3.3", "D2.3.4", "D2.3.5", "D2.3.6",
            "D3", "D3.1", "D3.2", "D3.3", "D3.3.1", "D3.3.2",
            "D4", "D4.1", "D4.1.1", "D4.1.2", "D4.1.3", "D4.1.4", "D4.1.5", "D4.1.6", "D4.1.7",
            "D4.2", "D4.2.1", "D4.2.2", "D4.2.3", "D4.3", "D4.3.1", "D4.3.2",
            "D5", "D5.1", "D5.1.1", "D5.1.2", "D5.1.3", "D5.1.4", "D5.1.5",
            "D5.2", "D5.2.1", "D5.2.2", "D5.2.3", "D5.3", "D5.4", "D5.5",
            "D6", "D6.1", "D6.2", "D6.3",
        ])
    }

    func testStrategyCodesAreStable() {
        XCTAssertEqual(ISTSTaxonomy.strategies.allCodes, [
            "S1", "S1.1", "S1.2", "S1.3",
            "S2", "S2.1", "S2.2", "S2.3",
            "S3", "S3.1", "S3.2", "S3.3",
            "S4", "S4.1", "S4.2", "S4.3", "S4.4",
            "S5", "S5.1", "S5.2", "S5.3",
            "NS",
        ])
    }

    func testCodesAreUniqueAcrossBothClassificationsAndFollowTheHierarchy() {
        let all = ISTSTaxonomy.determinants.allCodes + ISTSTaxonomy.strategies.allCodes
        XCTAssertEqual(Set(all).count, all.count)
        for taxonomy in [ISTSTaxonomy.determinants, ISTSTaxonomy.strategies] {
            for node in taxonomy.allNodes {
                XCTAssertFalse(node.label.isEmpty, node.code)
                XCTAssertEqual(node.label.trimmingCharacters(in: .whitespaces), node.label)
                for (index, child) in node.children.enumerated() {
                    // A child's code is its parent's code followed by its rank: D2.2 → D2.2.1, D2.2.2…
                    XCTAssertEqual(child.code, "\(node.code).\(index + 1)")
                }
            }
        }
        XCTAssertEqual(ISTSTaxonomy.determinants.classes.map(\.code), ["D1", "D2", "D3", "D4", "D5", "D6"])
        XCTAssertEqual(ISTSTaxonomy.strategies.classes.map(\.code), ["S1", "S2", "S3", "S4", "S5", "NS"])
    }

    func testLabelsAreTheGridsFrenchWording() {
        let d = ISTSTaxonomy.determinants
        let s = ISTSTaxonomy.strategies
        XCTAssertEqual(d.node(code: "D1")?.label, "Conditions socio-économiques")
        XCTAssertEqual(d.node(code: "D1.1")?.label, "Revenu")
        XCTAssertEqual(d.node(code: "D1.2")?.label, "Éducation")
        XCTAssertEqual(d.node(code: "D2.2.4")?.label, "Logement (air intérieur, humidité, sécurité énergétique)")
        XCTAssertEqual(d.node(code: "D2.3")?.label, "Accès aux ressources hors soins")
        XCTAssertEqual(d.node(code: "D3.3")?.label, "Empowerment de la communauté")
        XCTAssertEqual(d.node(code: "D4.1.4")?.label, "Sexualité (IST, grossesses)")
        XCTAssertEqual(d.node(code: "D4.3.2")?.label, "Recours à la prévention")
        XCTAssertEqual(d.node(code: "D5.1.2")?.label, "Administrative (droits)")
        XCTAssertEqual(d.node(code: "D5")?.label, "Système de soins")
        XCTAssertEqual(d.node(code: "D6")?.label, "Contexte économique et politique")
        XCTAssertEqual(d.node(code: "D6.3")?.label, "Prise en compte des déterminants de santé dans les politiques")
        XCTAssertEqual(s.node(code: "S1")?.label, "Capacités individuelles")
        XCTAssertEqual(s.node(code: "S2.2")?.label, "Formation (pairs, relais, leaders, membres)")
        XCTAssertEqual(s.node(code: "S4")?.label, "Réorientation des services de santé")
        XCTAssertEqual(s.node(code: "S4.2")?.label, "Intégration et coordination")
        XCTAssertEqual(s.node(code: "S5")?.label, "Développement stratégique")
        XCTAssertEqual(s.node(code: "S5.1")?.label, "Partenariats intersectoriels")
        XCTAssertEqual(s.node(code: "NS")?.label, "Non spécifié")
        XCTAssertEqual(d.node(code: "D2.2.4")?.codeAndLabel, "D2.2.4 Logement (air intérieur, humidité, sécurité énergétique)")
    }

    func testLookupsClassesAndPaths() {
        let d = ISTSTaxonomy.determinants
        let s = ISTSTaxonomy.strategies
        XCTAssertEqual(d.classCode(of: "D2.2.4"), "D2")
        XCTAssertEqual(d.classCode(of: "D2"), "D2")
        XCTAssertEqual(s.classCode(of: "S4.1"), "S4")
        XCTAssertEqual(s.classCode(of: "NS"), "NS")
        XCTAssertNil(d.classCode(of: "S4.1"))
        XCTAssertNil(d.classCode(of: "D9"))
        XCTAssertNil(d.classCode(of: "D2.2.9"))
        XCTAssertEqual(ISTSTaxonomy.classCode(of: "D5.1.3"), "D5")
        XCTAssertEqual(ISTSTaxonomy.classCode(of: "S3.2"), "S3")
        XCTAssertNil(ISTSTaxonomy.classCode(of: "X1"))

        XCTAssertEqual(d.path(of: "D2.2.4").map(\.code), ["D2", "D2.2", "D2.2.4"])
        XCTAssertEqual(d.ancestors(of: "D2.2.4").map(\.code), ["D2", "D2.2"])
        XCTAssertEqual(d.path(of: "D6").map(\.code), ["D6"])
        XCTAssertEqual(d.ancestors(of: "D6"), [])
        XCTAssertEqual(d.path(of: "D7"), [])
        XCTAssertEqual(d.parentCode(of: "D4.2.3"), "D4.2")
        XCTAssertNil(d.parentCode(of: "D4"))
        XCTAssertEqual(d.depth(of: "D4.2.3"), 3)
        XCTAssertEqual(d.depth(of: "D4"), 1)
        XCTAssertEqual(d.depth(of: "nope"), 0)

        XCTAssertTrue(d.isValid(code: "D5.5"))
        XCTAssertFalse(d.isValid(code: "d5.5"))   // stored codes are exact
        XCTAssertFalse(d.isValid(code: "D5.6"))
        XCTAssertFalse(d.isValid(code: "NS"))
        XCTAssertTrue(s.isValid(code: "NS"))
        XCTAssertFalse(s.isValid(code: ""))
        XCTAssertEqual(d.node(code: "D2.2")?.children.count, 5)
        XCTAssertEqual(d.node(code: "D5.4")?.isLeaf, true)
        XCTAssertEqual(ISTSTaxonomy.node(code: "S5.3")?.label, "Planification et mesures politiques")
        XCTAssertEqual(ISTSTaxonomy.taxonomy(of: "S5.3")?.name, "Stratégies d'intervention")
        XCTAssertEqual(ISTSTaxonomy.taxonomy(of: "D1")?.name, "Déterminants de santé")
        XCTAssertNil(ISTSTaxonomy.taxonomy(of: "Z"))
    }

    func testClassCodesCountAnActionOnceperClass() {
        let d = ISTSTaxonomy.determinants
        XCTAssertEqual(d.classCodes(of: ["D5.1.1", "D5.2.2", "D2.2.4", "D5", "bogus"]), ["D2", "D5"])
        XCTAssertEqual(d.classCodes(of: []), [])
        XCTAssertEqual(ISTSTaxonomy.strategies.classCodes(of: ["NS", "S4.1", "S4.3"]), ["S4", "NS"])
    }

    func testMatchingImportedCodesAndLabels() {
        let d = ISTSTaxonomy.determinants
        let s = ISTSTaxonomy.strategies
        XCTAssertEqual(d.match(" d2.2.4 ")?.code, "D2.2.4")
        XCTAssertEqual(d.match("D2.2.4 Logement (air intérieur…)")?.code, "D2.2.4")
        XCTAssertEqual(d.match("D1.1. Revenu")?.code, "D1.1")
        XCTAssertEqual(d.match("REVENU")?.code, "D1.1")
        XCTAssertEqual(d.match("recours a la prevention")?.code, "D4.3.2")
        XCTAssertEqual(s.match("ns")?.code, "NS")
        XCTAssertEqual(s.match("non specifie")?.code, "NS")
        XCTAssertNil(d.match("Autres"))          // D2.3.6 and D4.1.7
        XCTAssertNil(d.match("Alimentation"))    // D2.3.4 and D4.1.5
        XCTAssertNil(d.match("S4.1"))
        XCTAssertNil(d.match("   "))
        XCTAssertNil(d.match("logement social"))
    }
}
