import XCTest
@testable import CLSCore

final class FullTextQueryTests: XCTestCase {
    func testStemsArePrefixesOfTheUsualForms() {
        let families: [(stem: String, forms: [String])] = [
            ("vaccin", ["vaccins", "vaccination", "vaccinations"]),
            ("aliment", ["alimentaire", "alimentation", "aliments"]),
            ("depist", ["depistage", "depistages", "depister"]),
            ("ateli", ["atelier", "ateliers"]),
            ("mental", ["mentale", "mentales", "mental"]),
            ("coordin", ["coordination", "coordinateur", "coordinatrice"]),
        ]
        for family in families {
            for form in family.forms {
                let stem = FrenchStemmer.stem(form)
                XCTAssertTrue(form.hasPrefix(stem), "\(form) → \(stem)")
                XCTAssertEqual(stem, family.stem, form)
            }
        }
        XCTAssertEqual(FrenchStemmer.stem("hopitaux"), "hopital")
        XCTAssertEqual(FrenchStemmer.stem("bus"), "bus", "short words stay whole")
        XCTAssertEqual(FrenchStemmer.stem("air"), "air")
        XCTAssertEqual(FrenchStemmer.stem("logement"), "logement", "a stem keeps at least four letters")
    }

    func testAQueryIsFoldedStrippedOfStopWordsAndStemmed() {
        let query = FullTextQuery("Dépistage du CANCER du sein, dépistages !")
        XCTAssertEqual(query.terms, ["depist", "canc", "sein"])
        XCTAssertEqual(query.ftsMatch(), "\"depist\"* AND \"canc\"* AND \"sein\"*")
        XCTAssertEqual(query.ftsMatch(requiringAll: false), "\"depist\"* OR \"canc\"* OR \"sein\"*")
        XCTAssertEqual(query.tsQuery(), "depist:* & canc:* & sein:*")
        XCTAssertEqual(FullTextQuery("L'œuvre").terms, ["oeuvr"])
    }

    func testNothingASearchEngineCouldMisreadGetsThrough() {
        XCTAssertTrue(FullTextQuery("de la des ! \" * :").isEmpty)
        let hostile = FullTextQuery("santé\" OR 1=1 -- ') & !x:* NEAR(a b)")
        for term in hostile.terms {
            XCTAssertTrue(term.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }, term)
        }
        XCTAssertEqual(FullTextQuery("2024 a").terms, ["2024"], "numbers are kept, single letters dropped")
        XCTAssertEqual(FullTextQuery(String(repeating: "mot ", count: 40) + (1...30).map { "terme\($0)" }.joined(separator: " ")).terms.count,
                       FullTextQuery.maximumTerms)
    }
}
