import CLSCore
import Foundation
import XCTest
@testable import CLSStore

/// DOMAIN.md §3 step 4: every priority within the competences of at least two signatories — a
/// warning in words, never a block.
final class PriorityCompetenceTests: XCTestCase {
    func priority(_ domain: CompetenceDomain?) -> ContractPriority {
        ContractPriority(contractId: UUID(), findingId: nil, title: "Santé mentale des jeunes adultes", prsReference: "", domain: domain, position: 0)
    }

    func testTwoCompetentSignatoriesSatisfyTheRule() {
        let city = Organisation(name: "Ville de Saint-Ouen-sur-Seine", kind: .commune, competences: [.youth, .social])
        let department = Organisation(name: "Département de la Seine-Saint-Denis", kind: .departement, competences: [.youth])
        XCTAssertNil(DiagnosisWork.competenceWarning(priority(.youth), signatories: [city, department]))
        XCTAssertNil(DiagnosisWork.competenceWarning(priority(nil), signatories: []), "no competence named, nothing to check")
    }

    func testFewerThanTwoAreToldByName() {
        let city = Organisation(name: "Ville de Saint-Ouen-sur-Seine", kind: .commune, competences: [.youth])
        let ars = Organisation(name: "ARS Île-de-France", kind: .ars, competences: [.health])
        XCTAssertEqual(DiagnosisWork.competenceWarning(priority(.youth), signatories: [city, ars]),
                       "Seul Ville de Saint-Ouen-sur-Seine a la compétence « Jeunesse » parmi les signataires : la règle veut au moins deux signataires compétents.")
        XCTAssertEqual(DiagnosisWork.competenceWarning(priority(.housing), signatories: [city, ars]),
                       "Aucun signataire n'a la compétence « Logement et habitat » : la règle veut au moins deux signataires compétents.")
        XCTAssertEqual(DiagnosisWork.competenceWarning(priority(.youth), signatories: []),
                       "Les signataires ne sont pas encore désignés : la règle veut au moins deux signataires compétents en « Jeunesse ».")
    }
}
