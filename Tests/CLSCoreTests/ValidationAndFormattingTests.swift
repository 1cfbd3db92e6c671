import XCTest
@testable import CLSCore

final class ValidationAndFormattingTests: XCTestCase {
    func testFrenchDatesAndNumbers() {
        XCTAssertEqual(FrenchFormat.date(CalendarDay(year: 2014, month: 2, day: 17)!), "17 février 2014")
        XCTAssertEqual(FrenchFormat.date(CalendarDay(year: 2013, month: 6, day: 1)!), "1er juin 2013")
        XCTAssertEqual(FrenchFormat.number(1234.5), "1\u{202F}234,5")
        XCTAssertEqual(FrenchFormat.euros(60000), "60\u{202F}000\u{00A0}€")
        XCTAssertEqual(FrenchFormat.number(-0.004), "0")
        XCTAssertEqual(FrenchFormat.number(999.999), "1\u{202F}000")
        XCTAssertEqual(FrenchFormat.percent(106.666), "106,7\u{00A0}%")
        XCTAssertEqual(FrenchFormat.count(1, singular: "contrat", plural: "contrats"), "1 contrat")
        XCTAssertEqual(FrenchFormat.count(1500, singular: "contrat", plural: "contrats"), "1\u{202F}500 contrats")
    }

    func testCalendarDaysParseBothWaysAndRefuseImpossibleDates() {
        XCTAssertEqual(CalendarDay(parsing: "2014-02-17"), CalendarDay(year: 2014, month: 2, day: 17))
        XCTAssertEqual(CalendarDay(parsing: "17/02/2014"), CalendarDay(year: 2014, month: 2, day: 17))
        XCTAssertNil(CalendarDay(parsing: "31/02/2026"))
        XCTAssertNil(CalendarDay(parsing: "2026-13-01"))
        XCTAssertNotNil(CalendarDay(parsing: "29/02/2024"))
        XCTAssertNil(CalendarDay(parsing: "29/02/2100"))
        XCTAssertNil(CalendarDay(parsing: "demain"))
        XCTAssertLessThan(CalendarDay(parsing: "2013-12-31")!, CalendarDay(parsing: "2014-01-01")!)
    }

    func testSirenChecksItsKey() {
        XCTAssertEqual(Siren("200 067 213")?.digits, "200067213")
        XCTAssertEqual(Siren("130007669")?.digits, "130007669")
        XCTAssertNil(Siren("123456789"))
        XCTAssertNil(Siren("20006721"))
        XCTAssertNil(Siren("2000672l3"))
    }

    func testContractDraftNamesEveryProblem() {
        var input = ContractDraft.Input()
        input.name = "  "
        input.generation = "0"
        input.regionCode = "53"
        input.departmentCode = "93"
        input.startsOn = "2026-01-01"
        input.endsOn = "2025-12-31"
        input.durationYears = "12"
        input.isConfidential = true
        input.isPublished = true
        input.linkedSchemes = ["asv", "inconnu"]
        guard case .failure(let errors) = ContractDraft.validate(input) else { return XCTFail("must be refused") }
        XCTAssertEqual(Set(errors.messages.keys), ["name", "generation", "departmentCode", "endsOn", "durationYears", "isPublished", "linkedSchemes"])
        XCTAssertEqual(errors.messages["departmentCode"], "Le département « Seine-Saint-Denis » n'appartient pas à la région « Bretagne ». Choisissez un département de cette région.")
    }

    func testContractDraftConvertsGoodInput() throws {
        var input = ContractDraft.Input()
        input.name = " CLS de Belle-Île-en-Mer "
        input.generation = "2"
        input.regionCode = "53"
        input.departmentCode = "56"
        input.initiative = "ascending"
        input.signedOn = "18/01/2013"
        input.linkedSchemes = ["cpts"]
        let draft = try ContractDraft.validate(input).get()
        XCTAssertEqual(draft.name, "CLS de Belle-Île-en-Mer")
        XCTAssertEqual(draft.generation, 2)
        XCTAssertEqual(draft.initiative, .ascending)
        XCTAssertEqual(draft.signedOn?.iso, "2013-01-18")
        XCTAssertEqual(draft.linkedSchemes, [.cpts])
        XCTAssertNil(draft.previousContractId)
    }

    func testOrganisationDraftDerivesTheRegionAndChecksTheSiren() throws {
        var input = OrganisationDraft.Input()
        input.name = "CPAM de la Mayenne"
        input.kind = "health_insurance"
        input.departmentCode = "53"
        input.competences = ["soins", "prevention"]
        let draft = try OrganisationDraft.validate(input).get()
        XCTAssertEqual(draft.regionCode, "52")
        XCTAssertEqual(draft.competences, [.care, .prevention])
        input.siren = "123 456 789"
        input.kind = "bank"
        guard case .failure(let errors) = OrganisationDraft.validate(input) else { return XCTFail("must be refused") }
        XCTAssertEqual(Set(errors.messages.keys), ["siren", "kind"])
    }

    func testPasswordRules() {
        XCTAssertEqual(PasswordRules.problems("Court-1", confirmation: "Court-1").map(\.field), ["newPassword"])
        XCTAssertEqual(PasswordRules.problems("toutenminuscules", confirmation: "toutenminuscules").map(\.field), ["newPassword"])
        XCTAssertEqual(PasswordRules.problems("Demo-CLS-2026", confirmation: "Demo-CLS-2027").map(\.field), ["confirmation"])
        XCTAssertTrue(PasswordRules.problems("Demo-CLS-2026", confirmation: "Demo-CLS-2026").isEmpty)
    }

    func testSearchFoldingIgnoresCaseAccentsAndLigatures() {
        XCTAssertEqual(SearchText.fold("CLS de BELLE-ÎLE-en-Mer"), "cls de belle-ile-en-mer")
        XCTAssertEqual(SearchText.fold("Mise en  Œuvre"), "mise en oeuvre")
        XCTAssertEqual(SearchText.fold("Alès Pays Cévennes"), "ales pays cevennes")
    }

    func testEveryDepartmentBelongsToAKnownRegion() {
        XCTAssertEqual(AdministrativeAreas.regions.count, 18)
        XCTAssertEqual(AdministrativeAreas.departments.count, 101)
        for department in AdministrativeAreas.departments {
            XCTAssertNotNil(AdministrativeAreas.region(department.regionCode), department.code)
        }
        XCTAssertEqual(AdministrativeAreas.departments(in: "53").map(\.code), ["22", "29", "35", "56"])
    }
}

final class DeprivationScoreTests: XCTestCase {
    func testScoresAreWeightedZScoresOrientedTowardsDeprivation() {
        // Incomes 18,000 / 20,000 / 22,000: mean 20,000, standard deviation √(8,000,000/3) ≈ 1,632.99.
        // Minima 6 / 4 / 2 %: mean 4, deviation ≈ 1.63299. No QPV figures.
        let territories = [
            DeprivationScore.Territory(id: "pauvre", values: [.medianIncome: 18_000, .minimaShare: 6]),
            DeprivationScore.Territory(id: "moyen", values: [.medianIncome: 20_000, .minimaShare: 4]),
            DeprivationScore.Territory(id: "aise", values: [.medianIncome: 22_000, .minimaShare: 2]),
            DeprivationScore.Territory(id: "inconnu", values: [:]),
        ]
        let ranked = DeprivationScore.rank(territories)
        XCTAssertEqual(ranked.map(\.id), ["pauvre", "moyen", "aise", "inconnu"])
        XCTAssertEqual(ranked[0].score ?? 0, 2_000 / 1_632.993, accuracy: 0.0001)
        XCTAssertEqual(ranked[0].components[.medianIncome] ?? 0, 1.224745, accuracy: 0.0001)
        XCTAssertEqual(ranked[1].score ?? 1, 0, accuracy: 0.0001)
        XCTAssertNil(ranked[3].score)

        // With the income alone weighted, the minima no longer count.
        let mixed = [
            DeprivationScore.Territory(id: "a", values: [.medianIncome: 18_000, .minimaShare: 2]),
            DeprivationScore.Territory(id: "b", values: [.medianIncome: 22_000, .minimaShare: 6]),
        ]
        XCTAssertEqual(DeprivationScore.rank(mixed, weights: [.medianIncome: 1]).map(\.id), ["a", "b"])
        XCTAssertEqual(DeprivationScore.rank(mixed, weights: [.minimaShare: 1]).map(\.id), ["b", "a"])
        XCTAssertEqual(DeprivationScore.rank(mixed, weights: [.medianIncome: 1, .minimaShare: 1]).first?.score ?? 1, 0, accuracy: 1e-9)
    }
}

final class TextLimitsTests: XCTestCase {
    func testEachKindOfFieldHasItsLimitCountedInCharacters() {
        XCTAssertEqual(TextLimits.limit(forField: "label"), TextLimits.line)
        XCTAssertEqual(TextLimits.limit(forField: "url"), TextLimits.link)
        XCTAssertEqual(TextLimits.limit(forField: "minutes"), TextLimits.longText)
        // 500 "é" are 1,000 bytes but 500 characters: within a line.
        XCTAssertNil(TextLimits.firstExcess(in: [("name", "Nom", String(repeating: "é", count: TextLimits.line))]))
        let excess = TextLimits.firstExcess(in: [("summary", "Résumé", "court"), ("name", "Nom", String(repeating: "a", count: 501)), ("title", "Titre", nil)])
        XCTAssertEqual(excess, TextTooLong(field: "name", label: "Nom", limit: 500, length: 501))
        XCTAssertEqual(excess?.message, "Le champ « Nom » compte 501 caractères, au-delà de la limite de 500 caractères : raccourcissez-le.")
    }
}

final class FrenchAmountTests: XCTestCase {
    func testAFormsAmountIsOptionalAndRefusedWithItsFieldsName() throws {
        XCTAssertNil(try FrenchNumber.amount(nil, label: "montant prévu"))
        XCTAssertNil(try FrenchNumber.amount("  ", label: "montant prévu"))
        XCTAssertEqual(try FrenchNumber.amount("12 500,50 €", label: "montant prévu"), 12_500.5)
        XCTAssertThrowsError(try FrenchNumber.amount("douze", label: "montant prévu")) { error in
            XCTAssertEqual((error as? FrenchNumber.NotANumber)?.message,
                           "« douze » (montant prévu) n'est pas un nombre : saisissez par exemple 12 500 ou 12500,50.")
        }
        let password = GeneratedPassword.make()
        XCTAssertEqual(password.count, 23)
        XCTAssertTrue(PasswordRules.problems(password, confirmation: password).isEmpty)
    }
}
